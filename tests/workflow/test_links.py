"""Keterkaitan entries that name another SOP of the library: printed number and title, PDF links,
warnings for a link that finds nothing or a mikro SOP that does not name its makro SOP back."""

from __future__ import annotations

import pypdf
from conftest import VALID
from typer.testing import CliRunner

from sopgen.build import build
from sopgen.cli import app
from sopgen.pipeline import prepare

MAKRO = VALID.replace("nomor: X.01", "nomor: M.01").replace(
    "judul: Contoh", "judul: Induk\nketerkaitan:\n  - sop: mikro\n  - sop: Z.99\n  - SOP di luar folder"
)
MIKRO = (
    VALID.replace("nomor: X.01", "nomor: m.02")
    .replace("judul: Contoh", "jenis: mikro\njudul: Anak Proses")
    .replace("unit: [Biro Contoh]", "unit: [Biro Contoh]\nketerkaitan:\n  - sop: M.01")
)


def _texts(prepared) -> list[str]:
    table = prepared.laid_out.pages[0].table("dasar")
    cell = next(c for c in table.cells if c.paras and c.paras[0].text.startswith("Keterkaitan"))
    return [p.text for p in cell.paras[1:]]


def test_a_link_prints_the_linked_sops_number_and_title_and_free_text_stays(folder):
    folder(MIKRO, "mikro.yaml")
    makro = folder(MAKRO, "makro.yaml")
    prepared = prepare(makro)
    assert _texts(prepared) == ["m.02 Anak Proses", "Z.99", "SOP di luar folder"]
    links = prepared.laid_out.pages[0].links
    assert [(link.target, link.file) for link in links] == [("m.02", "m.02.pdf")]
    line = next(
        line
        for cell in prepared.laid_out.pages[0].table("dasar").cells
        for line in cell.lines
        if line.text.startswith("m.02")
    )
    assert links[0].box.x == line.x and links[0].box.y < line.baseline < links[0].box.bottom


def test_a_link_that_finds_nothing_is_a_warning_at_its_line(folder):
    folder(MIKRO, "mikro.yaml")
    makro = folder(MAKRO, "makro.yaml")
    warnings = [w for w in prepare(makro).warnings if "keterkaitan" in w.message]
    assert len(warnings) == 1
    (warning,) = warnings
    assert warning.severity == "warning"
    assert warning.line == MAKRO.splitlines().index("  - sop: Z.99") + 1
    assert "Z.99" in warning.message and "tidak ada SOP" in warning.message


def test_a_mikro_sop_that_does_not_name_its_makro_back_is_a_warning(folder):
    folder(MIKRO.replace("  - sop: M.01", "  - Induk, tanpa tautan"), "mikro.yaml")
    makro = folder(MAKRO.replace("  - sop: Z.99\n", ""), "makro.yaml")
    (warning,) = [w for w in prepare(makro).warnings if "keterkaitan" in w.message]
    assert "tidak menyebut SOP makro ini kembali" in warning.message
    assert "- sop: M.01" in warning.message
    assert warning.line == MAKRO.splitlines().index("  - sop: mikro") + 1


def test_a_link_to_itself_is_a_warning(folder):
    makro = folder(MAKRO.replace("  - sop: mikro", "  - sop: M.01"), "makro.yaml")
    assert any("menautkan dirinya sendiri" in w.message for w in prepare(makro).warnings)


def test_check_reports_link_warnings_with_file_and_line(folder):
    folder(MIKRO, "mikro.yaml")
    makro = folder(MAKRO, "makro.yaml")
    result = CliRunner().invoke(app, ["check", str(makro)])
    assert result.exit_code == 0
    line = MAKRO.splitlines().index("  - sop: Z.99") + 1
    assert f"makro.yaml:{line}:" in result.output and "Z.99" in result.output


