"""sopgen: YAML definitions of SOP AP -> official sheets (XLSX, DOCX, PDF)."""

__version__ = "0.1.0"
