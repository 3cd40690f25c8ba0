"""File-system helpers: names safe on every system, and atomic writes that never leave half a file."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

from .errors import OutputError

RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_STEM = 100


def safe_stem(text: str, fallback: str = "sop") -> str:
    """A file name stem that is valid on Windows, macOS and Linux and cannot leave its folder."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_text)
    stem = re.sub(r"-{2,}", "-", stem).strip(".- ")
    stem = re.sub(r"\.{2,}", ".", stem)
    stem = stem[:MAX_STEM].rstrip(".- ")
    if not stem:
        stem = fallback
    if stem.split(".")[0].upper() in RESERVED:
        stem = f"_{stem}"
    return stem


REASONS = {
    "EACCES": "tidak ada izin",
    "EPERM": "tidak ada izin",
    "ELOOP": "tautan simbolik yang berputar",
    "EISDIR": "ini folder, bukan berkas",
    "ENOENT": "tidak ditemukan",
    "EBUSY": "sedang dipakai program lain",
    "EIO": "galat baca/tulis pada disk",
}


def reason(exc: OSError) -> str:
    """Why the system refused a file, in Indonesian (its own text is English)."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    return REASONS.get(name, f"galat sistem {exc.errno}")


def _describe(exc: OSError, path: Path) -> str:
    import errno

    if exc.errno == errno.ENOSPC:
        return f"{path}: disk penuh; kosongkan ruang lalu ulangi"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"{path}: tidak dapat ditulis (folder hanya-baca, atau berkas sedang dibuka di "
            "program lain); tutup berkasnya lalu ulangi"
        )
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        return f"{path}: salah satu folder di jalur ini sebenarnya sebuah berkas; pilih folder keluaran lain"
    if exc.errno == errno.ENAMETOOLONG:
        return f"{path}: nama berkas atau jalur folder terlalu panjang; pilih folder keluaran yang lebih pendek"
    if exc.errno == errno.EISDIR:
        return f"{path}: ini sebuah folder; sebutkan nama berkas, mis. {path / 'skema.json'}"
    if exc.errno == errno.ENOENT:
        return f"{path}: folder tujuan tidak dapat dibuat atau sudah dihapus; periksa jalurnya lalu ulangi"
    return f"{path}: gagal menulis berkas (galat sistem {exc.errno}); periksa folder tujuan lalu ulangi"


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomic(path: Path, produce: Callable[[BinaryIO], object]) -> None:
    """Write through a temporary file in the same folder, then rename it over `path`.

    On any failure the temporary file is removed and the previous `path`, if any, is untouched.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(_describe(exc, path)) from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            produce(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except OSError as exc:
        with suppress(OSError):
            temp.unlink()
        raise OutputError(_describe(exc, path)) from exc
    except BaseException:
        with suppress(OSError):
            temp.unlink()
        raise
