"""Rules over a valid SOP -> warnings for the flaws real data has (never errors).

Besides empty `waktu`, a `waktu` that cannot be counted, `kelengkapan` unrelated to the previous
`output`, unused lanes and glyphs the PDF font lacks, the rules below warn where the sheet would print
something the user did not mean: Word's curly quotes taken for YAML quotes, text cut by ` #`, dates
or revision numbers out of order, a NIP that is not 18 digits, a joint step across lanes that take no
part, text the profile does not print (`keterangan` without its column, `unit` without its row); and
a branch target written as a step number, which points elsewhere once a step is inserted. Rule 2 needs
the file's text: the loader may pass it, else it is read again (the same decoding as the loader's, so
lines and columns agree)."""

from __future__ import annotations

import re

from ..dates import month_only, shown
from ..errors import Diagnostic
from .model import MAX_AMOUNT, Sop, SopDocument, Waktu, read_waktu
from .source import Loc, YamlSource


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def _texts(value: object, loc: tuple) -> list[tuple[tuple, str]]:
    if isinstance(value, str):
        return [(loc, value)]
    if isinstance(value, dict):
        return [t for key, item in value.items() for t in _texts(item, loc + (key,))]
    if isinstance(value, list):
        return [t for index, item in enumerate(value) for t in _texts(item, loc + (index,))]
    return []


def glyph_warnings(source: YamlSource, key: str | None = None) -> list[Diagnostic]:
    """Text the PDF font cannot draw (emoji, scripts outside Latin, Greek, Cyrillic and Hebrew), in
    the whole file or under one top-level key."""
    from ..fontmetrics import missing_glyphs

    found = []
    if key is None:
        texts = _texts(source.data, ())
    else:
        texts = _texts(source.data.get(key) if isinstance(source.data, dict) else None, (key,))
    for loc, text in texts:
        missing = missing_glyphs(text)
        if missing:
            shown = " ".join(missing[:8]) + (" ..." if len(missing) > 8 else "")
            found.append(
                source.diagnostic(
                    loc,
                    f"karakter {shown} tidak tersedia di huruf PDF dan akan tampil sebagai kotak kosong di PDF",
                    severity="warning",
                )
            )
    return found


def organisation_warnings(source: YamlSource) -> list[Diagnostic]:
    """The warnings of an organisation profile: those found while reading it (control characters,
    unused anchors), and in `instansi` and `lembar`, the texts it prints: text the PDF font cannot draw,
    Word's curly quotes around a line, and text cut by ` #`."""
    found = list(source.warnings)
    for key in ("instansi", "lembar"):
        found += glyph_warnings(source, key) + quote_warnings(source, key) + comment_warnings(source, source.text, key)
    return found


def check(document: SopDocument, source: YamlSource) -> list[Diagnostic]:
    """The warnings over a valid SOP, from its model and the text it was read from."""
    sop = document.sop
    lembar = document.lembar
    found: list[Diagnostic] = glyph_warnings(source)
    used: set[str] = set()
    for index, step in enumerate(sop.langkah):
        used.update(step.lanes)
        if step.waktu is None:
            found.append(
                source.diagnostic(("langkah", index), f"langkah {index + 1}: `waktu` belum diisi", severity="warning")
            )
        else:
            found += waktu_warnings(step.waktu, index, source)
        if (
            lembar.peringatan_kelengkapan
            and index
            and step.kelengkapan
            and sop.langkah[index - 1].output
            and unrelated(step.kelengkapan, sop.langkah[index - 1].output)
        ):
            found.append(
                source.diagnostic(
                    ("langkah", index, "kelengkapan"),
                    f"langkah {index + 1}: `kelengkapan` berbeda dengan `output` langkah {index}",
                    severity="warning",
                )
            )
    for lane in sop.pelaksana:
        if lane not in used:
            found.append(
                source.diagnostic(
                    ("pelaksana", lane),
                    f"pelaksana `{lane}` tidak dipakai oleh langkah mana pun",
                    key=True,
                    severity="warning",
                )
            )
    printed = quote_warnings(source) + comment_warnings(source, source.text)
    printed += date_warnings(sop, source) + nip_warnings(sop, source)
    printed += unprinted_warnings(document, source)
    return found + sorted(printed, key=lambda d: (d.line or 0, d.column or 0))


# -- What the sheet would print that the user did not mean -------------------------------------

CURLY_DOUBLE = "\u201c\u201d\u201e\u201f"
"""“ ” „ ‟: Word's double quotes (English and the low-high pair some keyboards give)."""
CURLY_SINGLE = "\u2018\u2019\u201a\u201b"
"""‘ ’ ‚ ‛: Word's single quotes."""
QUOTES = CURLY_DOUBLE + CURLY_SINGLE + "\"'`"
"""Every quote character a `nip` must not hold."""
NIP_DIGITS = 18
"""A civil servant's number (NIP): birth date (8), appointment month (6), sex (1), serial (3)."""
SHORT = 40
"""Characters of a step's `kegiatan` quoted in a message."""


