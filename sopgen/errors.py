"""User-facing diagnostics: one type for problems in the user's input, shown as file:line:col."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in a definition, pointing at its place in the file."""

    path: Path | None
    line: int | None
    column: int | None
    message: str
    severity: Severity = "error"

    def location(self) -> str:
        parts = [str(self.path) if self.path else "<masukan>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        prefix = "peringatan: " if self.severity == "warning" else ""
        return f"{self.location()}: {prefix}{self.message}"


class UserError(Exception):
    """Input the user must fix. Carries every diagnostic found, not only the first."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))


class OutputError(Exception):
    """A file could not be written (permissions, locked file, full disk); message in Indonesian."""
