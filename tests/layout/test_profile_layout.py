"""The sheet profile (`lembar`) in the layout: labels in the right cells, columns, header, signature."""

from __future__ import annotations

import textwrap

import pytest
from conftest import VALID, shipped

from sopgen.definition.loader import load_sop
from sopgen.layout import layout, style
from sopgen.layout.document import Cell, LaidOutDocument, Spacer, Table, TextBlock
from sopgen.layout.grid import make_grid
from sopgen.pipeline import prepare

ORG = "instansi: [PEMERINTAH CONTOH, DINAS CONTOH, Jalan Contoh Nomor 1]\nkertas: F4\n"
LONG = "\n".join(
    f"  - {{kegiatan: Langkah nomor {n} yang cukup panjang uraiannya, pelaksana: {'ab'[n % 2]}, waktu: 10 menit}}"
    for n in range(1, 21)
)
MANY = VALID.split("langkah:\n")[0] + "langkah:\n" + LONG + "\n"


def laid_out(folder, profile: str = "", sop: str = VALID) -> LaidOutDocument:
    (folder.path / "organisasi.yaml").write_text(ORG + textwrap.dedent(profile), encoding="utf-8")
    return layout(load_sop(folder(sop)).document)


def texts(cell: Cell) -> list[str]:
    return [para.text for para in cell.paras]


def cell_at(table: Table, row: int, col: int) -> Cell:
    return next(c for c in table.cells if c.row == row and c.col == col)


def row_texts(table: Table, row: int) -> list[str]:
    return [" ".join(texts(c)) for c in sorted(table.cells, key=lambda c: c.col) if c.row == row]


def flow_tables(document: LaidOutDocument) -> list[Table]:
    return [t for page in document.pages if (t := page.table("prosedur")) is not None]


def test_every_label_is_the_profiles(folder):
    profile = """\
        lembar:
          label:
            nomor_sop: Nomor
            tanggal_pembuatan: Tgl. Pembuatan
            tanggal_revisi: Tgl. Revisi
            tanggal_efektif: Tanggal Pengesahan
            disahkan_oleh: Disahkan Oleh
            judul_sop: Nama SOP
            dasar_hukum: Landasan Hukum
            kualifikasi_pelaksana: Kualitas Pelaksana
            keterkaitan: Keterkaitan SOP
            peralatan_perlengkapan: Peralatan
            peringatan: "Peringatan:"
            pencatatan_pendataan: Pencatatan
            nomor: NO
            kegiatan: Aktivitas
            pelaksana: Pelaksana Kegiatan
            mutu_baku: Pendukung
            kelengkapan: Persyaratan
            waktu: Waktu Layanan
            output: Keluaran
            keterangan: Keterangan
            halaman: "Hal. {halaman}/{jumlah}"
        """
    document = laid_out(folder, profile)
    identity = document.pages[0].table("identitas")
    assert identity is not None
    captions = [" ".join(texts(c)) for c in identity.cells]
    for label in ("Nomor", "Tgl. Pembuatan", "Tgl. Revisi", "Tanggal Pengesahan", "Disahkan Oleh"):
        assert label in captions
    assert "Nama SOP Makro" in captions  # the kind follows the profile's label
    basis = document.pages[0].table("dasar")
    assert basis is not None
    heads = [c.paras[0].text for c in basis.cells]
    assert heads == [
        "Landasan Hukum :",
        "Kualitas Pelaksana :",
        "Keterkaitan SOP :",
        "Peralatan :",
        "Peringatan:",
        "Pencatatan :",
    ]
    flow = flow_tables(document)[0]
    assert row_texts(flow, 0) == ["NO", "Aktivitas", "Pelaksana Kegiatan", "Pendukung", "Keterangan"]
    assert row_texts(flow, 1)[-3:] == ["Persyaratan", "Waktu Layanan", "Keluaran"]
    assert document.footer_text(1, 2) == "Hal. 1/2"


