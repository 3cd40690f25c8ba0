"""Process-wide settings for a sopgen run (the command line and its worker processes)."""

from __future__ import annotations

import atexit
import gc
import os
import signal

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
    gc.set_threshold(YOUNG_COLLECTION, *gc.get_threshold()[1:])  # what the other values mean varies by version


def before_exit() -> None:
    """Leave every object alive now out of the interpreter's last collection at exit: the process is
    ending, and walking them all cost 50-90 ms after a build. Files are still flushed and closed,
    and exit handlers still run."""
    gc.freeze()


def worker_setup() -> None:
    """Settle a worker process of a parallel build. Here, not beside the build code, so that the worker
    runs it before it loads that code (and pydantic, the layout, the writers) with `tune`'s settings."""
    # Ctrl-C is the parent's to handle: it lets running SOPs finish and starts no new ones. When the
    # parent stops a worker (SIGTERM), it unwinds, so a file being written is removed, not left half.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_signal)
    tune()
    atexit.register(before_exit)


def _exit_on_signal(number: int, frame: object) -> None:
    raise SystemExit(128 + number)
