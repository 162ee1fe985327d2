"""The progress and overview queries against the fixture, row by row, with figures worked out by hand.

The fixture (tests/fixtures.py): H1 pra_sejahtera -> ks_2 (naik), H2 ks_1 -> ks_1 (tetap), H3 baseline
only, all in Tanjung Barat (Jagakarsa); H4 ks_2 -> pra_sejahtera (turun) and H5 without a baseline in
Pela Mampang (Mampang Prapatan). H1, H2 have their baseline in 2023 (the pilot), H3, H4 in 2024.
"""

import math
from datetime import date

import pandas as pd

from bebenah import db
from fixtures import H1, H2, H3, H4, H5, JAGAKARSA, MAMPANG, PELA_MAMPANG, TANJUNG_BARAT

TODAY = date(2026, 11, 28)
EVERYWHERE = {"kota": None, "kecamatan": None, "kelurahan": None, "kohort": None, "putaran": None,
              "dari": date(2023, 9, 13), "sampai": TODAY}


def run(con, name, **filters) -> list[tuple]:
    """The query's rows as tuples: floats to 4 places, missing values as None, dates as dates."""
    frame = db.query(con, name, **{**EVERYWHERE, **filters})

    def clean(value):
        if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
            return None
        if isinstance(value, pd.Timestamp):
            return value.date()
        if isinstance(value, float):
            return round(value, 4)
        return value.item() if hasattr(value, "item") else value

    return [tuple(clean(value) for value in row) for row in frame.itertuples(index=False)]


def columns(con, name) -> list[str]:
    return list(db.query(con, name, **EVERYWHERE).columns)


THIRD = round(1 / 3, 4)


# Up, same, down ---------------------------------------------------------------------------------

def test_summary_counts_baseline_only_and_no_baseline_apart_from_same(con):
    assert columns(con, "progress_summary") == ["kemajuan", "disurvei_ulang", "households", "rt_dengan_kemajuan", "share"]
    assert run(con, "progress_summary") == [
        ("naik", True, 1, 3, THIRD),
        ("tetap", True, 1, 3, THIRD),
        ("turun", True, 1, 3, THIRD),
        ("hanya_baseline", False, 1, 3, None),
        ("tanpa_baseline", False, 1, 3, None),
    ]


def test_summary_follows_kecamatan_and_cohort(con):
    # Jagakarsa's 2023 pilot: H1 up, H2 the same; H3 (2024) and the Mampang households drop out.
    assert run(con, "progress_summary", kecamatan=JAGAKARSA, kohort=2023) == [
        ("naik", True, 1, 2, 0.5),
        ("tetap", True, 1, 2, 0.5),
        ("turun", True, 0, 2, 0.0),
        ("hanya_baseline", False, 0, 2, None),
        ("tanpa_baseline", False, 0, 2, None),
    ]


def test_summary_as_of_a_date_and_up_to_a_round(con):
    # By 30 June 2024 H4 has only its baseline; H5's round of 1 May 2024 is there, without a baseline.
    assert [row[2] for row in run(con, "progress_summary", sampai=date(2024, 6, 30))] == [1, 1, 0, 2, 1]
    # Up to round 1 everyone with a baseline has only that; H5 has no round 1 at all.
    assert run(con, "progress_summary", putaran=1) == [
        ("naik", True, 0, 0, None),
        ("tetap", True, 0, 0, None),
        ("turun", True, 0, 0, None),
        ("hanya_baseline", False, 4, 0, None),
        ("tanpa_baseline", False, 0, 0, None),
    ]


def test_transitions_pair_the_baseline_stage_with_the_latest(con):
    assert columns(con, "progress_transitions") == [
        "tahapan_ks_baseline", "tahapan_ks_terakhir", "tahapan_urut_baseline", "tahapan_urut_terakhir",
        "kemajuan", "households", "share"]
    assert run(con, "progress_transitions") == [
        ("pra_sejahtera", "ks_2", 0, 2, "naik", 1, 1.0),
        ("ks_1", "ks_1", 1, 1, "tetap", 1, 1.0),
        ("ks_2", "pra_sejahtera", 2, 0, "turun", 1, 1.0),
    ]
    assert run(con, "progress_transitions", kohort=2024) == [("ks_2", "pra_sejahtera", 2, 0, "turun", 1, 1.0)]
    assert run(con, "progress_transitions", putaran=1) == []


