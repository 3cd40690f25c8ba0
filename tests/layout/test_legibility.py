"""Legibility, measured on the laid-out sheets: no label crossed by a line, no word split mid-word, no
arrow crossing without a jump, no arrowheads touching, no lone last step, terminators as capsules."""

from __future__ import annotations

import io
import math
import re
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, VALID, shipped

from sopgen.discovery import discover
from sopgen.errors import UserError
from sopgen.layout import style
from sopgen.layout.document import Box, Connector, Label
from sopgen.layout.jumps import add_jumps
from sopgen.layout.legibility import check
from sopgen.layout.symbols import arrowhead, with_jumps
from sopgen.pipeline import prepare
from sopgen.samples import write_corpus
from sopgen.writers import docx as docx_writer
from sopgen.writers import xlsx as xlsx_writer

FIXTURES = ROOT / "tests" / "golden" / "fixtures"
EXAMPLES = ROOT / "contoh"


def _documents(paths):
    for path in paths:
        try:
            yield path, prepare(path).laid_out
        except UserError:  # the refusal fixtures
            continue


def _corpus(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("legibility")
    (folder / "organisasi.yaml").write_text("instansi: [KEMENTERIAN CONTOH]\n", encoding="utf-8")
    fixtures, _ = discover([FIXTURES])
    examples, _ = discover([EXAMPLES]) if EXAMPLES.is_dir() else ([], [])
    chained = tmp_path_factory.mktemp("rangkaian")
    return shipped() + fixtures + examples + write_corpus(folder, 100) + write_corpus(chained, 60, 100, chains=True)


def test_shipped_example_fixture_and_160_generated_sops_have_no_legibility_defect(tmp_path_factory, capsys):
    defects, steps, crossings, jumps, grounded = [], 0, 0, 0, 0
    for path, document in _documents(_corpus(tmp_path_factory)):
        found = check(document)
        defects += [f"{path.name}: {problem}" for problem in found.defects]
        steps += found.steps
        crossings += len(found.crossings)
        jumps += found.jumps
        grounded += found.grounded_labels
    assert defects == []
    assert steps > 2500
    with capsys.disabled():
        print(f"\nlegibility: {steps} steps, {jumps} crossings (all jumped) = {10 * jumps / steps:.2f} per 10 steps, ")
        print(f"{grounded} labels on a white ground over a lane border")
    assert 10 * (crossings + jumps) / steps < 3


def test_the_checker_finds_each_defect():
    from sopgen.layout.document import LaidOutDocument, Margins, Page, Shape
    from sopgen.layout.symbols import outline

    terminator = Shape("langkah-1", "terminator", Box(100, 100, 16, 20), outline("terminator", Box(100, 100, 16, 20)))
    across = _connector("panah-1", [(50, 150), (200, 150)])
    down = _connector("panah-2", [(120, 120), (120, 200)])
    beside = _connector("panah-3", [(90, 250), (90, 300)])
    twin = _connector("panah-4", [(94, 250), (94, 300)])
    page = Page(2, 900, 600, shapes=[terminator], connectors=[across, down, beside, twin])
    page.labels = [Label(Box(110, 145, 20, 9), "Tidak", 6.5, (111, 152))]
    document = LaidOutDocument("F4", 900, 600, Margins(28, 28, 28, 28, 14), (900.0,), (0,), [page], "", "", "", 8, 7)
    found = check(document)
    assert found.crossed_labels == ["halaman 2: label 'Tidak' dilintasi panah-1"]
    assert [c for c in found.crossings if "panah-1" in c and "panah-2" in c]
    assert [h for h in found.touching_heads if "panah-3" in h and "panah-4" in h]
    assert found.round_terminators


def _connector(name: str, points: list[tuple[float, float]]) -> Connector:
    return Connector(name, tuple(points), *arrowhead(points), "a", "b")


def test_a_crossing_gets_an_arc_over_the_vertical_line_and_the_path_still_ends_at_the_tip():
    across = _connector("panah-1", [(0, 50), (100, 50)])
    down = _connector("panah-2", [(40, 0), (40, 100)])
    jumped, plain = add_jumps([across, down])
    assert jumped.jumps == ((40, 50),) and plain.jumps == ()
    arc = [p for p in jumped.shaft if p[1] < 50 - 0.01]
    assert min(p[0] for p in jumped.shaft if p[1] < 50) >= 40 - style.JUMP - 0.01
    assert min(p[1] for p in arc) == pytest.approx(50 - style.JUMP)
    assert len(arc) == style.JUMP_SEGMENTS - 1
    assert jumped.to_tip[-1] == jumped.points[-1] and jumped.shaft[-1] == jumped.shaft_end
    assert check_crossing_counts([jumped, plain]) == (0, 1)


def check_crossing_counts(connectors) -> tuple[int, int]:
    from sopgen.layout.document import LaidOutDocument, Margins, Page

    page = Page(2, 900, 600, connectors=list(connectors))
    document = LaidOutDocument("F4", 900, 600, Margins(28, 28, 28, 28, 14), (900.0,), (0,), [page], "", "", "", 8, 7)
    found = check(document)
    return len(found.crossings), found.jumps


def test_close_crossings_share_one_wider_arc_and_a_crossing_at_a_lines_end_makes_the_other_hop():
    shaft = [(0.0, 50.0), (100.0, 50.0)]
    arc = with_jumps(shaft, [(40.0, 50.0), (44.0, 50.0)])
    lifted = [p for p in arc if p[1] < 50 - 0.01]
    assert min(p[0] for p in arc[1:-1]) == pytest.approx(40 - style.JUMP)
    assert max(p[0] for p in arc[1:-1]) == pytest.approx(44 + style.JUMP)
    assert len(lifted) == style.JUMP_SEGMENTS - 1  # one arc, not two
    short = _connector("panah-1", [(38.5, 50), (100, 50)])
    down = _connector("panah-2", [(40, 0), (40, 100)])
    first, second = add_jumps([short, down])
    assert first.jumps == () and second.jumps == ((40, 50),)
    assert max(p[0] for p in second.shaft) == pytest.approx(40 + style.JUMP)


def _written(writer, document) -> str:
    stream = io.BytesIO()
    writer.write(document, stream)
    with zipfile.ZipFile(io.BytesIO(stream.getvalue())) as package:
        return "".join(
            package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.endswith(".xml") and ("drawing" in name or name == "word/document.xml")
        )


def test_xlsx_and_docx_draw_the_same_arcs_as_the_pdf():
    document = prepare(ROOT / "definitions" / "laporan-kinerja.yaml").laid_out
    jumped = [c for page in document.pages for c in page.connectors if c.jumps]
    assert jumped
    for writer in (xlsx_writer, docx_writer):
        xml = _written(writer, document)
        paths = re.findall(r"<a:path [^>]*>(.*?)</a:path>", xml)
        points = [len(re.findall(r"<a:lnTo>", path)) for path in paths]
        expected = [len(c.to_tip) - 1 for c in jumped]
        for count in expected:
            assert count in points, (writer.__name__, count, points)


def _lane_names(names: list[str]) -> str:
    lanes = "\n".join(f"  l{i}: {name}" for i, name in enumerate(names))
    steps = "\n".join(
        f"  - {{kegiatan: Langkah {i + 1}, pelaksana: l{i}, waktu: 1 jam, output: X, kelengkapan: X}}"
        for i in range(len(names))
    )
    return VALID.split("pelaksana:\n")[0] + f"pelaksana:\n{lanes}\nlangkah:\n{steps}\n"


def test_a_long_lane_name_in_a_narrow_lane_shrinks_instead_of_breaking_mid_word(folder):
    names = ["Pengadministrasi Kepegawaian", "Kepegawaian", "Kasubbag/Kabag/Sesmenko"] + [
        f"Pejabat {i}" for i in range(6)
    ]
    document = prepare(folder(_lane_names(names))).laid_out
    header = next(page.table("prosedur") for page in document.pages if page.steps)
    cell = next(c for c in header.cells if c.paras and c.paras[0].text.startswith("Pengadministrasi"))
    words = [line.text for line in cell.lines]
    assert "Pengadministrasi" in words and "Kepegawaian" in words
    assert cell.paras[0].size < style.SMALL and cell.lines[0].size == cell.paras[0].size
    slashes = next(c for c in header.cells if c.paras and "/" in c.paras[0].text)
    assert all(line.text.endswith("/") or line is slashes.lines[-1] for line in slashes.lines)
    assert check(document).split_words == []


def test_a_word_too_long_even_at_the_smallest_size_is_hyphenated_the_same_in_every_format():
    from sopgen.layout.document import Para
    from sopgen.layout.text import MIN_WORD_SIZE, fit_words

    (para,) = fit_words([Para("Pengadministrasiankepegawaianumum", 8.0)], 30.0)
    assert para.size == MIN_WORD_SIZE
    pieces = para.text.split("\n")
    assert len(pieces) > 1 and all(piece.endswith("-") for piece in pieces[:-1])
    assert "".join(piece.rstrip("-") for piece in pieces) == "Pengadministrasiankepegawaianumum"


def test_terminators_stay_capsules_in_twelve_narrow_lanes():
    document = prepare(FIXTURES / "twelve-lanes.yaml").laid_out
    terminators = [s for p in document.pages for s in p.shapes if s.kind == "terminator"]
    assert terminators and all(s.box.w >= s.box.h / style.CAPSULE_RATIO - 0.01 for s in terminators)
    assert all(s.outline.radius == pytest.approx(s.box.h / 2) for s in terminators)


def test_the_last_step_does_not_stand_alone_on_the_last_page():
    for name in ("paper-legal.yaml", "side-entry.yaml", "branch-out-below.yaml"):
        document = prepare(FIXTURES / name).laid_out
        flow = [page for page in document.pages if page.steps]
        assert len(flow[-1].steps) >= 2, name


def test_a_label_in_a_narrow_lane_gets_a_white_ground_and_writers_fill_it(tmp_path):
    folder = tmp_path / "sempit"
    folder.mkdir()
    (folder / "organisasi.yaml").write_text("instansi: [KEMENTERIAN CONTOH]\n", encoding="utf-8")
    paths = write_corpus(folder, 30)
    grounded = [
        (document, label)
        for _, document in _documents(paths)
        for page in document.pages
        for label in page.labels
        if label.ground
    ]
    assert grounded
    document, label = grounded[0]
    assert check(document).crossed_labels == []
    xml = _written(docx_writer, document)
    assert re.search(rf'name="Label {label.text}".*?<a:solidFill><a:srgbClr val="FFFFFF"/>', xml)


def test_arcs_are_half_circles():
    arc = with_jumps([(0.0, 0.0), (20.0, 0.0)], [(10.0, 0.0)])
    for x, y in arc[1:-1]:
        assert math.hypot(x - 10, y) == pytest.approx(style.JUMP)
