"""Editing definitions in place: append a revision, scaffold a new SOP.

A revision is inserted as text into the file, beside what is there: every comment, quote,
indentation and line ending of the user's YAML stays exactly as it was. Where to insert is read
from the YAML parser's node marks, so any layout works: `revisi` as a block or flow list, absent,
quoted keys, an indented document, values on the next line, `...`, CRLF, a BOM. The result is
checked before it is written (it must load with the new revision last and nothing else changed),
and written atomically over the real file (a symlink stays a symlink, permissions are kept).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Any

from .definition.loader import ORGANISATION_FILE, load_organisation, load_sop
from .definition.model import Sop
from .definition.source import FORBIDDEN_IN_YAML, clean_name
from .discovery import NOT_SOPS
from .errors import Diagnostic, UserError
from .files import safe_stem, write_atomic
from .templating import render

BOM = b"\xef\xbb\xbf"
LINE_BREAK = re.compile(r"\r\n|\r|\n")
ESCAPES = {code: f"\\u{code:04x}" for code in (*range(0x7F, 0xA0), 0x2028, 0x2029)}
"""Characters JSON leaves raw that YAML might read as a control or a line break."""
UNSAFE = "revisi baru tidak dapat ditambahkan dengan aman; tambahkan secara manual"


def _entry(number: int, day: dt.date, note: str) -> str:
    note_text = json.dumps(note, ensure_ascii=False).translate(ESCAPES)  # a JSON string is a YAML one
    return f"{{ke: {number}, tanggal: {day.isoformat()}, catatan: {note_text}}}"


def _end(node: Any) -> int:
    """Where a node's own text ends (a block collection ends with its last entry, not at the next key)."""
    while isinstance(node.value, list) and node.value and not node.flow_style:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return int(node.end_mark.index)


def _new_line(text: str, end: int, line: str, newline: str) -> tuple[int, str]:
    """Insert `line` as a line of its own after the line holding `end`."""
    if end > 0 and text[end - 1] in "\r\n":  # a block text ends at the start of the next line
        return end, line + newline
    found = LINE_BREAK.search(text, end)
    return (found.end(), line + newline) if found else (len(text), newline + line)


def _insertion(text: str, entry: str) -> tuple[int, str]:
    """Where the new revision goes in `text`, and the text to insert there."""
    from ruamel.yaml import YAML

    root = YAML(typ="rt").compose(FORBIDDEN_IN_YAML.sub(" ", text))  # same length: marks stay valid
    pairs = {clean_name(str(key.value))[0]: (key, value) for key, value in root.value}
    newline = found.group() if (found := LINE_BREAK.search(text)) else "\n"
    if "revisi" in pairs:
        _, value = pairs["revisi"]
        if value.flow_style and value.value:
            return _end(value.value[-1]), f", {entry}"
        if value.flow_style:  # []
            return int(value.end_mark.index) - 1, entry
        dash = text.rfind("-", 0, value.value[-1].start_mark.index)  # the list may start with `&anchor`
        column = dash - max(text.rfind("\n", 0, dash), text.rfind("\r", 0, dash)) - 1
        return _new_line(text, _end(value), f"{' ' * column}- {entry}", newline)
    key, value = pairs.get("tanggal_efektif") or pairs["tanggal_pembuatan"]
    end = max(_end(value), int(key.end_mark.index))
    if root.flow_style:
        return end, f", revisi: [{entry}]"
    indent = " " * key.start_mark.column
    return _new_line(text, end, f"{indent}revisi:{newline}{indent}  - {entry}", newline)


def note_from_changes(path: Path, revision: str = "HEAD") -> str:
    """The changes of a definition since its last commit, on one line: the `catatan` of a revision
    given none. Refused, in Indonesian, where git cannot tell them (no git, no repository, a file
    never committed) or nothing changed."""
    from .diff import GitUnavailable, compare, load_git, summary

    load_sop(path)  # the file's own problems first, at their lines
    ask = 'tulis catatannya dengan --catatan "..."'
    told = "catatan revisi belum diisi, dan"
    try:
        earlier, current, _ = load_git(path, revision)
    except GitUnavailable as exc:
        reason = "; ".join(d.message for d in exc.diagnostics)
        problem = f"{told} perubahannya tidak dapat dibaca dari git: {reason}. T{ask[1:]}"
        raise UserError([Diagnostic(path, None, None, problem)]) from None
    changes = [change for change in compare(earlier, current) if change.field != "revisi"]
    if not changes:
        problem = f"{told} berkas ini tidak berubah sejak commit terakhir ({revision}); {ask}"
        raise UserError([Diagnostic(path, None, None, problem)])
    return summary(changes)


