"""Processes of a process group, read from /proc (Linux): what a command left running."""

from __future__ import annotations

import os
from pathlib import Path


def group_members(group: int) -> list[int]:
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == group:
                    members.append(int(entry.name))
            except (ProcessLookupError, PermissionError):
                continue
    return members
