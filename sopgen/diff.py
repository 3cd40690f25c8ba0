"""Two versions of a definition -> what changed, in the sheet's own Indonesian terms.

`compare(old, new)` matches the steps of the two versions, by `id` where both carry the same one,
else by the likeness of their `kegiatan` (difflib), so a step moved elsewhere is told as moved, not
as removed and added. It returns typed changes; each says itself in full (`text`, for the terminal,
word-level edits written `[-lama-]{+baru+}` with the unchanged words around them) and briefly
(`brief`, for a revision's `catatan`). Step numbers are those of the new version; a number of the
old version is said as such (`langkah 5 (lama)`).

`load_files` and `load_git` load the two versions to compare; `git_version` reads a file as a git
revision has it (git runs with a list of arguments, never through a shell).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from .dates import BULAN
from .definition.loader import ORGANISATION_FILE, Profile, load_organisation, load_sop
from .definition.model import Branch, Langkah, Sop, SopDocument, Terkait
from .errors import Diagnostic, UserError

Kind = Literal[
    "field_changed", "step_added", "step_removed", "step_moved", "actor_changed", "text_changed", "branch_changed"
]


@dataclass(frozen=True)
class Change:
    """One change between two versions of a definition."""

    kind: Kind
    text: str
    """In full, for the terminal."""
    brief: str
    """Short, lower case, for a revision's `catatan`."""
    step: int | None = None
    """The new version's step (0-based) the change is marked at on the sheet; None for a field."""
    old_step: int | None = None
    """The old version's step (0-based), where there is one."""
    field: str | None = None
    """The definition's key: top-level for `field_changed` (`judul`, `pelaksana`, ...), the step's
    for `text_changed` (`kegiatan`, `waktu`, ...)."""


# ---- wording ------------------------------------------------------------------------------------

QUOTE_MAX = 70
CONTEXT = 4
"""Unchanged words kept on either side of a word-level edit."""

CAPTIONS = {
    "nomor": "Nomor SOP",
    "jenis": "Jenis SOP",
    "judul": "Judul",
    "unit": "Unit",
    "tanggal_pembuatan": "Tanggal pembuatan",
    "tanggal_efektif": "Tanggal efektif",
    "revisi": "Revisi",
    "disahkan_oleh": "Disahkan oleh",
    "dasar_hukum": "Dasar hukum",
    "kualifikasi_pelaksana": "Kualifikasi pelaksana",
    "keterkaitan": "Keterkaitan",
    "peralatan_perlengkapan": "Peralatan/perlengkapan",
    "peringatan": "Peringatan",
    "pencatatan_pendataan": "Pencatatan dan pendataan",
    "pelaksana": "Pelaksana",
    "kertas": "Kertas",
    "instansi": "Instansi",
    "tinjau_ulang": "Tanggal tinjau ulang",
    "status": "Status",
    "judul_bagan": "Judul bagan alir",
    "lembar": "Pengaturan lembar",
}
"""What each top-level key is called in a change (a key not here is called by its name). Changes are
told in the order of the model's fields."""

STEP_FIELDS = ("kegiatan", "kelengkapan", "waktu", "output", "keterangan")


def _words(text: str) -> list[str]:
    return text.split()


def _same(a: str, b: str) -> bool:
    """Equal but for spacing and line breaks (which the sheet does not show)."""
    return _words(a) == _words(b)


def quote(text: str, limit: int = QUOTE_MAX) -> str:
    """A text in «», on one line, shortened with … when long."""
    flat = " ".join(_words(text))
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return f"«{flat}»"


def word_diff(before: str, after: str, context: int = CONTEXT) -> str:
    """The edit from `before` to `after` word by word, on one line: removed words as `[-…-]`, added
    ones as `{+…+}`, and at most `context` unchanged words on either side of each edit."""
    a, b = _words(before), _words(after)
    operations = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    pieces: list[str] = []
    last = len(operations) - 1
    for index, (tag, i1, i2, j1, j2) in enumerate(operations):
        if tag == "equal":
            kept = a[i1:i2]
            if index == 0 and len(kept) > context:
                kept = ["…", *kept[-context:]]
            elif index == last and len(kept) > context:
                kept = [*kept[:context], "…"]
            elif 0 < index < last and len(kept) > 2 * context:
                kept = [*kept[:context], "…", *kept[-context:]]
            pieces.extend(kept)
            continue
        edit = ""
        if i2 > i1:
            edit += "[-" + " ".join(a[i1:i2]) + "-]"
        if j2 > j1:
            edit += "{+" + " ".join(b[j1:j2]) + "+}"
        pieces.append(edit)
    return " ".join(pieces)