# Where it lags ----------------------------------------------------------------------------------

def test_kecamatan_are_ranked_laggards_first(con):
    assert columns(con, "progress_by_kecamatan") == [
        "kode_wilayah", "wilayah", "naik", "belum_naik", "turun", "rt_dengan_kemajuan", "share"]
    assert run(con, "progress_by_kecamatan") == [
        (MAMPANG, "Mampang Prapatan", 0, 1, 1, 1, 0.0),
        (JAGAKARSA, "Jagakarsa", 1, 1, 0, 2, 0.5),
    ]
    assert run(con, "progress_by_kecamatan", kecamatan=JAGAKARSA) == [(JAGAKARSA, "Jagakarsa", 1, 1, 0, 2, 0.5)]


def test_kelurahan_are_ranked_laggards_first_and_those_not_surveyed_again_last(con):
    assert run(con, "progress_by_kelurahan") == [
        (PELA_MAMPANG, "Pela Mampang", "Mampang Prapatan", 0, 1, 1, 1, 0.0),
        (TANJUNG_BARAT, "Tanjung Barat", "Jagakarsa", 1, 1, 0, 2, 0.5),
    ]
    # By 30 June 2024 nobody in Pela Mampang has been surveyed twice: no share, ranked last.
    assert run(con, "progress_by_kelurahan", sampai=date(2024, 6, 30)) == [
        (TANJUNG_BARAT, "Tanjung Barat", "Jagakarsa", 1, 1, 0, 2, 0.5),
        (PELA_MAMPANG, "Pela Mampang", "Mampang Prapatan", 0, 0, 0, 0, None),
    ]


def test_cohorts_set_the_pilot_against_the_rollout(con):
    assert columns(con, "progress_by_cohort") == [
        "kohort", "naik", "belum_naik", "turun", "hanya_baseline", "rt_dengan_kemajuan", "share"]
    assert run(con, "progress_by_cohort") == [(2023, 1, 1, 0, 0, 2, 0.5), (2024, 0, 1, 1, 1, 1, 0.0)]
    assert run(con, "progress_by_cohort", kecamatan=MAMPANG) == [(2024, 0, 1, 1, 0, 1, 0.0)]


def test_filter_options_are_the_cohorts_and_follow_up_rounds_in_the_data(con):
    assert run(con, "progress_kohort_options") == [(2023,), (2024,)]
    assert run(con, "progress_putaran_options") == [(2,)]


# Domains ----------------------------------------------------------------------------------------

def domain(con, ukuran, **filters) -> list[tuple]:
    return [row[4:] for row in run(con, "progress_domains", **filters) if row[0] == ukuran]


def test_domains_compare_baseline_and_latest_for_the_selection_and_per_kecamatan(con):
    assert columns(con, "progress_domains") == [
        "ukuran", "urutan", "satuan", "arah", "kode_wilayah", "wilayah", "households", "baseline", "terakhir",
        "perubahan"]
    # PHBS score: H1 6 -> 10, H2 10 -> 10, H4 10 -> 9 (latrine no longer healthy).
    assert domain(con, "phbs_skor") == [
        (None, None, 3, round(26 / 3, 4), round(29 / 3, 4), 1.0),
        (MAMPANG, "Mampang Prapatan", 1, 10.0, 9.0, -1.0),
        (JAGAKARSA, "Jagakarsa", 2, 8.0, 10.0, 2.0),
    ]
    # Ber-PHBS: H1 gained it, H4 lost it: two of three before and after.
    assert domain(con, "rt_ber_phbs")[0] == (None, None, 3, round(2 / 3, 4), round(2 / 3, 4), 0.0)
    # Stunting risk: H4's latrine without a septic tank, with a child under five.
    assert domain(con, "berisiko_stunting")[0] == (None, None, 3, 0.0, THIRD, THIRD)
    # Cleanliness 2 -> 4 for H1, 4 for the others; parenting sessions 0 -> 3 for H1, 2 for the others.
    assert domain(con, "skor_kebersihan_rumah")[0] == (None, None, 3, round(10 / 3, 4), 4.0, round(2 / 3, 4))
    assert domain(con, "ikut_sesi_parenting")[0] == (None, None, 3, round(4 / 3, 4), round(7 / 3, 4), 1.0)
    # Resilience: H2's baseline 6 of 9 (66.7, berkembang), everyone else 100 (tangguh).
    assert domain(con, "skor_ketahanan")[0] == (None, None, 3, round((100 + 66.7 + 100) / 3, 4), 100.0,
                                                round(100 - (100 + 66.7 + 100) / 3, 4))
    assert domain(con, "ketahanan_tangguh")[0] == (None, None, 3, round(2 / 3, 4), 1.0, THIRD)
    assert domain(con, "ketahanan_rentan")[0] == (None, None, 3, 0.0, 0.0, 0.0)
    assert domain(con, "ikut_pelatihan_usaha")[0] == (None, None, 3, 1.0, 1.0, 0.0)
    assert domain(con, "sumber_penghasilan")[0] == (None, None, 3, 1.0, 1.0, 0.0)


