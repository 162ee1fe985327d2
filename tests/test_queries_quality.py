"""The data-quality queries (queries/quality_*.sql) against the fixture, row by row.

Fixture (tests/fixtures.py): Tanjung Barat (Jagakarsa) H1, H2 rounds 1-2 and H3 round 1; Pela
Mampang (Mampang Prapatan) H4 rounds 1-2 and H5 round 2 only. Every row by FAS-01. Rows a test
needs beyond that go in through the upload, as a facilitator's file would.
"""

import math
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import fixtures
from bebenah import db, demo, ingest
from fixtures import H1, H2, H3, H4, H5, JAGAKARSA, PELA_MAMPANG, TANJUNG_BARAT

ROOT = Path(__file__).resolve().parents[1]
KAMUS = pd.read_csv(ROOT / "data" / "kamus" / "kamus_survei.csv", dtype=str, keep_default_na=False)
ALL = {"kota": None, "kecamatan": None, "kelurahan": None, "dari": date(2023, 9, 13), "sampai": date(2026, 11, 1)}
TB = {"kode_kelurahan": TANJUNG_BARAT, "kelurahan": "Tanjung Barat", "kecamatan": "Jagakarsa"}
PM = {"kode_kelurahan": PELA_MAMPANG, "kelurahan": "Pela Mampang", "kecamatan": "Mampang Prapatan"}


def run(con, name: str, **params) -> list[dict]:
    """The query's rows as plain Python values: dates as dates, missing as None, floats rounded."""
    frame = db.query(con, name, **{**ALL, **params})
    # A household list's totals (the same on every row) are checked on their own.
    frame = frame.drop(columns=["baris_total", "rumah_tangga_total"], errors="ignore")
    rows = []
    for record in frame.to_dict("records"):
        row = {}
        for key, value in record.items():
            if isinstance(value, pd.Timestamp):
                value = value.date()
            elif value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
                value = None
            elif isinstance(value, float):
                value = round(value, 4)
            elif hasattr(value, "item"):
                value = value.item()
            row[key] = value
        rows.append(row)
    return rows


def upload(con, *rows: dict) -> None:
    """Survey rows added through the upload, as a facilitator's CSV."""
    columns = list(KAMUS["kolom"])
    frame = pd.DataFrame([{name: "" if row.get(name) is None else str(row[name]) for name in columns} for row in rows])
    checked = ingest.check(con, ingest.read(frame.to_csv(index=False).encode(), "tambahan.csv"))
    assert checked.problems.empty, list(checked.messages("en"))
    ingest.commit(checked, "ani")


# Completeness --------------------------------------------------------------------------------------


def test_the_optional_answers_counted_are_the_dictionarys_optional_columns():
    text = (ROOT / "queries" / "quality_completeness.sql").read_text()
    counted = re.findall(r"as terisi_(\w+),", text.split("last_step as")[0])
    assert counted == list(KAMUS.loc[KAMUS["wajib"] == "tidak", "kolom"])
    assert "/ 6 as terisi" in text


def test_completeness_per_kelurahan_and_round(con):
    # Five of six optional answers everywhere (no facilitator note) except H1's round 2, which has one.
    five = round(5 / 6, 4)
    full = {"terisi_rt": 1.0, "terisi_kategori_pendapatan_bulanan": 1.0, "terisi_desil_kesejahteraan": 1.0,
            "terisi_luas_lantai_per_kapita_m2": 1.0, "terisi_skor_pengasuhan": 1.0}
    assert run(con, "quality_completeness") == [
        {**TB, "putaran_ke": 1, "rumah_tangga": 3, "terisi": five, **full, "terisi_catatan_fasilitator": 0.0},
        {**TB, "putaran_ke": 2, "rumah_tangga": 2, "terisi": round(5.5 / 6, 4), **full, "terisi_catatan_fasilitator": 0.5},
        {**PM, "putaran_ke": 1, "rumah_tangga": 1, "terisi": five, **full, "terisi_catatan_fasilitator": 0.0},
        {**PM, "putaran_ke": 2, "rumah_tangga": 2, "terisi": five, **full, "terisi_catatan_fasilitator": 0.0},
    ]


