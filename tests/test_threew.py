"""The 3W export: header row, HXL hashtag row, then one row per agency, type and kelurahan, cell by cell."""

import csv
import io
from datetime import date

import openpyxl

from bebenah import db, privacy, threew

WHOLE = {"dari": date(2023, 9, 13), "sampai": date(2025, 12, 31)}
HEADERS_ID = [
    "Lembaga", "Kode lembaga", "Jenis lembaga", "Ranah", "Jenis intervensi", "Kode intervensi", "Provinsi",
    "Kode provinsi", "Kota", "Kode kota", "Kecamatan", "Kode kecamatan", "Kelurahan", "Kode kelurahan", "Kegiatan",
    "Keluarga terjangkau", "Tanggal mulai", "Tanggal akhir",
]
HASHTAGS = [
    "#org+name", "#org+code", "#org+type", "#sector", "#activity+name", "#activity+code", "#adm1+name", "#adm1+code",
    "#adm2+name", "#adm2+code", "#adm3+name", "#adm3+code", "#adm4+name", "#adm4+code", "#output+deliveries+num",
    "#reached+hh", "#date+start", "#date+end",
]
PLACE = ["Daerah Khusus Jakarta", "31", "Kota Administrasi Jakarta Selatan", "31.74"]
ROWS_ID = [
    ["Novalux Paint", "NOVALUX", "Swasta", "Kebersihan dan hunian", "Pengecatan dan pembenahan rumah",
     "pengecatan_pembenahan_rumah", *PLACE, "Jagakarsa", "31.74.09", "Tanjung Barat", "31.74.09.1005", "1", "1",
     "2023-09-26", "2023-09-26"],
    ["Suku Dinas Kesehatan Kota Jakarta Selatan", "SUDIN_KES", "Suku Dinas", "Kesehatan dan gizi", "Sosialisasi PHBS",
     "sosialisasi_phbs", *PLACE, "Jagakarsa", "31.74.09", "Tanjung Barat", "31.74.09.1005", "1", "1",
     "2023-09-25", "2023-09-25"],
    ["Tim Penggerak PKK Kota Jakarta Selatan", "TP_PKK_JAKSEL", "Organisasi masyarakat", "Kebersihan dan hunian",
     "Pengecatan dan pembenahan rumah", "pengecatan_pembenahan_rumah", *PLACE, "Jagakarsa", "31.74.09",
     "Tanjung Barat", "31.74.09.1005", "1", "1", "2023-10-01", "2023-10-01"],
    # An RW-level activity reaches no household by itself: the cell stays empty, not 0.
    ["Suku Dinas Lingkungan Hidup Kota Jakarta Selatan", "SUDIN_LH", "Suku Dinas", "Kebersihan dan hunian",
     "Penataan lingkungan RW", "penataan_lingkungan_rw", *PLACE, "Mampang Prapatan", "31.74.03", "Pela Mampang",
     "31.74.03.1003", "1", "", "2024-04-01", "2024-04-01"],
]
ADMIN = {"username": "admin", "role": "admin", "area": None}
VIEWER = {"username": "pimpinan", "role": "viewer", "area": None}


def fixture_table(con, lang="id", user=ADMIN):
    rows, _ = privacy.protect(db.query(con, "threew", **WHOLE), counts=["rt_dijangkau"], groups=[], user=user)
    return threew.table(rows, lang)


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel on an Indonesian computer reads the letters right
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_has_headers_then_hashtags_then_the_rows_cell_by_cell(con):
    cells = read_csv(threew.csv_bytes(fixture_table(con)))
    assert cells[0] == HEADERS_ID
    assert cells[1] == HASHTAGS
    assert cells[2:] == ROWS_ID


def test_english_headers_and_names_keep_the_same_hashtags_and_codes(con):
    cells = read_csv(threew.csv_bytes(fixture_table(con, "en")))
    assert cells[0][:6] == ["Organisation", "Organisation code", "Organisation type", "Sector", "Activity",
                            "Activity code"]
    assert cells[1] == HASHTAGS
    assert cells[2][:6] == ["Novalux Paint", "NOVALUX", "Private company", "Cleanliness and housing",
                            "House painting and tidying", "pengecatan_pembenahan_rumah"]
    assert [row[13] for row in cells[2:]] == [row[13] for row in ROWS_ID]


def test_every_hashtag_is_valid_hxl():
    for tag in threew.HASHTAGS.values():
        name, *attributes = tag.split("+")
        assert name.startswith("#") and name[1:].isidentifier() and name == name.lower(), tag
        assert all(attribute.isidentifier() and attribute == attribute.lower() for attribute in attributes), tag


def test_xlsx_has_the_same_cells_with_numbers_and_dates_typed(con, tmp_path):
    path = tmp_path / "3w.xlsx"
    path.write_bytes(threew.xlsx_bytes(fixture_table(con)))
    sheet = openpyxl.load_workbook(path).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert sheet.title == "3W"
    assert values[0] == HEADERS_ID
    assert values[1] == HASHTAGS
    assert len(values) == 2 + len(ROWS_ID)
    for written, expected in zip(values[2:], ROWS_ID):
        assert [str(cell) for cell in written[:14]] == expected[:14]  # codes stay text: "31", not 31
        assert all(isinstance(cell, str) for cell in written[:14])
        assert written[14] == int(expected[14])
        assert written[15] == (int(expected[15]) if expected[15] else None)
        assert [cell.date() for cell in written[16:]] == [date.fromisoformat(text) for text in expected[16:]]


def test_viewers_get_small_household_counts_blanked_in_the_export(con):
    cells = read_csv(threew.csv_bytes(fixture_table(con, user=VIEWER)))
    # Each row reached one household: fewer than 5, so the reach cells are empty; deliveries stay.
    assert [row[15] for row in cells[2:]] == ["", "", "", ""]
    assert [row[14] for row in cells[2:]] == ["1", "1", "1", "1"]


def test_a_formula_looking_name_is_neutralised_in_both_files(con, tmp_path):
    con.execute("update lembaga set nama = '=HYPERLINK(\"x\")' where kode = 'NOVALUX'")
    table = fixture_table(con)
    assert read_csv(threew.csv_bytes(table))[2][0] == "'=HYPERLINK(\"x\")"
    path = tmp_path / "3w.xlsx"
    path.write_bytes(threew.xlsx_bytes(table))
    assert openpyxl.load_workbook(path).active["A3"].value == "'=HYPERLINK(\"x\")"
