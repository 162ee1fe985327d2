"""The upload pipeline: every file shape, every rejection rule and its message in both languages,
preview, commit, idempotence, undo and redo, atomicity, and bad input.

Each test gets a fresh copy of the fixture database (tests/fixtures.py: households H1-H5 in
Tanjung Barat and Pela Mampang), through conftest's `con`.
"""

import io
import re
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import fixtures
from bebenah import db, ingest
from bebenah.i18n import catalogue
from bebenah.ingest import reading
from fixtures import H1, H4, PELA_MAMPANG, TANJUNG_BARAT

ROOT = Path(__file__).resolve().parents[1]
FILES = Path(__file__).parent / "files"
KAMUS = pd.read_csv(ROOT / "data" / "kamus" / "kamus_survei.csv", dtype=str, keep_default_na=False)
CHOICES = pd.read_csv(ROOT / "data" / "kamus" / "pilihan_survei.csv", dtype=str, keep_default_na=False)
GROUPS = pd.read_csv(ROOT / "data" / "kamus" / "grup_survei.csv", dtype=str, keep_default_na=False)
COLUMNS = list(KAMUS["kolom"])
NEW = "BKK-3174091005-101"  # a household the fixture does not have, in Tanjung Barat


# ---------------------------------------------------------------------------------------------
# Helpers: rows, files, checks
# ---------------------------------------------------------------------------------------------


def survey(household=NEW, round_no=1, day="2024-06-16", **answers) -> dict:
    """A valid survei row as text: the fixture's all-met household, with some answers changed."""
    row = fixtures.survey_row(household, round_no, day, **answers)
    return {name: "" if value is None else str(value) for name, value in row.items()}


def csv_file(rows, sep=",", columns=None) -> bytes:
    return pd.DataFrame(rows, columns=columns or COLUMNS).to_csv(index=False, sep=sep).encode()


def activity(**values) -> dict:
    row = {
        "id_kegiatan": "KGT-100", "tanggal": "2024-06-20", "jenis_intervensi": "sosialisasi_phbs",
        "kode_lembaga": "SUDIN_KES", "kode_kelurahan": TANJUNG_BARAT, "rw": "3", "id_rumah_tangga": H1,
        "jumlah": "1", "satuan": "sesi", "jumlah_peserta": "4", "catatan": "",
    }
    return {**row, **values}


def contribution(**values) -> dict:
    row = {
        "id_kontribusi": "KTB-100", "tanggal": "2024-06-20", "kode_lembaga": "NOVALUX",
        "jenis_kontribusi": "barang", "jenis_intervensi": "pengecatan_pembenahan_rumah",
        "kode_kelurahan": TANJUNG_BARAT, "jumlah": "10", "satuan": "liter", "nilai_idr": "2500000",
        "keterangan": "",
    }
    return {**row, **values}


def target(**values) -> dict:
    row = {"tahun": "2025", "kode_kelurahan": TANJUNG_BARAT, "jenis_intervensi": "", "jumlah_rt_sasaran": "12"}
    return {**row, **values}


def table_file(rows) -> bytes:
    return pd.DataFrame(rows).to_csv(index=False).encode()


def checked(con, data: bytes, name="survei.csv", kind=None, companions=()):
    return ingest.check(con, ingest.read(data, name, kind), companions=companions)


def reasons(check) -> set:
    return set(zip(check.problems["baris"], check.problems["kolom_kontrak"], check.problems["kode_alasan"]))


def counts(con) -> dict:
    tables = ("survei", "intervensi", "kontribusi", "sasaran", "uploads", "upload_status_changes", "audit_log")
    return {name: con.execute(f"select count(*) from {name}").fetchone()[0] for name in tables}


def current(con, household, round_no, column):
    return con.execute(
        f"select {column} from survei_terkini where id_rumah_tangga = ? and putaran_ke = ?", [household, round_no]
    ).fetchone()[0]


def template_rows() -> pd.DataFrame:
    return ingest.read((FILES / "survei_template.csv").read_bytes(), "survei_template.csv").rows.to_pandas()


def translated(key: str) -> bool:
    entry = catalogue().get(key, {})
    return bool(entry.get("id")) and bool(entry.get("en")) and entry["id"] != entry["en"]


# ---------------------------------------------------------------------------------------------
# File shapes
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("file_name, shape, found_id, found_en", [
    ("survei_template.csv", "template", "Templat dasbor (CSV), 6 baris", "Dashboard template (CSV), 6 rows"),
    ("survei_excel_id.csv", "excel_id", "CSV dari Excel berformat Indonesia, 6 baris",
     "CSV saved by Excel (Indonesian format), 6 rows"),
    ("survei_kobo_xml.csv", "kobo", "Ekspor KoboToolbox, 6 baris", "KoboToolbox export, 6 rows"),
    ("survei_kobo_labels_id.csv", "kobo", "label Bahasa Indonesia", "Bahasa Indonesia labels"),
    ("survei_odk_split.csv", "odk", "Ekspor ODK Central, 6 baris", "ODK Central export, 6 rows"),
])
def test_every_sample_shape_is_recognised_named_and_read_to_the_same_rows(file_name, shape, found_id, found_en):
    parsed = ingest.read((FILES / file_name).read_bytes(), file_name)
    assert (parsed.shape, parsed.kind, parsed.row_count) == (shape, "survei", 6)
    assert found_id in parsed.describe("id")
    assert found_en in parsed.describe("en")
    pd.testing.assert_frame_equal(parsed.rows.to_pandas()[["baris", *COLUMNS]], template_rows()[["baris", *COLUMNS]])


def test_every_sample_ingests_and_other_shapes_of_the_same_rows_are_unchanged(con):
    first = checked(con, (FILES / "survei_template.csv").read_bytes(), "survei_template.csv")
    # The samples' first household is the fixture's H4: its two rounds change.
    assert first.counts == {"new": 4, "changed": 2, "unchanged": 0, "rejected": 0, "skipped": 0}
    ingest.commit(first, "ani")
    for name in ("survei_excel_id.csv", "survei_kobo_xml.csv", "survei_kobo_labels_id.csv", "survei_odk_split.csv"):
        again = checked(con, (FILES / name).read_bytes(), name)
        assert again.counts["unchanged"] == 6, (name, again.counts, list(again.messages("en")))