def _short(text: str, limit: int = SHORT) -> str:
    """A text on one line, cut at a word before `limit` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] if " " in flat[:limit] else flat[:limit]
    return cut + " ..."


def _wrapped_in_curly_quotes(text: str) -> bool:
    """A value that starts and ends with Word's curly quotes of one kind, with no other quote of that
    kind inside: `“Usulan”` was meant as a YAML quote; `“Pedoman” dan “Juknis”` is prose. Only the
    same kind counts, so an apostrophe does not make `“Rapat hari Jum’at”` prose."""
    text = text.strip()
    if len(text) < 2:
        return False
    for kind in (CURLY_DOUBLE, CURLY_SINGLE):
        if text[0] in kind and text[-1] in kind:
            return not any(c in kind for c in text[1:-1])
    return False


def _without_quotes(text: str) -> str:
    return "".join(c for c in text if c not in QUOTES).strip()


def _nip_digits(nip: str) -> str:
    """The NIP without spaces and quotes (quotes have their own warning)."""
    return "".join(_without_quotes(nip).split())


def quote_warnings(source: YamlSource, key: str | None = None) -> list[Diagnostic]:
    """Rule 1: Word's curly quotes taken for YAML quotes. A text wrapped in them prints them; a `nip`
    with any quote prints `NIP. “1960...”`."""
    found = []
    texts = _texts(source.data, ()) if key is None else _texts(_at(source.data, (key,)), (key,))
    for loc, text in texts:
        if loc == ("disahkan_oleh", "nip"):
            quotes = sorted({c for c in text if c in QUOTES}, key=QUOTES.index)
            if quotes:
                found.append(
                    source.diagnostic(
                        loc,
                        f"NIP memuat tanda kutip ({' '.join(quotes)}) yang ikut tercetak sebagai `NIP. {text}`; "
                        f'tulis NIP dalam tanda kutip lurus saja: `nip: "{_without_quotes(text)}"`',
                        severity="warning",
                    )
                )
        elif _wrapped_in_curly_quotes(text):
            first, last = text.strip()[0], text.strip()[-1]
            found.append(
                source.diagnostic(
                    loc,
                    f"teks diapit tanda kutip lengkung ({first} {last}) dari Word, yang ikut tercetak di lembar; "
                    'gunakan tanda kutip lurus `"` atau tanpa tanda kutip',
                    severity="warning",
                )
            )
    return found


COMMENT_AS_TEXT = re.compile(r"[ \t]+(#\S.*?)[ \t]*$")
"""After a plain text: ` #` and a non-space. YAML reads ` #` and the rest of the line as a comment.

