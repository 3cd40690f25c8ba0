"""Cold-start figures of the CLI, side by side with LibreOffice converting the same sheets.

Run: python bench/bench_perf.py [--runs 5]
Prints the median of N runs (each a fresh process, the output folder emptied) of:
- `sopgen build` of the shipped SOPs, three formats, default options; and PDF only;
- LibreOffice converting the same five DOCX to PDF, and sopgen's ratio to it;
- `sopgen --help` and `sopgen check` of one file.
Bytecode caching is allowed (PYTHONDONTWRITEBYTECODE removed), as on a user's machine after the first run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFINITIONS = ROOT / "definitions"
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str], cwd: Path = ROOT, before=None) -> float:
    if before:
        before()
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def median(command: list[str], runs: int, before=None) -> float:
    timed(command, before=before)  # warm the file cache and the bytecode
    return statistics.median(timed(command, before=before) for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    sopgen = [sys.executable, "-m", "sopgen"]
    with tempfile.TemporaryDirectory() as temp:
        out = Path(temp) / "out"

        def empty() -> None:
            shutil.rmtree(out, ignore_errors=True)

        build = median([*sopgen, "build", str(DEFINITIONS), "--out", str(out)], runs, empty)
        pdf = median([*sopgen, "build", str(DEFINITIONS), "--out", str(out), "-f", "pdf"], runs, empty)
        subprocess.run(
            [*sopgen, "build", str(DEFINITIONS), "--out", str(out), "-f", "docx"],
            env=ENV,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        office = shutil.which("soffice") or shutil.which("libreoffice")
        converted = Path(temp) / "lo"
        lo = None
        if office:
            docx = sorted(str(p) for p in out.glob("*.docx"))
            lo = median([office, "--headless", "--convert-to", "pdf", "--outdir", str(converted), *docx], runs)
        help_ = median([*sopgen, "--help"], runs)
        check = median([*sopgen, "check", str(DEFINITIONS / "monev-sop-ap.yaml")], runs)
    print(f"build, 5 shipped SOPs, 3 formats, default options: {build:.2f} s")
    print(f"build, 5 shipped SOPs, PDF only:                   {pdf:.2f} s")
    if lo is not None:
        print(f"LibreOffice converting their 5 DOCX to PDF:        {lo:.2f} s")
        print(f"ratio build / LibreOffice:                         {build / lo:.2f} (target 0.3)")
    print(f"sopgen --help:                                     {help_:.2f} s")
    print(f"sopgen check, one file:                            {check:.2f} s")


if __name__ == "__main__":
    main()
