"""JSON Schemas of the definition files, for editors (VS Code with the YAML extension).

`sop_schema()` describes an SOP definition, `organisasi_schema()` the folder's `organisasi.yaml`.
Each accepts, field by field, exactly what the loader accepts: a red mark in the editor is a value
`sopgen check` refuses too, and a value `sopgen check` accepts is never marked. What a schema cannot
see stays with `sopgen check`: lane keys, step ids and branch targets, the logo file.

Built from pydantic's schema of the model, then:

- every model and field gets an Indonesian title, description and examples (MODELS and FIELDS; a
  field without an entry raises KeyError, so a new field cannot ship undocumented);
- what the model's own validators accept, which pydantic cannot see, is written out (TYPES): dates as
  the loader reads them, `waktu`, text or list, a step's lanes, branch targets;
- an optional field the loader also accepts empty (`tanggal_efektif:` is YAML null) accepts null
  through `if`/`else`, never `anyOf` with a null type or a null default: the YAML extension offers
  the types of `anyOf` branches and the default for completion, and it must never insert `null`;
- no default an editor would insert as nothing (null, "" or []), which YAML reads as null;
- `errorMessage` (the YAML extension's keyword) gives Indonesian messages for the values people get
  wrong: dates, `waktu`, `nip`, branch targets, choices;
- `defaultSnippets` (the YAML extension's keyword) for a step, a decision and a joint step.

Keywords used are common to drafts 7 and 2020-12 (`$defs` is reached by its JSON pointer), so older
versions of the extension, which check a schema against draft 7, read them too.
"""

from __future__ import annotations

import copy
import typing
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from ..dates import BULAN
from .model import (
    MAX_AMOUNT,
    MAX_LANES,
    Kepala,
    Keputusan,
    Kolom,
    Label,
    Langkah,
    Lebar,
    Lembar,
    Mata,
    Organisasi,
    Pengesah,
    Revisi,
    Sop,
    TandaTangan,
)

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# -- What the model's validators accept, as ECMA-262 patterns (also read by Python's `re`) -----------
# `$` is the end of the text in JavaScript, as the editor reads it; Python's `re` also lets it match
# before a final line break, so only a Python validator accepts `"2018-05-02\n"`. Portable patterns
# (no lookahead) are worth that.

WHITESPACE = r"[\u0009-\u000d\u001c-\u001f\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
"""What `\\s` matches in Python, which reads `waktu` (JavaScript's `\\s` differs: it matches U+FEFF
and not U+001C-U+001F or U+0085). A no-break space pasted from Word is one of them."""

_YEAR = "(?:[0-9]{3}[1-9]|[0-9]{2}[1-9]0|[0-9][1-9]00|[1-9]000)"
"""0001 to 9999."""
_LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
_MONTH_DAY = (
    "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"  # months of 31 days
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"  # of 30 days
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))"  # February 29 is in DATE_PATTERN, for leap years only
)
_MIDNIGHT = "(?:[Tt_ ]00:00(?::00(?:[.,](?:0{1,6}|0{6}[0-9]+))?)?(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):?[0-5][0-9])?)?"
"""A time of day that is midnight: pydantic reads `2018-05-02T00:00:00` as a date too."""

_MONTH_NAME = "(?:" + "|".join("".join(f"[{c.upper()}{c.lower()}]" for c in name) for name in BULAN) + ")"
"""An Indonesian month name in any letter case (`Agustus`, `AGUSTUS`), as `model.MONTH_YEAR` reads it."""

DATE_PATTERN = (
    f"^(?:(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29){_MIDNIGHT}|{_MONTH_NAME} {_YEAR}|{_YEAR}-(?:0[1-9]|1[0-2]))$"
)
"""A date of the calendar written TTTT-BB-HH, or a month and year (`Agustus 2023`, `2023-08`), as the
loader reads it. No `format: date`: the YAML extension checks that format and would mark the
midnight forms the loader accepts."""

DATE = {
    "type": "string",
    "pattern": DATE_PATTERN,
    "errorMessage": "tulis tanggal yang ada di kalender sebagai TTTT-BB-HH (tahun-bulan-hari), misalnya 2018-05-02, "
    "atau bulan dan tahunnya saja, misalnya `Agustus 2023`",
}

_MOST = f"{MAX_AMOUNT:,}".replace(",", ".")

