"""One SOP -> a preview PDF (and PNG pages), opened in the system viewer, rebuilt on every save."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from .definition.loader import ORGANISATION_FILE
from .errors import Diagnostic, OutputError, UserError
from .files import safe_stem, write_atomic

DEFAULT_FOLDER = Path("output") / "pratinjau"
PNG_DPI = 100


def render(source: Path, folder: Path, png: bool = False) -> tuple[list[Path], list[Diagnostic]]:
    """Build the preview; on any error nothing is written, so the last good preview stays."""
    from .pipeline import prepare
    from .writers import pdf

    prepared = prepare(source)
    document = prepared.laid_out
    stem = safe_stem(source.stem)
    target = folder / f"{stem}.pdf"
    write_atomic(target, lambda stream: pdf.write(document, stream))
    written = [target]
    if png:
        written += _pngs(target, folder, stem)
    return written, prepared.warnings


def _pngs(pdf_path: Path, folder: Path, stem: str) -> list[Path]:
    import pypdfium2

    written = []
    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        for index in range(len(document)):
            image = document[index].render(scale=PNG_DPI / 72).to_pil()
            target = folder / f"{stem}-{index + 1}.png"
            write_atomic(target, partial(image.save, format="PNG"))
            written.append(target)
    finally:
        document.close()
    for old in folder.glob(f"{stem}-*.png"):
        if old not in written and old.stem.rsplit("-", 1)[-1].isdigit():
            old.unlink(missing_ok=True)
    return written


def open_viewer(path: Path) -> bool:
    """Open a file in the system's viewer; False where there is none (a server, CI)."""
    try:
        if sys.platform.startswith("win"):
            os.startfile(str(path))  # type: ignore[attr-defined]
            return True
        command = "open" if sys.platform == "darwin" else "xdg-open"
        if shutil.which(command) is None or (
            command == "xdg-open" and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        ):
            return False
        subprocess.Popen([command, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return True
    except OSError:
        return False


def watched_files(source: Path) -> list[Path]:
    return [source, source.parent / ORGANISATION_FILE]


def changes(source: Path, stop_after: int | None = None) -> Iterator[set[Path]]:
    """Yield the changed files each time the definition or its organisation profile is saved."""
    from watchfiles import watch

    targets = {p.resolve() for p in watched_files(source)}
    seen = 0
    for batch in watch(source.parent, debounce=60, step=20, rust_timeout=0, yield_on_timeout=False):
        changed = {Path(path).resolve() for _, path in batch} & targets
        if changed:
            yield changed
            seen += 1
            if stop_after is not None and seen >= stop_after:
                return


def watch_loop(
    source: Path,
    folder: Path,
    png: bool,
    say: Callable[[str], None],
    show: Callable[[Diagnostic], None],
    stop_after: int | None = None,
) -> None:
    """Rebuild on every save; print errors and keep going; the last good preview stays."""
    for _ in changes(source, stop_after):
        started = time.perf_counter()
        try:
            written, warnings = render(source, folder, png)
        except UserError as exc:
            for diagnostic in exc.diagnostics:
                show(diagnostic)
            say("Pratinjau tidak diperbarui; perbaiki kesalahan di atas lalu simpan lagi.")
            continue
        except OutputError as exc:
            say(str(exc))
            continue
        for diagnostic in warnings:
            show(diagnostic)
        say(f"Pratinjau diperbarui ({(time.perf_counter() - started) * 1000:.0f} ms): {written[0]}")
