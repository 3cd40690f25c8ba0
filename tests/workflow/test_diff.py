"""`sopgen diff`: pairs of definitions with each kind of change, word-level wording, the step matching,
git revisions (and their refusals in Indonesian), and the sheet with change bars."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from conftest import DEFINITIONS, ROOT
from ruamel.yaml import YAML

from sopgen.definition.loader import load_sop
from sopgen.diff import (
    GitUnavailable,
    NoRepository,
    compare,
    git_version,
    in_order,
    load_files,
    load_git,
    marked,
    match_steps,
    summary,
    word_diff,
)
from sopgen.discovery import discover
from sopgen.layout import layout, style
from sopgen.layout.marks import mark_changes

PAIRS = Path(__file__).resolve().parent / "diff_pairs"
EXPECTED = YAML(typ="safe").load((PAIRS / "harapan.yaml").read_text(encoding="utf-8"))
HAS_GIT = shutil.which("git") is not None
needs_git = pytest.mark.skipif(not HAS_GIT, reason="git tidak terpasang")


def sopgen(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sopgen", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", env=env
    )


def changes_to(name: str):
    old, new, _ = load_files(PAIRS / "lama.yaml", PAIRS / name)
    return compare(old, new)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_pair_reports_its_changes(name):
    found = [[c.kind, c.text] for c in changes_to(name)]
    assert found == EXPECTED[name]


def test_every_kind_of_change_has_a_pair():
    kinds = {kind for items in EXPECTED.values() for kind, _ in items}
    assert kinds == {
        "field_changed",
        "step_added",
        "step_removed",
        "step_moved",
        "actor_changed",
        "text_changed",
        "branch_changed",
    }
    assert set(EXPECTED) == {p.name for p in PAIRS.glob("*.yaml")} - {"lama.yaml", "organisasi.yaml", "harapan.yaml"}


def test_a_reorder_is_a_move_not_a_removal_and_an_addition():
    kinds = [c.kind for c in changes_to("langkah-dipindah.yaml")]
    assert "step_moved" in kinds and "step_added" not in kinds and "step_removed" not in kinds


def test_a_step_with_the_same_id_is_one_step_however_rewritten():
    change = next(c for c in changes_to("teks-langkah.yaml") if c.step == 3)
    assert (change.kind, change.old_step, change.field) == ("text_changed", 3, "kegiatan")


def test_changes_say_where_they_are_marked():
    steps, fields = marked(changes_to("langkah-dihapus.yaml"))
    assert steps == {3, 4}  # the decision whose exit changed; the row now where the removed step was
    steps, fields = marked(changes_to("identitas.yaml"))
    assert steps == set()
    assert fields == {
        "nomor",
        "judul",
        "unit",
        "tanggal_efektif",
        "disahkan_oleh",
        "dasar_hukum",
        "pelaksana",
        "tinjau_ulang",
        "status",
    }


def test_word_diff_keeps_a_few_words_around_each_edit():
    before = "satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas dua belas"
    after = before.replace("enam", "ENAM")
    assert word_diff(before, after) == "… dua tiga empat lima [-enam-]{+ENAM+} tujuh delapan sembilan sepuluh …"
    assert word_diff("a b", "a b c") == "a b {+c+}"
    assert word_diff("a\n  b", "a b") == "a b"


def test_matching_by_likeness_ignores_position_and_tolerates_small_edits():
    old = load_sop(PAIRS / "lama.yaml").document.sop.langkah
    new = [old[5].model_copy(update={"kegiatan": old[5].kegiatan + " secara elektronik"}), *old[:5]]
    pairs = match_steps(old, new)
    assert pairs == {5: 0, 0: 1, 1: 2, 2: 3, 3: 4, 4: 5}
    assert in_order(pairs) == {0, 1, 2, 3, 4}  # only the last step moved


def test_a_step_rewritten_in_place_is_told_as_edited():
    old = load_sop(PAIRS / "lama.yaml").document.sop.langkah
    rewritten = old[4].model_copy(update={"kegiatan": "Memperbanyak dokumen final"})
    assert match_steps(old, [*old[:4], rewritten, old[5]])[4] == 4


def test_the_summary_is_one_line_for_a_catatan():
    changes = changes_to("identitas.yaml")
    text = summary(changes)
    assert "\n" not in text and text.startswith("Nomor SOP menjadi UJI.02; judul diubah; unit diubah")
    assert text.endswith(f"dan {len(changes) - 3} perubahan lain")
    assert summary(changes[:2]) == "Nomor SOP menjadi UJI.02; judul diubah"


@pytest.mark.parametrize(
    "path",
    [PAIRS / "lama.yaml", ROOT / "tests" / "golden" / "fixtures" / "lembar-tiga-kolom.yaml"],
    ids=["bawaan", "tiga-kolom"],
)
def test_a_changed_field_marks_exactly_the_rows_of_its_cells_in_any_header_layout(path):
    laid_out = layout(load_sop(path).document)
    first = laid_out.pages[0]
    for table in (first.table("identitas"), first.table("dasar")):
        for cell in table.cells:
            if not cell.field or not isinstance(cell.field[0], str):
                continue
            mark_changes(laid_out, set(), {cell.field[0]})
            rows = {
                index
                for other in table.cells
                if other.field[:1] == cell.field[:1]
                for index in range(other.row, other.row + other.rowspan)
            }
            top = min(table.rows[i].y for i in rows)
            bottom = max(table.rows[i].y + table.rows[i].h for i in rows)
            bars = [(b.y, b.bottom) for b in first.marks]
            assert any(abs(y - top) < 0.01 for y, _ in bars) and any(abs(end - bottom) < 0.01 for _, end in bars), (
                cell.field
            )


def test_bars_stand_in_the_left_margin_beside_the_changed_rows():
    old, new, _ = load_files(PAIRS / "lama.yaml", PAIRS / "teks-langkah.yaml")
    laid_out = layout(new)
    mark_changes(laid_out, {1, 3}, {"judul"})
    rows = {
        row.step: row
        for page in laid_out.pages
        for block in page.blocks
        if getattr(block, "kind", "") == "prosedur"
        for row in block.rows
        if row.kind == "body"
    }
    bars = [(page.number, bar) for page in laid_out.pages for bar in page.marks]
    assert bars
    for _, bar in bars:
        assert bar.right == pytest.approx(laid_out.margins.left - style.MARK_GAP)
        assert bar.w == style.MARK_WIDTH
    spans = {(bar.y, bar.bottom) for _, bar in bars}
    assert (rows[1].y, rows[1].y + rows[1].h) in spans and (rows[3].y, rows[3].y + rows[3].h) in spans
    assert (rows[0].y, rows[0].y + rows[0].h) not in spans
    identity = laid_out.pages[0].table("identitas")
    judul = identity.rows[5]
    assert (judul.y, judul.y + judul.h) in spans


def test_bars_of_adjacent_rows_join():
    laid_out = layout(load_sop(PAIRS / "lama.yaml").document)
    mark_changes(laid_out, {0, 1, 2}, ())
    page = next(p for p in laid_out.pages if 0 in p.steps)
    assert len(page.marks) == 1


@pytest.fixture
def repo(tmp_path):
    """A git repository holding the pairs' old version, committed."""
    if not HAS_GIT:
        pytest.skip("git tidak terpasang")
    folder = tmp_path / "repo" / "definitions"
    folder.mkdir(parents=True)
    shutil.copy(PAIRS / "organisasi.yaml", folder)
    shutil.copy(PAIRS / "lama.yaml", folder / "naskah.yaml")
    git = ["git", "-c", "user.name=Uji", "-c", "user.email=uji@contoh.go.id", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=folder.parent, check=True)
    subprocess.run([*git, "add", "-A"], cwd=folder.parent, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "awal"], cwd=folder.parent, check=True)
    return folder