TYPES: dict[tuple[str, str], dict[str, Any]] = {
    ("Langkah", "waktu"): {
        "type": "string",
        "errorMessage": "tulis waktu sebagai teks, misalnya `10 menit`, `1,5 jam`, `1x24 jam` atau "
        "`10 (sepuluh) hari kerja`",
    },
    ("Lembar", "tanda_tangan"): {
        "anyOf": [{"type": "boolean"}, {"enum": ["ya", "tidak"]}, {"$ref": "#/$defs/TandaTangan"}],
        "errorMessage": "tulis `true` (atau `ya`), `false` (atau `tidak`), atau pemetaan dengan `tempat` dan `tanggal`",
    },
    ("Langkah", "pelaksana"): {
        "type": ["string", "array"],
        "anyOf": [
            {"type": "string", "minLength": 1},
            {"type": "array", "items": {"type": "string"}, "minItems": 1},
        ],
        "errorMessage": "tulis satu kunci lajur, atau daftar kunci lajur untuk langkah bersama; tidak boleh kosong",
    },
    ("Sop", "peringatan"): {
        "type": ["string", "array"],
        "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string", "minLength": 1}}],
    },
    ("Sop", "pencatatan_pendataan"): {
        "type": ["string", "array"],
        "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string", "minLength": 1}}],
    },
    ("Keputusan", "tidak"): {
        "type": ["integer", "string"],
        "minimum": 1,
        "errorMessage": "tulis nomor langkah (1, 2, ...) atau `id` sebuah langkah",
    },
    ("Keputusan", "ya"): {
        "type": ["integer", "string"],
        "minimum": 1,
        "errorMessage": "tulis nomor langkah (1, 2, ...) atau `id` sebuah langkah",
    },
    ("Sop", "keterkaitan"): {
        "type": "array",
        "items": {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "properties": {
                        "sop": {"type": "string", "minLength": 1, "description": "Nomor SOP atau nama berkasnya"},
                        "teks": {"type": "string", "description": "Teks yang dicetak sebagai ganti judulnya"},
                    },
                    "required": ["sop"],
                    "additionalProperties": False,
                },
            ],
            "errorMessage": "tulis teks, atau `sop: NOMOR` untuk menautkan SOP lain di folder ini",
        },
    },
    ("Sop", "status"): {
        "anyOf": [
            {"enum": ["berlaku", "dicabut"]},
            {
                "type": "object",
                "properties": {"digantikan_oleh": {"type": "string", "minLength": 1}},
                "required": ["digantikan_oleh"],
                "additionalProperties": False,
            },
        ],
        "errorMessage": "tulis `berlaku`, `dicabut`, atau `digantikan_oleh: NOMOR`",
    },
    ("Pengesah", "nip"): {
        "type": "string",
        "errorMessage": 'tulis NIP dalam tanda kutip, misalnya "195910081983031001", agar angka nol di depannya '
        "tidak hilang",
    },
}
"""Field -> what its values may be, where the model's validators accept what pydantic's schema does not
say (or say it differently). `minimum` and `minLength` bind only numbers and texts respectively."""


# -- The words people read ------------------------------------------------------------------------


@dataclass(frozen=True)
class Doc:
    title: str
    description: str
    examples: tuple[Any, ...] = ()


PENGESAH_CONTOH = {
    "jabatan": "Kepala Biro Perencanaan dan Organisasi",
    "nama": "Janiruddin, S.H., M.Si",
    "nip": "195910081983031001",
}

MODELS: dict[str, Doc] = {
    "Sop": Doc(
        "Definisi SOP AP (sopgen)",
        "Satu SOP AP (format Peraturan Menteri PANRB No. 35 Tahun 2012): identitas, dasar hukum, pelaksana "
        "dan langkah-langkahnya. Periksa dengan `sopgen check`, yang juga memeriksa kunci lajur, id langkah "
        "dan tujuan cabang.",
    ),
    "Organisasi": Doc(
        "Profil organisasi (sopgen)",
        "Profil organisasi `organisasi.yaml`: nama instansi, lambang dan ukuran kertas yang berlaku untuk "
        "setiap SOP di folder ini.",
    ),
    "Pengesah": Doc("Pengesah SOP", "Pejabat yang mengesahkan SOP: jabatan, nama, pangkat dan NIP."),
    "Revisi": Doc("Revisi SOP", "Satu revisi SOP: nomor (opsional), tanggal dan catatannya."),
    "Lembar": Doc(
        "Profil lembar",
        "Cara organisasi ini menamai dan menyusun lembar SOP AP: label, kolom, kepala lembar, blok tanda "
        "tangan. Di organisasi.yaml berlaku untuk setiap SOP di folder ini; `lembar` di sebuah SOP menimpanya "
        "kunci demi kunci. Tanpa `lembar`: lembar seperti contoh Kemenko Polhukam.",
    ),
    "Label": Doc(
        "Label lembar",
        "Setiap teks tetap yang dicetak di lembar, menurut tempatnya; yang tidak ditulis memakai teks bawaan.",
    ),
    "Kolom": Doc("Kolom tabel prosedur", "Kolom tabel diagram alir: Keterangan, baris nomor kolom, dan lebarnya."),
    "Lebar": Doc(
        "Lebar kolom",
        "Bagian lebar kelompok kolom tabel diagram alir, sebagai angka relatif (tidak harus berjumlah 100); "
        "kolom No. tetap. Kelompok yang tidak ditulis memakai bagian bawaan.",
    ),
    "Kepala": Doc("Kepala lembar", "Bagian identitas di atas halaman pertama: susunan, kotak revisi, baris unit."),
    "TandaTangan": Doc(
        "Blok tanda tangan",
        "Blok tanda tangan di bawah diagram alir: tempat dan tanggal, jabatan, ruang tanda tangan, nama, "
        "pangkat dan NIP pengesah (`disahkan_oleh`).",
    ),
    "Keputusan": Doc(
        "Keputusan (belah ketupat)",
        "Menjadikan langkah sebuah keputusan (belah ketupat) dengan dua jawaban: ke mana jawaban Tidak "
        "dan jawaban Ya menuju.",
    ),
    "Mata": Doc(
        "Mata rantai pelaksana",
        "Satu pelaksana dalam `rangkaian` langkah: kunci lajurnya, dan bila ia memeriksa, `keputusan` dengan "
        "tujuan jawaban Tidak.",
    ),
    "Langkah": Doc(
        "Langkah prosedur",
        "Satu langkah prosedur, yaitu satu baris tabel diagram alir: kegiatan, pelaksana, dan Mutu Baku "
        "(kelengkapan, waktu, output).",
    ),
}

LIST_NOTE = "Daftar teks: satu butir per baris, diawali `- `."
OPTIONAL = "Opsional."

