"""The stages import in one direction: definition <- layout <- writers; checked on the source."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "sopgen"


def imported_modules(path: Path) -> set[str]:
    """Every sopgen module a file imports, at the top or inside a function, absolute or relative."""
    package = ".".join(("sopgen", *path.relative_to(PACKAGE).parent.parts))
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.startswith("sopgen")}


def stage_files(stage: str) -> list[Path]:
    return sorted((PACKAGE / stage).rglob("*.py"))


@pytest.mark.parametrize(
    ("stage", "forbidden"),
    [
        ("definition", ("sopgen.layout", "sopgen.writers", "sopgen.build", "sopgen.pipeline", "sopgen.book")),
        ("layout", ("sopgen.writers", "sopgen.build", "sopgen.pipeline", "sopgen.book")),
        ("writers", ("sopgen.definition", "sopgen.build", "sopgen.pipeline", "sopgen.book")),
    ],
)
def test_a_stage_does_not_import_the_stages_after_it(stage, forbidden):
    files = stage_files(stage)
    assert files
    wrong = {
        f"{path.relative_to(PACKAGE)} -> {name}"
        for path in files
        for name in imported_modules(path)
        if name.startswith(forbidden)
    }
    assert not wrong, sorted(wrong)


def test_the_checker_sees_relative_and_lazy_imports(tmp_path):
    assert "sopgen.fontmetrics.missing_glyphs" in imported_modules(PACKAGE / "definition" / "lint.py")
    assert "sopgen.layout.document" in imported_modules(PACKAGE / "writers" / "pdf.py")


def test_validating_a_definition_loads_no_layout_and_no_writer():
    code = (
        "import sys; from pathlib import Path; from sopgen.definition.loader import load_sop; "
        "load_sop(Path('definitions/monev-sop-ap.yaml')); "
        "print(sorted(m for m in sys.modules if m.startswith(('sopgen.layout', 'sopgen.writers', "
        "'openpyxl', 'docx'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=PACKAGE.parent, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
