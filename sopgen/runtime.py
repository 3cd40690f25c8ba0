"""Process-wide settings for a sopgen run (the command line and its worker processes)."""

from __future__ import annotations

import gc
import os

YOUNG_COLLECTION = 100_000
"""Objects allocated between two collections of the youngest generation (Python's default is 700).
A run allocates hundreds of thousands of objects that live until it ends (modules, the validated
model, the layout), and collecting them over and over cost 40-50 ms of a small build (at 100,000 a
build of a few SOPs collects none); memory stays flat over a thousand SOPs, since garbage cycles are
still collected, only less often."""


def tune() -> None:
    """Turn off pydantic's plugin scan (sopgen uses no plugin; the scan of installed packages costs
    10-15 ms at every start); before pydantic is first imported, and inherited by worker processes.
    Collect garbage cycles less often (see `YOUNG_COLLECTION`)."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    gc.set_threshold(YOUNG_COLLECTION, 20, 20)


def before_exit() -> None:
    """Leave every object alive now out of the interpreter's last collection at exit: the process is
    ending, and walking them all cost 50-90 ms after a build. Files are still flushed and closed,
    and exit handlers still run."""
    gc.freeze()