FIELDS: dict[str, dict[str, Doc]] = {
    "Sop": {
        "nomor": Doc(
            "Nomor SOP",
            "Nomor SOP sesuai tata naskah dinas; dicetak di kolom Nomor SOP dan menjadi nama berkas keluaran.",
            ("OT.01.02-071-097.Set.PO",),
        ),
        "jenis": Doc(
            "Jenis SOP",
            "`makro` untuk proses bisnis lintas unit, `mikro` untuk rincian satu langkah SOP makro di satu "
            "unit; dicetak sebagai `Judul SOP Makro` dan `SOP Makro <judul>`. Opsional: bila tidak ditulis, "
            "berlaku `lembar: jenis_bawaan` (bawaannya `makro`; `tanpa`: tidak ada jenis yang dicetak).",
            ("makro", "mikro"),
        ),
        "judul": Doc(
            "Judul SOP",
            "Judul SOP tanpa kata SOP Makro atau SOP Mikro; dicetak di kolom Judul SOP dan di atas diagram "
            "alir sebagai `SOP Makro <judul>` (kata SOP tidak diulang bila judul sudah diawali SOP).",
            ("Monitoring dan Evaluasi SOP AP",),
        ),
        "judul_bagan": Doc(
            "Judul halaman diagram alir",
            "Judul yang dicetak di atas diagram alir, persis seperti ditulis (misalnya dengan nomor urut). "
            "Opsional: bila tidak diisi, dicetak `SOP <jenis> <judul>`.",
            ("13. SOP Penerbitan Surat Keterangan",),
        ),
        "unit": Doc(
            "Unit pemilik SOP",
            "Unit organisasi pemilik SOP, dari yang tertinggi; setiap butir dicetak satu baris. Wajib bila "
            "lembar mencetak baris unit (bawaan); tidak dicetak bila `lembar: kepala: baris_unit: false`. " + LIST_NOTE,
            (["Sekretariat Kementerian Koordinator", "Biro Perencanaan dan Organisasi"],),
        ),
        "tanggal_pembuatan": Doc(
            "Tanggal Pembuatan",
            "Tanggal SOP dibuat, ditulis TTTT-BB-HH (tahun-bulan-hari), atau bulan dan tahunnya saja "
            "(`Agustus 2023` atau `2023-08`), yang dicetak tanpa hari dan tanggal.",
            ("2017-12-14", "Agustus 2023"),
        ),
        "tanggal_efektif": Doc(
            "Tanggal Efektif",
            "Tanggal SOP mulai berlaku, ditulis TTTT-BB-HH, atau bulan dan tahunnya saja (`Agustus 2023`). "
            "Opsional: bila tidak diisi, kolomnya dicetak `-`.",
            ("2018-05-02", "Agustus 2023"),
        ),
        "revisi": Doc(
            "Riwayat revisi",
            "Revisi SOP, urut dari yang terlama; yang terakhir dicetak di kolom Tanggal Revisi. Tambahkan "
            'dengan `sopgen revise <berkas> --catatan "..."`. ' + OPTIONAL,
            ([{"ke": 1, "tanggal": "2019-03-01", "catatan": "Penyesuaian pelaksana"}],),
        ),
        "disahkan_oleh": Doc(
            "Disahkan oleh",
            "Pejabat yang mengesahkan SOP: `jabatan`, `nama`, dan bila ada `pangkat` dan `nip`.",
            (PENGESAH_CONTOH,),
        ),
        "dasar_hukum": Doc(
            "Dasar Hukum",
            "Peraturan yang mendasari SOP, satu butir untuk setiap peraturan. " + LIST_NOTE + " " + OPTIONAL,
            (["Peraturan Menko Polhukam Nomor 4 Tahun 2015 tentang Organisasi dan Tata Kerja Kemenko Polhukam"],),
        ),
        "kualifikasi_pelaksana": Doc(
            "Kualifikasi Pelaksana",
            "Kemampuan yang harus dimiliki pelaksana. " + LIST_NOTE + " " + OPTIONAL,
            (["Mampu berkoordinasi dan berkomunikasi dengan baik", "Mampu mengoperasikan komputer"],),
        ),
        "keterkaitan": Doc(
            "Keterkaitan",
            "SOP lain yang terkait dengan SOP ini: teks bebas untuk SOP di luar folder ini, atau `sop: NOMOR` "
            "(nomor SOP atau nama berkasnya) untuk SOP di folder ini; lembarnya mencetak nomor dan judul SOP "
            "tersebut dan PDF-nya menautkan ke sana. " + OPTIONAL,
            (["SOP Mikro Pelaksanaan Monev SOP AP", {"sop": "02/SOP/PO/2018"}],),
        ),
        "peralatan_perlengkapan": Doc(
            "Peralatan/Perlengkapan",
            "Alat dan perlengkapan yang diperlukan. " + LIST_NOTE + " " + OPTIONAL,
            (["Alat Tulis Kantor (ATK)", "Perangkat komputer"],),
        ),
        "peringatan": Doc(
            "Peringatan",
            "Akibat bila SOP tidak dilaksanakan: satu teks, atau daftar teks. " + OPTIONAL,
            ("Bila SOP ini tidak dilaksanakan, proses monitoring dan evaluasi SOP AP akan terhambat",),
        ),
        "pencatatan_pendataan": Doc(
            "Pencatatan dan Pendataan",
            "Cara hasil kerja dicatat dan disimpan: satu teks, atau daftar teks. " + OPTIONAL,
            ("Disimpan dalam data elektronik dan manual",),
        ),
        "pelaksana": Doc(
            "Pelaksana (lajur diagram)",
            "Lajur diagram alir, dari kiri (jabatan tertinggi) ke kanan, paling banyak "
            f"{MAX_LANES}. Kunci (kiri) dipakai di `pelaksana` setiap langkah; nilai (kanan) dicetak di "
            "kepala tabel.",
            ({"karo": "Karo PO", "kabag": "Kabag Ortala", "kasubbag": "Kasubbag Tata Laksana"},),
        ),
        "langkah": Doc(
            "Langkah-langkah",
            "Langkah prosedur, berurutan; setiap langkah satu baris tabel. Langkah pertama dan terakhir "
            "digambar sebagai terminator, keputusan sebagai belah ketupat, langkah lain sebagai persegi panjang.",
            (
                [
                    {
                        "kegiatan": "Memberikan arahan kepada Kabag Ortala",
                        "pelaksana": "karo",
                        "kelengkapan": "Usulan unit organisasi",
                        "waktu": "10 menit",
                        "output": "Disposisi Karo",
                    }
                ],
            ),
        ),
        "kertas": Doc(
            "Ukuran kertas SOP ini",
            "Ukuran kertas untuk SOP ini saja: F4, A4 atau Legal, selalu lanskap. Opsional: bila tidak diisi, "
            "berlaku `kertas` dari organisasi.yaml.",
            ("F4", "A4", "Legal"),
        ),
        "tinjau_ulang": Doc(
            "Tanggal tinjau ulang",
            "Tanggal SOP direncanakan ditinjau ulang, ditulis TTTT-BB-HH; `sopgen status` menandai SOP yang "
            "sudah melewatinya. " + OPTIONAL,
            ("2026-12-31",),
        ),
        "lembar": Doc(
            "Profil lembar SOP ini",
            "Profil lembar untuk SOP ini saja, ditimpakan kunci demi kunci di atas `lembar` dari "
            "organisasi.yaml (misalnya label lain, atau tanpa blok tanda tangan). " + OPTIONAL,
            ({"label": {"kegiatan": "Aktivitas"}, "tanda_tangan": False},),
        ),
        "status": Doc(
            "Status SOP",
            "`berlaku` (bawaan), `dicabut`, atau `digantikan_oleh: NOMOR`. SOP yang tidak berlaku tidak "
            "dimuat di buku SOP.",
            ("berlaku", "dicabut", {"digantikan_oleh": "05/SOP/PO/2024"}),
        ),
        "instansi": Doc(
            "Nama instansi SOP ini",
            "Baris-baris nama instansi untuk SOP ini saja, dari atas ke bawah. Opsional: bila tidak diisi "
            "atau kosong, berlaku `instansi` dari organisasi.yaml.",
            (["KEMENTERIAN KOORDINATOR", "BIDANG POLITIK, HUKUM, DAN KEAMANAN", "REPUBLIK INDONESIA"],),
        ),
    },
    "Pengesah": {
        "jabatan": Doc(
            "Jabatan pengesah",
            "Jabatan pejabat yang mengesahkan SOP, dicetak di kolom Disahkan oleh.",
            ("Kepala Biro Perencanaan dan Organisasi",),
        ),
        "nama": Doc("Nama pengesah", "Nama lengkap pejabat dengan gelarnya.", ("Janiruddin, S.H., M.Si",)),
        "pangkat": Doc(
            "Pangkat pengesah",
            "Pangkat dan golongan pegawai negeri sipil, dicetak di bawah nama. " + OPTIONAL,
            ("Pembina Utama Muda",),
        ),
        "nip": Doc(
            "NIP pengesah",
            "Nomor Induk Pegawai, ditulis dalam tanda kutip agar angka nol di depannya tidak hilang; "
            "dicetak sebagai `NIP. ...`. Opsional: tanpa NIP (misalnya kepala daerah) baris NIP tidak dicetak.",
            ("195910081983031001",),
        ),
    },
    "Revisi": {
        "ke": Doc(
            "Revisi ke",
            "Nomor revisi: bilangan bulat 1, 2, 3, dan seterusnya. Opsional: revisi boleh hanya bertanggal.",
            (1,),
        ),
        "tanggal": Doc(
            "Tanggal revisi",
            "Tanggal revisi, ditulis TTTT-BB-HH, atau bulan dan tahunnya saja (`Agustus 2023`).",
            ("2019-03-01", "Maret 2019"),
        ),
        "catatan": Doc("Catatan revisi", "Apa yang diubah dalam revisi ini. " + OPTIONAL, ("Penyesuaian pelaksana",)),
    },
    "Keputusan": {
        "tidak": Doc(
            "Tujuan jawaban Tidak",
            "Langkah yang dituju bila jawabannya Tidak: `id` langkah atau nomor langkah. Id lebih aman, "
            "karena nomor tidak ikut berubah bila langkah disisipkan.",
            ("naskah", 3),
        ),
        "ya": Doc(
            "Tujuan jawaban Ya",
            "Langkah yang dituju bila jawabannya Ya: `id` langkah atau nomor langkah. Opsional: bila tidak "
            "diisi, menuju langkah berikutnya; keputusan di langkah terakhir wajib mengisinya.",
            ("selesai", 5),
        ),
        "label": Doc(
            "Label jawaban",
            "Tepat dua teks yang dicetak di panah: jawaban Ya lalu jawaban Tidak. Bila tidak ditulis: `[Ya, Tidak]`.",
            (["Ya", "Tidak"], ["Sesuai", "Tidak sesuai"]),
        ),
    },
    "Mata": {
        "pelaksana": Doc(
            "Pelaksana mata rantai",
            "Kunci lajur (dari `pelaksana` di tingkat atas) yang bertindak pada mata rantai ini.",
            ("kasi",),
        ),
        "keputusan": Doc(
            "Keputusan mata rantai",
            "Menjadikan mata rantai ini pemeriksaan (belah ketupat): `tidak` menuju nomor atau id langkah; "
            "jawaban Ya menuju mata rantai berikutnya (`ya` hanya pada mata rantai terakhir). " + OPTIONAL,
            ({"tidak": "konsep", "label": ["Sesuai", "Belum sesuai"]},),
        ),
    },
    "Langkah": {
        "kegiatan": Doc(
            "Kegiatan",
            "Uraian kegiatan langkah ini, dalam kalimat aktif tanpa subjek.",
            ("Memeriksa dan memaraf konsep nota dinas, kemudian menyampaikannya kepada Karo PO",),
        ),
        "pelaksana": Doc(
            "Pelaksana langkah",
            "Kunci lajur (dari `pelaksana` di tingkat atas) yang melakukan langkah ini; untuk langkah bersama "
            "(mis. rapat), daftar beberapa kunci lajur: lajur yang bersebelahan mendapat satu kotak yang "
            "membentang, lajur yang tidak bersebelahan masing-masing satu simbol yang dihubungkan garis. "
            "Kosongkan bila langkah memakai `rangkaian`.",
            ("kabag", ["kabag", "kasubbag"]),
        ),
        "rangkaian": Doc(
            "Rangkaian pelaksana dalam satu langkah",
            "Dua sampai empat pelaksana yang bergantian dalam satu baris bernomor (mis. Tim -> Kasi -> Kabid), "
            "urut menurut letak lajurnya; setiap mata rantai digambar sebagai simbol di lajurnya dengan panah "
            "di antaranya, dan boleh memuat `keputusan` sendiri (jawaban Ya menuju mata rantai berikutnya). "
            "Dipakai sebagai ganti `pelaksana`. " + OPTIONAL,
            ([{"pelaksana": "tim"}, {"pelaksana": "kasi", "keputusan": {"tidak": "konsep"}}, {"pelaksana": "kabid"}],),
        ),
        "kelengkapan": Doc(
            "Kelengkapan (Mutu Baku)",
            "Apa yang diperlukan langkah ini; biasanya sama dengan `output` langkah sebelumnya. " + OPTIONAL,
            ("Disposisi Karo",),
        ),
        "waktu": Doc(
            "Waktu (Mutu Baku)",
            "Lama langkah ini, dicetak persis seperti ditulis: `10 menit`, `1,5 jam`, `3 hari kerja`, `1x24 jam`, "
            "`10 (sepuluh) hari kerja`, `paling lambat 17 hari kerja`, `± 2 menit`, `2-3 hari`. Yang dapat "
            "dibaca dijumlahkan di daftar SOP (satu hari kerja = 8 jam, seminggu = 5 hari kerja, sebulan = 22 "
            "hari kerja; rentang seperti `2-3 hari` dihitung dengan batas atasnya); yang tidak dapat dibaca "
            "(`setiap saat`) tetap dicetak, diberi peringatan, dan tidak ikut dijumlahkan. Opsional, tetapi "
            "waktu yang kosong diberi peringatan oleh `sopgen check`.",
            ("10 menit", "1x24 jam", "10 (sepuluh) hari kerja", "setiap saat"),
        ),
        "output": Doc("Output (Mutu Baku)", "Hasil langkah ini. " + OPTIONAL, ("Konsep nota dinas terparaf",)),
        "keterangan": Doc(
            "Keterangan",
            "Catatan yang dicetak di kolom Ket.; tidak dicetak bila lembar tidak memiliki kolom Keterangan. "
            + OPTIONAL,
            ("Bila diperlukan, melibatkan narasumber",),
        ),
        "id": Doc(
            "Id langkah",
            "Nama pendek langkah ini, untuk dituju oleh `keputusan` (mis. `tidak: naskah`); harus unik dalam "
            "SOP. " + OPTIONAL,
            ("naskah",),
        ),
        "keputusan": Doc(
            "Keputusan",
            "Menjadikan langkah ini keputusan (belah ketupat): `tidak` menuju langkah yang diulang atau "
            "diperbaiki, `ya` bila tidak diisi menuju langkah berikutnya. " + OPTIONAL,
            ({"tidak": "naskah"},),
        ),
    },
    "Organisasi": {
        "instansi": Doc(
            "Nama instansi",
            "Baris-baris nama instansi, dari atas ke bawah, dicetak di samping lambang; satu butir satu baris, "
            "koma di dalam butir aman.",
            (["KEMENTERIAN KOORDINATOR", "BIDANG POLITIK, HUKUM, DAN KEAMANAN", "REPUBLIK INDONESIA"],),
        ),
        "logo": Doc(
            "Berkas lambang",
            "Berkas gambar lambang (PNG atau JPG), relatif terhadap organisasi.yaml. Opsional: tanpa lambang, "
            "bingkainya dicetak kosong.",
            ("logo.png",),
        ),
        "kertas": Doc(
            "Ukuran kertas",
            "Ukuran kertas setiap SOP di folder ini: F4, A4 atau Legal, selalu lanskap. Bila tidak ditulis: F4.",
            ("F4", "A4", "Legal"),
        ),
        "lembar": Doc(
            "Profil lembar",
            "Cara organisasi ini menamai dan menyusun lembar SOP: `label`, `kolom`, `kepala`, `tanda_tangan`, "
            "`peringatan_kelengkapan`, `jenis_bawaan`, `nama_hari`. Opsional: tanpa `lembar`, lembar dicetak "
            "seperti contoh Kemenko Polhukam.",
            ({"label": {"judul_sop": "Nama SOP", "kegiatan": "Aktivitas"}, "kolom": {"nomor_kolom": True}},),
        ),
    },
    "Lembar": {
        "label": Doc(
            "Label lembar",
            "Teks tetap lembar yang diganti, misalnya `judul_sop: Nama SOP` atau `kegiatan: Aktivitas`. " + OPTIONAL,
            ({"judul_sop": "Nama SOP", "tanggal_efektif": "Tanggal Pengesahan"},),
        ),
        "kolom": Doc(
            "Kolom tabel prosedur",
            "Kolom Keterangan, baris nomor kolom, dan bagian lebar kolom tabel diagram alir. " + OPTIONAL,
            ({"keterangan": False, "nomor_kolom": True},),
        ),
        "kepala": Doc(
            "Kepala lembar",
            "Susunan bagian identitas, kotak revisi, baris unit, dan ukuran baris nama instansi. " + OPTIONAL,
            ({"susunan": "tiga_kolom", "kotak_revisi": False},),
        ),
        "tanda_tangan": Doc(
            "Blok tanda tangan",
            "Mencetak blok tanda tangan pengesah di bawah diagram alir: `true`, atau pemetaan dengan `tempat` "
            "(kota) dan `tanggal` (`efektif` atau `pembuatan`). Bila tidak ditulis: tidak ada blok tanda tangan.",
            (True, {"tempat": "Semarang"}),
        ),
        "peringatan_kelengkapan": Doc(
            "Peringatan kelengkapan",
            "`sopgen check` memperingatkan langkah yang `kelengkapan`-nya tidak memiliki satu kata penting pun "
            "yang sama dengan `output` langkah sebelumnya; `false` mematikan peringatan ini. Bila tidak ditulis: "
            "`true`.",
            (True, False),
        ),
        "jenis_bawaan": Doc(
            "Jenis SOP bawaan",
            "Jenis SOP yang tidak menulis `jenis`: `makro` (bawaan), `mikro`, atau `tanpa` (tidak mencetak Makro "
            "atau Mikro: label `Judul SOP` dan judul diagram `SOP <judul>`).",
            ("makro", "tanpa"),
        ),
        "nama_hari": Doc(
            "Nama hari pada tanggal",
            "`true` (bawaan): tanggal dicetak dengan nama harinya, `Rabu, 02 Mei 2018`; `false`: `2 Mei 2018`. "
            "Tanggal yang hanya bulan dan tahun selalu dicetak `Agustus 2023`.",
            (True, False),
        ),
    },
    "Label": {
        name: Doc(
            f"Label {caption}",
            f"Teks yang dicetak sebagai {where}. Bila tidak ditulis: `{default}`.",
            (default, example) if example else (default,),
        )
        for name, caption, where, default, example in (
            ("nomor_sop", "Nomor SOP", "label baris nomor SOP di kepala lembar", "Nomor SOP", "Nomor"),
            ("tanggal_pembuatan", "Tanggal Pembuatan", "label baris tanggal pembuatan", "Tanggal Pembuatan", ""),
            (
                "tanggal_revisi",
                "Tanggal Revisi",
                "label baris tanggal revisi (juga judul kolom riwayat revisi)",
                "Tanggal Revisi",
                "",
            ),
            (
                "tanggal_efektif",
                "Tanggal Efektif",
                "label baris tanggal efektif",
                "Tanggal Efektif",
                "Tanggal Pengesahan",
            ),
            ("disahkan_oleh", "Disahkan oleh", "label baris pengesah", "Disahkan oleh", "Disahkan Oleh"),
            (
                "judul_sop",
                "Judul SOP",
                "label baris judul SOP, diikuti jenisnya bila ada (`Judul SOP Makro`)",
                "Judul SOP",
                "Nama SOP",
            ),
            (
                "revisi_ke",
                "Revisi ke",
                "teks nomor revisi di baris tanggal revisi (`Revisi ke 2`)",
                "Revisi ke",
                "Revisi",
            ),
            ("dasar_hukum", "Dasar Hukum", "judul bagian dasar hukum", "Dasar Hukum", ""),
            (
                "kualifikasi_pelaksana",
                "Kualifikasi Pelaksana",
                "judul bagian kualifikasi pelaksana",
                "Kualifikasi Pelaksana",
                "Kualitas Pelaksana",
            ),
            ("keterkaitan", "Keterkaitan", "judul bagian keterkaitan", "Keterkaitan", ""),
            (
                "peralatan_perlengkapan",
                "Peralatan/Perlengkapan",
                "judul bagian peralatan",
                "Peralatan/Perlengkapan",
                "Peralatan dan Perlengkapan",
            ),
            ("peringatan", "Peringatan", "judul bagian peringatan", "Peringatan", ""),
            (
                "pencatatan_pendataan",
                "Pencatatan dan Pendataan",
                "judul bagian pencatatan",
                "Pencatatan dan Pendataan",
                "Pencatatan",
            ),
            ("nomor", "No.", "judul kolom nomor langkah", "No.", "No"),
            ("kegiatan", "Kegiatan", "judul kolom kegiatan", "Kegiatan", "Aktivitas"),
            ("pelaksana", "Pelaksana", "judul kelompok kolom pelaksana", "Pelaksana", ""),
            ("mutu_baku", "Mutu Baku", "judul kelompok kolom mutu baku", "Mutu Baku", "Pendukung"),
            ("kelengkapan", "Kelengkapan", "judul kolom kelengkapan", "Kelengkapan", "Persyaratan"),
            ("waktu", "Waktu", "judul kolom waktu", "Waktu", ""),
            ("output", "Output", "judul kolom output", "Output", "Keluaran"),
            ("keterangan", "Keterangan", "judul kolom keterangan", "Ket.", "Keterangan"),
            ("riwayat_revisi", "Riwayat Revisi", "judul halaman riwayat revisi", "Riwayat Revisi", ""),
            ("riwayat_ke", "Ke", "judul kolom nomor revisi di halaman riwayat revisi", "Ke", "Revisi ke"),
            (
                "catatan_revisi",
                "Catatan Revisi",
                "judul kolom catatan di halaman riwayat revisi",
                "Catatan Revisi",
                "Uraian Perubahan",
            ),
            (
                "halaman",
                "nomor halaman",
                "kaki setiap halaman; `{halaman}` diganti nomor halaman dan `{jumlah}` "
                "jumlah halaman, masing-masing sekali dan dalam urutan itu",
                "Halaman {halaman} dari {jumlah}",
                "Hal. {halaman}/{jumlah}",
            ),
        )
    },
    "Kolom": {
        "keterangan": Doc(
            "Kolom Keterangan",
            "`true` (bawaan): tabel diagram alir memiliki kolom Keterangan; `false`: tanpa kolom itu, dan "
            "`keterangan` langkah tidak dicetak (`sopgen check` memperingatkannya).",
            (True, False),
        ),
        "nomor_kolom": Doc(
            "Baris nomor kolom",
            "`true`: di bawah judul tabel diagram alir dicetak satu baris nomor kolom (1, 2, 3 ...), diulang "
            "di setiap halaman. Bila tidak ditulis: `false`.",
            (True,),
        ),
        "lebar": Doc(
            "Lebar kolom",
            "Bagian lebar `kegiatan`, `pelaksana` (semua lajur, sama lebar), `mutu_baku` dan `keterangan`, "
            "sebagai angka relatif. Opsional: bila tidak ditulis, lebar kolom seperti lembar bawaan.",
            ({"kegiatan": 30, "pelaksana": 40, "mutu_baku": 20, "keterangan": 10},),
        ),
    },
    "Lebar": {
        "kegiatan": Doc("Bagian lebar Kegiatan", "Bagian lebar kolom Kegiatan. Bila tidak ditulis: 27.", (30,)),
        "pelaksana": Doc(
            "Bagian lebar Pelaksana",
            "Bagian lebar semua lajur pelaksana bersama, dibagi rata; lajur tidak dibuat lebih sempit dari "
            "54 pt. Bila tidak ditulis: 43.",
            (40,),
        ),
        "mutu_baku": Doc(
            "Bagian lebar Mutu Baku",
            "Bagian lebar kolom Kelengkapan, Waktu dan Output bersama. Bila tidak ditulis: 25.",
            (20,),
        ),
        "keterangan": Doc(
            "Bagian lebar Keterangan",
            "Bagian lebar kolom Keterangan, agar muat catatan sungguhan. Bila tidak ditulis: 5.",
            (10,),
        ),
    },
    "Kepala": {
        "susunan": Doc(
            "Susunan kepala lembar",
            "`dua_kolom` (bawaan): lambang di atas nama instansi, lalu label dan isinya; `tiga_kolom`: lambang, "
            "nama instansi, lalu label dan isinya, berdampingan.",
            ("dua_kolom", "tiga_kolom"),
        ),
        "kotak_revisi": Doc(
            "Kotak revisi",
            "`true` (bawaan): baris tanggal revisi dicetak dengan kotak centang dan `Revisi ke N`; `false`: "
            "hanya tanggal revisi terakhir, atau `-` sebelum revisi pertama.",
            (True, False),
        ),
        "baris_unit": Doc(
            "Baris unit",
            "`true` (bawaan): baris judul SOP diawali nama unit pemilik SOP; `false`: tanpa baris unit, dan "
            "`unit` tidak wajib diisi.",
            (True, False),
        ),
        "baris_nama_instansi": Doc(
            "Baris nama instansi",
            "Jumlah baris pertama `instansi` yang merupakan nama instansi: dicetak tebal dan besar, baris "
            "berikutnya (alamat, telepon) kecil dan biasa. Opsional: bila tidak diisi, semua baris tebal "
            "dengan ukuran yang sama.",
            (2,),
        ),
    },
    "TandaTangan": {
        "tempat": Doc(
            "Tempat penetapan",
            "Kota tempat SOP ditetapkan, dicetak di depan tanggal: `Semarang, 14 Agustus 2023`. " + OPTIONAL,
            ("Semarang",),
        ),
        "tanggal": Doc(
            "Tanggal blok tanda tangan",
            "`efektif` (bawaan): tanggal efektif, atau tanggal pembuatan bila tidak ada; `pembuatan`: tanggal "
            "pembuatan.",
            ("efektif", "pembuatan"),
        ),
    },
}