def test_excel_indonesian_csv_with_bom_blank_rows_and_trailing_empty_columns(con):
    rows = [survey(luas_lantai_per_kapita_m2="7.5"), survey(round_no=2, day="2024-09-02", skor_pengasuhan="62.25")]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["tanggal_survei"] = ["16/06/2024", "2/9/2024"]
    frame["luas_lantai_per_kapita_m2"] = ["7,5", "12,25"]
    frame["skor_pengasuhan"] = ["60", "62,25"]
    lines = frame.to_csv(index=False, sep=";", lineterminator="\r\n").splitlines()
    blank = ";" * (len(COLUMNS) - 1)
    text = "\r\n".join([lines[0] + ";;", lines[1] + ";;", blank + ";;", "", lines[2] + ";;"]) + "\r\n"
    parsed = ingest.read(b"\xef\xbb\xbf" + text.encode("utf-8"), "survei.csv")
    assert parsed.shape == "excel_id"
    assert parsed.blank_rows == 2
    got = parsed.rows.to_pandas()
    assert list(got["baris"]) == [2, 5]  # row 3 held only separators, row 4 nothing: skipped, still counted
    assert list(got["tanggal_survei"]) == ["2024-06-16", "2024-09-02"]
    assert list(got["luas_lantai_per_kapita_m2"]) == ["7.5", "12.25"]
    assert list(got["skor_pengasuhan"]) == ["60", "62.25"]
    assert "2 baris kosong dilewati" in parsed.describe("id")
    check = ingest.check(con, parsed)
    assert check.counts["new"] == 2 and check.problems.empty
    ingest.commit(check, "ani")
    assert current(con, NEW, 2, "luas_lantai_per_kapita_m2") == 12.25


def test_excel_indonesian_amounts_with_thousands_separators(con):
    row = contribution(jenis_kontribusi="dana_idr", jumlah="1.500.000", satuan="IDR", nilai_idr="Rp 1.500.000,00")
    parsed = ingest.read(pd.DataFrame([row]).to_csv(index=False, sep=";").encode(), "kontribusi.csv")
    assert parsed.rows.column("jumlah").to_pylist() == ["1500000"]
    assert parsed.rows.column("nilai_idr").to_pylist() == ["1500000"]
    assert ingest.check(con, parsed).problems.empty


def test_excel_indonesian_csv_in_windows_1252(con):
    row = survey(catatan_fasilitator="Ibu Siti menitipkan kunci pada tetangga – café di ujung gang")
    data = pd.DataFrame([row], columns=COLUMNS).to_csv(index=False, sep=";").encode("cp1252")
    parsed = ingest.read(data, "survei.csv")
    assert parsed.encoding == "cp1252" and "Windows-1252" in parsed.describe("en")
    assert parsed.rows.column("catatan_fasilitator")[0].as_py() == row["catatan_fasilitator"]
    assert ingest.check(con, parsed).counts["new"] == 1


def test_blank_rows_above_the_header_are_counted_in_the_row_numbers():
    text = "\r\n;;\r\n" + pd.DataFrame([survey()], columns=COLUMNS).to_csv(index=False, sep=";")
    parsed = ingest.read(text.encode(), "survei.csv")
    assert parsed.rows.column("baris").to_pylist() == [4] and parsed.shape == "excel_id"


def test_row_numbers_count_a_blank_line_before_a_quoted_newline():
    rows = [survey(catatan_fasilitator="baris satu\nbaris dua"), survey(round_no=2, day="2024-09-02")]
    lines = pd.DataFrame(rows, columns=COLUMNS).to_csv(index=False)
    head, rest = lines.split("\n", 1)
    parsed = ingest.read(f"{head}\n\n{rest}".encode(), "survei.csv")
    assert list(parsed.rows.column("baris").to_pylist()) == [3, 4]
    assert parsed.rows.column("catatan_fasilitator")[0].as_py() == "baris satu\nbaris dua"


def workbook(sheets: dict) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def typed_cells(row: dict) -> list:
    """A row as Excel holds it: numbers as numbers, dates as dates."""
    cells = []
    for name in COLUMNS:
        value = row[name]
        if name == "tanggal_survei":
            value = date.fromisoformat(value)
        elif re.fullmatch(r"\d+", value):
            value = int(value)
        elif re.fullmatch(r"\d+\.\d+", value):
            value = float(value)
        cells.append(None if value == "" else value)
    return cells


def test_xlsx_reads_the_sheet_named_after_the_kind_with_dates_and_numbers_as_cells(con):
    rows = [COLUMNS, typed_cells(survey()), [], typed_cells(survey(round_no=2, day="2024-09-02"))]
    data = workbook({"Petunjuk": [["Isi lembar survei"]], "Survei": rows})
    parsed = ingest.read(data, "unggahan.xlsx")
    assert (parsed.shape, parsed.sheet_name, parsed.kind) == ("xlsx", "Survei", "survei")
    assert parsed.rows.column("baris").to_pylist() == [2, 4]
    assert parsed.rows.column("tanggal_survei").to_pylist() == ["2024-06-16", "2024-09-02"]
    assert parsed.rows.column("luas_lantai_per_kapita_m2").to_pylist() == ["9.5", "9.5"]
    assert "lembar «Survei»" in parsed.describe("id")
    check = ingest.check(con, parsed)
    assert check.counts["new"] == 2, list(check.messages("en"))


def test_xlsx_reads_the_same_with_openpyxl_and_with_calamine(monkeypatch):
    data = workbook({"survei": [[], COLUMNS, typed_cells(survey()), [], typed_cells(survey(round_no=2, day="2024-09-02"))]})
    read = {}
    for engine in ("openpyxl", "calamine"):
        monkeypatch.setattr(reading, "_excel_engine", lambda engine=engine: engine)
        read[engine] = ingest.read(data, "unggahan.xlsx").rows.to_pandas()
    assert read["openpyxl"]["baris"].tolist() == [3, 5]  # a blank row above the header, one between
    pd.testing.assert_frame_equal(read["openpyxl"], read["calamine"])


def test_xlsx_without_a_sheet_named_after_the_kind_reads_the_first():
    data = workbook({"Data": [COLUMNS, typed_cells(survey())], "Lain": [["x"]]})
    parsed = ingest.read(data, "unggahan.xlsx")
    assert (parsed.sheet_name, parsed.row_count) == ("Data", 1)


def test_kobo_xml_names_with_groups_hxl_row_and_01_columns():
    lines = (FILES / "survei_kobo_xml.csv").read_bytes().decode().split("\r\n")
    hxl = ";".join('"#indicator"' if "/" in h else '""' for h in lines[0].split(";"))
    parsed = ingest.read("\r\n".join([lines[0], hxl, *lines[1:]]).encode(), "kobo.csv")
    assert (parsed.shape, parsed.hxl, parsed.grouped, parsed.split_columns) == ("kobo", True, True, True)
    assert parsed.rows.column("baris").to_pylist() == [3, 4, 5, 6, 7, 8]  # the HXL row is row 2
    assert "_uuid" in parsed.meta and "meta/rootUuid" in parsed.meta and not parsed.unknown
    assert parsed.rows.column("bansos_diterima").to_pylist() == list(template_rows()["bansos_diterima"])