def test_completeness_counts_blank_optional_answers_and_follows_period_and_area(con):
    upload(con, fixtures.survey_row("BKK-3174091005-101", 1, "2024-06-16", rt=None, desil_kesejahteraan=None,
                                    skor_pengasuhan=None, catatan_fasilitator="  "))
    rows = run(con, "quality_completeness", dari=date(2024, 1, 1), kecamatan=JAGAKARSA)
    # H3 (2024-02-01: 5 of 6) and the new household (rt, desil, skor and a blank note missing: 2 of 6).
    assert [(row["putaran_ke"], row["rumah_tangga"], row["terisi"], row["terisi_rt"]) for row in rows] == [
        (1, 2, round(7 / 12, 4), 0.5)]
    assert run(con, "quality_completeness", kelurahan=PELA_MAMPANG, sampai=date(2024, 4, 1))[0]["rumah_tangga"] == 1


# Households without a baseline ----------------------------------------------------------------------


def test_households_without_a_baseline(con):
    assert run(con, "quality_no_baseline_households", wilayah_akses=None) == [
        {"id_rumah_tangga": H5, **PM, "putaran_pertama": 2, "tanggal_pertama": date(2024, 5, 1), "jumlah_putaran": 1}]
    assert run(con, "quality_no_baseline_by_kelurahan") == [{**PM, "rumah_tangga": 2, "rt_tanpa_baseline": 1}]


@pytest.mark.parametrize("area, found", [
    (None, [H5]), (PELA_MAMPANG, [H5]), ("31.74.03", [H5]), (JAGAKARSA, []), ("31.74.0", []),
])
def test_households_without_a_baseline_only_within_the_users_area(con, area, found):
    listed = run(con, "quality_no_baseline_households", wilayah_akses=area)
    assert [row["id_rumah_tangga"] for row in listed] == found


def test_a_baseline_uploaded_later_clears_the_household_and_the_date_filter_goes_back(con):
    assert run(con, "quality_no_baseline_by_kelurahan", sampai=date(2024, 4, 30)) == []
    upload(con, fixtures.survey_row(H5, 1, "2024-02-10"))
    assert run(con, "quality_no_baseline_by_kelurahan") == []
    assert run(con, "quality_no_baseline_households", wilayah_akses=None) == []


# Households missing an expected round ---------------------------------------------------------------


def test_no_household_of_the_fixture_misses_a_round_within_nine_months(con):
    assert run(con, "quality_missing_rounds_households", bulan=9, wilayah_akses=None) == []
    assert run(con, "quality_missing_rounds_by_kelurahan", bulan=9) == []


