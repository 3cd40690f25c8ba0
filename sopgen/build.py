"""Definition files -> output files: discovery, per-SOP build, names, failures kept apart."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Diagnostic, OutputError, UserError
from .files import safe_stem, write_atomic
from .layout import layout
from .loader import ORGANISATION_FILE, load_organisation, load_sop
from .writers import WRITERS

DEFAULT_DEFINITIONS = Path("definitions")
DEFAULT_OUTPUT = Path("output")


@dataclass
class Result:
    source: Path
    outputs: list[Path] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """SOP definition files under the given files and folders (organisation profiles excluded)."""
    found: list[Path] = []
    missing: list[Diagnostic] = []
    for path in paths or [DEFAULT_DEFINITIONS]:
        if path.is_dir():
            candidates: Iterable[Path] = sorted(
                p for pattern in ("*.yaml", "*.yml") for p in path.rglob(pattern))
            found.extend(p for p in candidates if p.name != ORGANISATION_FILE and not p.name.startswith("."))
        elif path.is_file():
            found.append(path)
        else:
            missing.append(Diagnostic(path, None, None, "berkas atau folder tidak ditemukan"))
    unique = list(dict.fromkeys(found))
    return unique, missing


def output_stem(number: str, source: Path, taken: set[str]) -> str:
    """Name outputs after the SOP number; the file name breaks a tie between equal numbers."""
    stem = safe_stem(number, safe_stem(source.stem))
    if stem.lower() in taken:
        stem = safe_stem(f"{stem}-{source.stem}")
    taken.add(stem.lower())
    return stem


def build_one(source: Path, formats: Sequence[str], out: Path, taken: set[str],
              organisations: dict[Path, object] | None = None) -> Result:
    result = Result(source)
    try:
        folder = source.parent.resolve()
        cache = organisations if organisations is not None else {}
        if folder not in cache:
            try:
                cache[folder] = load_organisation(source.parent)
            except UserError as exc:
                cache[folder] = exc
        organisation = cache[folder]
        if isinstance(organisation, UserError):
            raise organisation
        loaded = load_sop(source, organisation)  # type: ignore[arg-type]
    except UserError as exc:
        result.errors = exc.diagnostics
        return result
    result.warnings = loaded.warnings
    document = layout(loaded.document)
    stem = output_stem(loaded.document.sop.nomor, source, taken)
    for name in formats:
        writer = WRITERS[name]
        target = out / f"{stem}{writer.suffix}"
        try:
            write_atomic(target, lambda stream, w=writer: w.write(document, stream))
        except OutputError as exc:
            result.errors.append(Diagnostic(source, None, None, str(exc)))
            continue
        result.outputs.append(target)
    return result


def build(paths: Sequence[Path], formats: Sequence[str], out: Path) -> tuple[list[Result], list[Diagnostic]]:
    sources, missing = discover(paths)
    taken: set[str] = set()
    organisations: dict[Path, object] = {}
    results = [build_one(source, formats, out, taken, organisations) for source in sources]
    return results, missing