def kobo_labels(lang: str, hierarchy: bool, split: bool) -> bytes:
    """The template's rows as KoboToolbox exports them with labels in one language."""
    label = f"label_{lang}"
    group_label = dict(zip(GROUPS["grup"], GROUPS[label]))
    rows = template_rows()
    frame = pd.DataFrame()
    for entry in KAMUS.itertuples(index=False):
        name = getattr(entry, label)
        title = f"{group_label[entry.grup]}/{name}" if hierarchy else name
        values = rows[entry.kolom]
        options = CHOICES[CHOICES["daftar"] == entry.daftar_pilihan]
        names = dict(zip(options["nama"], options[label]))
        if entry.tipe == "choice":
            values = values.map(lambda v: names.get(v, v))
        if entry.tipe == "multi":
            values = values.map(lambda v: " ".join(names[x] for x in v.split()))
        frame[title] = values
        if entry.tipe == "multi" and split:
            for option, option_label in names.items():
                frame[f"{title}/{option_label}"] = rows[entry.kolom].map(lambda v: "1" if option in v.split() else "0")
    frame.insert(0, "start", "2024-06-16T09:00:00.000+07:00")
    frame["_uuid"] = "16d8e80e"
    return frame.to_csv(index=False, sep=";", quoting=1, lineterminator="\r\n").encode()


@pytest.mark.parametrize("lang, hierarchy, split", [
    ("en", False, True), ("en", True, False), ("id", True, False), ("id", False, False),
])
def test_kobo_question_labels_in_either_language_map_back_to_names(lang, hierarchy, split):
    parsed = ingest.read(kobo_labels(lang, hierarchy, split), "kobo.csv")
    assert (parsed.shape, parsed.naming, parsed.grouped) == ("kobo", f"label_{lang}", hierarchy)
    expected = {"id": "label Bahasa Indonesia", "en": "label bahasa Inggris"}[lang]
    assert expected in parsed.describe("id")
    pd.testing.assert_frame_equal(parsed.rows.to_pandas()[COLUMNS], template_rows()[COLUMNS])


def test_kobo_select_multiple_summary_of_labels_is_split_on_known_labels():
    data = kobo_labels("id", False, False).replace(b'"Tidak ada"', b'"Program Keluarga Harapan (PKH)  Lainnya"', 1)
    parsed = ingest.read(data, "kobo.csv")
    assert parsed.rows.column("bansos_diterima")[0].as_py() == "pkh lainnya"


def test_odk_submission_rejected_in_review_is_skipped_and_reported(con):
    lines = (FILES / "survei_odk_split.csv").read_bytes().decode().split("\r\n")
    lines[3] = lines[3].replace(",approved,", ",rejected,")
    parsed = ingest.read("\r\n".join(lines).encode(), "odk.csv")
    assert parsed.skipped.to_dict("records") == [{"baris": 4, "alasan": "odk_ditolak"}]
    assert parsed.row_count == 5 and 4 not in parsed.rows.column("baris").to_pylist()
    assert "1 kiriman yang ditolak di ODK tidak diimpor" in parsed.describe("id")
    assert ingest.check(con, parsed).counts["skipped"] == 1


def test_odk_export_without_split_select_multiple_columns():
    frame = pd.read_csv(FILES / "survei_odk_split.csv", dtype=str, keep_default_na=False)
    frame = frame[[c for c in frame.columns if "bansos_diterima/" not in c]]
    parsed = ingest.read(frame.to_csv(index=False).encode(), "odk.csv")
    assert parsed.shape == "odk" and not parsed.split_columns
    assert parsed.rows.column("bansos_diterima").to_pylist() == list(template_rows()["bansos_diterima"])


def test_column_order_and_header_case_and_spacing_do_not_matter():
    frame = pd.read_csv(FILES / "survei_template.csv", dtype=str, keep_default_na=False)
    frame = frame[list(reversed(frame.columns))]
    frame.columns = [f"  {c.upper().replace('_', ' ')} " for c in frame.columns]
    parsed = ingest.read(frame.to_csv(index=False).encode(), "survei.csv")
    pd.testing.assert_frame_equal(parsed.rows.to_pandas()[COLUMNS], template_rows()[COLUMNS])


def test_dates_with_utc_offsets_fall_on_jakartas_calendar():
    rows = [survey(), survey(round_no=2, day="2024-09-02")]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["tanggal_survei"] = ["2024-06-15T20:00:00.000Z", "2024-09-02T09:00:00.000+07:00"]
    parsed = ingest.read(frame.to_csv(index=False).encode(), "survei.csv")
    assert parsed.rows.column("tanggal_survei").to_pylist() == ["2024-06-16", "2024-09-02"]


def test_kelurahan_by_unique_name_or_code_without_dots_is_mapped_to_its_code(con):
    rows = [survey(), survey("BKK-3174091005-102")]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["kode_kelurahan"] = ["tanjung  barat", "3174091005"]
    check = checked(con, frame.to_csv(index=False).encode())
    assert check.problems.empty, list(check.messages("en"))
    ingest.commit(check, "ani")
    assert current(con, NEW, 1, "kode_kelurahan") == TANJUNG_BARAT


@pytest.mark.parametrize("rows, kind", [
    ([activity()], "intervensi"),
    ([contribution()], "kontribusi"),
    ([target()], "sasaran"),
])
def test_kind_is_recognised_from_the_columns(con, rows, kind):
    check = checked(con, table_file(rows), "data.csv")
    assert check.kind == kind
    assert check.counts["new"] == 1, list(check.messages("en"))


def test_kind_can_be_chosen_and_a_file_of_another_kind_is_refused():
    with pytest.raises(ingest.IngestError) as error:
        ingest.read(table_file([activity()]), "data.csv", kind="survei")
    assert error.value.code == "jenis_salah"
    assert "«intervensi»" in error.value.message("id") and "«survei»" in error.value.message("en")


def test_kind_override_at_check_reads_the_file_again(con):
    parsed = ingest.read(table_file([target()]), "data.csv")
    with pytest.raises(ingest.IngestError, match="sasaran"):
        ingest.check(con, parsed, kind="kontribusi")


# ---------------------------------------------------------------------------------------------
# Rejection rules
# ---------------------------------------------------------------------------------------------

