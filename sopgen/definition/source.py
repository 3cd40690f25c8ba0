"""YAML text -> plain Python data plus the line and column of every key and value.

Reads bytes defensively (BOM, CRLF, other encodings, binary files), refuses object-building tags
and alias bombs, and turns ruamel's parser errors into Indonesian diagnostics.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, UserError
from ..files import reason
from ..xmlchars import strip_forbidden
from . import fastyaml

Loc = tuple[str | int, ...]
MAX_NODES = 100_000
"""Nodes a definition may hold once its aliases are expanded (a real SOP has a few hundred)."""
MAX_EXPANDED_CHARS = 5_000_000
"""Characters of text a definition may hold once its aliases are expanded."""
MAX_BYTES = 2 * 1024 * 1024
"""Largest definition file read (a real SOP is 5 to 20 KB)."""
STANDARD_TAGS = fastyaml.STANDARD
"""The tags a definition may carry (implicitly): anything else builds objects and is refused."""


@dataclass
class YamlSource:
    """Plain data read from one YAML file, with positions (1-based line and column)."""

    path: Path
    data: Any
    value_pos: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_pos: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)
    text: str = ""
    """The text the data was parsed from (decoded, control characters removed): lines and columns
    refer to it."""

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int | None, int | None]:
        """Position of `loc`, or of its nearest ancestor that has one."""
        table = self.key_pos if key else self.value_pos
        probe = tuple(loc)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.value_pos:
                return self.value_pos[probe]
            probe = probe[:-1]
        return self.value_pos.get((), (1, 1))

    def diagnostic(self, loc: Loc, message: str, *, key: bool = False, severity: str = "error") -> Diagnostic:
        line, column = self.position(loc, key=key)
        return Diagnostic(self.path, line, column, message, severity)  # type: ignore[arg-type]


def _error(path: Path, line: int | None, column: int | None, message: str) -> UserError:
    return UserError([Diagnostic(path, line, column, message)])


def _utf16(raw: bytes) -> bool:
    """Saved as UTF-16 (Notepad's "Unicode"): a UTF-16 BOM, or a NUL in every other byte."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    sample = raw[:8192]
    half = len(sample) // 2
    fewer, more = sorted((sample[0::2].count(0), sample[1::2].count(0)))
    return half > 0 and more >= 0.75 * half and fewer <= 0.02 * half


def decode(path: Path, raw: bytes) -> str:
    """Bytes -> text: UTF-8 with or without BOM; anything else is refused with its line."""
    if not raw.strip():
        raise _error(path, 1, 1, "berkas kosong; isi definisi SOP belum ada")
    if _utf16(raw):
        raise _error(
            path,
            1,
            1,
            'berkas tersimpan sebagai UTF-16 (di Notepad disebut "Unicode"), bukan UTF-8; simpan ulang sebagai '
            'UTF-8, mis. di Notepad: File > Simpan sebagai, lalu Pengodean "UTF-8"',
        )
    if b"\x00" in raw[:8192]:
        raise _error(path, 1, 1, "berkas biner, bukan teks YAML; periksa apakah berkas yang dipilih benar")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _error(
            path,
            line,
            column,
            "berkas tidak tersimpan sebagai UTF-8 (mungkin Windows-1252); simpan ulang dengan pengodean UTF-8",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


CONTROL_NAMES = {
    "\x0b": "tab vertikal (jeda baris manual dari Word)",
    "\x0c": "jeda halaman (form feed)",
    "\x7f": "DEL",
}
BREAKS = {"\x0b", "\x0c"}
"""Pasted from Word, these stood for a line or page break; they become a space (a raw line break
would change the YAML structure, and a plain YAML text folds line breaks into spaces anyway)."""
FORBIDDEN_IN_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
"""Characters the YAML specification does not allow in a file (C0 and C1 controls but tab and
line breaks, DEL, non-characters)."""


def strip_controls(path: Path, text: str) -> tuple[str, list[Diagnostic]]:
    """Drop the control characters YAML forbids (pasted from Word), warning at each line and column.

    A vertical tab or form feed becomes a space; any other is removed; nothing else changes."""
    if not FORBIDDEN_IN_YAML.search(text):
        return text, []
    warnings = []
    lines = text.split("\n")
    for number, line in enumerate(lines):
        found = list(FORBIDDEN_IN_YAML.finditer(line))
        if not found:
            continue
        for match in found:
            char = match.group()
            name = CONTROL_NAMES.get(char, f"U+{ord(char):04X}")
            action = "diganti spasi; untuk baris baru, tulis teksnya sebagai blok `|`" if char in BREAKS else "dihapus"
            warnings.append(
                Diagnostic(path, number + 1, match.start() + 1, f"karakter kendali {name} {action}", "warning")
            )
        lines[number] = FORBIDDEN_IN_YAML.sub(lambda m: " " if m.group() in BREAKS else "", line)
    return "\n".join(lines), warnings


SYNTAX_MESSAGES = (
    (("'\\t'", "\\t"), "karakter TAB tidak boleh dipakai untuk indentasi YAML; gunakan spasi"),
    (
        ("while scanning an alias", "while scanning an anchor"),
        "`*` atau `&` di awal teks dibaca sebagai alias atau anchor YAML; tulis seluruh teksnya dalam tanda kutip",
    ),
    (("quoted scalar",), "tanda kutip tidak ditutup"),
    (
        ("mapping values are not allowed",),
        "titik dua (:) di tempat yang salah atau indentasi tidak tepat; beri tanda kutip bila teks memuat ': '",
    ),
    (
        ("expected <block end>", "did not find expected"),
        "indentasi tidak konsisten; baris ini tidak sejajar dengan baris sebelumnya",
    ),
    (
        ("could not find expected ':'", "simple key"),
        "kunci tanpa titik dua (:), atau teks panjang yang perlu diberi tanda kutip",
    ),
    (
        ("found undefined alias",),
        "alias YAML (*nama) tidak dikenal; bila `*` bagian dari teks, tulis seluruh teksnya dalam tanda kutip",
    ),
    (("found character",), "karakter yang tidak boleh berada di sini; beri tanda kutip pada teks ini"),
)
"""ruamel's parser messages (by a phrase they contain, first match wins) in the user's words."""


def _translate(problem: str, context: str) -> str:
    text = f"{context or ''} {problem or ''}"
    for needles, message in SYNTAX_MESSAGES:
        if any(needle in text for needle in needles):
            return message
    return (
        "penulisan YAML tidak sah di sini; periksa titik dua setelah kunci, tanda kutip, kurung, "
        "dan indentasi (spasi di awal baris)"
    )


STEP_KEYS = frozenset(("kegiatan", "pelaksana", "kelengkapan", "waktu", "output", "keterangan", "id", "keputusan"))
"""Keys of a step: written twice in one mapping, they usually mean a step lost its leading `- `."""

MAX_DEPTH = 40
"""Deepest nesting of lists and mappings read (a definition needs five)."""


def parse(path: Path, text: str) -> YamlSource:
    """Plain data and positions of a YAML text: through libyaml when it can, else through ruamel."""
    deep = _too_deep(text)
    if deep is not None:
        raise _error(
            path,
            deep,
            None,
            f"daftar atau pemetaan bersarang lebih dari {MAX_DEPTH} tingkat; definisi SOP tidak "
            "memerlukannya, periksa kurung `[`/`{` yang tidak ditutup",
        )
    return _fast(path, text) or parse_with_ruamel(path, text)


def _too_deep(text: str) -> int | None:
    """The line where brackets (flow style) or indentation nest deeper than MAX_DEPTH, if any."""
    depth = 0
    for number, line in enumerate(text.split("\n"), start=1):
        content = line.lstrip(" ")
        if (len(line) - len(content)) // 2 > MAX_DEPTH:
            return number
        for char in content:
            if char in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    return number
            elif char in "]}":
                depth = max(0, depth - 1)
            elif char == "#":
                break
    return None


def parse_with_ruamel(path: Path, text: str) -> YamlSource:
    """The reference reading: ruamel's round-trip parser, with the precise message for every error."""
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    # Dates stay text here so that an impossible date is reported by validation, with its place.
    yaml.constructor.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
    try:
        root = yaml.load(text)
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        key = (exc.problem or "").split('"')[1] if '"' in (exc.problem or "") else ""
        message = f"kunci `{key}` ditulis dua kali" if key else "kunci yang sama ditulis dua kali"
        if key in STEP_KEYS:
            message += (
                "; bila ini langkah baru, awali barisnya dengan `- ` (tanda hubung dan spasi) sejajar dengan "
                "`- ` langkah sebelumnya"
            )
        raise _error(path, mark.line + 1 if mark else None, mark.column + 1 if mark else None, message) from None
    except MarkedYAMLError as exc:
        raise _syntax_error(path, text, exc) from None
    except (YAMLError, ValueError, TypeError):
        raise _error(
            path, None, None, "YAML tidak dapat dibaca; periksa penulisan berkas ini (tanda kutip, kurung, indentasi)"
        ) from None
    source = YamlSource(path, None, warnings=check_anchors(path, text), text=text)
    source.value_pos[()] = (1, 1)
    budget = [MAX_NODES]
    source.data = _plain(root, (), source, budget, set())
    return source


ANCHOR = re.compile(r"(?:^|[\s:\[\]{},-])&[^\s,\[\]{}]")


def check_anchors(path: Path, text: str) -> list[Diagnostic]:
    """Refuse a definition whose aliases expand beyond the budgets, at the line of the alias that
    crossed it; warn at a text that starts with an anchor no alias uses (`kegiatan: &Koordinasi
    dengan unit` reads as "dengan unit"). Walks the parser's events once, counting each alias by the
    size of what it names, so an alias bomb costs no more to refuse than to read."""
    if not ANCHOR.search(text):
        return []
    from ruamel.yaml import YAML

    nodes: dict[str, tuple[int, int]] = {}
    """anchor -> (nodes, characters) it expands to"""
    frames: list[list[Any]] = []
    """open collections: [anchor, nodes, characters]"""
    total_nodes = total_chars = 0
    texts: dict[str, Any] = {}
    """anchor on a text -> where it is written"""
    used: set[str] = set()
    for event in YAML(typ="rt").parse(text):
        kind = type(event).__name__
        if kind in ("ScalarEvent", "AliasEvent", "SequenceStartEvent", "MappingStartEvent"):
            if kind == "AliasEvent":
                count, chars = nodes.get(event.anchor, (1, 0))
                used.add(event.anchor)
            else:
                count, chars = 1, len(event.value) if kind == "ScalarEvent" else 0
            total_nodes += count
            total_chars += chars
            if total_nodes > MAX_NODES or total_chars > MAX_EXPANDED_CHARS:
                mark = event.start_mark
                raise _error(
                    path,
                    mark.line + 1,
                    mark.column + 1,
                    "definisi terlalu besar setelah alias YAML (*nama) diuraikan (alias bomb); ditolak. "
                    "Tulis teksnya langsung, tanpa alias berulang",
                )
            if frames:
                frames[-1][1] += count
                frames[-1][2] += chars
            anchor = getattr(event, "anchor", None) if kind != "AliasEvent" else None
            if kind.endswith("StartEvent"):
                frames.append([anchor, 0, 0])
            elif anchor:
                nodes[anchor] = (count, chars)
                texts.setdefault(anchor, event.start_mark)
        elif kind in ("SequenceEndEvent", "MappingEndEvent"):
            anchor, count, chars = frames.pop()
            if anchor:
                nodes[anchor] = (count + 1, chars)
            if frames:
                frames[-1][1] += count
                frames[-1][2] += chars
    return [
        Diagnostic(
            path,
            mark.line + 1,
            mark.column + 1,
            f"`&{name}` di awal teks dibaca sebagai anchor YAML, sehingga `{name}` hilang dari teks; "
            "bila `&` bagian dari teks, tulis seluruh teksnya dalam tanda kutip",
            "warning",
        )
        for name, mark in texts.items()
        if name not in used
    ]


ESCAPE = (
    "garis miring terbalik (\\) dalam teks bertanda kutip ganda dibaca sebagai kode escape YAML{opened}; "
    "tulis teksnya dalam tanda kutip tunggal ('D:\\Arsip') atau gandakan garis miring terbaliknya (\"D:\\\\Arsip\")"
)
CLOSED_EARLY = {
    '"': "tanda kutip ganda di dalam teks bertanda kutip ganda mengakhiri teksnya terlalu awal; tulis teks ini "
    "dalam tanda kutip tunggal ('...') atau tanpa tanda kutip",
    "'": "tanda kutip tunggal di dalam teks bertanda kutip tunggal mengakhiri teksnya terlalu awal; tulis tanda "
    "kutip tunggal di dalam teks dua kali ('') atau tulis teks ini dalam tanda kutip ganda",
}


def _syntax_error(path: Path, text: str, exc: Any) -> UserError:
    """ruamel's parser error -> the Indonesian message, at the line the user must fix."""
    mark = exc.problem_mark or exc.context_mark
    problem, context = exc.problem or "", exc.context or ""
    if "escape" in problem and mark:
        start = exc.context_mark
        opened = ""
        if start and start.line != mark.line:
            opened = f" (teks ini dibuka di baris {start.line + 1}; bila tanda kutip di sana tidak ditutup, tutup dulu)"
        backslash = text.split("\n")[mark.line].rfind("\\", 0, mark.column + 1)
        return _error(path, mark.line + 1, backslash + 1 or mark.column + 1, ESCAPE.format(opened=opened))
    if "quoted scalar" in context and exc.context_mark:
        mark = exc.context_mark
    quote = _quote_problem(text, mark.line if mark else len(text.splitlines()))
    if quote is not None:
        return _error(path, *quote)
    glued = _key_without_space(text, mark.line if mark else len(text.splitlines()))
    if glued is not None:
        return _error(path, *glued)
    return _error(
        path, mark.line + 1 if mark else None, mark.column + 1 if mark else None, _translate(problem, context)
    )


KEY_WITHOUT_SPACE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*):(?=[^\s/])")


def _key_without_space(text: str, last_line: int) -> tuple[int, int, str] | None:
    """A key written without the space YAML needs after its colon (`waktu:1 jam`), up to the error."""
    for number, line in enumerate(text.split("\n")[: last_line + 1]):
        match = KEY_WITHOUT_SPACE.match(line)
        if match and not line.lstrip().startswith("#"):
            key = match.group(2)
            rest = line[match.end() :].strip()
            return (
                number + 1,
                match.end(),
                f"setelah titik dua harus ada spasi; tulis `{key}: {rest}`",
            )
    return None


def _quote_problem(text: str, last_line: int) -> tuple[int, int, str] | None:
    """The first line up to `last_line` whose quoted text ends where it should not: a quote opened
    and not closed (it runs on to the next quote character, lines later), or a quote inside quoted
    text that closes it early (`"foto 10" x 15"`). Returns the line and column of that quote and the message.

    The parser only notices a missing quote lines later, somewhere else; the line that opened it is
    what the user must fix. Read by the YAML scanner, so a quote inside plain text (an inch mark:
    `foto 10" x 15"`) opens nothing.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    yaml = YAML(typ="rt")
    yaml.get_constructor_parser(re.sub("(?m)^%.*", "", text))  # a directive (%YAML) would need the loader's state
    tokens: list[Any] = []
    try:
        while yaml.scanner.check_token() and (not tokens or tokens[-1].start_mark.line <= last_line):
            tokens.append(yaml.scanner.get_token())
    except YAMLError:
        tokens += yaml.scanner.tokens  # held back while the scanner waited to see whether they start a key
    for previous, token in zip(tokens, tokens[1:]):
        style = getattr(previous, "style", None)
        if (
            style in CLOSED_EARLY
            and type(token).__name__ == "ScalarToken"
            and token.start_mark.line == previous.end_mark.line <= last_line
        ):
            start = previous.start_mark
            closed_early = start.line == previous.end_mark.line
            return (
                start.line + 1,
                start.column + 1,
                CLOSED_EARLY[style] if closed_early else "tanda kutip tidak ditutup",
            )
    return None


INVISIBLE = {
    "\u00a0": "spasi tak-putus (NBSP)",
    "\u202f": "spasi tak-putus sempit",
    "\u00ad": "tanda hubung lunak",
    "\u200b": "karakter lebar-nol",
    "\u200c": "karakter lebar-nol",
    "\u200d": "karakter lebar-nol",
    "\u2060": "karakter lebar-nol",
    "\ufeff": "karakter lebar-nol (BOM)",
    "\u201c": "tanda kutip lengkung",
    "\u201d": "tanda kutip lengkung",
    "\u2018": "tanda kutip lengkung",
    "\u2019": "tanda kutip lengkung",
}
"""Characters Word brings into names that must match exactly (keys, lane keys, step ids)."""


def clean_name(text: str) -> tuple[str, list[str]]:
    """A key or identifier without the invisible characters and curly quotes Word adds: spaces of
    any kind become one space and are trimmed, the rest are removed. Returns the clean name and
    the names of what was found."""
    found = sorted({INVISIBLE[c] for c in text if c in INVISIBLE})
    if not found:
        return text, []
    cleaned = "".join(" " if c in "\u00a0\u202f" else "" if c in INVISIBLE else c for c in text)
    return " ".join(cleaned.split()), found


def _is_name(loc: Loc) -> bool:
    """Does this value name a lane or a step (so it must match a key exactly)?"""
    if len(loc) >= 3 and loc[0] == "langkah" and isinstance(loc[1], int):
        tail = [part for part in loc[2:] if not isinstance(part, int)]
        return tail in (["pelaksana"], ["id"], ["keputusan", "ya"], ["keputusan", "tidak"])
    return False


def _timestamp_as_text(constructor: Any, node: Any) -> str:
    return str(constructor.construct_scalar(node))


def _tag_of(node: Any) -> str | None:
    tag = getattr(node, "tag", None)
    value = getattr(tag, "value", tag)
    return value if isinstance(value, str) else None


def _key(
    key: Any, loc: Loc, key_at: tuple[int, int], value_at: tuple[int, int], source: YamlSource, siblings: dict[Any, Any]
) -> Loc:
    """Record a mapping key's place (and its value's), clean a name pasted from Word; return its loc."""
    name, found = clean_name(str(key) if key is not None else "")
    if found:
        source.warnings.append(
            Diagnostic(
                source.path,
                *key_at,
                f"kunci `{key}` memuat {', '.join(found)} (biasanya terbawa dari Word); dibaca sebagai `{name}`",
                "warning",
            )
        )
        if name in siblings:
            raise _error(source.path, *key_at, f"kunci `{name}` ditulis dua kali")
    child = loc + (name,)
    source.key_pos[child] = key_at
    source.value_pos[child] = value_at
    return child


def _text(text: str, loc: Loc, source: YamlSource) -> str:
    """A text value without control characters; a lane or step name also without invisible ones."""
    clean = strip_forbidden(text)
    if clean != text:
        source.warnings.append(
            source.diagnostic(loc, "karakter kendali (tak terlihat) dihapus dari teks ini", severity="warning")
        )
    if not _is_name(loc):
        return clean
    name, found = clean_name(clean)
    if found:
        source.warnings.append(
            source.diagnostic(
                loc,
                f"`{clean}` memuat {', '.join(found)} (biasanya terbawa dari Word); dibaca sebagai `{name}`",
                severity="warning",
            )
        )
    return name


def _fast(path: Path, text: str) -> YamlSource | None:
    """The file read through libyaml when it reads exactly as with ruamel (see fastyaml), else None."""
    if "\t" in text or "<<" in text or ANCHOR.search(text):
        return None
    root = fastyaml.compose(text)
    if root is None:
        return None
    source = YamlSource(path, None, text=text)
    source.value_pos[()] = (1, 1)
    try:
        source.data = _plain_node(root, (), source)
    except fastyaml.Unusual:
        return None
    return source


def _plain_node(node: Any, loc: Loc, source: YamlSource) -> Any:
    """Plain data from libyaml's node tree, recording positions as `_plain` does from ruamel's."""
    kind = type(node).__name__
    if kind in ("MappingNode", "SequenceNode") and node.value:
        first = node.value[0][0] if kind == "MappingNode" else node.value[0]
        if first.start_mark.line != node.start_mark.line:  # libyaml marks such a block elsewhere than ruamel
            raise fastyaml.Unusual("block starting on another line")
    if kind == "MappingNode":
        if node.tag != "tag:yaml.org,2002:map":
            raise fastyaml.Unusual(node.tag)
        result: dict[Any, Any] = {}
        raw_keys: set[Any] = set()
        for key_node, value_node in node.value:
            if type(key_node).__name__ != "ScalarNode":
                raise fastyaml.Unusual("key")
            key = fastyaml.scalar(key_node)
            if key in raw_keys:
                raise fastyaml.Unusual("duplicate key")  # ruamel names it, with its place
            raw_keys.add(key)
            key_at = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            value_at = (value_node.start_mark.line + 1, value_node.start_mark.column + 1)
            child = _key(key, loc, key_at, value_at, source, result)
            result[child[-1]] = _plain_node(value_node, child, source)
        return result
    if kind == "SequenceNode":
        if node.tag != "tag:yaml.org,2002:seq":
            raise fastyaml.Unusual(node.tag)
        items = []
        for index, item in enumerate(node.value):
            child = loc + (index,)
            source.value_pos[child] = (item.start_mark.line + 1, item.start_mark.column + 1)
            items.append(_plain_node(item, child, source))
        return items
    value = fastyaml.scalar(node)
    return _text(value, loc, source) if isinstance(value, str) else value


def _plain(node: Any, loc: Loc, source: YamlSource, budget: list[int], seen: set[int]) -> Any:
    """Copy ruamel's round-trip tree into plain data, recording positions on the way."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    budget[0] -= 1
    if budget[0] < 0:
        raise _error(
            source.path, None, None, "definisi terlalu besar atau memakai alias YAML berulang (alias bomb); ditolak"
        )
    tag = _tag_of(node)
    if tag and tag.startswith("!") or (tag and tag.startswith("tag:") and tag not in STANDARD_TAGS):
        line, column = source.position(loc)
        raise _error(source.path, line, column, f"tag YAML `{tag}` tidak diizinkan; tulis nilai biasa tanpa tag")
    if isinstance(node, CommentedMap):
        if id(node) in seen:
            raise _error(
                source.path, *source.position(loc), "alias YAML yang merujuk ke dirinya sendiri tidak diizinkan"
            )
        seen = seen | {id(node)}
        result: dict[Any, Any] = {}
        for key in node:
            try:
                kl, kc = node.lc.key(key)
                vl, vc = node.lc.value(key)
            except KeyError:  # a key brought in by a YAML merge (`<<: *name`) has no place of its own
                kl, kc = vl, vc = node.lc.line, node.lc.col
            child = _key(key, loc, (kl + 1, kc + 1), (vl + 1, vc + 1), source, result)
            result[child[-1]] = _plain(node[key], child, source, budget, seen)
        return result
    if isinstance(node, CommentedSeq):
        if id(node) in seen:
            raise _error(
                source.path, *source.position(loc), "alias YAML yang merujuk ke dirinya sendiri tidak diizinkan"
            )
        seen = seen | {id(node)}
        items = []
        for index, item in enumerate(node):
            child = loc + (index,)
            line, column = node.lc.item(index)
            source.value_pos[child] = (line + 1, column + 1)
            items.append(_plain(item, child, source, budget, seen))
        return items
    if isinstance(node, dt.datetime):
        return node.date() if node.time() == dt.time() else node
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return _text(str(node), loc, source)
    if isinstance(node, dt.date):
        return dt.date(node.year, node.month, node.day)
    line, column = source.position(loc)
    raise _error(source.path, line, column, f"nilai YAML jenis `{type(node).__name__}` tidak didukung")


def read(path: Path) -> YamlSource:
    """Read and parse one YAML file; every failure is a UserError with its place."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise _error(path, None, None, "berkas tidak ditemukan") from None
    except IsADirectoryError:
        raise _error(path, None, None, "ini folder, bukan berkas YAML") from None
    except OSError as exc:
        raise _error(path, None, None, f"berkas tidak dapat dibaca ({reason(exc)})") from None
    if len(raw) > MAX_BYTES:
        raise _error(
            path,
            None,
            None,
            f"berkas terlalu besar ({len(raw) // 1024} KB) untuk definisi SOP; paling besar {MAX_BYTES // 1024} KB",
        )
    text, warnings = strip_controls(path, decode(path, raw))
    source = parse(path, text)
    source.warnings[:0] = warnings
    return source