STEP_SNIPPETS = [
    {
        "label": "Langkah",
        "description": "Langkah biasa oleh satu pelaksana.",
        "body": {
            "kegiatan": "${1:Menyiapkan konsep nota dinas}",
            "pelaksana": "${2:kunci_lajur}",
            "kelengkapan": "${3:Disposisi}",
            "waktu": "${4:30 menit}",
            "output": "${5:Konsep nota dinas}",
        },
    },
    {
        "label": "Langkah keputusan",
        "description": "Langkah pemeriksaan yang menjadi keputusan (belah ketupat): jawaban Tidak menuju "
        "langkah yang diulang, jawaban Ya ke langkah berikutnya.",
        "body": {
            "kegiatan": "${1:Memeriksa konsep nota dinas}",
            "pelaksana": "${2:kunci_lajur}",
            "kelengkapan": "${3:Konsep nota dinas}",
            "waktu": "${4:10 menit}",
            "output": "${5:Konsep nota dinas telah diperiksa}",
            "keputusan": {"tidak": "${6:id_langkah_tujuan}"},
        },
    },
    {
        "label": "Langkah bersama",
        "description": "Langkah yang dilakukan beberapa pelaksana bersama (mis. rapat); kotaknya membentang di "
        "seluruh lajurnya.",
        "body": {
            "kegiatan": "${1:Melaksanakan rapat pembahasan}",
            "pelaksana": ["${2:kunci_lajur_1}", "${3:kunci_lajur_2}"],
            "kelengkapan": "${4:Bahan rapat}",
            "waktu": "${5:2 jam}",
            "output": "${6:Notula rapat}",
        },
    },
]
"""Offered by the YAML extension when a step is written; the text of each placeholder is a valid value."""

