"""Generated SOP definitions (valid by construction) for benchmarks and layout tests."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

WORDS = (
    "memeriksa menyiapkan menyusun dokumen laporan rapat koordinasi naskah dinas konsep "
    "rencana kegiatan bahan unit organisasi disposisi arahan program anggaran kinerja data "
    "informasi evaluasi pengantar paraf tanda tangan validasi teknis"
).split()

ORGANISATION = {"instansi": ["KEMENTERIAN CONTOH", "REPUBLIK INDONESIA"], "kertas": "F4"}


def _text(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize()


def definition(seed: int, steps: int | None = None, lanes: int | None = None, chains: bool = False) -> dict[str, Any]:
    """One SOP definition as plain data: 5-30 steps, 3-7 lanes, some decisions and joint steps; with
    `chains`, also some chains of actors (`rangkaian`) and joint steps of lanes apart (drawn from a
    second generator, so the SOPs without them stay as they were)."""
    rng = random.Random(seed)
    extra = random.Random(seed * 7919 + 17)
    steps = steps or rng.randint(5, 30)
    lanes = lanes or rng.randint(3, 7)
    keys = [f"p{i + 1}" for i in range(lanes)]
    langkah: list[dict[str, Any]] = []
    for index in range(steps):
        step: dict[str, Any] = {
            "kegiatan": _text(rng, 6, 40),
            "pelaksana": rng.choice(keys),
            "kelengkapan": langkah[-1]["output"] if langkah else _text(rng, 2, 10),
            "waktu": f"{rng.randint(5, 120)} menit",
            "output": _text(rng, 2, 10),
        }
        if 0 < index < steps - 1 and rng.random() < 0.1:
            first = rng.randrange(lanes - 1)
            step["pelaksana"] = keys[first : first + rng.randint(2, min(3, lanes - first))]
        elif 1 < index < steps - 1 and rng.random() < 0.25:
            step["keputusan"] = {"tidak": rng.randint(max(1, index - 4), index)}
        if chains and 0 < index < steps - 1 and lanes >= 3:
            roll = extra.random()
            if roll < 0.15:
                count = extra.randint(2, min(3, lanes))
                picked = [keys[i] for i in sorted(extra.sample(range(lanes), count))]  # lanes may lie apart
                if extra.random() < 0.3:
                    picked.reverse()  # a chain may run right to left
                links: list[dict[str, Any]] = [{"pelaksana": key} for key in picked]
                if "keputusan" in step:
                    links[-1]["keputusan"] = step.pop("keputusan")
                elif extra.random() < 0.5:
                    links[0]["keputusan"] = {"tidak": extra.randint(max(1, index - 3), index)}
                del step["pelaksana"]
                step["rangkaian"] = links
            elif roll < 0.22 and "keputusan" not in step:
                apart = sorted(extra.sample(range(lanes), 2))
                if apart[1] - apart[0] > 1:
                    step["pelaksana"] = [keys[apart[0]], keys[apart[1]]]
        langkah.append(step)
    return {
        "nomor": f"GEN.{seed:03d}-{steps}-{lanes}",
        "jenis": rng.choice(["makro", "mikro"]),
        "judul": _text(rng, 3, 8),
        "unit": ["Sekretariat", "Biro Contoh"],
        "tanggal_pembuatan": "2020-01-15",
        "tanggal_efektif": "2020-02-01",
        "disahkan_oleh": {"jabatan": "Kepala Biro", "nama": "Nama Pejabat", "nip": "196001011985031001"},
        "dasar_hukum": [_text(rng, 5, 15) for _ in range(rng.randint(1, 4))],
        "kualifikasi_pelaksana": [_text(rng, 4, 12) for _ in range(rng.randint(1, 4))],
        "keterkaitan": [_text(rng, 3, 8)],
        "peralatan_perlengkapan": [_text(rng, 2, 6) for _ in range(2)],
        "peringatan": _text(rng, 8, 20),
        "pencatatan_pendataan": _text(rng, 3, 8),
        "pelaksana": {key: f"Pejabat {key.upper()}" for key in keys},
        "langkah": langkah,
    }


def write_corpus(folder: Path, count: int, start: int = 0, chains: bool = False) -> list[Path]:
    """Write `count` generated SOPs and an organisation profile into `folder` (see `definition`)."""
    folder.mkdir(parents=True, exist_ok=True)
    yaml = YAML()
    with (folder / "organisasi.yaml").open("w", encoding="utf-8") as stream:
        yaml.dump(ORGANISATION, stream)
    paths = []
    for seed in range(start, start + count):
        path = folder / f"gen-{seed:03d}.yaml"
        with path.open("w", encoding="utf-8") as stream:
            yaml.dump(definition(seed, chains=chains), stream)
        paths.append(path)
    return paths
