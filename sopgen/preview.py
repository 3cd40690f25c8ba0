"""One SOP -> a preview PDF (and PNG pages), opened in the system viewer, rebuilt on every save."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from .definition.loader import ORGANISATION_FILE
from .errors import Diagnostic, OutputError, UserError
from .files import write_atomic

PNG_DPI = 100
REWATCH_SECONDS = 0.5
"""How often the watch checks that the watched folder is still the one at its path."""


def render(source: Path, folder: Path, png: bool = False) -> tuple[list[Path], list[Diagnostic]]:
    """Build the preview; on any error nothing is written, so the last good preview stays."""
    from .pipeline import prepare
    from .writers import pdf

    prepared = prepare(source)
    document = prepared.laid_out
    from .build import output_stems

    stem = output_stems([source])[source]  # named like the sheet `sopgen build` makes
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
    page = re.compile(re.escape(stem) + r"-\d+")  # this SOP's pages only: not those of `{stem}-2.yaml`
    for old in folder.glob(f"{stem}-*.png"):
        if old not in written and page.fullmatch(old.stem):
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


def _identity(folder: Path) -> tuple[int, int] | None:
    try:
        info = folder.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _batches(folder: Path) -> Iterator[set[Path]]:
    """The changed paths in `folder`, batch by batch, also after the folder is deleted or replaced
    (an editor or a sync tool): the watch then follows the folder now at that path, and a folder
    that comes back counts as a change of everything in it."""
    from watchfiles import watch

    while True:
        identity = _identity(folder)
        if identity is not None:
            try:
                for batch in watch(
                    folder, debounce=60, step=20, rust_timeout=int(REWATCH_SECONDS * 1000), yield_on_timeout=True
                ):
                    yield {Path(path) for _, path in batch}
                    if _identity(folder) != identity:
                        break
            except FileNotFoundError:  # gone before the watch started
                pass
        while _identity(folder) is None:
            time.sleep(REWATCH_SECONDS)
        try:
            found = set(folder.iterdir())
        except OSError:
            continue
        yield found


def changes(source: Path, stop_after: int | None = None) -> Iterator[set[Path]]:
    """Yield the changed files each time the definition or its organisation profile is saved."""
    targets = {p.resolve() for p in watched_files(source)}
    seen = 0
    for batch in _batches(source.parent):
        changed = {path.resolve() for path in batch} & targets
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