FUTURE = "2099-01-01"
SURVEY_RULES = [
    # answers changed from a valid row, the column flagged, the reason code
    ({"persetujuan_tercatat": "tidak"}, "persetujuan_tercatat", "tanpa_persetujuan"),
    ({"jumlah_balita": "1", "persetujuan_wali_anak": "tidak_berlaku"}, "persetujuan_wali_anak", "tanpa_persetujuan_wali"),
    ({"ada_baduta": "ya", "persetujuan_wali_anak": "ya", "phbs_asi_eksklusif": "tidak_berlaku"},
     "phbs_asi_eksklusif", "phbs_ada_anak"),
    ({"kode_kelurahan": PELA_MAMPANG}, "id_rumah_tangga", "kelurahan_tidak_cocok"),
    ({"jenis_putaran": "monitoring"}, "jenis_putaran", "putaran_1_bukan_baseline"),
    ({"putaran_ke": "2"}, "jenis_putaran", "baseline_bukan_putaran_1"),
    ({"catatan_fasilitator": "NIK ibu 3174094501870002"}, "catatan_fasilitator", "mirip_nik"),
    ({"rt": "3174 0945 0187 0002"}, "rt", "mirip_nik"),
    ({"desil_kesejahteraan": "3,17409E+15"}, "desil_kesejahteraan", "mirip_nik"),
    ({"rw": "tiga"}, "rw", "bukan_bilangan_bulat"),
    ({"rw": "3.5"}, "rw", "bukan_bilangan_bulat"),
    ({"rw": "100"}, "rw", "di_luar_rentang"),
    ({"ikut_sesi_parenting": "-1"}, "ikut_sesi_parenting", "di_luar_rentang"),
    ({"luas_lantai_per_kapita_m2": "9,5 m2"}, "luas_lantai_per_kapita_m2", "bukan_angka"),
    ({"tanggal_survei": "31/02/2024"}, "tanggal_survei", "bukan_tanggal"),
    ({"tanggal_survei": "2023-09-12"}, "tanggal_survei", "sebelum_program"),
    ({"tanggal_survei": FUTURE}, "tanggal_survei", "tanggal_masa_depan"),
    ({"jamban": "emas"}, "jamban", "pilihan_tidak_dikenal"),
    ({"bansos_diterima": "pkh blt"}, "bansos_diterima", "pilihan_tidak_dikenal"),
    ({"bansos_diterima": "tidak_ada pkh"}, "bansos_diterima", "tidak_ada_bersama"),
    ({"id_fasilitator": "FAS-1"}, "id_fasilitator", "format_salah"),
    ({"id_rumah_tangga": "BKK-31740910-01"}, "id_rumah_tangga", "format_salah"),
    ({"catatan_fasilitator": "x" * 501}, "catatan_fasilitator", "terlalu_panjang"),
    ({"kode_kelurahan": "Atlantis"}, "kode_kelurahan", "kelurahan_tidak_dikenal"),
    ({"ada_ibu_hamil": ""}, "ada_ibu_hamil", "wajib_kosong"),
]


@pytest.mark.parametrize("answers, column, reason", SURVEY_RULES, ids=[r[2] + ":" + r[1] for r in SURVEY_RULES])
def test_survei_rule_rejects_the_row_and_says_why_in_both_languages(con, answers, column, reason):
    row = survey()
    row.update(answers)
    check = checked(con, csv_file([survey("BKK-3174091005-102"), row]))
    assert (3, column, reason) in reasons(check), list(check.messages("en"))
    assert set(check.problems["baris"]) == {3}  # the valid row is not touched
    assert check.counts == {"new": 1, "changed": 0, "unchanged": 0, "rejected": 1, "skipped": 0}
    assert translated(f"upload.reason.{reason}")
    for lang in ("id", "en"):
        message = check.messages(lang)[check.problems["kode_alasan"] == reason].iloc[0]
        assert message.startswith(("Baris 3, kolom «", "Row 3, column «")) and "{" not in message


def test_a_message_names_row_column_and_value_as_the_file_has_them(con):
    row = survey(persetujuan_tercatat="tidak")
    check = checked(con, csv_file([survey("BKK-3174091005-102"), survey("BKK-3174091005-103"), row]))
    assert check.messages("id")[0].startswith("Baris 4, kolom «persetujuan_tercatat»: nilai «tidak» — keluarga")
    assert check.messages("en")[0].startswith("Row 4, column «persetujuan_tercatat»: value «tidak» — the household")
    labelled = kobo_labels("id", True, False).replace(b'"Ya";"Ya";"8"', b'"Tidak";"Ya";"8"', 1)
    check = checked(con, labelled, "kobo.csv")
    assert check.messages("id")[0].startswith(
        "Baris 2, kolom «Identitas/Persetujuan keluarga tercatat»: nilai «tidak» — keluarga tidak memberi persetujuan"
    )


def test_an_empty_required_value_says_the_column_is_empty(con):
    check = checked(con, csv_file([survey(ada_ibu_hamil="")]))
    assert check.messages("en")[0].startswith("Row 2, column «ada_ibu_hamil» is empty — this column is required")


def test_a_value_beyond_the_header_is_a_problem(con):
    row = survey()
    data = (",".join(COLUMNS) + "\n" + ",".join(row[name] for name in COLUMNS) + ",sisa\n").encode()
    check = checked(con, data)
    assert reasons(check) == {(2, "lebih:77", "nilai_tanpa_judul")}
    assert check.problems["kolom"].iloc[0] == "BZ"


def test_a_nik_in_an_unknown_column_rejects_the_row(con):
    row = {**survey(), "nomor_kk": "3174090101100003"}
    check = checked(con, csv_file([row], columns=[*COLUMNS, "nomor_kk"]))
    assert check.parsed.unknown == ["nomor_kk"]
    assert check.problems[["kolom", "kode_alasan"]].values.tolist() == [["nomor_kk", "mirip_nik"]]


def test_a_kelurahan_name_shared_by_two_kelurahan_asks_for_the_code(con):
    con.execute(
        "insert into wilayah values ('31.75', 'Jakarta Timur', '31.75.99', 'Contoh', '31.75.99.1001', 'Tanjung Barat')"
    )
    check = checked(con, csv_file([survey(kode_kelurahan="Tanjung Barat")]))
    assert reasons(check) == {(2, "kode_kelurahan", "kelurahan_ambigu")}
    assert "31.74.09.1005, 31.75.99.1001" in check.messages("en")[0]


def test_the_same_key_twice_in_a_file_rejects_both_rows(con):
    check = checked(con, csv_file([survey(), survey("BKK-3174091005-102"), survey(day="2024-06-17")]))
    assert {(b, r) for b, _, r in reasons(check)} == {(2, "kunci_ganda"), (4, "kunci_ganda")}
    assert "(2, 4)" in check.messages("en")[0]


def test_rounds_and_dates_must_increase_together_within_the_file(con):
    check = checked(con, csv_file([survey(), survey(round_no=2, day="2024-06-01")]))
    assert reasons(check) == {(2, "tanggal_survei", "urutan_putaran"), (3, "tanggal_survei", "urutan_putaran")}


def test_rounds_and_dates_must_increase_together_with_the_stored_rounds(con):
    # H1 has round 1 on 2023-09-20 and round 2 on 2023-10-20.
    check = checked(con, csv_file([survey(H1, 3, "2023-10-01")]))
    assert reasons(check) == {(2, "tanggal_survei", "urutan_putaran")}
    assert "2 (2023-10-20)" in check.messages("en")[0]
    # Replacing round 2 itself with a date after round 1 is fine.
    assert checked(con, csv_file([survey(H1, 2, "2023-09-30")])).problems.empty


INTERVENSI_RULES = [
    ({"id_rumah_tangga": "BKK-3174091005-999"}, "id_rumah_tangga", "rumah_tangga_tidak_dikenal"),
    ({"id_rumah_tangga": H4}, "id_rumah_tangga", "rumah_tangga_beda_kelurahan"),
    ({"kode_lembaga": "PT_TIDAK_ADA"}, "kode_lembaga", "lembaga_tidak_dikenal"),
    ({"jenis_intervensi": "sulap"}, "jenis_intervensi", "jenis_intervensi_tidak_dikenal"),
    ({"satuan": "ton"}, "satuan", "pilihan_tidak_dikenal"),
    ({"jumlah": "-1"}, "jumlah", "di_luar_rentang"),
    ({"catatan": "y" * 501}, "catatan", "terlalu_panjang"),
]