def _date(day: dt.date) -> str:
    """`2 Mei 2018`; a date known only to its month (a subclass of date) as `Mei 2018`."""
    if type(day) is not dt.date:
        return f"{BULAN[day.month - 1]} {day.year}"
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


def _names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " dan " + names[-1]


def summary(changes: Sequence[Change], shown: int = 3) -> str:
    """The changes on one line, as a revision's `catatan`: the first few, then how many more."""
    briefs = list(dict.fromkeys(change.brief for change in changes))
    head = briefs[:shown]
    rest = len(briefs) - len(head)
    text = "; ".join(head)
    if rest:
        text += f"; dan {rest} perubahan lain"
    return text[:1].upper() + text[1:]


# ---- identity and other fields ------------------------------------------------------------------


def _item_text(item: object) -> str:
    if isinstance(item, Terkait):
        if item.sop is not None:
            return f"SOP {item.sop}" + (f" ({item.teks.strip()})" if item.teks.strip() else "")
        return item.teks
    return str(item)


def _list_details(before: Sequence[object], after: Sequence[object]) -> list[str]:
    """Entries of a list added, removed or edited, numbered as in the new list (removed: the old)."""
    old = [" ".join(_words(_item_text(i))) for i in before]
    new = [" ".join(_words(_item_text(i))) for i in after]
    details: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            details.extend(
                f"butir {j1 + k + 1} diubah: {word_diff(o, n)}" for k, (o, n) in enumerate(zip(old[i1:i2], new[j1:j2]))
            )
            continue
        details.extend(f"butir {i1 + k + 1} (lama) dihapus: {quote(o)}" for k, o in enumerate(old[i1:i2]))
        details.extend(f"butir {j1 + k + 1} ditambahkan: {quote(n)}" for k, n in enumerate(new[j1:j2]))
    return details


