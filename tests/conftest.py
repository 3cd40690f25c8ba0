from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEFINITIONS = ROOT / "definitions"
sys.path.insert(0, str(Path(__file__).resolve().parent))

ORGANISATION = "instansi: [KEMENTERIAN CONTOH]\nkertas: F4\n"

VALID = """\
nomor: X.01
judul: Contoh
unit: [Biro Contoh]
tanggal_pembuatan: 2020-01-15
disahkan_oleh: {jabatan: Kepala Biro, nama: Budi, nip: "019600101198503100"}
pelaksana:
  a: Pejabat A
  b: Pejabat B
langkah:
  - kegiatan: Memulai
    pelaksana: a
    waktu: 10 menit
    output: Arahan
  - kegiatan: Memeriksa
    pelaksana: b
    kelengkapan: Arahan
    waktu: 1 jam
    output: Hasil
    keputusan: {tidak: 1}
  - kegiatan: Menyelesaikan
    pelaksana: a
    kelengkapan: Hasil
    waktu: 1 hari
    output: Selesai
"""


def shipped() -> list[Path]:
    """The shipped SOP definitions (not the profile, the book's settings, the decree or the explanation)."""
    from sopgen.discovery import is_definition

    return sorted(p for p in DEFINITIONS.glob("*.yaml") if is_definition(p))


@pytest.fixture
def folder(tmp_path: Path):
    """Write definitions into a temporary folder that has an organisation profile."""
    (tmp_path / "organisasi.yaml").write_text(ORGANISATION, encoding="utf-8")

    def write(text: str, name: str = "sop.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    write.path = tmp_path  # type: ignore[attr-defined]
    return write