@pytest.mark.parametrize("values, column, reason", INTERVENSI_RULES, ids=[r[2] for r in INTERVENSI_RULES])
def test_intervensi_rule_rejects_the_row(con, values, column, reason):
    check = checked(con, table_file([activity(id_kegiatan="KGT-101"), activity(**values)]), "intervensi.csv")
    assert reasons(check) == {(3, column, reason)}
    assert translated(f"upload.reason.{reason}")


def test_intervensi_codes_in_another_case_are_the_catalogues_codes(con):
    check = checked(con, table_file([activity(kode_lembaga="sudin_kes", jenis_intervensi="Sosialisasi_PHBS")]))
    assert check.problems.empty
    assert check.accepted.column("kode_lembaga").to_pylist() == ["SUDIN_KES"]


def test_intervensi_for_a_household_in_the_same_upload(con):
    survei = checked(con, csv_file([survey()]))
    alone = checked(con, table_file([activity(id_rumah_tangga=NEW)]))
    assert reasons(alone) == {(2, "id_rumah_tangga", "rumah_tangga_tidak_dikenal")}
    together = checked(con, table_file([activity(id_rumah_tangga=NEW)]), companions=[survei])
    assert together.problems.empty
    survei_id, intervensi_id = ingest.commit([survei, together], "ani")
    assert con.execute("select id_rumah_tangga from intervensi where upload_id = ?", [intervensi_id]).fetchone() == (NEW,)


@pytest.mark.parametrize("rows, found", [
    ([contribution(id_kontribusi="KTB-9"), contribution(id_kontribusi="KTB-9")],
     {(2, "id_kontribusi", "kunci_ganda"), (3, "id_kontribusi", "kunci_ganda")}),
    ([contribution(jenis_kontribusi="dana_idr", jumlah="1000000", satuan="IDR", nilai_idr="900000")],
     {(2, "nilai_idr", "nilai_idr_beda")}),
    ([contribution(jenis_kontribusi="dana_idr", jumlah="1000000", satuan="paket", nilai_idr="")],
     {(2, "satuan", "satuan_bukan_rupiah")}),
    ([contribution(kode_kelurahan="", jenis_intervensi="", tanggal="13/09/2023")], set()),
])
def test_kontribusi_rules(con, rows, found):
    assert reasons(checked(con, table_file(rows), "kontribusi.csv")) == found


@pytest.mark.parametrize("rows, found", [
    ([target(), target()], {(2, "kode_kelurahan", "kunci_ganda"), (3, "kode_kelurahan", "kunci_ganda")}),
    ([target(), target(jenis_intervensi="sosialisasi_phbs")], set()),
    ([target(tahun="2022")], {(2, "tahun", "di_luar_rentang")}),
    ([target(jumlah_rt_sasaran="")], {(2, "jumlah_rt_sasaran", "wajib_kosong")}),
])
def test_sasaran_rules(con, rows, found):
    assert reasons(checked(con, table_file(rows), "sasaran.csv")) == found


def emitted_reason_codes() -> set[str]:
    codes = set()
    for path in (ROOT / "queries").glob("validate_*.sql"):
        text = re.sub(r"--[^\n]*", "", path.read_text())
        codes |= set(re.findall(r"then '([a-z0-9_]+)'", text))
        codes |= set(re.findall(r"'([a-z0-9_]+)' as kode_alasan", text))
    return codes


def test_every_reason_code_the_sql_can_emit_has_a_message_in_both_languages():
    codes = emitted_reason_codes()
    assert len(codes) >= 25
    missing = sorted(code for code in codes if not translated(f"upload.reason.{code}"))
    assert not missing, missing
    tested = {r[2] for r in SURVEY_RULES + INTERVENSI_RULES} | {
        "nilai_tanpa_judul", "kelurahan_ambigu", "kunci_ganda", "urutan_putaran", "nilai_idr_beda",
        "satuan_bukan_rupiah", "di_luar_wilayah", "karakter_kontrol",
    }
    assert codes <= tested, f"reason codes without a test: {sorted(codes - tested)}"


def test_an_uploader_may_write_rows_of_their_own_area_only(con):
    # An uploader for Jagakarsa (31.74.09): Tanjung Barat is in it, Pela Mampang is not.
    rows = [survey(), survey("BKK-3174031003-101")]
    check = ingest.check(con, ingest.read(csv_file(rows), "survei.csv"), area="31.74.09")
    assert reasons(check) == {(3, "kode_kelurahan", "di_luar_wilayah")}
    assert "(Kecamatan Jagakarsa)" in check.messages("en")[0]
    # A city-wide contribution (no kelurahan) is beyond a kecamatan's uploader too.
    check = ingest.check(con, ingest.read(table_file([contribution(kode_kelurahan="")]), "k.csv"), area="31.74.09")
    assert reasons(check) == {(2, "kode_kelurahan", "di_luar_wilayah")}
    assert ingest.check(con, ingest.read(table_file([contribution(kode_kelurahan="")]), "k.csv")).problems.empty


def test_an_uploader_may_undo_and_redo_only_their_own_uploads(con):
    upload_id = ingest.commit(checked(con, csv_file([survey()])), "umar")
    with pytest.raises(ingest.IngestError) as error:
        ingest.undo(upload_id, "ulfa", own_only=True)
    assert error.value.code == "bukan_unggahan_anda"
    ingest.undo(upload_id, "umar", own_only=True)
    ingest.redo(upload_id, "ani")  # an admin may redo anyone's


def test_every_error_code_has_a_message_in_both_languages():
    sources = "".join(p.read_text() for p in (ROOT / "bebenah").rglob("*.py"))
    codes = set(re.findall(r'IngestError\(\s*"([a-z_]+)"', sources))
    codes |= set(re.findall(r'"(sudah_ditarik)" if', sources))
    assert len(codes) >= 15
    assert not [code for code in codes if not translated(f"upload.error.{code}")]


# ---------------------------------------------------------------------------------------------
# Preview and commit
# ---------------------------------------------------------------------------------------------


def stored_as_text(con, household, round_no) -> dict:
    row = con.execute(
        "select * exclude (upload_id, baris) from survei where id_rumah_tangga = ? and putaran_ke = ?",
        [household, round_no],
    ).df().iloc[0]
    return {name: "" if pd.isna(value) else str(value) for name, value in row.items()}


def test_preview_counts_new_changed_unchanged_and_shows_changes_before_and_after(con):
    unchanged = stored_as_text(con, H1, 1)
    changed = {**stored_as_text(con, H1, 2), "skor_kebersihan_rumah": "5"}
    check = checked(con, csv_file([unchanged, changed, survey()]))
    assert check.counts == {"new": 1, "changed": 1, "unchanged": 1, "rejected": 0, "skipped": 0}
    assert check.status.to_dict("records") == [
        {"baris": 2, "status": "sama"}, {"baris": 3, "status": "berubah"}, {"baris": 4, "status": "baru"},
    ]
    assert check.changes[["baris", "kunci", "kolom", "sebelum", "sesudah"]].to_dict("records") == [
        {"baris": 3, "kunci": f"{H1} / 2", "kolom": "skor_kebersihan_rumah", "sebelum": "4", "sesudah": "5"},
    ]