def add_revision(path: Path, note: str, day: dt.date | None = None) -> int:
    """Append the next revision to a definition; return its number."""
    day = day or dt.date.today()
    sop = load_sop(path).document.sop  # refuse to touch a definition that does not load
    last = sop.revisi_terakhir
    number = (last.ke if last is not None and last.ke is not None else len(sop.revisi)) + 1  # unnumbered: by place
    target = path.resolve()  # through a symlink: the link stays, its target is edited
    mode = stat.S_IMODE(target.stat().st_mode)
    if not mode & 0o222 or not os.access(target, os.W_OK):  # the bits, as root ignores them
        raise UserError([Diagnostic(path, None, None, "berkas hanya-baca; izinkan penulisan berkas ini lalu ulangi")])
    encoded, moved = _edit(path, target.read_bytes(), _entry(number, day, note))
    _check(path, encoded, sop, number, moved)
    write_atomic(target, lambda stream: stream.write(encoded))
    with suppress(OSError):
        os.chmod(target, mode)
    return number


def _edit(path: Path, raw: bytes, entry: str) -> tuple[bytes, _Moved]:
    """The file's bytes with `entry` inserted (BOM and line endings kept), and where it went."""
    from ruamel.yaml.error import YAMLError

    try:
        text = raw.decode("utf-8-sig")
        at, inserted = _insertion(text, entry)
        edited = (BOM if raw.startswith(BOM) else b"") + (text[:at] + inserted + text[at:]).encode("utf-8")
    except (YAMLError, KeyError, UnicodeError):  # a layout not foreseen, a note that is not text
        raise UserError([Diagnostic(path, None, None, UNSAFE)]) from None
    return edited, _Moved(text, at, inserted)


class _Moved:
    """Maps a line of the edited text back to the user's file; the inserted lines to where they go."""

    def __init__(self, text: str, at: int, inserted: str):
        self.first = len(LINE_BREAK.findall(text, 0, at)) + 1
        self.added = len(LINE_BREAK.findall(inserted))
        self.anchor = len(LINE_BREAK.findall(text, 0, max(at - 1, 0))) + 1

    def __call__(self, diagnostic: Diagnostic, path: Path) -> Diagnostic:
        line, column = diagnostic.line, diagnostic.column
        if line is not None and line > self.first + self.added:
            line -= self.added
        elif line is not None and line >= self.first:
            line, column = self.anchor, None
        return Diagnostic(path, line, column, diagnostic.message, diagnostic.severity)


def _check(path: Path, encoded: bytes, sop: Sop, number: int, moved: _Moved) -> None:
    """The edited text must load with the new revision last and nothing else changed; else nothing
    is written. It is loaded from a private folder, and its problems are told against `path`."""
    try:
        with tempfile.TemporaryDirectory(prefix="sopgen-") as folder:
            probe = Path(folder) / path.name
            probe.write_bytes(encoded)
            try:
                edited = load_sop(probe, load_organisation(path.parent)).document.sop
            except UserError as exc:
                raise UserError([moved(d, path) if d.path == probe else d for d in exc.diagnostics]) from None
    except OSError as exc:
        problem = f"revisi tidak dapat diperiksa: folder sementara sistem tidak dapat ditulis (galat {exc.errno})"
        raise UserError([Diagnostic(path, None, None, problem)]) from None
    if (
        not edited.revisi
        or edited.revisi[-1].ke != number
        or edited.model_copy(update={"revisi": edited.revisi[:-1]}) != sop
    ):
        raise UserError([Diagnostic(path, moved.anchor, None, UNSAFE)])


def new_definition(title: str, folder: Path, jenis: str = "makro") -> Path:
    """Write a new definition from the scaffold template; never overwrites a file."""
    stem = safe_stem(title.lower().replace(" ", "-"), "sop-baru")
    if f"{stem}.yaml" in NOT_SOPS:  # `buku.yaml`, `organisasi.yaml` are not read as SOPs
        stem = f"sop-{stem}"
    target = folder / f"{stem}.yaml"
    if target.exists():
        raise UserError([Diagnostic(target, None, None, "berkas sudah ada; pilih judul lain atau hapus berkas itu")])
    text = render("sop-baru.yaml.j2", judul=title, jenis=jenis, hari_ini=dt.date.today().isoformat())
    write_atomic(target, lambda stream: stream.write(text.encode("utf-8")))
    return target


def new_organisation(folder: Path) -> Path | None:
    """An `organisasi.yaml` from its commented template where the folder has none; None if it has one."""
    target = folder / ORGANISATION_FILE
    if target.exists():
        return None
    text = render("organisasi-baru.yaml.j2")
    write_atomic(target, lambda stream: stream.write(text.encode("utf-8")))
    return target
