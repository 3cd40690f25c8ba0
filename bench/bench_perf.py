"""Cold-start figures of the CLI, side by side with LibreOffice converting the same sheets.

Run: python bench/bench_perf.py [--runs 5]
Prints the median of N runs (each a fresh process, the output folder emptied; the commands run in turn,
so each meets the machine as the others do) of:
- `sopgen build` of the shipped SOPs, three formats, default options; PDF only; and three formats
  forced onto 2 worker processes (-j 2), to show whether the default's choice pays;
- LibreOffice converting the same five DOCX to PDF in this same run, and sopgen's ratio to it;
- `sopgen --help` and `sopgen check` of one file;
then, from one more run of each build, how many worker processes it started and whether any process
(a worker, multiprocessing's resource tracker) was still running after sopgen exited; and how busy the
machine was with other work meanwhile.
Bytecode caching is allowed (PYTHONDONTWRITEBYTECODE removed), as on a user's machine after the first run.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path
from statistics import median

from benchtools import DEFINITIONS, SOPGEN, Load, interleaved, run, watch


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    load = Load()
    with tempfile.TemporaryDirectory() as temp:
        out = Path(temp) / "out"

        def empty() -> None:
            shutil.rmtree(out, ignore_errors=True)

        build_args = [*SOPGEN, "build", str(DEFINITIONS), "--out", str(out)]
        empty()
        run([*build_args, "-f", "docx"])
        docx = sorted(str(p) for p in out.glob("*.docx"))
        commands = {
            "build": (build_args, empty),
            "pdf": ([*build_args, "-f", "pdf"], empty),
            "two": ([*build_args, "-j", "2"], empty),
            "help": ([*SOPGEN, "--help"], None),
            "check": ([*SOPGEN, "check", str(DEFINITIONS / "monev-sop-ap.yaml")], None),
        }
        office = shutil.which("soffice") or shutil.which("libreoffice")
        if office:
            # Its own profile, so a LibreOffice another process runs (a test suite) is neither used nor disturbed;
            # the unmeasured first round creates the profile. The DOCX are copied out of the folder the builds empty.
            profile = (Path(temp) / "lo-profil").as_uri()
            sheets = Path(temp) / "docx"
            sheets.mkdir()
            copies = [shutil.copy(path, sheets) for path in docx]
            converted = Path(temp) / "lo"
            lo_args = [office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
            commands["lo"] = ([*lo_args, "--outdir", str(converted), *map(str, copies)], None)
        times = interleaved(commands, runs)
        build, pdf, two, help_, check = (median(times[key]) for key in ("build", "pdf", "two", "help", "check"))
        lo = median(times["lo"]) if "lo" in times else None
        # Each round's ratio, of runs a few seconds apart, then their median: the machine's drift cancels.
        ratios = [median([b / o for b, o in zip(times[key], times.get("lo", []))] or [0.0]) for key in ("build", "pdf")]
        processes = {}
        variants = {"default": build_args, "PDF only": [*build_args, "-f", "pdf"], "-j 2": [*build_args, "-j", "2"]}
        for label, args in variants.items():
            empty()
            processes[label] = watch(args)
    print(f"build, 5 shipped SOPs, 3 formats, default options: {build:.2f} s")
    print(f"build, 5 shipped SOPs, PDF only:                   {pdf:.2f} s   (target <= 0.5 s)")
    print(f"build, 5 shipped SOPs, 3 formats, -j 2:            {two:.2f} s   (default / -j 2: {build / two:.2f})")
    if lo is not None:
        print(f"LibreOffice converting their 5 DOCX to PDF:        {lo:.2f} s   (measured in this run)")
        print(
            f"ratio build (3 formats) / LibreOffice:             {build / lo:.2f}   (target <= 0.3; "
            f"median of the rounds' ratios {ratios[0]:.2f})"
        )
        print(f"ratio build (PDF only) / LibreOffice:              {pdf / lo:.2f}   (rounds: {ratios[1]:.2f})")
    else:
        print("LibreOffice (soffice) not found: no ratio")
    print(f"sopgen --help:                                     {help_:.3f} s (target <= 0.15 s)")
    print(f"sopgen check, one file:                            {check:.3f} s (target <= 0.3 s)")
    for label, watched in processes.items():
        left = "; ".join(watched.left_running) or "none"
        print(
            f"build of 5 SOPs ({label}): {watched.workers} child process(es) seen; "
            f"still running after exit: {left}; peak memory {watched.peak_tree_mb:.0f} MB"
        )
    print(load.report())


if __name__ == "__main__":
    main()
