"""The corpus of bad inputs: each gives its Indonesian message at its line, or loads (BOM, CRLF)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from sopgen.definition.loader import load_sop
from sopgen.errors import UserError
from sopgen.layout import layout

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
CASES = YAML(typ="safe").load((CORPUS / "harapan.yaml").read_text(encoding="utf-8"))


def test_the_corpus_is_large_enough_and_complete():
    files = {
        p.relative_to(CORPUS).as_posix()
        for p in CORPUS.rglob("*.yaml")
        if p.name not in ("organisasi.yaml", "harapan.yaml")
    }
    assert len(CASES) >= 40 and {c["berkas"] for c in CASES} == files


@pytest.mark.parametrize("case", CASES, ids=[c["berkas"] for c in CASES])
def test_bad_input(case):
    path = CORPUS / case["berkas"]
    if case["pesan"] is None:
        loaded = load_sop(path)
        layout(loaded.document)
        return
    started = time.perf_counter()
    with pytest.raises(UserError) as caught:
        layout(load_sop(path).document)
    assert time.perf_counter() - started < 2
    diagnostics = caught.value.diagnostics
    match = [d for d in diagnostics if case["pesan"] in d.message]
    assert match, [str(d) for d in diagnostics]
    assert match[0].line == case["baris"], str(match[0])
    assert match[0].path is not None and match[0].path.parent.is_relative_to(CORPUS)


def test_control_characters_are_dropped_with_a_warning():
    loaded = load_sop(CORPUS / "49-karakter-kendali.yaml")
    assert loaded.document.sop.langkah[0].kegiatan == "Memulai rapat"
    assert [(w.line, w.message) for w in loaded.warnings] == [
        (10, "karakter kendali (tak terlihat) dihapus dari teks ini")
    ]


def test_check_reports_the_whole_corpus_without_a_traceback():
    done = subprocess.run(
        [sys.executable, "-m", "sopgen", "check", str(CORPUS)], capture_output=True, text=True, encoding="utf-8"
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "internal" not in done.stderr
    bad = [c for c in CASES if c["pesan"] is not None and "/" not in c["berkas"]]
    for case in bad:
        assert f"{case['berkas']}:" in done.stderr, case["berkas"]
