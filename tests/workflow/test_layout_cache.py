"""`sopgen book` reuses the layouts `sopgen build` made, and never trusts a store it did not sign."""

from __future__ import annotations

import pytest
from conftest import VALID

from sopgen import book as book_module
from sopgen import cache
from sopgen.book import collect
from sopgen.build import build, output_stems
from sopgen.layout.dump import dump
from sopgen.pipeline import prepare


@pytest.fixture(autouse=True)
def own_key(tmp_path, monkeypatch):
    monkeypatch.setenv("SOPGEN_HOME", str(tmp_path / "rumah"))


def _sources(folder):
    folder(VALID, "satu.yaml")
    folder(VALID.replace("X.01", "X.02").replace("Contoh", "Kedua"), "dua.yaml")
    return sorted(p for p in folder.path.glob("*.yaml") if p.name != "organisasi.yaml")


def _counting(monkeypatch) -> list:
    calls: list = []
    real = book_module.prepare

    def counted(source, *args, **kwargs):
        calls.append(source.name)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(book_module, "prepare", counted)
    return calls


def test_book_takes_the_built_layouts_and_they_equal_fresh_ones(folder, tmp_path, monkeypatch):
    sources = _sources(folder)
    out = tmp_path / "out"
    build([folder.path], ["pdf"], out)
    assert sorted(p.name for p in (out / cache.CACHE_FOLDER).iterdir()) == ["X.01.pickle", "X.02.pickle"]
    calls = _counting(monkeypatch)
    chapters, problems = collect(sources, output_stems(sources, out), out)
    assert problems == [] and calls == []
    for chapter in chapters:
        assert dump(chapter.layout) == dump(prepare(chapter.source).laid_out)


def test_a_changed_definition_is_laid_out_again(folder, tmp_path, monkeypatch):
    sources = _sources(folder)
    out = tmp_path / "out"
    build([folder.path], ["pdf"], out)
    sources[0].write_text(VALID.replace("X.01", "X.02").replace("Contoh", "Berubah"), encoding="utf-8")
    calls = _counting(monkeypatch)
    chapters, _ = collect(sources, output_stems(sources, out), out)
    assert calls == [sources[0].name]
    assert "Berubah" in [c.document.sop.judul for c in chapters]


def test_a_store_signed_with_another_key_or_altered_is_never_unpickled(folder, tmp_path, monkeypatch):
    sources = _sources(folder)
    out = tmp_path / "out"
    build([folder.path], ["pdf"], out)
    stored = out / cache.CACHE_FOLDER / "X.01.pickle"
    data = bytearray(stored.read_bytes())
    data[-5] ^= 0xFF
    stored.write_bytes(bytes(data))
    unpickled: list = []
    real_loads = cache.pickle.loads
    monkeypatch.setattr(cache.pickle, "loads", lambda data: unpickled.append(data) or real_loads(data))
    calls = _counting(monkeypatch)
    collect(sources, output_stems(sources, out), out)
    assert calls == ["satu.yaml"] and len(unpickled) == 1  # only the intact store of the other SOP
    monkeypatch.setenv("SOPGEN_HOME", str(tmp_path / "rumah-lain"))
    calls.clear()
    unpickled.clear()
    collect(sources, output_stems(sources, out), out)
    assert sorted(calls) == sorted(s.name for s in sources) and unpickled == []


def test_without_a_usable_key_folder_everything_still_works(folder, tmp_path, monkeypatch):
    blocked = tmp_path / "berkas"
    blocked.write_text("bukan folder", encoding="utf-8")
    monkeypatch.setenv("SOPGEN_HOME", str(blocked / "di-bawah-berkas"))
    sources = _sources(folder)
    out = tmp_path / "out"
    report = build([folder.path], ["pdf"], out)
    assert {r.status for r in report.results} == {"dibuat"}
    assert not (out / cache.CACHE_FOLDER).exists()
    chapters, problems = collect(sources, output_stems(sources, out), out)
    assert problems == [] and len(chapters) == 2
