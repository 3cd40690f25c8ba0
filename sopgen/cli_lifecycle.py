"""`sopgen diff` and `sopgen status`: what changed between versions, and where each SOP stands."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the lifecycle commands to the main app."""