def test_commit_writes_the_upload_its_rows_with_their_row_numbers_and_an_audit_entry(con):
    data = csv_file([survey(), survey(round_no=2, day="2024-09-02")])
    check = checked(con, data, "survei_juni.csv")
    upload_id = ingest.commit(check, "ani")
    upload = con.execute(
        "select kind, file_name, file_shape, content_hash, uploaded_by, rows_new, rows_changed, rows_unchanged, "
        "rows_rejected from uploads where upload_id = ?", [upload_id]
    ).fetchone()
    assert upload == ("survei", "survei_juni.csv", "template", check.parsed.content_hash, "ani", 2, 0, 0, 0)
    import hashlib

    assert check.parsed.content_hash == hashlib.sha256(data).hexdigest()
    assert con.execute("select baris from survei where upload_id = ? order by baris", [upload_id]).fetchall() == [(2,), (3,)]
    assert current(con, NEW, 2, "tanggal_survei") == date(2024, 9, 2)
    actor, action, target_id, detail = con.execute(
        "select actor, action, target, detail from audit_log order by audit_id desc limit 1"
    ).fetchone()
    assert (actor, action, target_id) == ("ani", "upload", str(upload_id))
    assert '"rows_new": 2' in detail and '"file_name": "survei_juni.csv"' in detail


def test_nothing_is_written_while_a_row_is_rejected(con):
    before = counts(con)
    check = checked(con, csv_file([survey(), survey("BKK-3174091005-102", persetujuan_tercatat="tidak")]))
    with pytest.raises(ingest.IngestError) as error:
        ingest.commit(check, "ani")
    assert error.value.code == "ada_baris_ditolak"
    assert "1 baris ditolak" in error.value.message("id")
    assert counts(con) == before


def test_valid_rows_only_imports_the_valid_rows_and_records_the_rejected(con):
    check = checked(con, csv_file([survey(), survey("BKK-3174091005-102", persetujuan_tercatat="tidak")]))
    upload_id = ingest.commit(check, "ani", valid_only=True)
    assert con.execute("select id_rumah_tangga from survei where upload_id = ?", [upload_id]).fetchall() == [(NEW,)]
    assert con.execute("select rows_new, rows_rejected from uploads where upload_id = ?", [upload_id]).fetchone() == (1, 1)


def test_a_file_without_a_valid_row_cannot_be_committed(con):
    check = checked(con, csv_file([survey(persetujuan_tercatat="tidak")]))
    with pytest.raises(ingest.IngestError, match="Not a single row"):
        ingest.commit(check, "ani", valid_only=True)


def test_the_same_file_again_is_recognised_and_writes_nothing(con):
    data = csv_file([survey()])
    first = ingest.commit(checked(con, data), "ani")
    before = counts(con)
    again = checked(con, data, "salinan.csv")
    assert again.identical_upload == first
    assert ingest.commit(again, "budi") == first
    assert counts(con) == before


def test_changed_rows_become_new_versions_and_nothing_is_overwritten(con):
    first = ingest.commit(checked(con, csv_file([survey(skor_kebersihan_rumah="2")])), "ani")
    second = ingest.commit(checked(con, csv_file([survey(skor_kebersihan_rumah="5")])), "ani")
    versions = con.execute(
        "select upload_id, skor_kebersihan_rumah from survei where id_rumah_tangga = ? order by upload_id", [NEW]
    ).fetchall()
    assert versions == [(first, 2), (second, 5)]
    assert current(con, NEW, 1, "skor_kebersihan_rumah") == 5


def test_undo_brings_back_the_previous_values_and_redo_reapplies(con):
    before = stored_as_text(con, H1, 2)
    upload_id = ingest.commit(checked(con, csv_file([{**before, "skor_kebersihan_rumah": "1"}])), "ani")
    assert current(con, H1, 2, "skor_kebersihan_rumah") == 1
    ingest.undo(upload_id, "budi")
    assert current(con, H1, 2, "skor_kebersihan_rumah") == 4
    ingest.redo(upload_id, "budi")
    assert current(con, H1, 2, "skor_kebersihan_rumah") == 1
    log = con.execute("select actor, action, target from audit_log where action in ('undo', 'redo') order by audit_id").fetchall()
    assert log == [("budi", "undo", str(upload_id)), ("budi", "redo", str(upload_id))]
    assert con.execute("select status from upload_status_changes where upload_id = ? order by change_id", [upload_id]).fetchall() == [
        ("withdrawn",), ("active",)
    ]


def test_undo_and_redo_refuse_nonsense_with_a_clear_message(con):
    upload_id = ingest.commit(checked(con, csv_file([survey()])), "ani")
    for call, bad, code in [
        (ingest.undo, 9999, "unggahan_tidak_ada"),
        (ingest.undo, "abc", "unggahan_tidak_ada"),
        (ingest.redo, upload_id, "sudah_aktif"),
    ]:
        with pytest.raises(ingest.IngestError) as error:
            call(bad, "ani")
        assert error.value.code == code and "{" not in error.value.message("en")
    ingest.undo(upload_id, "ani")
    with pytest.raises(ingest.IngestError) as error:
        ingest.undo(upload_id, "ani")
    assert error.value.code == "sudah_ditarik"
    assert error.value.message("id") == f"Unggahan nomor {upload_id} sudah dibatalkan sebelumnya; tidak ada yang berubah."


def test_an_undone_file_can_be_uploaded_again(con):
    data = csv_file([survey()])
    first = ingest.commit(checked(con, data), "ani")
    ingest.undo(first, "ani")
    again = checked(con, data)
    assert again.identical_upload is None and again.counts["new"] == 1
    assert ingest.commit(again, "ani") != first