def test_without_keterangan_the_column_is_gone_and_the_grid_fills_the_width(folder):
    document = laid_out(folder, "lembar: {kolom: {keterangan: false}}\n")
    default = laid_out(folder)
    assert len(document.columns) == len(default.columns) - 1
    assert sum(document.columns) == pytest.approx(sum(default.columns), abs=style.PX)
    flow = flow_tables(document)[0]
    assert "Ket." not in row_texts(flow, 0)
    assert max(c.col + c.colspan for c in flow.cells) == len(document.columns)


def test_width_shares_set_the_column_groups(folder):
    profile = "lembar: {kolom: {lebar: {kegiatan: 30, pelaksana: 40, mutu_baku: 20, keterangan: 10}}}\n"
    document = laid_out(folder, profile)
    no, kegiatan, a, b, kelengkapan, waktu, output, keterangan = document.columns
    rest = sum(document.columns) - no
    assert kegiatan / rest == pytest.approx(0.30, abs=0.01)
    assert (a + b) / rest == pytest.approx(0.40, abs=0.01)
    assert (kelengkapan + waktu + output) / rest == pytest.approx(0.20, abs=0.01)
    assert keterangan / rest == pytest.approx(0.10, abs=0.01)
    assert a == b


def test_a_wide_keterangan_holds_real_remarks_without_breaking_words(folder):
    text = VALID.replace("    output: Hasil\n", "    output: Hasil\n    keterangan: Pembuatan laporan bulanan\n")
    document = laid_out(folder, "lembar: {kolom: {lebar: {keterangan: 15}}}\n", text)
    flow = flow_tables(document)[0]
    remark = next(c for c in flow.cells if c.col == 7 and "Pembuatan" in " ".join(texts(c)))
    assert [line.text for line in remark.lines] == ["Pembuatan laporan bulanan"]


def test_lanes_never_go_narrower_than_the_grids_least_lane():
    grid = make_grid(880, 5, shares={"kegiatan": 60, "pelaksana": 10, "mutu_baku": 25, "keterangan": 5})
    assert min(grid.widths[c] for c in grid.lane_columns) >= 54 - style.PX
    assert sum(grid.widths) == pytest.approx(880, abs=style.PX)


def test_the_column_number_row_is_repeated_on_every_page(folder):
    document = laid_out(folder, "lembar: {kolom: {nomor_kolom: true}}\n", MANY)
    tables = flow_tables(document)
    assert len(tables) >= 2
    for index, table in enumerate(tables):
        assert table.header_rows == 3
        assert [r.kind for r in table.rows[:3]] == ["header"] * 3
        assert [r.repeated for r in table.rows[:3]] == [index > 0] * 3
        assert row_texts(table, 2) == [str(n) for n in range(1, 9)]  # No, Kegiatan, 2 lanes, 3 Mutu Baku, Ket.
        first_step = table.rows[3]
        assert first_step.kind == "body" and first_step.step is not None
        assert cell_at(table, 3, 0).paras[0].text == str(first_step.step + 1)


def test_the_three_column_header_gives_the_emblem_its_own_column(folder):
    profile = "lembar: {kepala: {susunan: tiga_kolom, baris_nama_instansi: 2}}\n"
    document = laid_out(folder, profile)
    identity = document.pages[0].table("identitas")
    assert identity is not None
    emblem = next(c for c in identity.cells if c.image_box is not None)
    assert emblem.col == 0 and emblem.rowspan == len(identity.rows) and not "".join(texts(emblem))
    assert emblem.box.w == pytest.approx(84, abs=1)
    institution = next(c for c in identity.cells if "PEMERINTAH CONTOH" in texts(c))
    assert institution.col == emblem.col + emblem.colspan
    assert [(p.size, p.bold) for p in institution.paras] == [
        (style.INSTITUTION_NAME, True),
        (style.INSTITUTION_NAME, True),
        (style.SMALL, False),
    ]
    # Kegiatan spans the two grid columns the emblem's edge splits it into, in every row
    flow = flow_tables(document)[0]
    kegiatan = [c for c in flow.cells if c.col == 1]
    assert kegiatan and all(c.colspan == 2 for c in kegiatan)


