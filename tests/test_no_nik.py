"""No NIK or No. KK is stored anywhere (UU 27/2022): the whole database, scanned after a demo build,
on the fixture, and after every test that uploads (tests/conftest.py scans each test's database)."""

import duckdb
import pandas as pd
import pyarrow as pa
import pytest

import fixtures
from bebenah import db, demo, ingest, nik

import nik_scan

NIK = "3174091234567890"


def test_the_scan_finds_a_nik_in_any_text_column_of_any_table(tmp_path):
    with duckdb.connect(str(tmp_path / "t.duckdb")) as con:
        con.execute("create table a (catatan varchar, kode varchar)")
        con.execute("create table b (detail varchar, angka bigint, skor double, daftar varchar[])")
        con.execute("insert into a values ('KK ' || ?, 'x'), ('aman', '3174 0912 3456 7890')", [NIK])
        con.execute("insert into b values ('3.17409E+15', ?, 3.17409123456789e15, ['x', ?])", [int(NIK), NIK])
        found = nik_scan.scan(con)
    assert sorted(found) == sorted([
        ("main.a", "catatan", "KK " + NIK),
        ("main.a", "kode", "3174 0912 3456 7890"),
        ("main.b", "detail", "3.17409E+15"),
        ("main.b", "angka", NIK),
        ("main.b", "skor", "3174091234567890.0"),
        ("main.b", "daftar", f"[x, {NIK}]"),
    ])


def test_the_scan_lets_codes_phone_numbers_and_digests_through(tmp_path):
    with duckdb.connect(str(tmp_path / "t.duckdb")) as con:
        con.execute("create table a (v varchar, n bigint)")
        con.execute("insert into a values ('BKK-3174091005-001', 3174091005), ('31.74.09.1005', 81234567890), "
                    "('081234567890123', 999999999999999), "
                    "('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 0), "
                    "('0123456789012345678901234567890123456789012345678901234567890123', 1)")
        assert nik_scan.scan(con) == []


def test_the_fixture_database_holds_no_nik(con):
    assert nik_scan.scan(con) == []


def test_a_demo_build_holds_no_nik(tmp_path):
    path = tmp_path / "demo.duckdb"
    demo.build(path, households=300)
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("select count(distinct id_rumah_tangga) from survei").fetchone()[0] == 300
        assert nik_scan.scan(con) == []


SURVEY_WITH_NIK = (
    "id_rumah_tangga,kode_kelurahan,catatan_fasilitator\n"
    f"BKK-3174091005-009,31.74.09.1005,NIK kepala keluarga {NIK}\n"
)


@pytest.mark.parametrize("valid_only", [False, True])
def test_an_upload_carrying_a_nik_stores_nothing_of_it_even_when_its_other_rows_are_saved(fixture_db, con,
                                                                                             valid_only):
    template = (db.ROOT / "tests" / "files" / "survei_template.csv").read_text(encoding="utf-8-sig")
    header, first, *_ = template.splitlines()
    columns = header.split(",")
    row = dict(zip(columns, first.split(",")))
    row.update(catatan_fasilitator=f"NIK kepala keluarga {NIK}", id_fasilitator=NIK)
    data = "\n".join([header, ",".join(row[column] for column in columns), *template.splitlines()[2:]]) + "\n"
    if valid_only:
        checked, _ = ingest.ingest(data.encode(), "nik.csv", "umar", valid_only=True)
        problems = checked.problem_table("id")
        assert (checked.problems.kode_alasan == "mirip_nik").sum() == 2, "both cells are reported"
        # ...without showing the number back, on screen or in the problem files.
        assert NIK not in problems.to_csv() and "3174" not in problems.to_csv()
        assert NIK.encode() not in ingest.problems_csv(checked) + ingest.problems_xlsx(checked)
        assert con.execute("select count(*) from survei where upload_id > 4").fetchone()[0] >= 1
    else:
        with pytest.raises(ingest.IngestError):
            ingest.ingest(data.encode(), "nik.csv", "umar")
    assert nik_scan.scan(con) == []


# Every spelling a NIK arrives in. Each must be refused in a free-text cell, refused in a file name,
# and found by the whole-database scan: the three use one normal form (bebenah.nik).
SPELLINGS = {
    "plain": "3174091005070001",
    "6-6-4 spaces": "317409 100507 0001",
    "6-6-4 hyphens": "317409-100507-0001",
    "4-4-4-4": "3174 0910 0507 0001",
    "digit pairs": "31 74 09 10 05 07 00 01",
    "zero-width space": "31740910\u200b05070001",
    "word joiner and soft hyphen": "3174\u20600910\u00ad05070001",
    "full-width digits": "３１７４０９１００５０７０００１",
    "no-break spaces": "3174\u00a00910\u202f0507\u30000001",
    "en dashes": "3174–0910–0507–0001",
}
# Excel writes a 16-digit number as 3,17409E+15 in a cell of its own, never inside a text.
WHOLE_CELL = {**SPELLINGS, "Excel": "3,17409E+15", "Excel, English": "3.17409E+15"}
NOT_NIK = {
    "household code": "BKK-3174091005-001",
    "kelurahan code": "31.74.09.1005",
    "phone": "0812-3456-7890",
    "15 digits": "081234567890123",
    "a date and a phone": "2024-06-16, 0812 3456 7890",
    "two codes": "31.74.09.1005 / 31.74.03.1003",
}


