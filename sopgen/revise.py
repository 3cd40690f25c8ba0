"""Editing definitions in place: append a revision, scaffold a new SOP.

A revision is inserted as text into the file, beside the lines that are there: every comment,
quote and indentation of the user's YAML stays exactly as it was. The result is checked before
it is written, and written atomically.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .definition.loader import load_sop
from .definition.source import decode
from .errors import Diagnostic, UserError
from .files import safe_stem, write_atomic
from .templating import render

TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:", re.MULTILINE)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _entry(number: int, day: dt.date, note: str) -> str:
    return f"{{ke: {number}, tanggal: {day.isoformat()}, catatan: {_quote(note)}}}"


def _top_keys(lines: list[str]) -> list[tuple[int, str]]:
    return [(i, m.group("key")) for i, line in enumerate(lines) if (m := TOP_KEY.match(line))]


def add_revision(path: Path, note: str, day: dt.date | None = None) -> int:
    """Append the next revision to a definition; return its number."""
    day = day or dt.date.today()
    loaded = load_sop(path)  # refuse to touch a definition that does not load
    sop = loaded.document.sop
    number = (sop.revisi_terakhir.ke if sop.revisi_terakhir else 0) + 1
    raw = path.read_bytes()
    newline = "\r\n" if b"\r\n" in raw else "\n"
    bom = raw.startswith(b"\xef\xbb\xbf")
    lines = decode(path, raw).split("\n")
    keys = _top_keys(lines)
    entry = _entry(number, day, note)
    index = next((i for i, (_, key) in enumerate(keys) if key == "revisi"), None)
    if index is None:
        after = next(
            (line for line, key in keys if key == "tanggal_efektif"),
            next(line for line, key in keys if key == "tanggal_pembuatan"),
        )
        lines[after + 1 : after + 1] = ["revisi:", f"  - {entry}"]
    else:
        line = keys[index][0]
        value = lines[line].split(":", 1)[1].split("#", 1)[0].strip()
        if value in ("", "[]"):
            end = keys[index + 1][0] if index + 1 < len(keys) else len(lines)
            while end - 1 > line and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
                end -= 1
            items = [text for text in lines[line + 1 : end] if text.lstrip().startswith("- ")]
            indent = (len(items[0]) - len(items[0].lstrip())) if items else 2
            if value == "[]":
                lines[line] = lines[line].replace("[]", "", 1).rstrip()
            lines[end:end] = [" " * indent + f"- {entry}"]
        elif value.startswith("[") and value.endswith("]"):
            inner = value[1:-1].strip()
            lines[line] = lines[line].replace(value, f"[{inner + ', ' if inner else ''}{entry}]", 1)
        else:
            raise UserError(
                [
                    Diagnostic(
                        path,
                        line + 1,
                        1,
                        "`revisi` ditulis dalam bentuk yang tidak dapat "
                        "ditambah otomatis; tambahkan revisi secara manual",
                    )
                ]
            )
    text = newline.join(lines)
    encoded = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    _check_text(path, encoded, number)
    write_atomic(path, lambda stream: stream.write(encoded))
    return number


def _check_text(path: Path, encoded: bytes, number: int) -> None:
    """The edited text must load, with the new revision last; else nothing is written."""
    probe = path.with_name(f".{path.name}.periksa")
    try:
        probe.write_bytes(encoded)
        sop = load_sop(probe).document.sop
    finally:
        probe.unlink(missing_ok=True)
    if not sop.revisi or sop.revisi[-1].ke != number:
        raise UserError(
            [Diagnostic(path, None, None, "revisi baru tidak dapat ditambahkan dengan aman; tambahkan secara manual")]
        )


def new_definition(title: str, folder: Path, jenis: str = "makro") -> Path:
    """Write a new definition from the scaffold template; never overwrites a file."""
    stem = safe_stem(title.lower().replace(" ", "-"), "sop-baru")
    target = folder / f"{stem}.yaml"
    if target.exists():
        raise UserError([Diagnostic(target, None, None, "berkas sudah ada; pilih judul lain atau hapus berkas itu")])
    text = render("sop-baru.yaml.j2", judul=title, jenis=jenis, hari_ini=dt.date.today().isoformat())
    write_atomic(target, lambda stream: stream.write(text.encode("utf-8")))
    return target