def test_the_unit_row_is_optional(folder):
    document = laid_out(folder, "lembar: {kepala: {baris_unit: false}}\n", VALID.replace("unit: [Biro Contoh]\n", ""))
    identity = document.pages[0].table("identitas")
    assert identity is not None
    assert not any("Biro Contoh" in texts(c) for c in identity.cells)
    institution = next(c for c in identity.cells if c.image_box is not None)
    assert institution.rowspan == len(identity.rows) == 6  # five fields and the title


@pytest.mark.parametrize(("boxed", "revised"), [(True, False), (True, True), (False, False), (False, True)])
def test_the_revision_checkbox_only_where_the_profile_asks(folder, boxed, revised):
    text = VALID + ("revisi:\n  - {ke: 2, tanggal: 2021-03-01}\n" if revised else "")
    document = laid_out(folder, f"lembar: {{kepala: {{kotak_revisi: {str(boxed).lower()}}}}}\n", text)
    identity = document.pages[0].table("identitas")
    assert identity is not None
    value = next(c for c in identity.cells if c.paras and c.paras[0].text.startswith(("Revisi ke", "Senin", "-")))
    expected = {
        (True, False): ("Revisi ke", False),
        (True, True): ("Revisi ke 2 (Senin, 01 Maret 2021)", True),
        (False, False): ("-", None),
        (False, True): ("Revisi ke 2 (Senin, 01 Maret 2021)", None),
    }[(boxed, revised)]
    assert (value.paras[0].text, value.paras[0].checkbox) == expected
    assert bool(value.checkboxes) == boxed


def test_a_revision_without_a_number_prints_its_date(folder):
    text = VALID + "revisi:\n  - {tanggal: Maret 2021, catatan: Penyesuaian}\n"
    document = laid_out(folder, "", text)
    identity = document.pages[0].table("identitas")
    assert identity is not None
    assert any(c.paras and c.paras[0].text == "Maret 2021" and c.paras[0].checkbox for c in identity.cells)
    history = document.pages[-1].table("riwayat")
    assert history is not None and row_texts(history, 1) == ["-", "Maret 2021", "Penyesuaian"]


def signatory(document: LaidOutDocument) -> list[str]:
    identity = document.pages[0].table("identitas")
    assert identity is not None
    return next(texts(c) for c in identity.cells if "Budi" in texts(c))


def test_a_signatory_with_pangkat_and_one_with_a_jabatan_only(folder):
    text = VALID.replace('nip: "019600101198503100"', 'pangkat: Pembina Utama Muda, nip: "019600101198503100"')
    assert signatory(laid_out(folder, "", text)) == [
        "Kepala Biro",
        "Budi",
        "Pembina Utama Muda",
        "NIP. 019600101198503100",
    ]
    governor = VALID.replace(
        '{jabatan: Kepala Biro, nama: Budi, nip: "019600101198503100"}', "{jabatan: Gubernur, nama: Budi}"
    )
    assert signatory(laid_out(folder, "", governor)) == ["Gubernur", "Budi"]


def signature_lines(document: LaidOutDocument, page: int = -1) -> list[str]:
    return [
        b.paras[0].text for b in document.pages[page].blocks if isinstance(b, TextBlock) and b.paras[0].align == "right"
    ]


def test_the_signature_block_under_the_flowchart(folder):
    text = VALID.replace('nip: "019600101198503100"', 'pangkat: Pembina, nip: "019600101198503100"')
    text = text.replace("tanggal_pembuatan: 2020-01-15", "tanggal_pembuatan: 2020-01-15\ntanggal_efektif: 2020-02-03")
    document = laid_out(folder, "lembar: {tanda_tangan: {tempat: Semarang}}\n", text)
    page = document.pages[-1]
    assert signature_lines(document) == [
        "Semarang, 3 Februari 2020",
        "Kepala Biro",
        "Budi",
        "Pembina",
        "NIP. 019600101198503100",
    ]
    flow = page.table("prosedur")
    assert flow is not None
    blocks = page.blocks[page.blocks.index(flow) + 1 :]
    assert isinstance(blocks[0], Spacer) and blocks[0].box.y == pytest.approx(flow.box.bottom)
    room = [b for b in blocks if isinstance(b, Spacer) and b.box.h == style.SIGNATURE_SPACE]
    assert len(room) == 1  # room to sign, above the name
    assert all(b.box.bottom <= document.height - document.margins.bottom for b in blocks)
    name = next(b for b in blocks if isinstance(b, TextBlock) and b.paras[0].text == "Budi")
    assert name.paras[0].bold


