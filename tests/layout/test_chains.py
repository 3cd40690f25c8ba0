"""Rows with several actors: a chain of links (`rangkaian`) drawn side by side with arrows between them,
and a joint step of lanes that are not side by side drawn as a symbol in each, joined by a line."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from conftest import ROOT, VALID

from sopgen.errors import UserError
from sopgen.layout.legibility import check
from sopgen.pipeline import prepare
from sopgen.writers import docx as docx_writer
from sopgen.writers import xlsx as xlsx_writer

FIXTURE = ROOT / "tests" / "golden" / "fixtures" / "chain-steps.yaml"


@pytest.fixture(scope="module")
def laid_out():
    return prepare(FIXTURE).laid_out


def _shapes(document, step: int):
    return [s for page in document.pages for s in page.shapes if s.step == step - 1]


def _connector(document, source: str, target: str):
    return next(c for page in document.pages for c in page.connectors if (c.source, c.target) == (source, target))


def test_a_chain_is_a_symbol_per_link_in_its_lane_on_one_line(laid_out):
    links = _shapes(laid_out, 2)
    assert [s.id for s in links] == ["langkah-2a", "langkah-2b", "langkah-2c"]
    assert [s.kind for s in links] == ["process", "decision", "process"]
    assert [s.lanes for s in links] == [(0,), (1,), (2,)]
    assert len({round(s.box.cy, 3) for s in links}) == 1


def test_arrows_run_between_the_links_and_the_check_between_them_has_its_own_branch(laid_out):
    first = _connector(laid_out, "langkah-2a", "langkah-2b")
    second = _connector(laid_out, "langkah-2b", "langkah-2c")
    a, b, c = _shapes(laid_out, 2)
    assert first.points == ((a.box.right, a.box.cy), (b.box.x, b.box.cy)) and first.kind == "flow"
    assert second.points[0] == (b.box.right, b.box.cy) and second.kind == "ya"
    back = _connector(laid_out, "langkah-2b", "langkah-2a")
    assert back.kind == "tidak" and back.points[0] == (b.box.cx, b.box.bottom)
    labels = {label.text for page in laid_out.pages for label in page.labels}
    assert {"Sesuai", "Belum sesuai"} <= labels
    # the step is entered at its first link and left from its last
    assert _connector(laid_out, "langkah-1", "langkah-2a").kind == "flow"
    assert _connector(laid_out, "langkah-2c", "langkah-3a").kind == "flow"


def test_a_chain_ending_in_a_decision_is_the_steps_decision(laid_out):
    a, b = _shapes(laid_out, 4)
    assert (a.kind, b.kind) == ("process", "decision")
    assert _connector(laid_out, "langkah-4b", "langkah-5").kind == "ya"
    assert _connector(laid_out, "langkah-4b", "langkah-2a").kind == "tidak"


def test_a_joint_step_of_lanes_apart_is_a_symbol_in_each_joined_by_a_plain_line(laid_out):
    first, second = _shapes(laid_out, 3)
    assert (first.lanes, second.lanes) == ((0,), (4,))
    line = _connector(laid_out, "langkah-3a", "langkah-3b")
    assert line.kind == "gabung" and line.head == ()
    assert line.points == ((first.box.right, first.box.cy), (second.box.x, second.box.cy))


def test_the_sheet_stays_legible(laid_out):
    assert check(laid_out).defects == []


def _drawing_xml(writer, document) -> str:
    stream = io.BytesIO()
    writer.write(document, stream)
    with zipfile.ZipFile(io.BytesIO(stream.getvalue())) as package:
        return "".join(
            package.read(n).decode("utf-8") for n in package.namelist() if "drawing" in n or n == "word/document.xml"
        )


@pytest.mark.parametrize("writer", [xlsx_writer, docx_writer], ids=["xlsx", "docx"])
def test_office_draws_the_join_without_an_arrowhead_and_the_chain_arrows_with_one(laid_out, writer):
    xml = _drawing_xml(writer, laid_out)
    join = re.search(r'name="Garis langkah-3a dengan langkah-3b".*?</a:ln>', xml, re.S)
    assert join is not None and "tailEnd" not in join.group(0)
    arrow = re.search(r'name="Panah langkah-2a ke langkah-2b".*?</a:ln>', xml, re.S)
    assert arrow is not None and "tailEnd" in arrow.group(0)


LINKS = "    rangkaian:\n      - pelaksana: a\n      - pelaksana: b\n        keputusan: {tidak: 1}\n"
CHAIN = VALID.replace(
    "  - kegiatan: Memeriksa\n    pelaksana: b\n",
    "  - kegiatan: Memeriksa\n" + LINKS,
).replace("    output: Hasil\n    keputusan: {tidak: 1}\n", "    output: Hasil\n")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "    rangkaian:\n",
            "    pelaksana: a\n    rangkaian:\n",
            "tulis `pelaksana` atau `rangkaian`, tidak keduanya",
        ),
        ("      - pelaksana: b\n", "      - pelaksana: a\n", "setiap mata rantai `rangkaian` perlu lajur sendiri"),
        ("    output: Hasil\n", "    output: Hasil\n    keputusan: {tidak: 1}\n", "tidak memakai `keputusan` sendiri"),
        (
            "      - pelaksana: a\n      - pelaksana: b\n",
            "      - pelaksana: a\n        keputusan: {tidak: 1, ya: 3}\n      - pelaksana: b\n",
            "`ya` hanya dapat diisi pada mata rantai terakhir",
        ),
        ("      - pelaksana: b\n", "      - pelaksana: x\n", "pelaksana `x` tidak ada dalam daftar `pelaksana`"),
    ],
    ids=["both", "same-lane", "step-decision", "ya-in-the-middle", "unknown-lane"],
)
def test_a_wrong_chain_is_an_indonesian_error_at_its_line(folder, old, new, message):
    text = CHAIN.replace(old, new, 1)
    assert text != CHAIN
    with pytest.raises(UserError) as caught:
        prepare(folder(text))
    found = [d for d in caught.value.diagnostics if message in d.message]
    assert found and found[0].line is not None


def test_a_chain_out_of_lane_order_is_refused(folder):
    text = (
        VALID.replace("  a: Pejabat A\n  b: Pejabat B\n", "  a: Pejabat A\n  b: Pejabat B\n  c: Pejabat C\n")
        .replace(
            "  - kegiatan: Memeriksa\n    pelaksana: b\n",
            "  - kegiatan: Memeriksa\n    rangkaian:\n"
            "      - pelaksana: a\n      - pelaksana: c\n      - pelaksana: b\n",
        )
        .replace("    output: Hasil\n    keputusan: {tidak: 1}\n", "    output: Hasil\n")
    )
    with pytest.raises(UserError) as caught:
        prepare(folder(text))
    assert any("urutkan `rangkaian` menurut letak lajurnya" in d.message for d in caught.value.diagnostics)


def test_a_step_without_actors_names_both_ways(folder):
    with pytest.raises(UserError) as caught:
        prepare(folder(VALID.replace("  - kegiatan: Memeriksa\n    pelaksana: b\n", "  - kegiatan: Memeriksa\n")))
    assert any("`rangkaian` bila beberapa pelaksana bergantian" in d.message for d in caught.value.diagnostics)


def test_check_advises_naming_a_chain_links_target_by_id(folder):
    from sopgen.definition.loader import load_sop

    path = folder(CHAIN)
    (advice,) = load_sop(path).advice
    assert "tujuan cabang 1 (`Memulai`) ditulis dengan nomor" in advice.message
    assert advice.line == CHAIN.splitlines().index("        keputusan: {tidak: 1}") + 1
