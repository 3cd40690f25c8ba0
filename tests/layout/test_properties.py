"""Property tests (hypothesis): what must hold for every definition, not only the ones we wrote.

Example counts are sized for CI time and derandomized so that CI is repeatable; set
SOPGEN_HYPOTHESIS=lebih to explore more (and differently) on a developer's machine.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path
from xml.dom import minidom

import docx
import openpyxl
import pytest
from conftest import ORGANISATION, shipped
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from layout_checks import problems
from pypdf import PdfReader
from ruamel.yaml import YAML

from sopgen.definition.loader import load_sop
from sopgen.errors import UserError
from sopgen.layout import layout
from sopgen.writers import get

MORE = os.environ.get("SOPGEN_HYPOTHESIS") == "lebih"
COMMON = dict(
    deadline=None, derandomize=not MORE, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:/()+-&<>\"'")),
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
    ),
    min_size=1,
    max_size=300,
).filter(lambda t: t.strip())


@st.composite
def definitions(draw, max_steps: int = 25) -> dict:
    lanes = draw(st.integers(1, 12))
    keys = [f"p{i}" for i in range(1, lanes + 1)]
    steps = draw(st.integers(1, max_steps))
    langkah = []
    for index in range(steps):
        if lanes > 1 and draw(st.integers(0, 9)) == 0:
            actor = sorted(draw(st.sets(st.sampled_from(keys), min_size=2, max_size=min(3, lanes))))
        else:
            actor = draw(st.sampled_from(keys))
        step = {"kegiatan": draw(TEXT), "pelaksana": actor, "waktu": f"{draw(st.integers(1, 600))} menit"}
        if draw(st.booleans()):
            step["output"] = draw(TEXT)
        if steps > 2 and isinstance(actor, str) and draw(st.integers(0, 3)) == 0:
            others = [n for n in range(1, steps + 1) if n != index + 1]
            tidak = draw(st.sampled_from(others))
            decision = {"tidak": tidak}
            last = index == steps - 1
            if last or draw(st.integers(0, 4)) == 0:
                choices = [n for n in others if n != tidak]
                decision["ya"] = draw(st.sampled_from(choices))
            elif tidak == index + 2:
                decision = None
            if decision:
                step["keputusan"] = decision
        langkah.append(step)
    return {
        "nomor": "PROP.1",
        "judul": draw(TEXT),
        "unit": [draw(TEXT)],
        "tanggal_pembuatan": "2021-03-04",
        "disahkan_oleh": {"jabatan": draw(TEXT), "nama": draw(TEXT), "nip": "1"},
        "dasar_hukum": draw(st.lists(TEXT, max_size=4)),
        "peringatan": draw(TEXT),
        "kertas": draw(st.sampled_from(["F4", "A4", "Legal"])),
        "pelaksana": {key: draw(TEXT)[:40] for key in keys},
        "langkah": langkah,
    }


def written(data: dict, folder: Path) -> Path:
    (folder / "organisasi.yaml").write_text(ORGANISATION, encoding="utf-8")
    path = folder / "sop.yaml"
    yaml = YAML()
    yaml.width = 4096
    with path.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)
    return path


def branch_count(data: dict, step: int) -> int:
    """Arrows other than "to the next step" that start or end at a step (1-based numbers)."""
    count = 0
    for index, item in enumerate(data["langkah"], start=1):
        decision = item.get("keputusan")
        if not decision:
            continue
        targets = [decision["tidak"], decision.get("ya", index + 1)]
        count += sum(1 for t in targets if t == step and t != index + 1)
        if index == step:
            count += sum(1 for t in targets if t != index + 1)
    return count


@settings(max_examples=400 if MORE else 60, **COMMON)
@given(definitions())
@pytest.mark.slow
def test_generated_definitions_lay_out_soundly(data):
    with tempfile.TemporaryDirectory() as folder:
        try:
            document = layout(load_sop(written(data, Path(folder))).document)
        except UserError as exc:
            # Refusing is allowed only where a step really is crowded with branches, and says so.
            [diagnostic] = exc.diagnostics
            assert "terlalu banyak cabang" in diagnostic.message, diagnostic.message
            step = int(diagnostic.message.split(":")[0].split()[-1])
            assert branch_count(data, step) >= 4, (step, branch_count(data, step))
            return
    assert problems(document) == []
    assert [s for page in document.pages for s in page.steps] == list(range(len(data["langkah"])))


@settings(max_examples=60 if MORE else 12, **COMMON)
@given(definitions(max_steps=12))
@pytest.mark.slow
def test_every_writer_gives_a_file_that_reopens(data):
    with tempfile.TemporaryDirectory() as folder:
        document = layout(load_sop(written(data, Path(folder))).document)
    outputs = {}
    for name in ("xlsx", "docx", "pdf"):
        buffer = io.BytesIO()
        get(name).write(document, buffer)
        outputs[name] = buffer.getvalue()
    for name in ("xlsx", "docx"):
        with zipfile.ZipFile(io.BytesIO(outputs[name])) as package:
            for part in package.namelist():
                if part.endswith((".xml", ".rels")):
                    minidom.parseString(package.read(part))
    openpyxl.load_workbook(io.BytesIO(outputs["xlsx"]))
    docx.Document(io.BytesIO(outputs["docx"]))
    assert len(PdfReader(io.BytesIO(outputs["pdf"])).pages) == len(document.pages)


SOURCES = [p.read_text(encoding="utf-8") for p in shipped()]


@st.composite
def mutated(draw) -> str:
    lines = draw(st.sampled_from(SOURCES)).split("\n")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "char", "cut", "tab", "truncate", "dedent"]))
        if action == "delete":
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, lines[at])
        elif action == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif action == "char":
            column = draw(st.integers(0, len(lines[at])))
            char = draw(st.sampled_from(list(":-[]{}#&*!|>'\"%@`,?\t ") + ["\u00e9", "\x07", "0"]))
            lines[at] = lines[at][:column] + char + lines[at][column:]
        elif action == "cut" and lines[at]:
            start = draw(st.integers(0, len(lines[at]) - 1))
            lines[at] = lines[at][:start] + lines[at][start + draw(st.integers(1, 10)) :]
        elif action == "tab":
            lines[at] = "\t" + lines[at].lstrip()
        elif action == "truncate":
            lines = lines[:at]
        elif action == "dedent":
            lines[at] = lines[at].lstrip()
        if not lines:
            lines = [""]
    return "\n".join(lines)


@settings(max_examples=300 if MORE else 80, **COMMON)
@given(mutated())
@pytest.mark.slow
def test_mutated_definitions_build_or_fail_cleanly(text):
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        (base / "organisasi.yaml").write_text(ORGANISATION, encoding="utf-8")
        path = base / "sop.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            document = layout(load_sop(path).document)
        except UserError as exc:
            assert exc.diagnostics and all(d.message and d.path == path for d in exc.diagnostics)
            return
        get("pdf").write(document, io.BytesIO())
        assert problems(document) == []
