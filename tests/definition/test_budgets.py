"""The work of reading a definition is bounded: huge expansions and huge files are refused quickly."""

from __future__ import annotations

import time

import pytest
from conftest import VALID

from sopgen.definition.loader import load_sop
from sopgen.errors import UserError


def refused(path) -> tuple[int | None, str, float]:
    started = time.perf_counter()
    with pytest.raises(UserError) as caught:
        load_sop(path)
    first = caught.value.diagnostics[0]
    return first.line, first.message, time.perf_counter() - started


def test_a_long_text_aliased_many_times_is_refused_at_the_alias(folder):
    text = "kata " * 40_000  # 200 KB, aliased 200 times: 40 MB of text once expanded
    aliases = ", ".join(["*teks"] * 200)
    path = folder(VALID + f'catatan_panjang: &teks "{text}"\ndaftar_panjang: [{aliases}]\n')
    line, message, seconds = refused(path)
    assert line == 26 and "alias bomb" in message and seconds < 2


def test_a_file_of_many_megabytes_is_refused_without_reading_it(folder):
    path = folder(VALID + "# komentar yang sangat panjang\n" * 120_000)
    line, message, seconds = refused(path)
    assert line is None and "terlalu besar" in message and "KB" in message and seconds < 1
