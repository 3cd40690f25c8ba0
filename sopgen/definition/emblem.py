"""The emblem file an organisation names: can every writer draw it? Checked once, with Pillow."""

from __future__ import annotations

from pathlib import Path

ACCEPTED = ("PNG", "JPEG", "GIF", "BMP")
"""Raster formats that the PDF, XLSX and DOCX writers all embed as they are."""
MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 25_000_000
LIMIT = "5000 x 5000 piksel"
"""An emblem prints about 2 cm wide: 5000 x 5000 pixels is far more than enough."""


def problem(path: Path, name: str) -> str | None:
    """What is wrong with the emblem at `path` (as the user wrote it: `name`), or None."""
    from PIL import Image, UnidentifiedImageError

    try:
        size = path.stat().st_size
    except OSError:
        return f"berkas logo `{name}` tidak dapat dibaca"
    if size == 0:
        return f"berkas logo `{name}` kosong; simpan ulang gambarnya"
    if size > MAX_BYTES:
        return f"berkas logo `{name}` terlalu besar ({size // (1024 * 1024)} MB); perkecil gambarnya di bawah 10 MB"
    try:
        with Image.open(path) as image:
            kind, mode, (width, height) = image.format, image.mode, image.size
            if width * height > MAX_PIXELS:
                return f"logo `{name}` terlalu besar ({width} x {height} piksel); perkecil menjadi paling besar {LIMIT}"
            image.verify()
    except Image.DecompressionBombError:
        return f"logo `{name}` terlalu besar untuk dibuka; perkecil menjadi paling besar {LIMIT}"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return f"berkas logo `{name}` bukan gambar yang dapat dibaca (SVG tidak didukung); simpan sebagai PNG atau JPEG"
    if kind not in ACCEPTED:
        return f"logo `{name}` berformat {kind}; simpan ulang sebagai PNG atau JPEG"
    if mode == "CMYK":
        return f"logo `{name}` memakai warna cetak CMYK; simpan ulang sebagai PNG, atau JPEG dengan warna RGB"
    return None
