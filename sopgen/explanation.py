"""`penjelasan.yaml` (or `penjelasan.md`) -> the book's Penjelasan Singkat Penggunaan.

The user writes the scope (ruang lingkup), the summary (ringkasan) and, if they like, their own terms
(definisi) and what each actor's short name stands for (pelaksana). sopgen adds the rest of the
definitions: the sheet's terms, every lane of the book, the five symbols drawn as on the sheets, and
how to read a sheet; their wording is the template `templates/buku/penjelasan.yaml.j2`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .decree import Fields, tidy
from .definition.model import MINUTES_PER, SopDocument
from .errors import Diagnostic, UserError
from .layout.book import (
    PART_EXPLANATION,
    Explanation,
    ExplanationBlock,
    Glossary,
    Legend,
    Paragraph,
    Section,
    Steps,
)

TEMPLATE = "buku/penjelasan.yaml.j2"
KEYS = ("judul", "ruang_lingkup", "ringkasan", "definisi", "pelaksana")
SECTIONS = {
    "ruang lingkup": "ruang_lingkup",
    "ringkasan": "ringkasan",
    "definisi": "definisi",
    "pelaksana": "pelaksana",
}
"""The Markdown file's section headings (any case) and the keys they stand for."""
BULLET = re.compile(r"^\s*[-*]\s+")
TERM = re.compile(r"^\s*[-*]\s+(?P<term>[^:]+?)\s*:\s*(?P<meaning>.*)$")
MAX_TERMS = 200
UNKNOWN = "?"
"""The section under a heading that is not known (its text is not read)."""


@dataclass(frozen=True)
class ExplanationSettings:
    """What the user wrote."""

    judul: str = PART_EXPLANATION
    ruang_lingkup: tuple[Paragraph, ...] = ()
    ringkasan: tuple[Paragraph, ...] = ()
    definisi: tuple[tuple[str, str], ...] = ()
    pelaksana: tuple[tuple[str, str], ...] = ()
    places: dict[str, Diagnostic] = field(default_factory=dict, compare=False)
    """Per `pelaksana` name (casefolded), a warning placed at it, for a name no sheet has."""
    path: Path | None = None
    warnings: list[Diagnostic] = field(default_factory=list, compare=False)


def _plain(text: str) -> str:
    """Markdown's emphasis and code marks dropped: the book prints plain text."""
    return tidy(re.sub(r"(\*\*|__|`)", "", text))


def paragraphs(text: str) -> list[Paragraph]:
    """Text -> paragraphs: an empty line ends one; a line starting with `- ` or `* ` starts a bullet."""
    found: list[Paragraph] = []
    current: list[str] = []
    bullet = False

    def close() -> None:
        nonlocal current
        if current:
            found.append(Paragraph(_plain(" ".join(current)), bullet))
        current = []

    for line in text.splitlines():
        if not line.strip():
            close()
            bullet = False
        elif BULLET.match(line):
            close()
            bullet = True
            current = [BULLET.sub("", line)]
        else:
            current.append(line.strip())
    close()
    return found


def _text_part(fields: Fields, key: str) -> tuple[Paragraph, ...]:
    value = fields.data.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(paragraphs(value))
    if isinstance(value, list):
        items = [fields.text((key, index), item, required=True) for index, item in enumerate(value)]
        return tuple(Paragraph(_plain(item), True) for item in items if item)
    fields.problem((key,), f"{key}: tulis sebagai teks (blok `|`) atau daftar butir")
    return ()


def _terms(fields: Fields, key: str) -> tuple[tuple[str, str], ...]:
    value = fields.data.get(key)
    if value is None:
        return ()
    if not isinstance(value, dict):
        fields.problem((key,), f"{key}: tulis sebagai pemetaan `Istilah: arti`, satu istilah per baris")
        return ()
    if len(value) > MAX_TERMS:
        fields.problem((key,), f"{key}: paling banyak {MAX_TERMS} istilah")
        return ()
    terms = []
    for term, meaning in value.items():
        name = fields.text((key, term), term, required=True) if not isinstance(term, str) else tidy(term)
        text = fields.text((key, term), meaning, required=True)
        if name and text:
            terms.append((name, _plain(text)))
    return tuple(terms)