def test_the_pdf_sheet_links_to_the_linked_sheet_and_a_changed_title_rebuilds_the_linking_sheet(folder, tmp_path):
    mikro = folder(MIKRO, "mikro.yaml")
    folder(MAKRO, "makro.yaml")
    out = tmp_path / "out"
    build([folder.path], ["pdf"], out)
    reader = pypdf.PdfReader(out / "M.01.pdf")
    actions = [a.get_object()["/A"] for a in reader.pages[0].get("/Annots", [])]
    assert [(a["/S"], a["/F"]) for a in actions] == [("/GoToR", "m.02.pdf")]
    assert (out / "m.02.pdf").is_file()

    mikro.write_text(MIKRO.replace("Anak Proses", "Anak Proses Baru"), encoding="utf-8")
    report = build([folder.path], ["pdf"], out)
    rebuilt = {r.nomor for r in report.results if r.status == "dibuat"}
    assert rebuilt == {"M.01", "m.02"}
    text = pypdf.PdfReader(out / "M.01.pdf").pages[0].extract_text()
    assert "Anak Proses Baru" in text


def test_free_text_only_definitions_are_not_rebuilt_when_another_title_changes(folder, tmp_path):
    folder(VALID, "satu.yaml")
    other = folder(VALID.replace("X.01", "X.02"), "dua.yaml")
    out = tmp_path / "out"
    build([folder.path], ["pdf"], out)
    other.write_text(VALID.replace("X.01", "X.02").replace("Contoh", "Lain"), encoding="utf-8")
    report = build([folder.path], ["pdf"], out)
    assert {r.nomor for r in report.results if r.status == "dibuat"} == {"X.02"}


def test_the_register_names_each_sops_makro_parents(folder, tmp_path):
    import openpyxl

    from sopgen.book import collect, write_register
    from sopgen.build import output_stems

    folder(MIKRO, "mikro.yaml")
    folder(MAKRO, "makro.yaml")
    folder(VALID, "lain.yaml")
    paths = sorted(folder.path.glob("*.yaml"))
    paths = [p for p in paths if p.name != "organisasi.yaml"]
    chapters, problems = collect(paths, output_stems(paths))
    assert problems == []
    write_register(chapters, tmp_path / "daftar.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "daftar.xlsx").active
    captions = [ws.cell(1, c).value for c in range(1, ws.max_column + 1)]
    parent, status = captions.index("SOP Makro Induk") + 1, captions.index("Status") + 1
    rows = {ws.cell(r, 2).value: r for r in range(2, ws.max_row + 1)}
    assert ws.cell(rows["m.02"], parent).value == "M.01"
    assert ws.cell(rows["M.01"], parent).value == "-" and ws.cell(rows["X.01"], parent).value == "-"
    assert ws.cell(rows["X.01"], status).value == "Berlaku"


def test_book_pohon_prints_the_makro_mikro_tree_without_building(folder, tmp_path):
    folder(MIKRO, "mikro.yaml")
    folder(MAKRO, "makro.yaml")
    folder(VALID, "lain.yaml")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["book", str(folder.path), "--pohon", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == ["M.01 Induk", "  └─ m.02 Anak Proses"]
    assert "  - X.01 Contoh" in result.output
    assert not out.exists()


def test_in_the_book_a_link_jumps_to_the_linked_sops_first_page(folder, tmp_path):
    from sopgen.book import collect, write_book
    from sopgen.build import output_stems

    folder(MIKRO, "mikro.yaml")
    folder(MAKRO, "makro.yaml")
    paths = [folder.path / "makro.yaml", folder.path / "mikro.yaml"]
    chapters, _ = collect(paths, output_stems(paths))
    write_book(chapters, tmp_path / "buku.pdf")
    reader = pypdf.PdfReader(tmp_path / "buku.pdf")
    first_pages = {}
    for entry in reader.outline:
        items = entry if isinstance(entry, list) else [entry]
        for item in items:
            if not isinstance(item, list) and item.title.startswith(("M.01", "m.02")):
                first_pages[item.title.split()[0]] = reader.get_destination_page_number(item)
    makro_page = reader.pages[first_pages["M.01"]]
    links = [a.get_object() for a in makro_page.get("/Annots", []) if a.get_object().get("/Subtype") == "/Link"]
    targets = []
    for link in links:
        destination = link.get("/Dest")
        if destination is None and "/A" in link:
            destination = link["/A"].get("/D")
        if destination is not None:
            name = destination if isinstance(destination, str) else None
            if name is not None:
                targets.append(reader.get_destination_page_number(reader.named_destinations[name]))
            else:
                targets.append(reader.get_page_number(destination[0].get_object()))
    assert first_pages["m.02"] in targets