Whether that was meant cannot be known, so the rule follows the convention every shipped definition,
`templates/sop-baru.yaml.j2`, README and yamllint (`comments: require-starting-space`) keep: a real
comment starts with `# ` (a space after `#`). Text such as `usulan #1 dan #2` or `lihat #penting`
has none, and is what gets lost. `usulan # 1` is read as a comment and not warned (a false alarm
on every `# keterangan` comment would be worse)."""


def _plain_scalars(text: str) -> list[tuple[int, int, int, int]]:
    """Start line, start column, end line, end column (0-based) of every plain (unquoted, not block)
    scalar: through libyaml's scanner when installed, else through ruamel's."""
    import yaml

    try:
        tokens = list(yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    except yaml.YAMLError:  # YAML 1.1's scanner refuses what ruamel read: ask ruamel
        from ruamel.yaml import YAML
        from ruamel.yaml.error import YAMLError

        try:
            tokens = list(YAML(typ="rt").scan(text))
        except YAMLError:  # text ruamel read but cannot scan: nothing to point at
            return []
    return [
        (t.start_mark.line, t.start_mark.column, t.end_mark.line, t.end_mark.column)
        for t in tokens
        if type(t).__name__ == "ScalarToken" and t.plain
    ]


def _at(data: object, loc: tuple) -> object:
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _quoted(text: str) -> str | None:
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return None


def comment_warnings(source: YamlSource, text: str, key: str | None = None) -> list[Diagnostic]:
    """Rule 2: text cut by ` #` (see COMMENT_AS_TEXT), at the `#`; in the whole file or under one
    top-level key. Only plain texts: a quoted text ends where its quote does."""
    if "#" not in text:
        return []
    lines = text.split("\n")
    locs: dict[tuple[int, int], Loc] = {}
    for place, pos in source.value_pos.items():
        if len(place) > len(locs.get(pos, ())):  # `- - x`: the innermost value starts there too
            locs[pos] = place
    found = []
    for start_line, start_col, end_line, end_col in _plain_scalars(text):
        loc = locs.get((start_line + 1, start_col + 1))
        if loc is None or (key is not None and loc[:1] != (key,)) or end_line >= len(lines):
            continue
        value = _at(source.data, loc)
        match = COMMENT_AS_TEXT.match(lines[end_line], end_col)
        if not isinstance(value, str) or not match:
            continue
        last = lines[end_line][start_col if start_line == end_line else 0 : end_col].strip()
        if not value.endswith(last):  # the file changed since it was loaded: its places are not these
            continue
        dropped = match.group(1)
        fix = "beri tanda kutip pada seluruh teks"
        quoted = _quoted(f"{value} {dropped}") if start_line == end_line else None
        if quoted:
            fix += f": `{quoted}`"
        found.append(
            Diagnostic(
                source.path,
                end_line + 1,
                match.start(1) + 1,
                f"teks setelah ` #` dianggap komentar dan tidak dicetak (`{dropped}` hilang); {fix}",
                "warning",
            )
        )
    return found


def date_warnings(sop: Sop, source: YamlSource) -> list[Diagnostic]:
    """Rule 4: dates out of order, and revision numbers that do not go up by one."""
    found = []
    made = sop.tanggal_pembuatan
    if sop.tanggal_efektif is not None and _earlier(sop.tanggal_efektif, made):
        found.append(
            source.diagnostic(
                ("tanggal_efektif",),
                f"`tanggal_efektif` ({shown(sop.tanggal_efektif)}) lebih awal daripada `tanggal_pembuatan` "
                f"({shown(made)}); SOP tidak berlaku sebelum dibuat, periksa kedua tanggal",
                severity="warning",
            )
        )
    for index, revision in enumerate(sop.revisi):
        previous = sop.revisi[index - 1] if index else None
        day = shown(revision.tanggal)
        name = _revision_name(revision.ke, index)
        if _earlier(revision.tanggal, made):
            found.append(
                source.diagnostic(
                    ("revisi", index, "tanggal"),
                    f"{name} bertanggal {day}, lebih awal daripada `tanggal_pembuatan` "
                    f"({shown(made)}); periksa tanggalnya",
                    severity="warning",
                )
            )
        elif previous is not None and _earlier(revision.tanggal, previous.tanggal):
            found.append(
                source.diagnostic(
                    ("revisi", index, "tanggal"),
                    f"{name} bertanggal {day}, lebih awal daripada revisi sebelumnya "
                    f"({_revision_name(previous.ke, index - 1, short=True)}, {shown(previous.tanggal)}); revisi "
                    "ditulis urut dari yang terlama, karena yang terakhir dalam daftar yang dicetak",
                    severity="warning",
                )
            )
        if (
            previous is not None
            and revision.ke is not None
            and previous.ke is not None
            and revision.ke != previous.ke + 1
        ):
            found.append(
                source.diagnostic(
                    ("revisi", index, "ke"),
                    f"revisi ke-{revision.ke} menyusul revisi ke-{previous.ke}; nomor revisi naik satu per satu, "
                    f"seharusnya ke-{previous.ke + 1}",
                    severity="warning",
                )
            )
    return found


def _earlier(day, other) -> bool:
    """Is `day` before `other`? A date known only to its month is compared by its month."""
    if month_only(day) or month_only(other):
        return (day.year, day.month) < (other.year, other.month)
    return bool(day < other)


def _revision_name(number: int | None, index: int, short: bool = False) -> str:
    """`revisi ke-2`, or for a revision without a number `revisi 2` (its place in the list)."""
    if number is not None:
        return f"ke-{number}" if short else f"revisi ke-{number}"
    return f"revisi {index + 1} dalam daftar"


STOPWORDS = frozenset(
    "dan atau yang di ke dari untuk dengan telah sudah serta pada oleh dalam beserta tersebut "
    "akan agar bagi para sebagai secara kepada terhadap".split()
)
"""Words too common to relate a `kelengkapan` to the previous `output`."""


def significant_words(text: str) -> set[str]:
    """The words of a text that say something: lower case, at least three letters (or a number), not
    a common word."""
    words = re.findall(r"[^\W_]+", text.lower())
    return {w for w in words if (len(w) >= 3 or w.isdigit()) and w not in STOPWORDS}


def unrelated(kelengkapan: str, output: str) -> bool:
    """A step's `kelengkapan` and the previous step's `output` have no significant word in common:
    the warning is for texts that are really unrelated, not for a reworded one."""
    if _normal(kelengkapan) == _normal(output):
        return False
    return not significant_words(kelengkapan) & significant_words(output)


def waktu_warnings(waktu: Waktu, index: int, source: YamlSource) -> list[Diagnostic]:
    """A `waktu` printed as written but left out of the register's totals (it cannot be read, or its
    number is too large), or one that is nought."""
    loc = ("langkah", index, "waktu")
    if waktu.parsed:
        if waktu.minutes > 0:
            return []
        message = f"langkah {index + 1}: waktu `{waktu}` bernilai nol; periksa angkanya"
    else:
        _, too_large = read_waktu(waktu.teks)
        most = f"{MAX_AMOUNT:,}".replace(",", ".")
        reason = (
            f"angkanya terlalu besar (paling banyak {most})"
            if too_large
            else "tidak dapat dihitung; tulis mis. `10 menit`, `2 jam`, `3 hari kerja`, `1x24 jam` atau `2-3 hari`"
        )
        message = (
            f"langkah {index + 1}: waktu `{waktu}` {reason}; lembar mencetaknya seperti ditulis, tetapi "
            "tidak ikut dijumlahkan dalam total waktu daftar SOP"
        )
    return [source.diagnostic(loc, message, severity="warning")]


def unprinted_warnings(document: SopDocument, source: YamlSource) -> list[Diagnostic]:
    """Text written in the SOP that its sheet profile does not print: `keterangan` when the Keterangan
    column is left out, `unit` when the unit row is."""
    found = []
    lembar = document.lembar
    if not lembar.columns.keterangan:
        for index, step in enumerate(document.sop.langkah):
            if step.keterangan.strip():
                found.append(
                    source.diagnostic(
                        ("langkah", index, "keterangan"),
                        f"langkah {index + 1}: `keterangan` tidak dicetak karena kolom Keterangan tidak ada di "
                        "lembar ini (`lembar: kolom: keterangan: false`); hapus teksnya atau tampilkan kolomnya",
                        severity="warning",
                    )
                )
    if not lembar.head.baris_unit and document.sop.unit:
        found.append(
            source.diagnostic(
                ("unit",),
                "`unit` tidak dicetak karena baris unit tidak ada di lembar ini (`lembar: kepala: baris_unit: "
                "false`); hapus `unit` atau tampilkan barisnya",
                key=True,
                severity="warning",
            )
        )
    return found


def nip_warnings(sop: Sop, source: YamlSource) -> list[Diagnostic]:
    """Rule 5: a NIP that is not 18 digits once spaces (and quotes, warned by rule 1) are removed."""
    nip = sop.disahkan_oleh.nip
    digits = _nip_digits(nip)
    if not nip.strip() or (len(digits) == NIP_DIGITS and re.fullmatch("[0-9]+", digits)):
        return []
    if re.fullmatch("[0-9]*", digits):
        problem = f"terdiri atas {len(digits)} angka"
    else:
        problem = "memuat karakter selain angka"
    return [
        source.diagnostic(
            ("disahkan_oleh", "nip"),
            f"NIP `{nip}` {problem}; NIP pegawai negeri sipil terdiri atas {NIP_DIGITS} angka (spasi boleh), "
            "periksa angka yang kurang atau berlebih",
            severity="warning",
        )
    ]


def numbered_target_warnings(sop: Sop, source: YamlSource) -> list[Diagnostic]:
    """Rule 3: a branch target written as a step number, one warning per target: a step inserted
    before it moves the step and not the number, and the arrow silently goes elsewhere."""
    found = []
    decisions = [
        (index, step.keputusan, ("langkah", index, "keputusan"))
        for index, step in enumerate(sop.langkah)
        if step.keputusan is not None
    ] + [
        (index, link.keputusan, ("langkah", index, "rangkaian", position, "keputusan"))
        for index, step in enumerate(sop.langkah)
        for position, link in enumerate(step.rangkaian or ())
        if link.keputusan is not None
    ]
    for index, decision, base in decisions:
        for answer in ("tidak", "ya"):
            ref = getattr(decision, answer)
            if not isinstance(ref, int) or not 1 <= ref <= len(sop.langkah):
                continue
            target = sop.langkah[ref - 1]
            if target.id is not None:
                fix = f"Tulis `{answer}: {target.id}` (id langkah {ref})"
            else:
                fix = f"Beri langkah {ref} sebuah `id` dan tulis `{answer}: <id>`"
            found.append(
                source.diagnostic(
                    (*base, answer),
                    f"langkah {index + 1}: tujuan cabang {ref} (`{_short(target.kegiatan)}`) ditulis dengan nomor; "
                    f"bila langkah disisipkan, nomor ini tidak ikut berubah. {fix}",
                    severity="warning",
                )
            )
    return found
