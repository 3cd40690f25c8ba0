"""Process-wide settings for a sopgen run (the command line and its worker processes)."""

from __future__ import annotations

import os


def tune() -> None:
    """Turn off pydantic's plugin scan (sopgen uses no plugin; the scan of installed packages costs
    10-15 ms at every start); before pydantic is first imported, and inherited by worker processes."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