def test_a_skipped_round_and_households_left_behind_in_their_kelurahan(con):
    # H2 jumps from round 2 to round 4 on 2024-03-20: round 3 is missing, and Tanjung Barat's latest
    # survey is now 2024-03-20. Pela Mampang's is H4's 2024-09-01.
    upload(con, fixtures.survey_row(H2, 4, "2024-03-20", ks2_06="tidak"))
    skipped = {"id_rumah_tangga": H2, **TB, "alasan": "putaran_terlewat", "putaran_terakhir": 4,
               "tanggal_terakhir": date(2024, 3, 20), "putaran_hilang": "3",
               "survei_kelurahan_terakhir": date(2024, 3, 20), "bulan_tertinggal": 0}
    assert run(con, "quality_missing_rounds_households", bulan=9, wilayah_akses=None) == [skipped]
    assert run(con, "quality_missing_rounds_by_kelurahan", bulan=9) == [
        {**TB, "rumah_tangga": 3, "rt_putaran_terlewat": 1, "rt_terlambat": 0}]
    # With three months: H1 (2023-10-20, five months behind) and H5 (2024-05-01, four) are overdue;
    # H3 (2024-02-01) is not yet: 2024-05-01 is after 2024-03-20.
    assert run(con, "quality_missing_rounds_households", bulan=3, wilayah_akses=None) == [
        {"id_rumah_tangga": H1, **TB, "alasan": "terlambat", "putaran_terakhir": 2, "tanggal_terakhir": date(2023, 10, 20),
         "putaran_hilang": None, "survei_kelurahan_terakhir": date(2024, 3, 20), "bulan_tertinggal": 5},
        skipped,
        {"id_rumah_tangga": H5, **PM, "alasan": "terlambat", "putaran_terakhir": 2, "tanggal_terakhir": date(2024, 5, 1),
         "putaran_hilang": None, "survei_kelurahan_terakhir": date(2024, 9, 1), "bulan_tertinggal": 4},
    ]
    assert run(con, "quality_missing_rounds_by_kelurahan", bulan=3) == [
        {**TB, "rumah_tangga": 3, "rt_putaran_terlewat": 1, "rt_terlambat": 1},
        {**PM, "rumah_tangga": 2, "rt_putaran_terlewat": 0, "rt_terlambat": 1},
    ]
    assert [row["id_rumah_tangga"] for row in run(
        con, "quality_missing_rounds_households", bulan=3, wilayah_akses=JAGAKARSA)] == [H1, H2]


def test_missing_rounds_as_of_an_earlier_date_ignore_later_rounds(con):
    upload(con, fixtures.survey_row(H2, 4, "2024-03-20", ks2_06="tidak"))
    # By 2024-03-01 Tanjung Barat's latest survey is H3's 2024-02-01; round 4 has not happened yet.
    listed = run(con, "quality_missing_rounds_households", bulan=3, sampai=date(2024, 3, 1), wilayah_akses=None)
    assert [(row["id_rumah_tangga"], row["alasan"], row["bulan_tertinggal"]) for row in listed] == [
        (H1, "terlambat", 3), (H2, "terlambat", 3)]
    assert run(con, "quality_missing_rounds_by_kelurahan", bulan=3, sampai=date(2024, 3, 1)) == [
        {**TB, "rumah_tangga": 3, "rt_putaran_terlewat": 0, "rt_terlambat": 2}]


# Facilitators without a survey for 60 days ------------------------------------------------------------


def test_the_fixtures_only_facilitator_surveyed_on_the_latest_date(con):
    assert run(con, "quality_inactive_facilitators", hari=60, wilayah_akses=None) == []
    assert run(con, "quality_inactive_facilitators_by_kelurahan", hari=60) == [
        {**PM, "fasilitator": 1, "fasilitator_tidak_aktif": 0, "hari_terlama": None}]


def test_a_facilitator_without_a_survey_for_more_than_60_days(con):
    # FAS-02 surveys H3's round 2 on 2024-03-15 and nothing after; the latest survey is 2024-09-01.
    upload(con, fixtures.survey_row(H3, 2, "2024-03-15", id_fasilitator="FAS-02", ks2_03="tidak"))
    fas02 = {"id_fasilitator": "FAS-02", **TB, "tanggal_terakhir": date(2024, 3, 15), "hari_tanpa_survei": 170,
             "tanggal_data_terakhir": date(2024, 9, 1), "rumah_tangga": 1, "survei": 1}
    assert run(con, "quality_inactive_facilitators", hari=60, wilayah_akses=None) == [fas02]
    assert run(con, "quality_inactive_facilitators", hari=170, wilayah_akses=None) == []
    assert run(con, "quality_inactive_facilitators", hari=60, wilayah_akses=PELA_MAMPANG) == []
    assert run(con, "quality_inactive_facilitators_by_kelurahan", hari=60) == [
        {**TB, "fasilitator": 1, "fasilitator_tidak_aktif": 1, "hari_terlama": 170},
        {**PM, "fasilitator": 1, "fasilitator_tidak_aktif": 0, "hari_terlama": None},
    ]
    # The yardstick is the programme's latest survey, whatever area is chosen.
    assert run(con, "quality_inactive_facilitators", hari=60, kecamatan=JAGAKARSA, wilayah_akses=JAGAKARSA) == [fas02]
    # As of 2024-03-31 the latest survey is FAS-02's own: nobody is inactive, and FAS-01 (last in
    # Pela Mampang on 2024-03-01, 14 days before) belongs there.
    assert run(con, "quality_inactive_facilitators_by_kelurahan", hari=60, sampai=date(2024, 3, 31)) == [
        {**TB, "fasilitator": 1, "fasilitator_tidak_aktif": 0, "hari_terlama": None},
        {**PM, "fasilitator": 1, "fasilitator_tidak_aktif": 0, "hari_terlama": None},
    ]