def read_yaml(path: Path) -> ExplanationSettings:
    fields = Fields(path, KEYS)
    judul = fields.get("judul") or PART_EXPLANATION
    ruang_lingkup = _text_part(fields, "ruang_lingkup")
    ringkasan = _text_part(fields, "ringkasan")
    definisi = _terms(fields, "definisi")
    pelaksana = _terms(fields, "pelaksana")
    places = {}
    for name, _ in pelaksana:
        raw = next((k for k in fields.data["pelaksana"] if isinstance(k, str) and tidy(k) == name), name)
        places[name.casefold()] = fields.source.diagnostic(("pelaksana", raw), "", key=True, severity="warning")
    fields.done()
    return ExplanationSettings(
        judul, ruang_lingkup, ringkasan, definisi, pelaksana, places, path, fields.source.warnings
    )


def read_markdown(path: Path) -> ExplanationSettings:
    """`penjelasan.md`: `# Judul` (optional), then `## Ruang Lingkup`, `## Ringkasan`, `## Definisi`,
    `## Pelaksana` in any order; under the last two, one `- Istilah: arti` per line."""
    from .definition.source import decode, strip_controls
    from .files import reason

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError([Diagnostic(path, None, None, f"berkas tidak dapat dibaca ({reason(exc)})")]) from None
    if not raw.strip():
        return ExplanationSettings(path=path)
    text, warnings = strip_controls(path, decode(path, raw))
    problems: list[Diagnostic] = []
    title = PART_EXPLANATION
    section: str | None = None
    texts: dict[str, list[str]] = {}
    terms: dict[str, list[tuple[str, str]]] = {"definisi": [], "pelaksana": []}
    places: dict[str, Diagnostic] = {}
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        heading = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if heading:
            name = _plain(heading.group(2))
            key = SECTIONS.get(name.casefold())
            if key is None and len(heading.group(1)) == 1 and section is None:
                title = name or title
                continue
            if key is None:
                close = difflib.get_close_matches(name.casefold(), list(SECTIONS), n=1, cutoff=0.6)
                hint = (
                    f"; maksudnya `## {close[0].title()}`?"
                    if close
                    else ("; yang dikenal: " + ", ".join(f"`## {s.title()}`" for s in SECTIONS))
                )
                problems.append(Diagnostic(path, number, 1, f"bagian `{name}` tidak dikenal{hint}"))
                section = UNKNOWN
                continue
            if key in seen:
                problems.append(Diagnostic(path, number, 1, f"bagian `{name}` sudah ada di atas; tulis sekali saja"))
            seen.add(key)
            section = key
            texts.setdefault(key, [])
            continue
        if section is None:
            if line.strip():
                problems.append(
                    Diagnostic(
                        path,
                        number,
                        1,
                        "teks sebelum bagian pertama; awali dengan judul bagian, mis. `## Ruang Lingkup`",
                    )
                )
            continue
        if section == UNKNOWN:
            continue  # told once, at its heading
        if section in terms:
            if not line.strip():
                continue
            match = TERM.match(line)
            if not match or not _plain(match.group("meaning")):
                problems.append(Diagnostic(path, number, 1, "tulis setiap istilah sebagai `- Istilah: arti`"))
                continue
            term = _plain(match.group("term"))
            terms[section].append((term, _plain(match.group("meaning"))))
            if section == "pelaksana":
                places[term.casefold()] = Diagnostic(path, number, 3, "", "warning")
            continue
        texts[section].append(line)
    if problems:
        raise UserError(problems)
    return ExplanationSettings(
        title,
        tuple(paragraphs("\n".join(texts.get("ruang_lingkup", [])))),
        tuple(paragraphs("\n".join(texts.get("ringkasan", [])))),
        tuple(terms["definisi"]),
        tuple(terms["pelaksana"]),
        places,
        path,
        warnings,
    )


