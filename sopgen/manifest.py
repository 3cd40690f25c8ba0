"""The build manifest: what was built from what, so unchanged SOPs are skipped.

An SOP is up to date when its definition, its organisation profile (and emblem), and sopgen itself
(its version, every module of its code, the templates and the fonts) hash the same as at its last
build, and every output it then wrote still exists.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from . import __version__
from .files import write_atomic
from .templating import templates_dir

MANIFEST_NAME = ".sopgen-manifest.json"
FORMAT_VERSION = 2


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        digest.update(path.read_bytes())
    except OSError:
        digest.update(b"<missing>")
    return digest.hexdigest()


def _tree_hash(folder: Path, pattern: str = "*") -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


PACKAGE = Path(__file__).resolve().parent
"""The installed sopgen package: its code is part of every SOP's fingerprint."""


@lru_cache(maxsize=1)
def toolkit_hash() -> str:
    """The sopgen version, its code, templates and fonts: any change rebuilds everything."""
    digest = hashlib.sha256(__version__.encode())
    digest.update(_tree_hash(PACKAGE, "*.py").encode())
    digest.update(_tree_hash(templates_dir()).encode())
    digest.update(_tree_hash(PACKAGE / "fonts", "*.ttf").encode())
    digest.update(_tree_hash(PACKAGE / "fonts", "*.json").encode())
    return digest.hexdigest()


def organisation_hash(folder: Path) -> str:
    """The organisation profile of a folder and the emblem file it names, if any."""
    from .definition.source import read
    from .errors import UserError

    profile = folder / "organisasi.yaml"
    digest = hashlib.sha256(file_hash(profile).encode())
    try:
        data = read(profile).data  # the real parser: flow style, `logo : x`, quotes, comments
    except UserError:
        return digest.hexdigest()  # the build reports the profile's problem
    name = data.get("logo") if isinstance(data, dict) else None
    if isinstance(name, str) and name:
        digest.update(file_hash(folder / name).encode())
    return digest.hexdigest()


@dataclass
class Entry:
    source: str
    fingerprint: str
    nomor: str
    stem: str
    formats: list[str]
    outputs: list[str] = field(default_factory=list)
    stamps: dict[str, list[int]] = field(default_factory=dict)
    """Size and modification time (ns) of each output when it was written: an output emptied,
    replaced or edited by hand since then is rebuilt."""
    judul: str = ""
    """The SOP's title, for the summary of a build that skips it."""


def stamp(path: Path) -> list[int]:
    try:
        status = path.stat()
    except OSError:
        return [-1, -1]
    return [status.st_size, status.st_mtime_ns]


def _entry(key: str, value: object) -> Entry:
    """An entry read back from JSON, checked field by field (a hand-edited manifest may hold anything)."""
    if not isinstance(value, dict):
        raise TypeError(key)
    entry = Entry(**value)
    texts = (entry.source, entry.fingerprint, entry.nomor, entry.stem, entry.judul)
    names = entry.formats + entry.outputs
    if not all(isinstance(t, str) for t in (*texts, *names)) or not isinstance(entry.stamps, dict):
        raise TypeError(key)
    if not all(
        isinstance(v, list) and len(v) == 2 and all(isinstance(n, int) for n in v) for v in entry.stamps.values()
    ):
        raise TypeError(key)
    return entry


@dataclass
class Manifest:
    path: Path
    entries: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def load(cls, out: Path) -> Manifest:
        path = out / MANIFEST_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
                return cls(path)
            entries = {str(key): _entry(str(key), value) for key, value in dict(data.get("entries", {})).items()}
        except (OSError, ValueError, TypeError, AttributeError):
            return cls(path)  # unreadable or of another shape: everything is rebuilt, nothing breaks
        return cls(path, entries)

    def save(self) -> None:
        data = {
            "format": FORMAT_VERSION,
            "sopgen": __version__,
            "entries": {key: asdict(self.entries[key]) for key in sorted(self.entries)},
        }
        # ASCII: a file name that is not valid UTF-8 (kept by Python as surrogates) stays writable.
        text = json.dumps(data, indent=1, ensure_ascii=True, sort_keys=True) + "\n"
        write_atomic(self.path, lambda stream: stream.write(text.encode("utf-8")))

    def up_to_date(self, key: str, fingerprint: str, formats: list[str], out: Path) -> Entry | None:
        entry = self.entries.get(key)
        if entry is None or entry.fingerprint != fingerprint or not set(formats) <= set(entry.formats):
            return None
        if any(stamp(out / name) != entry.stamps.get(name) for name in entry.outputs):
            return None
        return entry


def fingerprint(source: Path, organisation: str) -> str:
    digest = hashlib.sha256(file_hash(source).encode())
    digest.update(organisation.encode())
    digest.update(toolkit_hash().encode())
    return digest.hexdigest()
