"""pydantic errors become Indonesian messages; pydantic's English text never reaches the user."""

from __future__ import annotations

import pytest

from sopgen.definition.messages import RULES, message
from sopgen.definition.model import Sop


def error(kind: str, loc: tuple, value: object = None, text: str = "Input should be a valid thing", **ctx):
    return {"type": kind, "loc": loc, "input": value, "msg": text, "ctx": ctx}


@pytest.mark.parametrize("kind", [*RULES, "float_parsing", "int_too_big", "uuid_type", "date_from_datetime_parsing"])
def test_no_rule_lets_english_through(kind):
    text = message(error(kind, ("langkah", 2, "waktu"), "abc", expected="'a'", ge=1), Sop)
    assert "Input should" not in text and "valid" not in text
    assert text.startswith(("langkah 3, waktu", "kolom wajib", "kunci", "SOP belum")), text


def test_the_model_s_own_messages_are_kept():
    text = "waktu harus lebih dari nol"
    assert message(error("waktu", ("langkah", 0, "waktu"), "0 menit", text), Sop) == f"langkah 1, waktu: {text}"


def test_a_misspelt_key_gets_a_suggestion():
    assert (
        message(error("extra_forbidden", ("langkah", 0, "wakut")), Sop)
        == "kunci `wakut` tidak dikenal; maksudnya `waktu`?"
    )
