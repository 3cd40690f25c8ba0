"""The `sopgen` command: settles the process before the command line, and what it imports, loads."""

from __future__ import annotations

from .runtime import before_exit, tune


def run() -> None:
    tune()
    from .cli import main

    try:
        main()
    finally:
        before_exit()