def test_cli_compares_two_files_and_exits_zero():
    done = sopgen("diff", str(PAIRS / "lama.yaml"), str(PAIRS / "langkah-ditambah.yaml"))
    assert done.returncode == 0, done.stderr
    assert "(1):" in done.stdout
    assert "  - Langkah 6 ditambahkan: «Mengirimkan salinan naskah kepada unit terkait»" in done.stdout


def test_cli_says_when_nothing_changed():
    done = sopgen("diff", str(PAIRS / "lama.yaml"), str(PAIRS / "sama.yaml"))
    assert done.returncode == 0 and done.stdout.startswith("Tidak ada perubahan")


@pytest.mark.parametrize("args", [["a.yaml"], ["a.yaml", "b.yaml", "c.yaml"], ["a.yaml", "HEAD", "x", "--git"]])
def test_cli_wants_two_files_or_one_with_git(args):
    done = sopgen("diff", *args)
    assert done.returncode == 2 and "Sebutkan dua berkas" in done.stderr


def test_cli_names_the_file_and_line_of_a_broken_version(tmp_path):
    shutil.copy(PAIRS / "organisasi.yaml", tmp_path)
    broken = tmp_path / "rusak.yaml"
    broken.write_text(
        (PAIRS / "lama.yaml").read_text(encoding="utf-8").replace("pelaksana: kasubbag", "pelaksana: kasubag")
    )
    done = sopgen("diff", str(PAIRS / "lama.yaml"), str(broken))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "rusak.yaml:" in done.stderr and "maksudnya `kasubbag`?" in done.stderr


