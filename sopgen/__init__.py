"""sopgen: YAML definitions of SOP AP -> official sheets (XLSX, DOCX, PDF)."""

__version__ = "0.2.0"