def test_domains_go_down_to_kelurahan_once_a_kecamatan_is_chosen(con):
    assert domain(con, "phbs_skor", kecamatan=JAGAKARSA) == [
        (None, None, 2, 8.0, 10.0, 2.0),
        (TANJUNG_BARAT, "Tanjung Barat", 2, 8.0, 10.0, 2.0),
    ]
    assert [row[:4] for row in run(con, "progress_domains")][::3] == [
        ("phbs_skor", 1, "skor", 1), ("rt_ber_phbs", 2, "share", 1), ("berisiko_stunting", 3, "share", -1),
        ("skor_kebersihan_rumah", 4, "skor", 1), ("ikut_sesi_parenting", 5, "sesi", 1),
        ("skor_ketahanan", 6, "skor", 1), ("ketahanan_tangguh", 7, "share", 1),
        ("ketahanan_rentan", 8, "share", -1), ("ikut_pelatihan_usaha", 9, "share", 1),
        ("sumber_penghasilan", 10, "share", 1)]


def test_domains_by_round_follow_each_cohort(con):
    assert columns(con, "progress_domains_by_round") == [
        "kohort", "putaran_ke", "ukuran", "urutan", "satuan", "arah", "households", "nilai"]
    rows = run(con, "progress_domains_by_round")
    # PHBS score: 2023 round 1 H1 6, H2 10; round 2 both 10. 2024 round 1 H3 10, H4 10; round 2 H4 9.
    assert [(row[0], row[1], row[6], row[7]) for row in rows if row[2] == "phbs_skor"] == [
        (2023, 1, 2, 8.0), (2023, 2, 2, 10.0), (2024, 1, 2, 10.0), (2024, 2, 1, 9.0)]
    assert [(row[0], row[1], row[7]) for row in rows if row[2] == "berisiko_stunting"] == [
        (2023, 1, 0.0), (2023, 2, 0.0), (2024, 1, 0.0), (2024, 2, 1.0)]
    assert len(rows) == 40  # ten measures, two cohorts, two rounds; H5 (no baseline) is in none
    assert {row[1] for row in run(con, "progress_domains_by_round", putaran=1)} == {1}


# Household card ---------------------------------------------------------------------------------

def search(con, text, area, **filters) -> list[tuple]:
    """The card's search: matches as the options query returned them, and the count of all matches."""
    found = run(con, "progress_household_search", cari=text, wilayah_akses=area, limit=20, **filters)
    return [row[:-1] for row in found]


def test_household_search_stays_inside_the_users_area(con):
    assert search(con, "BKK-", JAGAKARSA) == [
        (H1, "Tanjung Barat", "naik", 2), (H2, "Tanjung Barat", "tetap", 2), (H3, "Tanjung Barat", "hanya_baseline", 1)]
    assert search(con, "BKK-", PELA_MAMPANG) == [
        (H4, "Pela Mampang", "turun", 2), (H5, "Pela Mampang", "tanpa_baseline", 2)]
    # Whole segments only: "31.74.0" is no area.
    assert search(con, "BKK-", "31.74.0") == []
    assert len(search(con, "BKK-", None)) == 5
    assert search(con, "BKK-", None, kohort=2024, kecamatan=MAMPANG) == [(H4, "Pela Mampang", "turun", 2)]
    # A household outside the area is not found, even by its full code.
    assert search(con, H4, JAGAKARSA) == []
    assert search(con, H4, None) == [(H4, "Pela Mampang", "turun", 2)]


