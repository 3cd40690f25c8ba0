"""The offline Office conformance check of ../shared/ooxml, as the tests run it (its schemas stay there)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT

VALIDATOR = ROOT.parent / "shared" / "ooxml" / "validate.py"


def require_checker() -> None:
    """Skip where the check is not beside the project; in CI its absence is an error."""
    if not VALIDATOR.is_file():
        if os.environ.get("CI"):
            raise RuntimeError(f"CI must have the conformance check at {VALIDATOR}")
        pytest.skip(f"the Office conformance check is not here ({VALIDATOR}): clone ../shared beside the project")
    pytest.importorskip("lxml", reason="the conformance check needs lxml (pip install '.[test]')")


@dataclass(frozen=True)
class Conformance:
    returncode: int
    output: str
    packages: list[dict]
    """The checker's report of each package: `package`, `findings`, `parts_checked`, `parts_schema_valid`."""

    def problems(self, known: Sequence[str] = ()) -> list[str]:
        """Every finding, by package name, but those naming one of the checker's `known` limits."""
        return [
            f"{Path(p['package']).name}: {f}"
            for p in self.packages
            for f in p["findings"]
            if not any(limit in str(f) for limit in known)
        ]

    def assert_clean(self, known: Sequence[str] = ()) -> None:
        problems = self.problems(known)
        assert self.returncode == 0 and not problems, "\n".join(problems[:20]) + self.output[-2000:]


def check(paths: Iterable[Path], workdir: Path) -> Conformance:
    """Run the check on packages or folders of them; its JSON report is written into `workdir`."""
    require_checker()
    findings = workdir / "temuan.json"
    done = subprocess.run(
        [sys.executable, str(VALIDATOR), "--quiet", "--json", str(findings), *map(str, paths)],
        capture_output=True,
        text=True,
    )
    report = json.loads(findings.read_text(encoding="utf-8"))
    return Conformance(done.returncode, done.stdout, report["packages"])
