"""Where sopgen looks and writes by default, relative to the folder it runs in."""

from pathlib import Path

DEFAULT_DEFINITIONS = Path("definitions")
DEFAULT_OUTPUT = Path("output")
BOOK_SETTINGS_NAME = "buku.yaml"
"""Optional, beside the definitions: the book's cover title and year."""
BOOK_NAME = "buku-sop.pdf"
REGISTER_NAME = "daftar-sop.xlsx"
DECREE_SETTINGS_NAME = "keputusan.yaml"
"""Optional, beside the definitions: the decree enacting the SOPs, drafted by `sopgen book`."""
SIGNED_DECREE_NAME = "keputusan.pdf"
"""Optional, beside the definitions: the signed decree, bound into the book as it is."""
EXPLANATION_NAME = "penjelasan.yaml"
"""Optional, beside the definitions: the book's Penjelasan Singkat Penggunaan."""
MONEV_HISTORY_NAME = "monev-riwayat.yaml"
"""Beside the definitions, written by `sopgen monev rekap`: which SOPs were monitored when."""
EXPLANATION_MARKDOWN_NAME = "penjelasan.md"
"""The same as `penjelasan.yaml`, written in Markdown (one or the other)."""
DECREE_DRAFT_STEM = "keputusan-draf"
"""The draft decree `sopgen book` writes when `keputusan.yaml` is there: `.docx` and `.pdf`."""