# Implausible changes between consecutive rounds ------------------------------------------------------


def test_the_fixture_has_no_implausible_change(con):
    # H1 rose two stages (pra_sejahtera to ks_2): not three.
    assert run(con, "quality_jumps_households", wilayah_akses=None) == []
    assert run(con, "quality_jumps_by_kelurahan") == []


def test_three_stages_up_and_a_household_size_change_of_more_than_five(con):
    upload(
        con,
        fixtures.survey_row(H2, 3, "2024-03-20"),  # ks_1 to ks_3_plus: three stages up
        fixtures.survey_row(H4, 3, "2024-10-01", ks1_01="tidak", jumlah_anggota_keluarga=11, jumlah_balita=1,
                            persetujuan_wali_anak="ya"),  # 4 to 11 members, still pra_sejahtera
        fixtures.survey_row(H1, 3, "2024-01-10", jumlah_anggota_keluarga=9),  # ks_2 to ks_3_plus, +5: neither
    )
    h2 = {"id_rumah_tangga": H2, **TB, "putaran_dari": 2, "putaran_ke": 3, "tanggal_dari": date(2023, 10, 21),
          "tanggal_ke": date(2024, 3, 20), "tahapan_dari": "ks_1", "tahapan_ke": "ks_3_plus", "naik_tahapan": 3,
          "anggota_dari": 4, "anggota_ke": 4, "lompat_tahapan": True, "ubah_anggota": False}
    h4 = {"id_rumah_tangga": H4, **PM, "putaran_dari": 2, "putaran_ke": 3, "tanggal_dari": date(2024, 9, 1),
          "tanggal_ke": date(2024, 10, 1), "tahapan_dari": "pra_sejahtera", "tahapan_ke": "pra_sejahtera",
          "naik_tahapan": 0, "anggota_dari": 4, "anggota_ke": 11, "lompat_tahapan": False, "ubah_anggota": True}
    assert run(con, "quality_jumps_households", wilayah_akses=None) == [h2, h4]
    assert run(con, "quality_jumps_households", wilayah_akses=JAGAKARSA) == [h2]
    assert run(con, "quality_jumps_by_kelurahan") == [
        {**TB, "rumah_tangga": 2, "rt_lompat_tahapan": 1, "rt_ubah_anggota": 0},
        {**PM, "rumah_tangga": 1, "rt_lompat_tahapan": 0, "rt_ubah_anggota": 1},
    ]
    # Only pairs whose later round falls in the period.
    assert run(con, "quality_jumps_households", dari=date(2024, 9, 15), wilayah_akses=None) == [h4]
    assert run(con, "quality_jumps_by_kelurahan", dari=date(2024, 9, 15)) == [
        {**PM, "rumah_tangga": 1, "rt_lompat_tahapan": 0, "rt_ubah_anggota": 1}]


# The counts per kelurahan agree with the households behind them ---------------------------------------


