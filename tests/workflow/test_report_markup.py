"""The summary `sopgen build` prints: user text appears literally, each warning once."""

from __future__ import annotations

from pathlib import Path

from conftest import ORGANISATION, VALID

from sopgen.errors import Diagnostic
from sopgen.report import run_build


def test_rich_markup_in_file_names_and_messages_is_printed_literally(tmp_path: Path, capsys):
    folder = tmp_path / "definisi"
    folder.mkdir()
    (folder / "organisasi.yaml").write_text(ORGANISATION, encoding="utf-8")
    (folder / "[bold]satu.yaml").write_text(VALID.replace("judul: Contoh", 'judul: Contoh\n"[/]": 1'), encoding="utf-8")
    (folder / "[red]dua.yaml").write_text(
        VALID.replace("nomor: X.01", "nomor: X.02").replace("    pelaksana: a\n", '    pelaksana: "[red]x[/red]"\n', 1),
        encoding="utf-8",
    )
    shown: list[Diagnostic] = []

    def relative(path: Path) -> str:
        return path.relative_to(tmp_path).as_posix()

    code = run_build([folder], ["pdf"], tmp_path / "[bold]keluaran", 1, False, shown.append, relative)
    out = capsys.readouterr().out
    assert code == 1
    assert "Hasil pembuatan SOP di [bold]keluaran" in out
    assert "definisi/[bold]satu.yaml:3:1" in out and "kunci `[/]` tidak dikenal" in out
    assert "definisi/[red]dua.yaml:11:16" in out and "pelaksana `[red]x[/red]` tidak ada" in out
    assert len(shown) == 2


def test_a_warning_of_the_organisation_file_is_shown_once_for_all_its_sops(tmp_path: Path, capsys):
    folder = tmp_path / "definisi"
    folder.mkdir()
    (folder / "organisasi.yaml").write_text("instansi: [KEMENTERIAN \U0001f600 CONTOH]\nkertas: F4\n", encoding="utf-8")
    (folder / "a.yaml").write_text(VALID, encoding="utf-8")
    (folder / "b.yaml").write_text(VALID.replace("nomor: X.01", "nomor: X.02"), encoding="utf-8")
    shown: list[Diagnostic] = []
    code = run_build([folder], ["pdf"], tmp_path / "keluaran", 1, False, shown.append, str)
    assert code == 0
    assert [(d.path, d.line, d.severity) for d in shown] == [(folder / "organisasi.yaml", 1, "warning")]
    assert "😀" in shown[0].message
