"""An emblem every writer can draw, or a message saying how to save it."""

from __future__ import annotations

import pytest
from conftest import ORGANISATION, VALID
from PIL import Image

from sopgen.build import build
from sopgen.errors import UserError
from sopgen.pipeline import prepare


def with_emblem(folder, name: str, make) -> object:
    make(folder.path / name)
    (folder.path / "organisasi.yaml").write_text(ORGANISATION + f"logo: {name}\n", encoding="utf-8")
    return folder(VALID)


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        ("lambang.svg", lambda p: p.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>'), "SVG tidak didukung"),
        ("lambang.webp", lambda p: Image.new("RGB", (20, 20)).save(p, "WEBP"), "berformat WEBP"),
        ("lambang.jpg", lambda p: Image.new("CMYK", (20, 20)).save(p, "JPEG"), "warna cetak CMYK"),
        ("lambang.png", lambda p: p.write_bytes(b""), "kosong"),
        ("lambang.png", lambda p: p.write_text("bukan gambar"), "bukan gambar yang dapat dibaca"),
        ("lambang.png", lambda p: Image.new("1", (6000, 6000)).save(p), "terlalu besar (6000 x 6000 piksel)"),
    ],
    ids=["svg", "webp", "cmyk", "kosong", "bukan-gambar", "raksasa"],
)
def test_an_emblem_the_writers_cannot_draw_is_refused_by_check(folder, name, make, expected):
    path = with_emblem(folder, name, make)
    with pytest.raises(UserError) as caught:
        prepare(path)
    [diagnostic] = caught.value.diagnostics
    assert diagnostic.path.name == "organisasi.yaml" and diagnostic.line == 3
    assert f"`{name}`" in diagnostic.message and expected in diagnostic.message


@pytest.mark.parametrize("kind", ["PNG", "JPEG", "GIF", "BMP"])
def test_accepted_emblems_build_in_every_format(folder, tmp_path, kind):
    path = with_emblem(folder, f"lambang.{kind.lower()}", lambda p: Image.new("RGB", (30, 40), "red").save(p, kind))
    assert build([path], ["pdf", "xlsx", "docx"], tmp_path / "out").failed == 0