@pytest.fixture(scope="module")
def demo_con(tmp_path_factory):
    path = tmp_path_factory.mktemp("quality") / "demo.duckdb"
    demo.build(path, households=400)
    con = db.open_database(path)
    yield con
    con.close()


def per_kelurahan(frame: pd.DataFrame, column: str, where=None) -> dict:
    chosen = frame if where is None else frame[where(frame)]
    return chosen.groupby("kode_kelurahan")[column].nunique().to_dict()


def test_every_count_per_kelurahan_is_the_households_listed_there(demo_con):
    params = {**ALL, "bulan": 9, "hari": 60, "wilayah_akses": None}
    counts = db.query(demo_con, "quality_no_baseline_by_kelurahan", **params).set_index("kode_kelurahan")
    listed = db.query(demo_con, "quality_no_baseline_households", **params)
    assert len(listed) > 0 and counts["rt_tanpa_baseline"].to_dict() == per_kelurahan(listed, "id_rumah_tangga")

    counts = db.query(demo_con, "quality_missing_rounds_by_kelurahan", **params).set_index("kode_kelurahan")
    listed = db.query(demo_con, "quality_missing_rounds_households", **params)
    for reason, column in (("putaran_terlewat", "rt_putaran_terlewat"), ("terlambat", "rt_terlambat")):
        found = per_kelurahan(listed, "id_rumah_tangga", lambda f, r=reason: f["alasan"] == r)
        assert found and counts[column][counts[column] > 0].to_dict() == found, reason

    counts = db.query(demo_con, "quality_jumps_by_kelurahan", **params).set_index("kode_kelurahan")
    listed = db.query(demo_con, "quality_jumps_households", **params)
    for flag, column in (("lompat_tahapan", "rt_lompat_tahapan"), ("ubah_anggota", "rt_ubah_anggota")):
        found = per_kelurahan(listed, "id_rumah_tangga", lambda f, c=flag: f[c])
        assert counts[column][counts[column] > 0].to_dict() == found, flag

    counts = db.query(demo_con, "quality_inactive_facilitators_by_kelurahan", **params).set_index("kode_kelurahan")
    listed = db.query(demo_con, "quality_inactive_facilitators", **params)
    inactive = counts["fasilitator_tidak_aktif"]
    assert len(listed) > 0 and inactive[inactive > 0].to_dict() == per_kelurahan(listed, "id_fasilitator")
    assert counts["fasilitator"].sum() == demo_con.execute(
        "select count(distinct id_fasilitator) from survei_terkini").fetchone()[0]


def test_completeness_counts_every_current_row_once(demo_con):
    frame = db.query(demo_con, "quality_completeness", **ALL)
    assert frame["rumah_tangga"].sum() == demo_con.execute(
        "select count(*) from survei_terkini where tanggal_survei <= ?", [ALL["sampai"]]).fetchone()[0]
    assert frame["terisi"].between(0, 1).all()


def test_quality_lists_page_and_count_the_whole_list(con):
    upload(con, fixtures.survey_row(H2, 4, "2024-03-20", ks2_06="tidak"))
    whole = db.query(con, "quality_missing_rounds_households", **ALL, bulan=3, wilayah_akses=None)
    assert list(whole.id_rumah_tangga) == [H1, H2, H5]
    assert set(whole.baris_total) == {3} and set(whole.rumah_tangga_total) == {3}
    second = db.query(con, "quality_missing_rounds_households", **ALL, bulan=3, wilayah_akses=None, limit=1, offset=1)
    assert list(second.id_rumah_tangga) == [H2] and list(second.baris_total) == [3]
    for name in ("quality_no_baseline_households", "quality_jumps_households"):
        page = db.query(con, name, **ALL, wilayah_akses=None, limit=1, offset=0)
        assert len(page) <= 1 and {"baris_total", "rumah_tangga_total"} <= set(page.columns), name