def test_household_search_matches_part_of_a_code_any_case_and_returns_at_most_limit(con):
    assert [row[0] for row in search(con, "1005-00", None)] == [H1, H2, H3]
    assert [row[0] for row in search(con, " bkk-3174031003-002 ", None)] == [H5]
    limited = run(con, "progress_household_search", cari="BKK", wilayah_akses=None, limit=2)
    assert [row[0] for row in limited] == [H4, H5] and {row[-1] for row in limited} == {5}
    assert search(con, "tidak-ada", None) == []


def test_household_rounds_side_by_side(con):
    assert run(con, "progress_household_rounds", id_rumah_tangga=H1, wilayah_akses=JAGAKARSA) == [
        (1, date(2023, 9, 20), "pra_sejahtera", 6, False, False, 2, 0, 100.0, "tangguh", "ya", "ya"),
        (2, date(2023, 10, 20), "ks_2", 10, True, False, 4, 3, 100.0, "tangguh", "ya", "ya"),
    ]
    assert run(con, "progress_household_rounds", id_rumah_tangga=H1, wilayah_akses=JAGAKARSA, putaran=1)[0][0] == 1
    assert len(run(con, "progress_household_rounds", id_rumah_tangga=H1, wilayah_akses=JAGAKARSA, putaran=1)) == 1
    # Another area's uploader gets nothing, even with the code in hand.
    assert run(con, "progress_household_rounds", id_rumah_tangga=H1, wilayah_akses=MAMPANG) == []


def test_household_interventions_newest_first_with_the_agency(con):
    assert run(con, "progress_household_interventions", id_rumah_tangga=H1, wilayah_akses=TANJUNG_BARAT) == [
        (date(2023, 10, 1), "pengecatan_pembenahan_rumah", "TP_PKK_JAKSEL", "Tim Penggerak PKK Kota Jakarta Selatan",
         1.0, "rumah"),
        (date(2023, 9, 26), "pengecatan_pembenahan_rumah", "NOVALUX", "Novalux Paint", 1.0, "rumah"),
        (date(2023, 9, 25), "sosialisasi_phbs", "SUDIN_KES", "Suku Dinas Kesehatan Kota Jakarta Selatan", 1.0, "sesi"),
    ]
    assert len(run(con, "progress_household_interventions", id_rumah_tangga=H1, wilayah_akses=None,
                   sampai=date(2023, 9, 30))) == 2
    assert run(con, "progress_household_interventions", id_rumah_tangga=H1, wilayah_akses=MAMPANG) == []


def test_household_needs_open_first(con):
    assert run(con, "progress_household_needs", id_rumah_tangga=H4, wilayah_akses=MAMPANG) == [
        ("anak_belum_paud", False), ("belum_ber_phbs", False), ("berisiko_stunting", False), ("semua_peserta", False)]
    # As of 25 September 2023 H1 has only its baseline; that day's PHBS outreach answers one need.
    assert run(con, "progress_household_needs", id_rumah_tangga=H1, wilayah_akses=None, sampai=date(2023, 9, 25)) == [
        ("belum_ikut_parenting", False), ("kebersihan_rendah", False), ("rumah_tidak_layak", False),
        ("semua_peserta", False), ("belum_ber_phbs", True)]
    assert run(con, "progress_household_needs", id_rumah_tangga=H4, wilayah_akses=JAGAKARSA) == []


# Overview ---------------------------------------------------------------------------------------

def test_overview_trend_is_the_programme_as_of_each_quarters_end(con):
    assert columns(con, "overview_trend") == [
        "kuartal", "akhir", "rt_terdaftar", "sasaran_rt", "rt_dengan_kemajuan", "rt_naik"]
    assert run(con, "overview_trend") == [
        (date(2023, 7, 1), date(2023, 9, 30), 2, 10, 0, 0),
        (date(2023, 10, 1), date(2023, 12, 31), 2, 10, 2, 1),
        (date(2024, 1, 1), date(2024, 3, 31), 4, 35, 2, 1),
        (date(2024, 4, 1), date(2024, 6, 30), 4, 35, 2, 1),
        (date(2024, 7, 1), date(2024, 9, 30), 4, 35, 3, 1),
    ]
    assert run(con, "overview_trend", kecamatan=MAMPANG, sampai=date(2024, 3, 15)) == [
        (date(2024, 1, 1), date(2024, 3, 15), 1, 20, 0, 0)]