SNIPPETS = {"Langkah": STEP_SNIPPETS}

# -- Building the schemas ---------------------------------------------------------------------------

NULL = {"type": "null"}
EMPTY_DEFAULTS: tuple[Any, ...] = (None, "", [])
"""Defaults not shown: inserted by an editor, each is nothing, which YAML reads as null."""


def _accepts_null(model: type[BaseModel], name: str) -> bool:
    """Does the field's type admit None (`X | None`)? The loader then accepts it written empty."""
    return type(None) in typing.get_args(model.model_fields[name].annotation)


def _normalise(schema: Any) -> Any:
    """pydantic's words -> the editor's: dates as the loader reads them, pairs as plain lists, Indonesian
    messages for choices."""
    if isinstance(schema, list):
        return [_normalise(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if schema.get("format") == "date":
        return copy.deepcopy(DATE)
    result = {key: _normalise(value) for key, value in schema.items()}
    prefix = result.pop("prefixItems", None)
    if prefix is not None:
        if any(item != prefix[0] for item in prefix):
            raise ValueError(f"a tuple of different items has no plain-list schema: {prefix}")
        result["items"] = prefix[0]
    if "enum" in result:
        choices = [str(value) for value in result["enum"]]
        result["errorMessage"] = f"pilih salah satu: {', '.join(choices[:-1])} atau {choices[-1]}"
    return result


def _values(generated: dict[str, Any]) -> dict[str, Any]:
    """What a field's values may be, as pydantic says it, without null and without its words."""
    schema = {k: v for k, v in generated.items() if k not in ("title", "description", "default", "examples")}
    branches = schema.pop("anyOf", None)
    if branches is None:
        return schema
    branches = [branch for branch in branches if branch != NULL]
    return {**schema, **branches[0]} if len(branches) == 1 else {**schema, "anyOf": branches}


def _words(doc: Doc) -> dict[str, Any]:
    words: dict[str, Any] = {"title": doc.title, "description": doc.description}
    words["markdownDescription"] = doc.description  # the YAML extension shows `code` only from this one
    if doc.examples:
        words["examples"] = copy.deepcopy(list(doc.examples))
    return words


def _field(model: type[BaseModel], name: str, generated: dict[str, Any]) -> dict[str, Any]:
    values = TYPES.get((model.__name__, name)) or _values(generated)
    values = _normalise(copy.deepcopy(values))
    result = _words(FIELDS[model.__name__][name])
    if _accepts_null(model, name):
        result.update({"if": NULL, "else": values})  # null passes; everything else must match `else`
    else:
        result.update(values)
    default = generated.get("default")
    if default not in EMPTY_DEFAULTS:
        result["default"] = default
    return result


def _object(model: type[BaseModel], generated: dict[str, Any]) -> dict[str, Any]:
    """One model's object schema with the words and value rules above."""
    unknown = set(generated["properties"]) ^ set(model.model_fields)
    if unknown:
        raise ValueError(f"{model.__name__}: schema and model disagree on {sorted(unknown)}")
    result = {key: value for key, value in generated.items() if key not in ("title", "description", "properties")}
    result = {
        **_words(MODELS[model.__name__]),
        **result,
        "properties": {name: _field(model, name, generated["properties"][name]) for name in model.model_fields},
    }
    if model.__name__ in SNIPPETS:
        result["defaultSnippets"] = copy.deepcopy(SNIPPETS[model.__name__])
    result.update(copy.deepcopy(RULES.get(model.__name__, {})))
    return result


RULES: dict[str, dict[str, Any]] = {
    "Langkah": {
        "oneOf": [
            {
                "required": ["pelaksana"],
                "properties": {"pelaksana": {"type": ["string", "array"]}},
                "not": {"required": ["rangkaian"]},
            },
            {"required": ["rangkaian"], "not": {"required": ["pelaksana"]}},
        ],
        "errorMessage": {
            "oneOf": "isi `pelaksana` langkah, atau `rangkaian` bila beberapa pelaksana bergantian (tidak keduanya)"
        },
    },
}
"""Rules on a whole object that no single field states: a step names its actors once."""

NESTED: tuple[type[BaseModel], ...] = (Pengesah, Revisi, Keputusan, Mata, Langkah, Lembar, Label, Kolom, Lebar, Kepala)
NESTED += (TandaTangan,)


def _document(model: type[BaseModel]) -> dict[str, Any]:
    generated = model.model_json_schema()
    definitions = generated.pop("$defs", {})
    schema = {"$schema": DIALECT, **_object(model, generated)}
    if definitions:
        by_name = {nested.__name__: nested for nested in NESTED}
        schema["$defs"] = {
            name: _object(by_name[name], definition)
            for name, definition in definitions.items()
            if name in by_name  # the others are written out in TYPES (status), so nothing refers to them
        }
    return schema


@lru_cache(maxsize=1)
def _sop() -> dict[str, Any]:
    return _document(Sop)


@lru_cache(maxsize=1)
def _organisasi() -> dict[str, Any]:
    return _document(Organisasi)


SCHEMA_FILES = {"sop": "sop.schema.json", "organisasi": "organisasi.schema.json"}
"""Names `sopgen schema` writes beside the definitions; the templates' `$schema` lines point at them."""


def sop_schema() -> dict[str, Any]:
    """The JSON Schema of an SOP definition (`sop.schema.json`)."""
    return copy.deepcopy(_sop())


def organisasi_schema() -> dict[str, Any]:
    """The JSON Schema of a folder's organisation profile (`organisasi.schema.json`)."""
    return copy.deepcopy(_organisasi())
