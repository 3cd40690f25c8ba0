"""Golden layouts: the laid-out pages of the shipped SOPs and of pinned fixtures, compared as text.

Every `tests/golden/<name>.layout.txt` holds the reviewed dump (`sopgen layout`, sopgen.layout.dump) of
`definitions/<name>.yaml` or of `tests/golden/fixtures/<name>.yaml`. For a definition the layout refuses,
it holds the refusal instead: one `line:column: message` per diagnostic. The fixtures pin the rare paths
of the layout (side entry, the connector fallbacks, shared connectors, 12 lanes, paper sizes, shrunk text,
refusals); the first line of each says which, and `organisasi.yaml` there sets F4 paper.

A failure shows the change as a unified diff. When the change is intended, regenerate the files and review
the diff before committing it:

    SOPGEN_UPDATE_GOLDEN=1 python -m pytest tests/layout/test_golden.py
    git diff tests/golden/

With SOPGEN_UPDATE_GOLDEN=1 the tests rewrite the golden files (and write missing ones) and pass; a golden
file left without its definition still fails, to be deleted by hand. A new fixture needs its golden file:
add `tests/golden/fixtures/<name>.yaml` (with its `# Pins:` line) and regenerate.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from conftest import ROOT, shipped

from sopgen.errors import UserError
from sopgen.layout.dump import dump
from sopgen.pipeline import prepare

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
FIXTURES = GOLDEN / "fixtures"
SUFFIX = ".layout.txt"
UPDATE = os.environ.get("SOPGEN_UPDATE_GOLDEN") == "1"


def fixtures() -> list[Path]:
    return sorted(p for p in FIXTURES.glob("*.yaml") if p.name != "organisasi.yaml")


def definitions() -> list[Path]:
    return shipped() + fixtures()


def golden_of(definition: Path) -> Path:
    return GOLDEN / f"{definition.stem}{SUFFIX}"


def rendered(definition: Path) -> str:
    """The text a golden file holds: the layout dump, or the refusal without the file's path."""
    try:
        prepared = prepare(definition)
    except UserError as exc:
        return "".join(f"{d.line}:{d.column}: {d.message}\n" for d in exc.diagnostics)
    return dump(prepared.laid_out)


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


@pytest.mark.parametrize("definition", definitions(), ids=lambda p: p.stem)
def test_layout_matches_golden(definition: Path):
    golden = golden_of(definition)
    actual = rendered(definition)
    if UPDATE:
        if not golden.exists() or golden.read_text(encoding="utf-8") != actual:
            write(golden, actual)
        return
    source = definition.relative_to(ROOT)
    if not golden.exists():
        pytest.fail(
            f"{source} has no golden file {golden.name}; write it with SOPGEN_UPDATE_GOLDEN=1 and review it",
            pytrace=False,
        )
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                f"{golden.relative_to(ROOT)} (reviewed)",
                f"{source} (now)",
            )
        )
        pytest.fail(
            f"the layout of {source} changed; if intended, rerun with SOPGEN_UPDATE_GOLDEN=1 and review "
            f"`git diff tests/golden/`\n{diff}",
            pytrace=False,
        )


def test_golden_files_and_definitions_pair_up():
    names = [p.stem for p in definitions()]
    twice = sorted({n for n in names if names.count(n) > 1})
    assert not twice, f"a fixture has the name of a shipped SOP, their golden files would clash: {twice}"
    stored = {p.name.removesuffix(SUFFIX) for p in GOLDEN.glob(f"*{SUFFIX}")}
    orphans = sorted(f"tests/golden/{n}{SUFFIX}" for n in stored - set(names))
    assert not orphans, f"golden files without a definition (delete them, or restore the definition): {orphans}"
    missing = [p for p in definitions() if p.stem not in stored]
    if UPDATE:
        for definition in missing:
            write(golden_of(definition), rendered(definition))
        return
    assert not missing, (
        f"definitions without a golden file (write them with SOPGEN_UPDATE_GOLDEN=1): "
        f"{[str(p.relative_to(ROOT)) for p in missing]}"
    )


def test_every_fixture_says_what_it_pins():
    assert len(fixtures()) >= 10
    for fixture in fixtures():
        first = fixture.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.startswith("# Pins: "), f"{fixture.name}: the first line should be `# Pins: <path>`"