def test_an_old_copy_without_a_profile_beside_it_is_read_with_the_new_ones(tmp_path):
    old = tmp_path / "arsip" / "naskah-2020.yaml"
    old.parent.mkdir()
    shutil.copy(PAIRS / "lama.yaml", old)
    done = sopgen("diff", str(old), str(PAIRS / "pelaksana-langkah.yaml"))
    assert done.returncode == 0, done.stderr
    assert "pelaksana berubah" in done.stdout


@needs_git
def test_git_head_against_the_working_file(repo):
    path = repo / "naskah.yaml"
    shutil.copy(PAIRS / "langkah-dipindah.yaml", path)
    assert git_version(path) == (PAIRS / "lama.yaml").read_bytes()
    old, new, _ = load_git(path)
    assert [c.kind for c in compare(old, new)] == ["branch_changed", "step_moved"]
    done = sopgen("diff", "definitions/naskah.yaml", "--git", cwd=repo.parent)
    assert done.returncode == 0, done.stderr
    assert "dibanding revisi git HEAD (2):" in done.stdout and "dipindah menjadi langkah 6" in done.stdout


@needs_git
def test_git_from_a_subfolder_and_a_named_revision(repo):
    path = repo / "naskah.yaml"
    shutil.copy(PAIRS / "langkah-ditambah.yaml", path)
    git = ["git", "-c", "user.name=Uji", "-c", "user.email=uji@contoh.go.id", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "commit", "-q", "-am", "tambah"], cwd=repo, check=True)
    done = sopgen("diff", "naskah.yaml", "HEAD~1", "--git", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert "revisi git HEAD~1 (1):" in done.stdout and "Langkah 6 ditambahkan" in done.stdout
    assert sopgen("diff", "naskah.yaml", "--git", cwd=repo).stdout.startswith("Tidak ada perubahan")


@needs_git
@pytest.mark.parametrize(
    ("revision", "message"),
    [
        ("v9.9", "revisi git `v9.9` tidak dikenal"),
        ("--output=/tmp/x", "revisi git `--output=/tmp/x` tidak sah"),
    ],
)
def test_git_refuses_an_unknown_revision_in_indonesian(repo, revision, message):
    with pytest.raises(GitUnavailable) as caught:
        git_version(repo / "naskah.yaml", revision)
    assert caught.value.diagnostics[0].message == message
    done = sopgen("diff", "naskah.yaml", revision, "--git", cwd=repo)
    assert done.returncode in (1, 2) and "Traceback" not in done.stderr


@needs_git
def test_git_refuses_a_file_never_committed(repo):
    (repo / "baru.yaml").write_bytes((PAIRS / "lama.yaml").read_bytes())
    done = sopgen("diff", "baru.yaml", "--git", cwd=repo)
    assert done.returncode == 1
    assert "baru.yaml: berkas ini belum ada di revisi git `HEAD`" in done.stderr


@needs_git
def test_outside_a_repository_git_is_refused_plainly(tmp_path):
    shutil.copy(PAIRS / "organisasi.yaml", tmp_path)
    shutil.copy(PAIRS / "lama.yaml", tmp_path / "naskah.yaml")
    env = {**os.environ, "GIT_CEILING_DIRECTORIES": str(tmp_path)}
    done = sopgen("diff", "naskah.yaml", "--git", cwd=tmp_path, env=env)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "bukan bagian dari repositori git" in done.stderr and "sopgen diff LAMA BARU" in done.stderr


def test_without_git_installed_the_message_is_plain(tmp_path):
    shutil.copy(PAIRS / "organisasi.yaml", tmp_path)
    shutil.copy(PAIRS / "lama.yaml", tmp_path / "naskah.yaml")
    env = {**os.environ, "PATH": str(tmp_path / "kosong")}
    done = sopgen("diff", "naskah.yaml", "--git", cwd=tmp_path, env=env)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "git tidak ditemukan di komputer ini" in done.stderr
    with pytest.raises(NoRepository):
        old_path = os.environ["PATH"]
        try:
            os.environ["PATH"] = str(tmp_path / "kosong")
            git_version(tmp_path / "naskah.yaml")
        finally:
            os.environ["PATH"] = old_path


def _red_bars(pdf: Path) -> list[tuple[int, float, float, float]]:
    red = tuple(int(style.MARK_COLOUR[i : i + 2], 16) / 255 for i in (0, 2, 4))
    found = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, 1):
            for rect in page.rects:
                colour = rect.get("non_stroking_color")
                if colour and tuple(round(c, 3) for c in colour) == tuple(round(c, 3) for c in red):
                    found.append((number, rect["x0"], rect["width"], rect["top"]))
    return found


