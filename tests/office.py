"""LibreOffice as the tests use it: found once, and converting files to PDF with a profile of their own."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def require_office() -> str:
    """LibreOffice's program; skip where it is not installed, and in CI its absence is an error."""
    if SOFFICE is None:
        if os.environ.get("CI"):
            raise RuntimeError("CI must have LibreOffice (soffice) for the render checks")
        pytest.skip("LibreOffice is not installed")
    return SOFFICE


def to_pdf(sources: Iterable[Path], outdir: Path, profile: Path, timeout: float = 300) -> None:
    """Convert the files to PDF into `outdir` in one LibreOffice run, with its own profile folder (so a
    LibreOffice already open, or another test's, does not get in the way)."""
    subprocess.run(
        [
            require_office(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=timeout,
    )