def test_overview_gaps_are_the_largest_of_each_kind(con):
    assert columns(con, "overview_gaps") == [
        "jenis", "kode", "kelurahan", "kode_kecamatan", "kecamatan", "gap", "rt_terlibat", "basis", "share"]
    # Pela Mampang: target 20, one household enrolled (H4). Every enrolled household waits for a home
    # visit (semua_peserta). Pela Mampang's one household surveyed again fell; Tanjung Barat's two have
    # one that did not rise: a tie at one, broken by code.
    assert run(con, "overview_gaps") == [
        ("sasaran", PELA_MAMPANG, "Pela Mampang", MAMPANG, "Mampang Prapatan", 19, 1, 20, 0.95),
        ("kebutuhan", "semua_peserta", None, None, None, 4, 4, 4, 1.0),
        ("kemajuan", PELA_MAMPANG, "Pela Mampang", MAMPANG, "Mampang Prapatan", 1, 1, 1, 1.0),
    ]
    assert run(con, "overview_gaps", kecamatan=JAGAKARSA) == [
        ("sasaran", TANJUNG_BARAT, "Tanjung Barat", JAGAKARSA, "Jagakarsa", 12, 3, 15, 0.8),
        ("kebutuhan", "semua_peserta", None, None, None, 3, 3, 3, 1.0),
        ("kemajuan", TANJUNG_BARAT, "Tanjung Barat", JAGAKARSA, "Jagakarsa", 1, 2, 2, 0.5),
    ]


def test_overview_uploads_name_the_files_behind_the_selection(con):
    assert columns(con, "overview_uploads") == [
        "upload_id", "kind", "file_name", "uploaded_at", "baris", "tanggal_data_terakhir"]
    rows = [(row[1], row[2], row[4], row[5]) for row in run(con, "overview_uploads")]
    assert rows == [
        ("sasaran", "fixture_sasaran.csv", 4, None),
        ("kontribusi", "fixture_kontribusi.csv", 3, date(2024, 1, 15)),
        ("intervensi", "fixture_intervensi.csv", 4, date(2024, 4, 1)),
        ("survei", "fixture_survei.csv", 8, date(2024, 9, 1)),
    ]
    # Mampang Prapatan by March 2024: its 2024 targets and H4's baseline, nothing else.
    rows = [(row[1], row[4], row[5]) for row in run(con, "overview_uploads", kecamatan=MAMPANG,
                                                     sampai=date(2024, 3, 31))]
    assert rows == [("sasaran", 2, None), ("survei", 1, date(2024, 3, 1))]


def test_a_withdrawn_upload_no_longer_counts(con):
    # Written as ingest's undo and commit do: the rows, then the summary refreshed for the upload.
    con.execute("insert into upload_status_changes (upload_id, status, changed_by) values (2, 'withdrawn', 'ani')")
    db.refresh_summary(con, 2)
    assert [row[1] for row in run(con, "overview_uploads")] == ["sasaran", "kontribusi", "survei"]
    # A round replaced by a later upload is that upload's, no longer the first one's.
    con.execute("insert into uploads (kind, file_name, file_shape, content_hash, uploaded_by) "
                "values ('survei', 'koreksi.csv', 'template', 'x', 'ani')")
    con.execute("insert into survei by name select * replace (5 as upload_id) from survei "
                "where id_rumah_tangga = ? and putaran_ke = 2", [H5])
    db.refresh_summary(con, 5)
    rows = {row[2]: row[4] for row in run(con, "overview_uploads")}
    assert rows["koreksi.csv"] == 1 and rows["fixture_survei.csv"] == 7


def test_the_pilot_and_the_rollout_are_counted_apart(con):
    """Tanjung Barat's 2023 households (H1, H2) are the pilot; H3 (Tanjung Barat, 2024) and H4
    (Pela Mampang) the rollout. Hand-worked: H1 rose, H2 did not; H4 rose, H3 has a baseline only."""
    from datetime import date

    from bebenah import PILOT_KELURAHAN, PILOT_YEAR, db

    rows = db.query(con, "progress_pilot_and_rollout", sampai=date(2026, 12, 3),
                    kelurahan_percontohan=PILOT_KELURAHAN, tahun_percontohan=PILOT_YEAR).set_index("kelompok")
    assert rows.loc["percontohan", ["households", "rt_dengan_kemajuan", "naik"]].tolist() == [2, 2, 1]
    assert rows.loc["perluasan", "households"] == 2 and rows.loc["perluasan", "naik"] <= 1
    assert str(rows.loc["percontohan", "tanggal_baseline_pertama"])[:10] == "2023-09-20"