def steps_text(count: int) -> str:
    lines = "\n".join(
        f"  - {{kegiatan: Langkah nomor {n} yang cukup panjang, pelaksana: {'ab'[n % 2]}, waktu: 10 menit}}"
        for n in range(1, count + 1)
    )
    return VALID.split("langkah:\n")[0] + "langkah:\n" + lines + "\n"


def room_left(document: LaidOutDocument) -> float:
    page = document.pages[-1]
    return document.height - document.margins.bottom - max(b.box.bottom for b in page.blocks)


def test_a_signature_block_that_does_not_fit_takes_the_last_step_with_it(folder):
    needed = style.SPACER + 3 * style.snap(style.LEADING) + style.SIGNATURE_SPACE + style.snap(style.LEADING)
    for count in range(10, 40):  # a flowchart whose last page is too full for the block
        plain = laid_out(folder, "", steps_text(count))
        if len(plain.pages[-1].steps) > 1 and room_left(plain) < needed:
            break
    else:
        pytest.fail("no flowchart fills its last page")
    document = laid_out(folder, "lembar: {tanda_tangan: true}\n", steps_text(count))
    last = document.pages[-1]
    assert last.steps and last.steps[-1] == count - 1 and len(last.steps) < len(plain.pages[-1].steps)
    assert signature_lines(document) == ["15 Januari 2020", "Kepala Biro", "Budi", "NIP. 019600101198503100"]
    assert room_left(document) >= 0


def test_the_flowchart_title_and_the_default_when_nothing_is_set(folder):
    text = VALID.replace("judul: Contoh", "judul: SOP Permohonan Informasi\njudul_bagan: 13. SOP Permohonan Informasi")
    document = laid_out(folder, "lembar: {jenis_bawaan: tanpa}\n", text)
    title = next(b for page in document.pages for b in page.blocks if isinstance(b, TextBlock))
    assert title.paras[0].text == "13. SOP Permohonan Informasi"
    identity = document.pages[0].table("identitas")
    assert identity is not None and any(texts(c) == ["Judul SOP"] for c in identity.cells)


def test_dates_without_weekday_and_month_year_dates(folder):
    text = VALID.replace(
        "tanggal_pembuatan: 2020-01-15", "tanggal_pembuatan: Agustus 2023\ntanggal_efektif: 2023-09-01"
    )
    document = laid_out(folder, "lembar: {nama_hari: false}\n", text)
    identity = document.pages[0].table("identitas")
    assert identity is not None
    values = [" ".join(texts(c)) for c in identity.cells]
    assert "Agustus 2023" in values and "1 September 2023" in values
    default = laid_out(folder, "", text)
    identity = default.pages[0].table("identitas")
    assert identity is not None
    values = [" ".join(texts(c)) for c in identity.cells]
    assert "Agustus 2023" in values and "Jumat, 01 September 2023" in values


@pytest.mark.parametrize("definition", shipped(), ids=lambda p: p.stem)
def test_the_shipped_sops_keep_the_sheet_of_today(definition):
    document = prepare(definition).laid_out
    identity = document.pages[0].table("identitas")
    assert identity is not None
    captions = [" ".join(texts(c)) for c in identity.cells]
    assert {
        "Nomor SOP",
        "Tanggal Pembuatan",
        "Tanggal Revisi",
        "Tanggal Efektif",
        "Disahkan oleh",
        "Judul SOP Makro",
    } <= set(captions)
    flow = flow_tables(document)[0]
    assert row_texts(flow, 0)[0] == "No." and row_texts(flow, 0)[-1] == "Ket." and flow.header_rows == 2
    assert document.footer == "Halaman {page} dari {pages}"
    assert not any(isinstance(b, TextBlock) and b.paras[0].align == "right" for p in document.pages for b in p.blocks)