def test_a_failure_mid_commit_leaves_the_database_exactly_as_before(con, monkeypatch):
    check = checked(con, csv_file([survey()]))
    before = counts(con), con.execute("select * from uploads order by upload_id").fetchall()
    real = db.execute

    def failing(cur, name, **params):
        if name == "insert_survei":  # after the uploads row is written
            raise RuntimeError("disk full")
        return real(cur, name, **params)

    monkeypatch.setattr(db, "execute", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        ingest.commit(check, "ani")
    after = counts(con), con.execute("select * from uploads order by upload_id").fetchall()
    assert after == before


def test_a_check_made_stale_by_another_upload_is_checked_again_at_commit(con):
    later_round = checked(con, csv_file([survey(round_no=2, day="2024-07-01", jenis_putaran="monitoring")]))
    assert later_round.problems.empty
    ingest.commit(checked(con, csv_file([survey(day="2024-08-01")])), "budi")  # round 1 after round 2's date
    with pytest.raises(ingest.IngestError) as error:
        ingest.commit(later_round, "ani")
    assert error.value.code == "ada_baris_ditolak"


def test_the_problem_list_downloads_as_csv_and_xlsx_with_formulas_neutralised(con):
    check = checked(con, csv_file([survey(id_fasilitator='=HYPERLINK("http://x")')]))
    text = ingest.problems_csv(check, "en").decode("utf-8-sig")
    assert text.splitlines()[0] == "Row,Column,Value,Reason code,Message"
    assert "'=HYPERLINK" in text
    sheet = openpyxl.load_workbook(io.BytesIO(ingest.problems_xlsx(check, "id"))).active
    assert sheet.title == "Masalah" and sheet["A1"].value == "Baris"
    assert sheet["C2"].value.startswith("'=HYPERLINK")


# ---------------------------------------------------------------------------------------------
# Bad input: a clear message in both languages, never a traceback, nothing written
# ---------------------------------------------------------------------------------------------

header_line = ",".join(COLUMNS).encode()
BAD_INPUT = [
    (b"", "x.csv", "kosong"),
    (b" \r\n \r\n", "x.csv", "kosong"),
    (b"\xef\xbb\xbf\xef\xbb\xbf", "x.csv", "kosong"),  # found by tests/test_ingest_properties.py
    (header_line + b"\r\n", "x.csv", "hanya_judul"),
    (header_line + b"\r\n" + b"," * 76 + b"\r\n", "x.csv", "hanya_judul"),
    (b"\x00\x01\x02\x03binary\xff\xfe" * 50, "x.csv", "bukan_teks"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "foto.csv", "bukan_teks"),
    ("id_kegiatan,tanggal\r\n\u00e9\r\n".encode("utf-8")[:-4] + b"\x81\x8d\x8f\r\n", "x.csv", "encoding"),
    (b"id_kegiatan,tanggal,id_kegiatan\r\n1,2,3\r\n", "x.csv", "judul_ganda"),
    (b"nama,alamat,umur\r\nSiti,Jl. Mawar,34\r\n", "x.csv", "jenis_tidak_dikenal"),
    (b"id_kegiatan,tanggal\r\nKGT-1,2024-01-02\r\n", "x.csv", "kolom_wajib_hilang"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "lama.xls", "format_tidak_didukung"),
    (b"PK\x03\x04" + b"rusak" * 20, "buku.xlsx", "xlsx_rusak"),
    (b"\xef\xbb\xbf" + header_line + b"\r\n\xe9\x81\r\n", "x.csv", "encoding_bom"),
    (header_line.decode().encode("utf-16") + b"\x00", "x.csv", "utf16_rusak"),
    (b"\xef\xbb\xbfNIK 3174091005070001", "NIK 317409 100507 0001.csv", "nama_berkas_nik"),
]


@pytest.mark.parametrize("data, name, code", BAD_INPUT, ids=[b[2] + str(i) for i, b in enumerate(BAD_INPUT)])
def test_bad_input_is_refused_with_a_message_in_both_languages(con, data, name, code):
    before = counts(con)
    with pytest.raises(ingest.IngestError) as error:
        ingest.check(con, ingest.read(data, name))
    assert error.value.code == code
    messages = {lang: error.value.message(lang) for lang in ("id", "en")}
    assert messages["id"] != messages["en"] and not any("{" in m or "upload.error" in m for m in messages.values())
    assert counts(con) == before


def test_duplicate_headers_after_mapping_are_refused():
    frame = pd.read_csv(FILES / "survei_template.csv", dtype=str, keep_default_na=False)
    frame["identitas/id_rumah_tangga"] = frame["id_rumah_tangga"]
    with pytest.raises(ingest.IngestError) as error:
        ingest.read(frame.to_csv(index=False).encode(), "x.csv")
    assert error.value.code == "judul_ganda" and "identitas/id_rumah_tangga" in error.value.message("en")


def test_a_required_column_missing_is_named(con):
    frame = pd.read_csv(FILES / "survei_template.csv", dtype=str, keep_default_na=False).drop(columns="jamban")
    with pytest.raises(ingest.IngestError) as error:
        ingest.read(frame.to_csv(index=False).encode(), "x.csv")
    assert error.value.code == "kolom_wajib_hilang" and "«jamban»" in error.value.message("id")


def test_unknown_columns_are_reported_and_ignored_and_meta_columns_dropped(con):
    frame = pd.read_csv(FILES / "survei_template.csv", dtype=str, keep_default_na=False)
    frame["Keterangan tambahan"] = "ok"
    frame["_submission_time"] = "2024-06-16T11:00:00"
    check = checked(con, frame.to_csv(index=False).encode())
    assert check.parsed.unknown == ["Keterangan tambahan"] and check.parsed.meta == ["_submission_time"]
    assert check.problems.empty
    upload_id = ingest.commit(check, "ani")
    assert con.execute("select count(*) from survei where upload_id = ?", [upload_id]).fetchone() == (6,)


def test_a_file_over_the_size_cap_is_refused(monkeypatch):
    monkeypatch.setenv("BEBENAH_MAX_UPLOAD_MB", "0.001")
    with pytest.raises(ingest.IngestError) as error:
        ingest.read((FILES / "survei_template.csv").read_bytes(), "x.csv")
    assert error.value.code == "terlalu_besar"
    assert "0.001 MB" in error.value.message("en")
    monkeypatch.delenv("BEBENAH_MAX_UPLOAD_MB")
    assert ingest.max_upload_bytes() == 50 * 1024 * 1024


# ---------------------------------------------------------------------------------------------
# Files that used to end in a traceback: each is read, or refused with a message naming the row
# ---------------------------------------------------------------------------------------------

TEMPLATE_TEXT = (FILES / "survei_template.csv").read_bytes().decode("utf-8-sig").replace("\r\n", "\n")


def refused(con, data: bytes, name="survei.csv") -> ingest.IngestError:
    """The error a file is refused with, after checking that both languages say it and nothing changed."""
    before = counts(con)
    with pytest.raises(ingest.IngestError) as error:
        ingest.check(con, ingest.read(data, name))
    messages = {lang: error.value.message(lang) for lang in ("id", "en")}
    assert messages["id"] != messages["en"] and not any("{" in m or "upload.error" in m for m in messages.values())
    assert counts(con) == before
    return error.value


def test_excel_for_mac_csv_with_cr_line_endings_reads_like_the_template(con):
    parsed = ingest.read(TEMPLATE_TEXT.replace("\n", "\r").encode(), "mac.csv")
    pd.testing.assert_frame_equal(parsed.rows.to_pandas()[["baris", *COLUMNS]], template_rows()[["baris", *COLUMNS]])
    # ...and with a blank row in it, the row numbers still count it.
    lines = TEMPLATE_TEXT.split("\n")
    parsed = ingest.read("\r".join([lines[0], lines[1], "", *lines[2:]]).encode(), "mac.csv")
    assert parsed.rows.column("baris").to_pylist() == [2, 4, 5, 6, 7, 8]


def test_a_utf8_bom_before_a_windows_1252_body_is_refused_naming_the_row(con):
    lines = TEMPLATE_TEXT.split("\n")
    lines[2] += " café"  # in the last column, catatan_fasilitator
    data = b"\xef\xbb\xbf" + "\n".join(lines).encode("cp1252")
    error = refused(con, data)
    assert error.code == "encoding_bom"
    assert "baris 3" in error.message("id") and "row 3" in error.message("en")


def test_bad_bytes_after_a_utf8_bom_are_refused_naming_the_row(con):
    error = refused(con, b"\xef\xbb\xbf" + TEMPLATE_TEXT.encode() + b"\x81\x8d\x8f\n")
    assert error.code == "encoding_bom" and "row 8" in error.message("en")


def test_bad_bytes_without_a_bom_name_the_row(con):
    error = refused(con, TEMPLATE_TEXT.encode() + "é".encode("cp1252") + b"\x81\n")
    assert error.code == "encoding" and "baris 8" in error.message("id")


def test_a_utf16_file_with_an_odd_byte_count_is_refused_as_cut_short(con):
    error = refused(con, TEMPLATE_TEXT.encode("utf-16") + b"\x00")
    assert error.code == "utf16_rusak" and "row 8" in error.message("en") and "terpotong" in error.message("id")


def test_a_file_over_the_cap_says_its_size_as_people_write_it(monkeypatch):
    big = b"x" * (200 * 1024 * 1024)
    with pytest.raises(ingest.IngestError) as error:
        ingest.read(big, "besar.csv")
    assert "200 MB" in error.value.message("id") and "200 MB" in error.value.message("en")
    assert "e+" not in error.value.message("en") and "50 MB" in error.value.message("en")
    monkeypatch.setenv("BEBENAH_MAX_UPLOAD_MB", "10")
    with pytest.raises(ingest.IngestError) as error:
        ingest.read(b"x" * int(49.9 * 1024 * 1024), "besar.csv")
    assert "49,9 MB" in error.value.message("id") and "49.9 MB" in error.value.message("en")


def one_row(**answers) -> str:
    """The template's header and one valid row with some answers changed, as text."""
    return pd.DataFrame([survey(**answers)], columns=COLUMNS).to_csv(index=False)


def test_a_control_character_in_free_text_is_refused_with_a_message_and_not_stored(con):
    check = checked(con, one_row(catatan_fasilitator="kunci\x01 di tetangga").encode())
    assert reasons(check) == {(2, "catatan_fasilitator", "karakter_kontrol")}
    assert "U+0001" in check.messages("id")[0] and "U+0001" in check.messages("en")[0]
    assert "kunci␁ di tetangga" in check.messages("en")[0]  # shown, not sent as a raw control character
    with pytest.raises(ingest.IngestError):
        ingest.commit(check, "ani")
    # Tab, line feed and carriage return are text.
    check = checked(con, one_row(catatan_fasilitator="baris satu\r\nbaris\tdua").encode())
    assert check.problems.empty and check.counts["new"] == 1


def test_the_problem_list_downloads_when_a_rejected_cell_holds_control_characters(con):
    check = checked(con, one_row(id_fasilitator="FAS\x0b1", catatan_fasilitator="a\x1fb\x7fc").encode())
    assert {r[2] for r in reasons(check)} == {"karakter_kontrol"}
    sheet = openpyxl.load_workbook(io.BytesIO(ingest.problems_xlsx(check, "en"))).active
    values = [sheet.cell(row, 3).value for row in range(2, sheet.max_row + 1)]
    assert sorted(values) == ["FAS␋1", "a␟b␡c"]
    assert "FAS␋1" in ingest.problems_csv(check, "id").decode("utf-8-sig")


@pytest.mark.parametrize("blank_line", [False, True], ids=["pyarrow", "csv module"])
def test_a_cell_over_128_kb_is_a_rows_problem_not_a_traceback(con, blank_line):
    head, row = one_row(catatan_fasilitator="x" * 140_000).rstrip("\n").split("\n")
    check = checked(con, "\n".join([head, *([""] if blank_line else []), row]).encode())
    assert reasons(check) == {(3 if blank_line else 2, "catatan_fasilitator", "terlalu_panjang")}
    shown = check.problems["nilai"].iloc[0]
    assert len(shown) == 201 and shown.endswith("…")
    assert ingest.problems_xlsx(check, "id")


def test_a_file_that_is_one_unclosed_quote_of_49_9_mb_gets_a_message(con):
    data = (",".join(COLUMNS) + "\n\n" + '"' + "x" * int(49.9 * 1024 * 1024)).encode()
    before = counts(con)
    try:
        check = checked(con, data)
    except ingest.IngestError as error:
        assert error.message("id") and error.message("en") and "{" not in error.message("en")
    else:
        assert check.counts["rejected"] == 1 and set(check.problems["baris"]) == {3}
        assert all(check.messages("en").str.startswith("Row 3, column"))
        with pytest.raises(ingest.IngestError):
            ingest.commit(check, "ani")
    assert counts(con) == before


# ---------------------------------------------------------------------------------------------
# Content, not bytes, decides idempotency
# ---------------------------------------------------------------------------------------------


def test_the_same_rows_in_another_files_shape_write_nothing_and_say_so(con):
    ingest.commit(checked(con, (FILES / "survei_template.csv").read_bytes(), "survei_template.csv"), "ani")
    before = counts(con)
    for name in ("survei_kobo_xml.csv", "survei_kobo_labels_id.csv", "survei_odk_split.csv", "survei_excel_id.csv"):
        again = checked(con, (FILES / name).read_bytes(), name)
        assert again.identical_upload is None and again.counts["unchanged"] == 6
        assert not again.changes_anything
        with pytest.raises(ingest.IngestError) as error:
            ingest.commit(again, "budi")
        assert error.value.code == "tidak_ada_perubahan"
        assert "6 baris sama persis" in error.value.message("id") and "All 6 rows" in error.value.message("en")
        assert counts(con) == before


def test_unchanged_rows_with_rejected_ones_write_nothing_even_for_valid_rows_only(con):
    ingest.commit(checked(con, csv_file([survey()])), "ani")
    before = counts(con)
    again = checked(con, csv_file([survey(), survey("BKK-3174091005-102", persetujuan_tercatat="tidak")]))
    assert again.counts["unchanged"] == 1 and again.counts["rejected"] == 1
    with pytest.raises(ingest.IngestError) as error:
        ingest.commit(again, "ani", valid_only=True)
    assert error.value.code == "tidak_ada_perubahan"
    assert counts(con) == before


def test_a_list_of_checks_writes_the_file_that_changes_and_skips_the_one_that_does_not(con):
    ingest.commit(checked(con, csv_file([survey()])), "ani")
    same = checked(con, csv_file([survey()], sep=";"), "lagi.csv")  # other bytes, the same row
    deliveries = checked(con, table_file([activity(id_rumah_tangga=NEW)]), "intervensi.csv", companions=[same])
    before = counts(con)
    ids = ingest.commit([same, deliveries], "ani")
    assert ids[0] is None and isinstance(ids[1], int)
    after = counts(con)
    assert (after["uploads"], after["survei"], after["intervensi"]) == (
        before["uploads"] + 1, before["survei"], before["intervensi"] + 1)
