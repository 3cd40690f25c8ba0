"""Answer labels stay within the lanes: never printed over the Kegiatan or Kelengkapan columns."""

from __future__ import annotations

from conftest import shipped

from sopgen.layout.labels import hits_shape
from sopgen.pipeline import prepare
from sopgen.samples import write_corpus

RIGHTMOST = """\
nomor: L.01
judul: Label di lajur kanan
unit: [Biro]
tanggal_pembuatan: 2020-01-15
disahkan_oleh: {jabatan: Kepala, nama: Budi, nip: "196001011985031001"}
pelaksana: {a: Pejabat A, b: Pejabat B, c: Pejabat C, d: Pejabat D, e: Pejabat E, f: Pejabat F, g: Pejabat G,
  h: Pejabat H}
langkah:
  - {kegiatan: Mulai, pelaksana: a, waktu: 1 jam, output: X}
  - {kegiatan: Menyusun, pelaksana: h, waktu: 1 jam, output: X, kelengkapan: X}
  - {kegiatan: Memeriksa, pelaksana: h, waktu: 1 jam, output: X, kelengkapan: X,
     keputusan: {tidak: 2, label: [Sudah lengkap, Belum lengkap]}}
  - {kegiatan: Memeriksa lagi, pelaksana: a, waktu: 1 jam, output: X, kelengkapan: X,
     keputusan: {tidak: 1, label: [Sudah lengkap, Belum lengkap]}}
  - {kegiatan: Selesai, pelaksana: a, waktu: 1 jam, output: X, kelengkapan: X}
"""


def misplaced_labels(path) -> list[str]:
    document = prepare(path).laid_out
    edges = document.column_edges
    left, right = edges[document.lanes[0]], edges[document.lanes[-1] + 1]
    found = []
    for page in document.pages:
        for label in page.labels:
            box = label.box
            if box.x < left or box.right > right:
                found.append(f"{path.name} halaman {page.number}: {label.text!r} keluar dari lajur")
            for shape in page.shapes:
                if hits_shape(box, shape, clear=0.0):  # a diamond's outline, not its bounding box
                    found.append(f"{path.name} halaman {page.number}: {label.text!r} menutupi {shape.id}")
    return found


def test_labels_of_decisions_in_the_outer_lanes_stay_inside(folder):
    assert misplaced_labels(folder(RIGHTMOST)) == []


def test_no_label_leaves_the_lanes_in_shipped_and_generated_sops(tmp_path):
    paths = shipped() + write_corpus(tmp_path, 40)
    assert [problem for path in paths for problem in misplaced_labels(path)] == []