def test_pdf_marks_the_changed_rows_in_the_margin(tmp_path):
    done = sopgen("diff", str(PAIRS / "lama.yaml"), str(PAIRS / "teks-langkah.yaml"), "--pdf", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    target = tmp_path / "output" / "teks-langkah-perubahan.pdf"
    assert target.is_file() and "Lembar dengan tanda perubahan: output/teks-langkah-perubahan.pdf" in done.stdout
    bars = _red_bars(target)
    new = load_sop(PAIRS / "teks-langkah.yaml").document
    laid_out = layout(new)
    mark_changes(laid_out, {1, 3}, ())
    expected = [(p.number, b.x, b.w, b.y) for p in laid_out.pages for b in p.marks]
    assert [(n, round(x, 2), round(w, 2), round(y, 2)) for n, x, w, y in bars] == [
        (n, round(x, 2), round(w, 2), round(y, 2)) for n, x, w, y in expected
    ]
    assert all(x + w < laid_out.margins.left for _, x, w, _ in bars)


def test_pdf_without_changes_has_no_bars_and_other_writers_ignore_marks(tmp_path):
    target = tmp_path / "sama.pdf"
    done = sopgen("diff", str(PAIRS / "lama.yaml"), str(PAIRS / "sama.yaml"), "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert target.is_file() and _red_bars(target) == []


def test_pdf_never_overwrites_a_definition(tmp_path):
    copy = tmp_path / "baru.yaml"
    shutil.copy(PAIRS / "organisasi.yaml", tmp_path)
    shutil.copy(PAIRS / "teks-langkah.yaml", copy)
    before = copy.read_bytes()
    done = sopgen("diff", str(PAIRS / "lama.yaml"), str(copy), "-o", str(copy))
    assert done.returncode == 2 and "tidak boleh menimpa berkas definisi" in done.stderr
    assert copy.read_bytes() == before


def test_the_shipped_definitions_compare_equal_with_themselves():
    sources, _ = discover([DEFINITIONS])
    assert sources
    for path in sources:
        old, new, _ = load_files(path, path)
        assert compare(old, new) == []


def test_help_is_indonesian():
    done = sopgen("diff", "--help")
    assert done.returncode == 0 and "Penggunaan: sopgen diff" in done.stdout
    for english in ("Usage", "Options", "Arguments", "required", "<", "TEXT", "PATH"):
        assert english not in done.stdout