def _lane_details(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Lanes renamed, removed, added or put in another order (told by their printed names; a lane
    whose key alone changed is the same lane)."""
    flat = {key: " ".join(_words(name)) for key, name in (*before.items(), *after.items())}
    old_names = [" ".join(_words(n)) for n in before.values()]
    new_names = [" ".join(_words(n)) for n in after.values()]
    details = [
        f"{quote(before[key])} berganti nama menjadi {quote(after[key])}"
        for key in after
        if key in before and not _same(before[key], after[key])
    ]
    details.extend(f"{quote(n)} dihapus" for k, n in before.items() if k not in after and flat[k] not in new_names)
    details.extend(f"{quote(n)} ditambahkan" for k, n in after.items() if k not in before and flat[k] not in old_names)
    kept_old = [n for n in old_names if n in new_names]
    kept_new = [n for n in new_names if n in old_names]
    if kept_old != kept_new and sorted(kept_old) == sorted(kept_new):
        details.append("urutan lajur menjadi " + ", ".join(kept_new))
    return details


def _field_change(key: str, old: Sop, new: Sop) -> Change | None:
    before, after = getattr(old, key), getattr(new, key)
    caption = CAPTIONS.get(key, key)
    label = caption[0].lower() + caption[1:] if key != "nomor" else "nomor SOP"
    if key == "pelaksana":
        details = _lane_details(before, after)
    elif key == "revisi":
        details = _revision_details(before, after)
    elif key == "disahkan_oleh":
        details = [
            f"{name} berubah dari {quote(getattr(before, name) or '-')} menjadi {quote(getattr(after, name) or '-')}"
            for name in type(before).model_fields
            if not _same(str(getattr(before, name) or ""), str(getattr(after, name) or ""))
        ]
    elif key == "status":
        if old.status_text == new.status_text:
            return None
        return Change(
            "field_changed",
            f"Status berubah dari {old.status_text} menjadi {new.status_text}",
            f"status menjadi {new.status_text}",
            field=key,
        )
    elif isinstance(before, list) or isinstance(after, list):
        details = _list_details(before or [], after or [])
    elif isinstance(before, BaseModel) or isinstance(after, BaseModel):  # a group of settings (`lembar`)
        if before == after:
            return None
        return Change("field_changed", f"{caption} diubah", f"{label} diubah", field=key)
    elif key.startswith("judul") and isinstance(before, str) and isinstance(after, str):
        if _same(before, after):
            return None
        return Change("field_changed", f"{caption}: {word_diff(before, after)}", f"{label} diubah", field=key)
    else:  # a date, a number, a kind of paper
        same_kind = type(before) is type(after)  # `Februari 2024` is not `2024-02-01`, though equal as dates
        if (before == after and same_kind) or (
            isinstance(before, str) and isinstance(after, str) and _same(before, after)
        ):
            return None
        old_text, new_text = (_date(v) if isinstance(v, dt.date) else str(v) for v in (before, after))
        if before is None:
            text, brief = f"{caption} diisi: {new_text}", f"{label} diisi {new_text}"
        elif after is None:
            text, brief = f"{caption} dihapus (sebelumnya {old_text})", f"{label} dihapus"
        else:
            text, brief = f"{caption} berubah dari {old_text} menjadi {new_text}", f"{label} menjadi {new_text}"
        return Change("field_changed", text, brief, field=key)
    if not details:
        return None
    return Change("field_changed", f"{caption}: " + "; ".join(details), f"{label} diubah", field=key)


def _revision_details(before: Sequence, after: Sequence) -> list[str]:
    """Revisions added at the end, removed from it, or edited, by their place in the list."""
    details: list[str] = []
    for index in range(max(len(before), len(after))):
        entry = after[index] if index < len(after) else before[index]
        number = entry.ke if entry.ke is not None else index + 1
        if index >= len(before):
            note = f": {quote(entry.catatan)}" if entry.catatan.strip() else ""
            details.append(f"revisi ke-{number} ditambahkan ({_date(entry.tanggal)}){note}")
        elif index >= len(after):
            details.append(f"revisi ke-{number} dihapus")
        elif before[index] != after[index]:
            details.append(f"revisi ke-{number} diubah")
    return details


# ---- steps --------------------------------------------------------------------------------------

LIKENESS = 0.6
"""How alike two `kegiatan` must be (difflib ratio) for two steps without a common id to be one step."""
WHOLE_LIKENESS = 0.45
"""How alike two whole steps must be to be one step rewritten, when they sit between the same
matched neighbours."""


def _flat(text: str) -> str:
    return " ".join(_words(text)).lower()


def _ratio(a: str, b: str) -> float:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.ratio() if matcher.quick_ratio() >= LIKENESS / 2 else 0.0


def _whole(step: Langkah) -> str:
    parts = [step.kegiatan, " ".join(step.lanes), step.kelengkapan, step.output, step.keterangan]
    return _flat(" | ".join(parts))


def match_steps(old: Sequence[Langkah], new: Sequence[Langkah]) -> dict[int, int]:
    """Old step index -> new step index, for the steps both versions have."""
    pairs: dict[int, int] = {}
    new_ids = {s.id: j for j, s in enumerate(new) if s.id}
    for i, step in enumerate(old):
        if step.id and step.id in new_ids:
            pairs[i] = new_ids[step.id]
    taken = set(pairs.values())
    candidates = []
    for i, a in enumerate(old):
        if i in pairs:
            continue
        for j, b in enumerate(new):
            if j in taken:
                continue
            ratio = 1.0 if _flat(a.kegiatan) == _flat(b.kegiatan) else _ratio(_flat(a.kegiatan), _flat(b.kegiatan))
            if ratio >= LIKENESS:
                candidates.append((-ratio, abs(i - j), i, j))
    for _, _, i, j in sorted(candidates):
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    # A step rewritten in place: between the same matched neighbours, and alike as a whole.
    for i, a in enumerate(old):
        if i in pairs:
            continue
        low = max((pairs[k] for k in pairs if k < i), default=-1)
        high = min((pairs[k] for k in pairs if k > i), default=len(new))
        for j in range(low + 1, high):
            if j not in taken and SequenceMatcher(None, _whole(a), _whole(new[j]), autojunk=False).ratio() >= (
                WHOLE_LIKENESS
            ):
                pairs[i] = j
                taken.add(j)
                break
    return pairs


def in_order(pairs: dict[int, int]) -> set[int]:
    """The old indexes of the longest run of matched steps whose order both versions share; the other
    matched steps were moved."""
    olds = sorted(pairs)
    news = [pairs[i] for i in olds]
    tails: list[int] = []  # index into news of the smallest tail of each length
    before: list[int | None] = [None] * len(news)
    for k, value in enumerate(news):
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if news[tails[middle]] < value:
                low = middle + 1
            else:
                high = middle
        before[k] = tails[low - 1] if low else None
        if low == len(tails):
            tails.append(k)
        else:
            tails[low] = k
    kept: set[int] = set()
    cursor = tails[-1] if tails else None
    while cursor is not None:
        kept.add(olds[cursor])
        cursor = before[cursor]
    return kept


def _actors(step: Langkah, names: Sequence[str]) -> str:
    """The step's actors as the user reads them: a chain in order with arrows (`Tim -> Kasi`)."""
    return " -> ".join(names) if step.rangkaian else _names(names)


def _lane_names(document: SopDocument, step: Langkah) -> list[str]:
    return [document.sop.pelaksana.get(key, key) for key in step.lanes]


def _branch_details(old: Branch | None, new: Branch | None, pairs: dict[int, int]) -> tuple[list[str], str]:
    """What changed in a step's decision, and the brief wording."""
    if old is None and new is None:
        return [], ""
    if old is None:
        assert new is not None
        return [
            f"kini keputusan: {new.label_ya} ke langkah {new.ya + 1}, {new.label_tidak} ke langkah {new.tidak + 1}"
        ], "langkah {n} menjadi keputusan"
    if new is None:
        return ["bukan lagi keputusan"], "langkah {n} bukan lagi keputusan"

    def previously(target: int) -> str:
        moved = pairs.get(target)
        return f"langkah {moved + 1}" if moved is not None else f"langkah {target + 1} lama, yang kini dihapus"

    details: list[str] = []
    for label, was, now in ((new.label_ya, old.ya, new.ya), (new.label_tidak, old.tidak, new.tidak)):
        if pairs.get(was) != now:
            details.append(f"jawaban {label} kini ke langkah {now + 1} (sebelumnya ke {previously(was)})")
    if (old.label_ya, old.label_tidak) != (new.label_ya, new.label_tidak):
        details.append(
            f"label jawaban berubah dari {old.label_ya}/{old.label_tidak} menjadi {new.label_ya}/{new.label_tidak}"
        )
    return details, "cabang langkah {n} diubah"


def _step_changes(old: SopDocument, new: SopDocument) -> list[Change]:
    before, after = old.sop.langkah, new.sop.langkah
    pairs = match_steps(before, after)
    ordered = in_order(pairs)
    back = {j: i for i, j in pairs.items()}
    placed: list[tuple[float, Change]] = []
    for j, step in enumerate(after):
        n = j + 1
        if j not in back:
            placed.append(
                (
                    j,
                    Change(
                        "step_added", f"Langkah {n} ditambahkan: {quote(step.kegiatan)}", f"langkah {n} ditambahkan", j
                    ),
                )
            )
            continue
        i = back[j]
        was = before[i]
        if i not in ordered:
            placed.append(
                (
                    j,
                    Change(
                        "step_moved",
                        f"Langkah {i + 1} (lama) dipindah menjadi langkah {n}: {quote(step.kegiatan)}",
                        f"langkah {i + 1} dipindah menjadi langkah {n}",
                        j,
                        i,
                    ),
                )
            )
        chain_changed = bool(was.rangkaian) != bool(step.rangkaian) or (
            bool(step.rangkaian) and list(was.lanes) != list(step.lanes)
        )
        if set(was.lanes) != set(step.lanes) or chain_changed:
            old_names, new_names = _lane_names(old, was), _lane_names(new, step)
            if sorted(map(_flat, old_names)) != sorted(map(_flat, new_names)) or chain_changed:
                placed.append(
                    (
                        j,
                        Change(
                            "actor_changed",
                            f"Langkah {n}: pelaksana berubah dari {_actors(was, old_names)} menjadi "
                            f"{_actors(step, new_names)}",
                            f"pelaksana langkah {n} menjadi {_actors(step, new_names)}",
                            j,
                            i,
                        ),
                    )
                )
        for name in STEP_FIELDS:
            change = _step_text_change(name, getattr(was, name), getattr(step, name), j, i)
            if change is not None:
                placed.append((j, change))
        details, brief = _branch_details(old.branches.get(i), new.branches.get(j), pairs)
        if details:
            placed.append((j, Change("branch_changed", f"Langkah {n}: " + "; ".join(details), brief.format(n=n), j, i)))
        links = max(len(was.rangkaian or ()), len(step.rangkaian or ()))
        for link in range(links):
            details, brief = _branch_details(old.chains.get((i, link)), new.chains.get((j, link)), pairs)
            if details:
                where = f"Langkah {n}, mata rantai {link + 1}"
                placed.append((j, Change("branch_changed", f"{where}: " + "; ".join(details), brief.format(n=n), j, i)))
    survivors = sorted(pairs)
    for i, step in enumerate(before):
        if i in pairs:
            continue
        following = [pairs[k] for k in survivors if k > i]
        at = following[0] if following else len(after)
        placed.append(
            (
                at - 0.5,
                Change(
                    "step_removed",
                    f"Langkah {i + 1} (lama) dihapus: {quote(step.kegiatan)}",
                    f"langkah {i + 1} (lama) dihapus",
                    min(at, len(after) - 1),
                    i,
                ),
            )
        )
    placed.sort(key=lambda item: item[0])  # stable: a step's own changes keep their order
    return [change for _, change in placed]


def _step_text_change(name: str, before: object, after: object, j: int, i: int) -> Change | None:
    n = j + 1
    if name == "waktu":
        if _same(str(before or ""), str(after or "")):
            return None
        old_text, new_text = str(before) if before else "-", str(after) if after else "-"
        return Change(
            "text_changed",
            f"Langkah {n}: waktu berubah dari {old_text} menjadi {new_text}",
            f"waktu langkah {n} menjadi {new_text}",
            j,
            i,
            "waktu",
        )
    old_text, new_text = str(before), str(after)
    if _same(old_text, new_text):
        return None
    if not old_text.strip():
        text = f"Langkah {n}: {name} diisi {quote(new_text)}"
    elif not new_text.strip():
        text = f"Langkah {n}: {name} dikosongkan (sebelumnya {quote(old_text)})"
    else:
        text = f"Langkah {n}, {name}: {word_diff(old_text, new_text)}"
    return Change("text_changed", text, f"{name} langkah {n} diubah", j, i, name)


def compare(old: SopDocument, new: SopDocument) -> list[Change]:
    """Every change from `old` to `new`: the fields first (in the definition's order), then the steps
    in the new version's order (a removed step where it was)."""
    keys = [key for key in type(new.sop).model_fields if key != "langkah"]
    changes = [c for key in keys if (c := _field_change(key, old.sop, new.sop)) is not None]
    return changes + _step_changes(old, new)


def marked(changes: Sequence[Change]) -> tuple[set[int], set[str]]:
    """The new version's steps and the fields to mark on its sheet."""
    steps = {c.step for c in changes if c.step is not None}
    fields = {c.field for c in changes if c.field is not None and c.kind == "field_changed"}
    return steps, fields


# ---- loading the versions -----------------------------------------------------------------------


def _profile(*folders: Path) -> Profile:
    """The organisation profile of the first folder that has one (only the SOP itself is compared)."""
    for folder in folders:
        if (folder / ORGANISATION_FILE).is_file():
            return load_organisation(folder)
    return load_organisation(folders[0])  # the usual message: no profile here


def load_files(old: Path, new: Path) -> tuple[SopDocument, SopDocument, Profile]:
    """Both versions from two files; each with its own folder's profile, or the other's if it has none.
    Returns the new version's profile too (its sheet is laid out with it)."""
    problems: list[Diagnostic] = []
    documents: list[SopDocument] = []
    profile: Profile | None = None
    for path, other in ((old, new), (new, old)):
        try:
            profile = _profile(path.parent, other.parent)
            documents.append(load_sop(path, profile).document)
        except UserError as exc:
            problems.extend(d for d in exc.diagnostics if d not in problems)
    if problems or profile is None:
        raise UserError(problems)
    return documents[0], documents[1], profile


def load_git(path: Path, revision: str = "HEAD") -> tuple[SopDocument, SopDocument, Profile]:
    """The version of `path` at a git revision, and the file as it is now (both with its folder's profile)."""
    raw = git_version(path, revision)
    profile = load_organisation(path.parent)
    current = load_sop(path, profile).document
    named = Path(f"{path}@{revision}")
    try:
        with tempfile.TemporaryDirectory(prefix="sopgen-") as folder:
            probe = Path(folder) / path.name
            probe.write_bytes(raw)
            try:
                earlier = load_sop(probe, profile).document
            except UserError as exc:
                raise UserError(
                    [
                        Diagnostic(named, d.line, d.column, d.message, d.severity) if d.path == probe else d
                        for d in exc.diagnostics
                    ]
                ) from None
    except OSError as exc:
        problem = f"versi lama tidak dapat dibaca: folder sementara sistem tidak dapat ditulis (galat {exc.errno})"
        raise UserError([Diagnostic(path, None, None, problem)]) from None
    return earlier, current, profile


GIT_TIMEOUT = 60


class GitUnavailable(UserError):
    """The earlier version cannot be read from git (no git, not a repository, no such revision or file)."""


class NoRepository(GitUnavailable):
    """Git is not installed, or the file is not in a git repository."""


def _git(path: Path, folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "LANGUAGE": "C"}
    try:
        return subprocess.run(
            ["git", *args],
            cwd=folder,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            env=environment,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise NoRepository(
            [Diagnostic(path, None, None, "git tidak ditemukan di komputer ini (pasang Git dari https://git-scm.com)")]
        ) from None
    except subprocess.TimeoutExpired:
        raise GitUnavailable(
            [Diagnostic(path, None, None, f"git tidak menjawab dalam {GIT_TIMEOUT} detik; ulangi nanti")]
        ) from None
    except OSError as exc:
        raise GitUnavailable(
            [Diagnostic(path, None, None, f"git tidak dapat dijalankan (galat sistem {exc.errno})")]
        ) from None


def git_version(path: Path, revision: str = "HEAD") -> bytes:
    """The bytes of `path` as the git revision has it. Raises GitUnavailable, in Indonesian, when git is
    missing, the folder is not in a repository, the revision is unknown, or the file is not in it."""

    def refuse(message: str) -> GitUnavailable:
        return GitUnavailable([Diagnostic(path, None, None, message)])

    if path.is_dir():
        raise refuse("ini folder; sebutkan satu berkas definisi SOP")
    if not path.is_file():
        raise refuse("berkas tidak ditemukan")
    if not revision or revision.startswith("-") or any(c in revision for c in "\0\n\r"):
        raise refuse(f"revisi git `{revision}` tidak sah")
    target = path.resolve()
    folder = target.parent
    inside = _git(path, folder, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != b"true":
        error = inside.stderr.decode("utf-8", "replace")
        if "dubious ownership" in error:
            raise refuse(
                f"git menolak membaca repositori di {folder} karena pemiliknya pengguna lain; jalankan "
                f"`git config --global --add safe.directory {folder.as_posix()}` bila repositori ini tepercaya"
            )
        raise NoRepository([Diagnostic(path, None, None, f"folder {folder} bukan bagian dari repositori git")])
    commit = _git(path, folder, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if commit.returncode != 0:
        hint = " (repositori belum memiliki commit)" if revision == "HEAD" else ""
        raise refuse(f"revisi git `{revision}` tidak dikenal{hint}")
    name = commit.stdout.decode("ascii", "replace").strip()
    shown = _git(path, folder, "show", f"{name}:./{target.name}")
    if shown.returncode != 0:
        raise refuse(f"berkas ini belum ada di revisi git `{revision}` (berkas baru, atau belum pernah di-commit)")
    return shown.stdout
