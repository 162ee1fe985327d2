"""No NIK or No. KK is stored anywhere (UU 27/2022): the whole database, scanned after a demo build,
on the fixture, and after every test that uploads (tests/conftest.py scans each test's database)."""

import duckdb
import pytest

from bebenah import db, demo, ingest

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