@pytest.mark.parametrize("spelling", WHOLE_CELL.values(), ids=WHOLE_CELL.keys())
def test_a_nik_in_any_spelling_in_free_text_is_refused_and_not_stored(fixture_db, con, spelling):
    notes = {"catatan_fasilitator": f"NIK ibu {spelling} ya" if spelling in SPELLINGS.values() else spelling}
    rows = [fixtures.survey_row("BKK-3174091005-109", 1, "2024-06-16", **notes),
            fixtures.survey_row("BKK-3174091005-110", 1, "2024-06-16", id_fasilitator=spelling)]
    data = pd.DataFrame(rows)[list(fixtures.survey_row("x" * 14, 1, "2024-06-16"))].to_csv(index=False)
    checked = ingest.check(con, ingest.read(data.encode(), "survei.csv"))
    assert set(zip(checked.problems.baris, checked.problems.kolom_kontrak, checked.problems.kode_alasan)) == {
        (2, "catatan_fasilitator", "mirip_nik"), (3, "id_fasilitator", "mirip_nik")}
    shown = checked.problem_table("en").to_csv() + checked.messages("id").str.cat()
    assert spelling not in shown and not any(char.isdigit() for char in checked.problems.nilai.str.cat())
    with pytest.raises(ingest.IngestError):
        ingest.commit(checked, "ani")
    assert nik_scan.scan(con) == []


@pytest.mark.parametrize("spelling", SPELLINGS.values(), ids=SPELLINGS.keys())
def test_a_file_name_holding_a_nik_is_refused_with_a_message_to_rename_it(fixture_db, con, spelling):
    before = con.execute("select count(*) from uploads").fetchone()
    template = (db.ROOT / "tests" / "files" / "survei_template.csv").read_bytes()
    with pytest.raises(ingest.IngestError) as error:
        ingest.ingest(template, f"NIK {spelling} survei.csv", "ani")
    assert error.value.code == "nama_berkas_nik"
    assert "ganti nama berkas" in error.value.message("id") and "rename the file" in error.value.message("en")
    assert spelling not in error.value.message("id")
    assert con.execute("select count(*) from uploads").fetchone() == before


@pytest.mark.parametrize("spelling", WHOLE_CELL.values(), ids=WHOLE_CELL.keys())
def test_the_scan_finds_every_spelling_the_upload_refuses(tmp_path, spelling):
    with duckdb.connect(str(tmp_path / "t.duckdb")) as con:
        con.execute("create table uploads (file_name varchar, detail varchar[], kode varchar)")
        con.execute("insert into uploads values (?, ['x'], 'BKK-3174091005-001'), ('aman.csv', ['a', ?], ?)",
                    [f"NIK {spelling}.csv", spelling, spelling])
        found = nik_scan.scan(con)
    expected = [("main.uploads", "kode", spelling)]
    if spelling in SPELLINGS.values():  # Excel's notation is a whole cell, not part of a text
        expected[:0] = [("main.uploads", "file_name", f"NIK {spelling}.csv"), ("main.uploads", "detail", f"[a, {spelling}]")]
    assert found == expected


@pytest.mark.parametrize("text", NOT_NIK.values(), ids=NOT_NIK.keys())
def test_codes_dates_and_phone_numbers_are_not_taken_for_a_nik(text):
    assert not nik.is_nik_like(text)
    assert nik.redacted(text) == text


def test_one_normaliser_decides_for_uploads_file_names_and_the_scan():
    # The scan and the upload check call the same function: spelling by spelling they agree.
    assert nik_scan.nik is nik
    assert all(nik.is_nik_like(spelling) for spelling in SPELLINGS.values())
    assert nik.normal_forms(pa.array(list(SPELLINGS.values())[:9])).to_pylist() == ["3174091005070001"] * 9


@pytest.mark.parametrize("spelling", ["3174091005070001", "317409 100507 0001", "３１７４０９１００５０７０００１"])
def test_a_nik_typed_as_a_username_is_neither_counted_nor_logged_as_typed(fixture_db, con, spelling):
    from bebenah import login

    assert not login.attempt(spelling, "salah-sekali-password").ok
    actors = con.execute("select actor, target from audit_log where action = 'login_failed'").fetchall()
    assert actors and all(set(actor) <= {"•", " "} for row in actors for actor in row)
    assert con.execute("select count(*) from login_failures").fetchone()[0] == 1
    assert nik_scan.scan(con) == []


def test_the_audit_log_masks_a_nik_in_any_text_it_is_given(fixture_db, con):
    from bebenah import audit

    audit.record("ani", "upload", "317409-100507-0001", file_name="NIK 3174 0910 0507 0001.csv", rows_new=3,
                 columns=["a", "31 74 09 10 05 07 00 01"])
    target, detail = con.execute("select target, detail from audit_log order by audit_id desc limit 1").fetchone()
    assert target == "••••••-••••••-••••" and '"rows_new": 3' in detail and "NIK •••• •••• •••• ••••.csv" in detail
    assert nik_scan.scan(con) == []


def test_an_account_cannot_be_named_with_a_nik():
    from bebenah import users

    with pytest.raises(users.AccountError, match="NIK"):
        users.check_new("3174091005070001", "viewer", None, True, None)
