"""Where start-up and run time go: `python -X importtime` and cProfile of the CLI, summarised.

Run: python bench/profile_commands.py [--top 15]
Prints:
- for `sopgen --help`, `sopgen check` of one file and `sopgen build --force` of the shipped SOPs: the
  import time, the costliest imports (self and cumulative time, from `-X importtime`; one run after a
  warm-up, so figures are rough) and which heavy packages each one imports at all (a command should
  import nothing it does not use);
- cProfile of `sopgen build --force -j 1` of the shipped SOPs (all formats, in one process, so every
  SOP is profiled) and of `sopgen book` with the sheets up to date: the functions with the most own
  time, and sopgen's own functions with the most cumulative time.
cProfile slows Python code more than C code: read the shares, not the seconds.
"""

from __future__ import annotations

import argparse
import io
import pstats
import shutil
import sys
import tempfile
from pathlib import Path

from benchtools import DEFINITIONS, SOPGEN, run

HEAVY = (
    "pydantic",
    "ruamel",
    "yaml",
    "jinja2",
    "openpyxl",
    "docx",
    "reportlab",
    "pypdf",
    "lxml",
    "rich",
    "multiprocessing",
    "concurrent",
    "watchfiles",
    "sopgen.definition",
    "sopgen.layout",
    "sopgen.writers",
    "sopgen.build",
    "sopgen.monev",
)


def importtime(args: list[str], top: int) -> None:
    run([*SOPGEN, *args])  # warm the bytecode
    done = run([sys.executable, "-X", "importtime", "-m", "sopgen", *args])
    rows = []
    for entry in done.stderr.splitlines():
        if not entry.startswith("import time:") or "self [us]" in entry:
            continue
        own, cumulative, name = entry.removeprefix("import time:").split("|", 2)
        rows.append((int(own), int(cumulative), name.rstrip()))
    total = sum(own for own, _, _ in rows)
    print(f"sopgen {' '.join(args[:1])}: {len(rows)} modul diimpor, {total / 1000:.0f} ms impor (jumlah 'self')")
    loaded = {name.strip() for _, _, name in rows}
    # sopgen's own packages count by their modules (the writers' registry alone is light)
    heavy = [h for h in HEAVY if any(m.startswith(h + ".") or m == h and "." not in h for m in loaded)]
    print(f"  paket berat yang diimpor: {', '.join(heavy) or 'tidak ada'}")
    print("  impor termahal (kumulatif, hanya tingkat teratas dan sopgen.*):")
    tops = [r for r in rows if not r[2].startswith("  ") or r[2].strip().startswith("sopgen")]
    for own, cumulative, name in sorted(tops, key=lambda r: -r[1])[:top]:
        print(f"    {cumulative / 1000:7.1f} ms kumulatif {own / 1000:6.1f} ms sendiri  {name.strip()}")


def profiled(label: str, args: list[str], temp: Path, top: int) -> None:
    target = temp / "profil.prof"
    run([sys.executable, "-m", "cProfile", "-o", str(target), "-m", "sopgen", *args])
    stats = pstats.Stats(str(target), stream=io.StringIO())
    entries = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt
    print(f"cProfile {label}: {total:.2f} s")

    def where(key: tuple[str, int, str]) -> str:
        filename, line, name = key
        path = Path(filename).as_posix()
        if "/sopgen/" in path:
            path = "sopgen/" + path.rsplit("/sopgen/", 1)[1]
        elif "site-packages/" in path:
            path = path.rsplit("site-packages/", 1)[1]
        return f"{path}:{line}({name})" if line else name

    print("  waktu sendiri terbesar (tottime):")
    for key, value in sorted(entries.items(), key=lambda item: -item[1][2])[:top]:
        print(f"    {value[2]:6.2f} s {value[2] / total:5.1%}  {value[1]:8d}x  {where(key)}")
    print("  fungsi sopgen dengan waktu kumulatif terbesar (cumtime):")
    own = [(k, v) for k, v in entries.items() if "/sopgen/" in Path(k[0]).as_posix() and "__main__" not in k[0]]
    for key, value in sorted(own, key=lambda item: -item[1][3])[:top]:
        print(f"    {value[3]:6.2f} s {value[3] / total:5.1%}  {value[1]:8d}x  {where(key)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=15)
    top = parser.parse_args().top
    with tempfile.TemporaryDirectory() as folder:
        temp = Path(folder)
        definitions = temp / "definitions"
        shutil.copytree(DEFINITIONS, definitions)
        out = temp / "output"
        importtime(["--help"], top)
        importtime(["check", str(definitions / "monev-sop-ap.yaml")], top)
        importtime(["build", str(definitions), "--out", str(temp / "impor"), "--force"], top)
        profiled(
            "build --force -j 1 (5 SOP bawaan, 3 format)",
            ["build", str(definitions), "--out", str(out), "--force", "-j", "1"],
            temp,
            top,
        )
        profiled("book (lembar sudah mutakhir)", ["book", str(definitions), "--out", str(out)], temp, top)


if __name__ == "__main__":
    main()