def read_explanation(path: Path) -> ExplanationSettings:
    return read_markdown(path) if path.suffix.lower() == ".md" else read_yaml(path)


def lanes(documents: Sequence[SopDocument]) -> list[tuple[str, int]]:
    """Every lane name of the sheets (whitespace tidied; equal but for case is one), in alphabetical
    order, with the number of SOPs it is a lane of."""
    names: dict[str, str] = {}
    counts: dict[str, int] = {}
    for document in documents:
        keys = {tidy(name).casefold(): tidy(name) for name in document.sop.pelaksana.values()}
        for key, name in keys.items():
            names.setdefault(key, name)
            counts[key] = counts.get(key, 0) + 1
    return [(names[key], counts[key]) for key in sorted(names)]


def _standard(documents: Sequence[SopDocument]) -> dict:
    import yaml

    from .templating import render

    kinds = sorted({d.sop.jenis for d in documents if d.sop.jenis})
    return yaml.load(
        render(TEMPLATE, jenis=kinds, jam=MINUTES_PER["hari"] // 60),
        Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader),
    )


def compose(
    settings: ExplanationSettings, documents: Sequence[SopDocument], others: Sequence[SopDocument] = ()
) -> tuple[Explanation, list[Diagnostic]]:
    """The explanation of the book binding `documents`, and a warning for each `pelaksana` entry no
    sheet has as a lane, neither theirs nor those of `others` (SOPs left out of the book)."""
    standard = _standard(documents)
    blocks: list[ExplanationBlock] = []
    if settings.ruang_lingkup:
        blocks += [Section("Ruang Lingkup"), *settings.ruang_lingkup]
    if settings.ringkasan:
        blocks += [Section("Ringkasan"), *settings.ringkasan]

    own = {term.casefold() for term, _ in settings.definisi}
    terms = list(settings.definisi) + [(a, b) for a, b in standard["istilah"] if a.casefold() not in own]
    blocks += [
        Section("Definisi"),
        Paragraph(standard["istilah_pengantar"]),
        Glossary(("Istilah", "Arti"), tuple(terms)),
    ]

    described = {name.casefold(): meaning for name, meaning in settings.definisi}
    described.update({name.casefold(): meaning for name, meaning in settings.pelaksana})
    found = lanes(documents)
    rows = tuple(
        (name, described.get(name.casefold()) or standard["pelaksana_tanpa_uraian"].format(n=count))
        for name, count in found
    )
    blocks += [Paragraph(standard["pelaksana_pengantar"]), Glossary(("Pelaksana", "Uraian"), rows)]
    known = {name.casefold() for name, _ in lanes([*documents, *others])}
    warnings = []
    for name, _ in settings.pelaksana:
        place = settings.places.get(name.casefold())
        if name.casefold() not in known and place is not None:
            close = difflib.get_close_matches(name, [n for n, _ in found], n=1, cutoff=0.6)
            hint = f"; maksudnya `{close[0]}`?" if close else ""
            warnings.append(
                Diagnostic(
                    place.path,
                    place.line,
                    place.column,
                    f"pelaksana `{name}` tidak ada di lajur SOP mana pun dalam buku{hint}",
                    "warning",
                )
            )

    legend = tuple((kind, name, meaning) for kind, name, meaning in standard["simbol"])
    blocks += [
        Section("Simbol Diagram Alir"),
        Paragraph(standard["simbol_pengantar"]),
        Legend(("Simbol", "Nama", "Arti"), legend),
    ]
    blocks += [Section("Cara Membaca Lembar SOP"), Steps(tuple(standard["cara_membaca"]))]
    return Explanation(settings.judul, tuple(blocks)), warnings
