"""Where sopgen looks and writes by default, relative to the folder it runs in."""

from pathlib import Path

DEFAULT_DEFINITIONS = Path("definitions")
DEFAULT_OUTPUT = Path("output")
BOOK_SETTINGS_NAME = "buku.yaml"
"""Optional, beside the definitions: the book's cover title and year."""
BOOK_NAME = "buku-sop.pdf"
REGISTER_NAME = "daftar-sop.xlsx"
