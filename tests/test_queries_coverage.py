"""The coverage and contribution queries on the fixture, row by row, against figures worked out by hand.

The fixture (tests/fixtures.py), as these queries see it over the whole period:
  enrolled (baseline by the end): H1 H2 H3 in Tanjung Barat (Jagakarsa), H4 in Pela Mampang
  (Mampang Prapatan); H5 has no baseline. Enrolment targets: Tanjung Barat 10 (2023) + 5 (2024),
  Pela Mampang 20 (2024); a sosialisasi_phbs target of 10 in Pela Mampang (2024).
  deliveries: KGT-1 PHBS outreach to H1 by SUDIN_KES (2023-09-25), KGT-2 painting of H1 by NOVALUX
  (2023-09-26), KGT-3 painting of H1 by TP_PKK_JAKSEL (2023-10-01): the overlap, KGT-4 an RW
  clean-up in Pela Mampang by SUDIN_LH (2024-04-01).
  contributions: KEMENKO_PMK Rp100 million to Tanjung Barat, NOVALUX 20 litres of paint worth
  Rp5 million there, PEMKOT_JAKSEL Rp50 million city-wide.
"""

from datetime import date

import pandas as pd
import pytest

from bebenah import db
from fixtures import H1, H2, H3, H4, JAGAKARSA, MAMPANG, PELA_MAMPANG, TANJUNG_BARAT

WHOLE = {"dari": date(2023, 9, 13), "sampai": date(2025, 12, 31)}
KOTA = "31.74"
JAKSEL = "Kota Administrasi Jakarta Selatan"


def rows(con, name, columns=None, **params) -> list[tuple]:
    """The query's rows as tuples (missing values as None, whole floats as they are)."""
    frame = db.query(con, name, **{**WHOLE, **params})
    # A household list's totals (the same on every row) are checked on their own, below.
    frame = frame.drop(columns=["baris_total", "rumah_tangga_total"], errors="ignore")
    if columns:
        frame = frame[columns]
    frame = frame.astype(object).where(frame.notna(), None)
    return [tuple(value.date() if isinstance(value, pd.Timestamp) else value for value in row)
            for row in frame.itertuples(index=False)]


# coverage_by_area -------------------------------------------------------------------------------

def test_coverage_by_area_counts_enrolment_target_and_reach_at_three_levels(con):
    # Reached: only H1 had household-level deliveries. 4 of 35 enrolled; 1 of 4 reached.
    assert rows(con, "coverage_by_area") == [
        ("kota", KOTA, JAKSEL, None, 4, 35, pytest.approx(4 / 35), 1, 0.25),
        ("kecamatan", JAGAKARSA, "Jagakarsa", KOTA, 3, 15, 0.2, 1, pytest.approx(1 / 3)),
        ("kecamatan", MAMPANG, "Mampang Prapatan", KOTA, 1, 20, 0.05, 0, 0.0),
        ("kelurahan", PELA_MAMPANG, "Pela Mampang", MAMPANG, 1, 20, 0.05, 0, 0.0),
        ("kelurahan", TANJUNG_BARAT, "Tanjung Barat", JAGAKARSA, 3, 15, 0.2, 1, pytest.approx(1 / 3)),
    ]


def test_coverage_by_area_follows_the_period(con):
    # By the end of 2023: H1 and H2 enrolled, only the 2023 target; Pela Mampang has neither yet.
    # From 2024 on nobody was reached (every household-level delivery was in 2023).
    assert rows(con, "coverage_by_area", sampai=date(2023, 12, 31)) == [
        ("kota", KOTA, JAKSEL, None, 2, 10, 0.2, 1, 0.5),
        ("kecamatan", JAGAKARSA, "Jagakarsa", KOTA, 2, 10, 0.2, 1, 0.5),
        ("kelurahan", TANJUNG_BARAT, "Tanjung Barat", JAGAKARSA, 2, 10, 0.2, 1, 0.5),
    ]
    reached = rows(con, "coverage_by_area", ["rt_dijangkau"], dari=date(2024, 1, 1))
    assert reached == [(0,)] * 5


def test_coverage_by_area_narrows_to_the_chosen_kecamatan(con):
    assert rows(con, "coverage_by_area", ["tingkat", "wilayah", "rt_terdaftar", "sasaran_rt"], kecamatan=MAMPANG) == [
        ("kota", JAKSEL, 1, 20), ("kecamatan", "Mampang Prapatan", 1, 20), ("kelurahan", "Pela Mampang", 1, 20)]


# coverage_map_kelurahan -------------------------------------------------------------------------

def test_map_draws_every_kelurahan_of_the_programme_kota_and_colours_two(con):
    shown = db.query(con, "coverage_map_kelurahan", **WHOLE)
    assert len(shown) == 65  # every kelurahan of Jakarta Selatan
    assert not shown.dipilih.any()
    coloured = [row for row in rows(con, "coverage_map_kelurahan") if row[6]]
    # ordered by kecamatan: Jagakarsa before Mampang Prapatan
    assert coloured == [
        (TANJUNG_BARAT, "Tanjung Barat", "Jagakarsa", 3, 15, 0.2, True, False),
        (PELA_MAMPANG, "Pela Mampang", "Mampang Prapatan", 1, 20, 0.05, True, False),
    ]


def test_map_shows_the_chosen_kecamatan_or_the_kota_around_a_chosen_kelurahan(con):
    assert len(db.query(con, "coverage_map_kelurahan", **WHOLE, kecamatan=JAGAKARSA)) == 6
    around = db.query(con, "coverage_map_kelurahan", **WHOLE, kelurahan=TANJUNG_BARAT)
    assert len(around) == 65
    assert list(around[around.dipilih].kode_kelurahan) == [TANJUNG_BARAT]


# coverage_by_jenis ------------------------------------------------------------------------------

def test_coverage_by_jenis_divides_reach_by_enrolled_and_by_the_types_target(con):
    columns = ["jenis_intervensi", "tingkat", "kegiatan", "rt_dijangkau", "rt_terdaftar", "cakupan",
               "sasaran_rt", "capaian_sasaran"]
    assert rows(con, "coverage_by_jenis", columns) == [
        # two paintings of one household: 2 deliveries, 1 household
        ("pengecatan_pembenahan_rumah", "rumah_tangga", 2, 1, 4, 0.25, None, None),
        ("sosialisasi_phbs", "rumah_tangga", 1, 1, 4, 0.25, 10, 0.1),
        # an RW-level activity reaches no household by itself
        ("penataan_lingkungan_rw", "rw", 1, None, 4, None, None, None),
    ]


def test_coverage_by_jenis_shows_a_target_nobody_has_met_yet(con):
    assert rows(con, "coverage_by_jenis", kelurahan=PELA_MAMPANG) == [
        ("sosialisasi_phbs", "rumah_tangga", 0, 0, 1, 10, 0.0, 0.0),
        ("penataan_lingkungan_rw", "rw", 1, None, 1, None, None, None),
    ]


# coverage_kelurahan_by_jenis --------------------------------------------------------------------

def test_heatmap_grid_keeps_the_zeros_where_the_programme_does_not_reach(con):
    assert rows(con, "coverage_kelurahan_by_jenis") == [
        (PELA_MAMPANG, "Pela Mampang", "pengecatan_pembenahan_rumah", 1, 0, 0.0, 0),
        (PELA_MAMPANG, "Pela Mampang", "sosialisasi_phbs", 1, 0, 0.0, 0),
        (TANJUNG_BARAT, "Tanjung Barat", "pengecatan_pembenahan_rumah", 3, 1, pytest.approx(1 / 3), 2),
        (TANJUNG_BARAT, "Tanjung Barat", "sosialisasi_phbs", 3, 1, pytest.approx(1 / 3), 1),
    ]


# gaps_by_kelurahan and gaps_households ----------------------------------------------------------

def test_gaps_count_households_whose_need_no_delivered_intervention_answers(con):
    # Latest rounds: H1 only "every participant"; H2 no regular income; H3 poor without assistance;
    # H4 at risk of stunting, child not in PAUD, not ber-PHBS. No facilitator visit, training,
    # referral or PAUD referral was delivered, so every need is a gap.
    assert rows(con, "gaps_by_kelurahan", ["kelurahan", "kebutuhan", "rt_berkebutuhan", "rt_tanpa_intervensi",
                                           "porsi_tanpa_intervensi", "jenis_penjawab"]) == [
        ("Tanjung Barat", "semua_peserta", 3, 3, 1.0, "kunjungan_rumah_fasilitator"),
        ("Tanjung Barat", "belum_terlindungi_bansos", 1, 1, 1.0, "rujukan_bansos_dtsen"),
        ("Tanjung Barat", "tanpa_penghasilan", 1, 1, 1.0, "pelatihan_ekonomi_produktif"),
        ("Pela Mampang", "anak_belum_paud", 1, 1, 1.0, "rujukan_paud"),
        ("Pela Mampang", "belum_ber_phbs", 1, 1, 1.0, "sosialisasi_phbs"),
        ("Pela Mampang", "berisiko_stunting", 1, 1, 1.0, "rujukan_posyandu_gizi"),
        ("Pela Mampang", "semua_peserta", 1, 1, 1.0, "kunjungan_rumah_fasilitator"),
    ]


def test_gaps_as_of_a_date_count_needs_answered_by_then(con):
    # By 2023-09-30 H1 has only its baseline: not a decent house, low cleanliness (both answered by
    # the painting of 26 September), not ber-PHBS (answered by the outreach of 25 September), no
    # parenting class (a gap). H2's baseline: no regular income (a gap). Both need facilitator visits.
    assert rows(con, "gaps_by_kelurahan", ["kebutuhan", "rt_berkebutuhan", "rt_tanpa_intervensi",
                                           "porsi_tanpa_intervensi"], sampai=date(2023, 9, 30)) == [
        ("semua_peserta", 2, 2, 1.0),
        ("belum_ikut_parenting", 1, 1, 1.0),
        ("tanpa_penghasilan", 1, 1, 1.0),
        ("belum_ber_phbs", 1, 0, 0.0),
        ("kebersihan_rendah", 1, 0, 0.0),
        ("rumah_tidak_layak", 1, 0, 0.0),
    ]


def test_gap_list_names_households_with_rw_rt_and_their_unanswered_needs(con):
    assert rows(con, "gaps_households", ["id_rumah_tangga", "kelurahan", "rw", "rt", "tanggal_survei", "kebutuhan"],
                sampai=date(2023, 9, 30), wilayah_akses=None) == [
        (H1, "Tanjung Barat", 3, 4, date(2023, 9, 20), "belum_ikut_parenting"),
        (H1, "Tanjung Barat", 3, 4, date(2023, 9, 20), "semua_peserta"),
        (H2, "Tanjung Barat", 3, 4, date(2023, 9, 21), "semua_peserta"),
        (H2, "Tanjung Barat", 3, 4, date(2023, 9, 21), "tanpa_penghasilan"),
    ]
    assert len(rows(con, "gaps_households", wilayah_akses=None)) == 9


def test_gap_list_stays_inside_the_users_area_by_whole_code_segments(con):
    assert {row[0] for row in rows(con, "gaps_households", wilayah_akses=MAMPANG)} == {H4}
    assert {row[0] for row in rows(con, "gaps_households", wilayah_akses=TANJUNG_BARAT)} == {H1, H2, H3}
    # "31.74.0" is not a whole segment of 31.74.09 or 31.74.03: nothing.
    assert rows(con, "gaps_households", wilayah_akses="31.74.0") == []


def test_a_page_of_the_gap_list_is_its_slice_with_the_whole_lists_totals(con):
    whole = db.query(con, "gaps_households", **WHOLE, wilayah_akses=None)
    assert len(whole) == 9 and set(whole.baris_total) == {9} and set(whole.rumah_tangga_total) == {4}
    second = db.query(con, "gaps_households", **WHOLE, wilayah_akses=None, limit=4, offset=4)
    assert second.drop(columns=["baris_total", "rumah_tangga_total"]).equals(
        whole.iloc[4:8].drop(columns=["baris_total", "rumah_tangga_total"]).reset_index(drop=True))
    assert set(second.baris_total) == {9} and set(second.rumah_tangga_total) == {4}
    assert len(db.query(con, "gaps_households", **WHOLE, wilayah_akses=None, limit=4, offset=8)) == 1
    # Totals within the user's area only: Mampang's H4.
    mampang = db.query(con, "gaps_households", **WHOLE, wilayah_akses=MAMPANG, limit=1)
    assert len(mampang) == 1 and set(mampang.rumah_tangga_total) == {1}


def test_the_overlap_list_pages_too(con):
    assert db.query(con, "overlaps_households", **WHOLE, wilayah_akses=None, limit=1, offset=1).empty
    (row,) = db.query(con, "overlaps_households", **WHOLE, wilayah_akses=None, limit=1, offset=0).itertuples()
    assert (row.id_rumah_tangga, row.baris_total, row.rumah_tangga_total) == (H1, 1, 1)


# overlaps ---------------------------------------------------------------------------------------

def test_overlaps_find_one_household_painted_by_two_agencies(con):
    assert rows(con, "overlaps_by_kelurahan") == [
        (TANJUNG_BARAT, "Tanjung Barat", "pengecatan_pembenahan_rumah", 1, 2, "NOVALUX TP_PKK_JAKSEL")]
    assert rows(con, "overlaps_households", wilayah_akses=None) == [
        (H1, TANJUNG_BARAT, "Tanjung Barat", "pengecatan_pembenahan_rumah", "NOVALUX TP_PKK_JAKSEL", 2,
         date(2023, 9, 26), date(2023, 10, 1))]


def test_overlaps_are_counted_within_the_period_and_the_users_area(con):
    # From 27 September only TP PKK's painting is in the period: no overlap.
    assert rows(con, "overlaps_by_kelurahan", dari=date(2023, 9, 27)) == []
    assert rows(con, "overlaps_households", wilayah_akses=MAMPANG) == []


# coverage_deliveries_by_month -------------------------------------------------------------------

def test_deliveries_by_month_and_type(con):
    assert rows(con, "coverage_deliveries_by_month") == [
        (date(2023, 9, 1), "pengecatan_pembenahan_rumah", 1, 1),
        (date(2023, 9, 1), "sosialisasi_phbs", 1, 1),
        (date(2023, 10, 1), "pengecatan_pembenahan_rumah", 1, 1),
        (date(2024, 4, 1), "penataan_lingkungan_rw", 1, 0),
    ]
    assert rows(con, "coverage_deliveries_by_month", lembaga="TP_PKK_JAKSEL") == [
        (date(2023, 10, 1), "pengecatan_pembenahan_rumah", 1, 1)]


# contributions_by_agency ------------------------------------------------------------------------

def test_agency_totals_and_shares_of_the_programme(con):
    # Rp155 million in all: 100 + 50 in money, 5 in goods. Four deliveries, one each.
    columns = ["kode_lembaga", "dana_idr", "barang_idr", "jam_fasilitator", "sesi", "rujukan", "nilai_idr",
               "porsi_nilai", "kegiatan", "porsi_kegiatan", "rt_dijangkau", "kelurahan_dijangkau"]
    assert rows(con, "contributions_by_agency", columns) == [
        ("KEMENKO_PMK", 100e6, 0.0, 0.0, 0.0, 0.0, 100e6, pytest.approx(100 / 155), 0, 0.0, 0, 1),
        ("PEMKOT_JAKSEL", 50e6, 0.0, 0.0, 0.0, 0.0, 50e6, pytest.approx(50 / 155), 0, 0.0, 0, 0),
        ("NOVALUX", 0.0, 5e6, 0.0, 0.0, 0.0, 5e6, pytest.approx(5 / 155), 1, 0.25, 1, 1),
        ("SUDIN_KES", 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1, 0.25, 1, 1),
        ("SUDIN_LH", 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1, 0.25, 0, 1),
        ("TP_PKK_JAKSEL", 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1, 0.25, 1, 1),
    ]


def test_agency_totals_in_a_kecamatan_leave_out_city_wide_money(con):
    # Jagakarsa: Rp105 million (PEMKOT's city-wide Rp50 million does not belong to one kecamatan),
    # three deliveries; SUDIN_LH worked in Mampang Prapatan only.
    assert rows(con, "contributions_by_agency", ["kode_lembaga", "nilai_idr", "porsi_nilai", "kegiatan",
                                                 "porsi_kegiatan"], kecamatan=JAGAKARSA) == [
        ("KEMENKO_PMK", 100e6, pytest.approx(100 / 105), 0, 0.0),
        ("NOVALUX", 5e6, pytest.approx(5 / 105), 1, pytest.approx(1 / 3)),
        ("SUDIN_KES", 0.0, 0.0, 1, pytest.approx(1 / 3)),
        ("TP_PKK_JAKSEL", 0.0, 0.0, 1, pytest.approx(1 / 3)),
    ]
    assert "PEMKOT_JAKSEL" in {row[0] for row in rows(con, "contributions_by_agency", kota=KOTA)}


def test_agency_hours_sessions_and_referrals_are_summed_by_kind(con):
    con.execute(
        "insert into kontribusi by name select * from (values "
        "('KTB-9', date '2024-02-01', 'YKEI', 'jam_fasilitator', '31.74.09.1005', 12.0, 'jam', 1200000.0, 3), "
        "('KTB-10', date '2024-02-02', 'YKEI', 'sesi', '31.74.09.1005', 3.0, 'sesi', null, 3), "
        "('KTB-11', date '2024-02-03', 'YKEI', 'rujukan', '31.74.03.1003', 2.0, 'rujukan', null, 3)) "
        "as extra(id_kontribusi, tanggal, kode_lembaga, jenis_kontribusi, kode_kelurahan, jumlah, satuan, "
        "nilai_idr, upload_id)")
    db.refresh_summary(con)
    ykei = [row for row in rows(con, "contributions_by_agency") if row[0] == "YKEI"]
    # jam 12 worth Rp1.2 million, 3 sessions, 2 referrals, in two kelurahan; Rp1.2 of Rp156.2 million.
    assert [row[3:11] + row[13:] for row in ykei] == [
        (0.0, 0.0, 12.0, 3.0, 2.0, 1.2e6, pytest.approx(1.2 / 156.2), 0, 2)]


# who does what where ----------------------------------------------------------------------------

def test_agency_by_area_is_by_kecamatan_with_city_wide_money_apart(con):
    assert rows(con, "contributions_agency_by_area") == [
        ("KEMENKO_PMK", JAGAKARSA, "Jagakarsa", 0, 0, 100e6),
        ("NOVALUX", JAGAKARSA, "Jagakarsa", 1, 1, 5e6),
        ("PEMKOT_JAKSEL", None, None, 0, 0, 50e6),
        ("SUDIN_KES", JAGAKARSA, "Jagakarsa", 1, 1, 0.0),
        ("SUDIN_LH", MAMPANG, "Mampang Prapatan", 1, 0, 0.0),
        ("TP_PKK_JAKSEL", JAGAKARSA, "Jagakarsa", 1, 1, 0.0),
    ]


def test_agency_by_area_is_by_kelurahan_once_a_kecamatan_is_chosen_and_can_be_one_agency(con):
    assert rows(con, "contributions_agency_by_area", ["kode_lembaga", "kode_wilayah"], kecamatan=JAGAKARSA) == [
        ("KEMENKO_PMK", TANJUNG_BARAT), ("NOVALUX", TANJUNG_BARAT), ("SUDIN_KES", TANJUNG_BARAT),
        ("TP_PKK_JAKSEL", TANJUNG_BARAT)]
    assert rows(con, "contributions_agency_by_area", lembaga="SUDIN_LH") == [
        ("SUDIN_LH", MAMPANG, "Mampang Prapatan", 1, 0, 0.0)]


def test_flow_goes_from_agency_to_type_to_kecamatan(con):
    assert rows(con, "contributions_flow") == [
        (1, "NOVALUX", "pengecatan_pembenahan_rumah", None, 1),
        (1, "SUDIN_KES", "sosialisasi_phbs", None, 1),
        (1, "SUDIN_LH", "penataan_lingkungan_rw", None, 1),
        (1, "TP_PKK_JAKSEL", "pengecatan_pembenahan_rumah", None, 1),
        (2, "pengecatan_pembenahan_rumah", JAGAKARSA, "Jagakarsa", 2),
        (2, "penataan_lingkungan_rw", MAMPANG, "Mampang Prapatan", 1),
        (2, "sosialisasi_phbs", JAGAKARSA, "Jagakarsa", 1),
    ]


# the agency scorecard ---------------------------------------------------------------------------

def test_agency_options_list_every_agency_largest_partner_first(con):
    codes = [row[0] for row in rows(con, "agency_options")]
    assert len(codes) == 16
    assert codes[:6] == ["KEMENKO_PMK", "PEMKOT_JAKSEL", "NOVALUX", "SUDIN_KES", "SUDIN_LH", "TP_PKK_JAKSEL"]


def test_agency_contributions_by_month(con):
    assert rows(con, "agency_contributions_by_month", lembaga="NOVALUX") == [
        (date(2023, 9, 1), "barang", "liter", 20.0, 5e6)]
    assert rows(con, "agency_contributions_by_month", lembaga="PEMKOT_JAKSEL") == [
        (date(2024, 1, 1), "dana_idr", "IDR", 50e6, 50e6)]
    assert rows(con, "agency_contributions_by_month", lembaga="PEMKOT_JAKSEL", kecamatan=JAGAKARSA) == []


def test_agency_deliveries_against_the_programme(con):
    # NOVALUX painted once of the programme's two paintings (both of H1).
    assert rows(con, "agency_deliveries_by_jenis", lembaga="NOVALUX") == [
        ("pengecatan_pembenahan_rumah", 1, 1, 2, 1, 0.5)]
    assert rows(con, "agency_deliveries_by_jenis", lembaga="SUDIN_LH") == [
        ("penataan_lingkungan_rw", 1, 0, 1, 0, 1.0)]
    assert rows(con, "agency_deliveries_by_jenis", lembaga="KEMENKO_PMK") == []


# threew -----------------------------------------------------------------------------------------

def test_threew_rows_carry_names_codes_sector_reach_and_dates(con):
    def row(code, name, kind, intervention, sector, kecamatan_code, kecamatan, kelurahan_code, kelurahan, reached,
            start):
        return (code, name, kind, intervention, sector, "31", "Daerah Khusus Jakarta", KOTA, JAKSEL, kecamatan_code,
                kecamatan, kelurahan_code, kelurahan, 1, reached, start, start)

    assert rows(con, "threew") == [
        row("NOVALUX", "Novalux Paint", "swasta", "pengecatan_pembenahan_rumah", "kebersihan", JAGAKARSA,
            "Jagakarsa", TANJUNG_BARAT, "Tanjung Barat", 1, date(2023, 9, 26)),
        row("SUDIN_KES", "Suku Dinas Kesehatan Kota Jakarta Selatan", "suku_dinas", "sosialisasi_phbs",
            "kesehatan_gizi", JAGAKARSA, "Jagakarsa", TANJUNG_BARAT, "Tanjung Barat", 1, date(2023, 9, 25)),
        row("TP_PKK_JAKSEL", "Tim Penggerak PKK Kota Jakarta Selatan", "organisasi_masyarakat",
            "pengecatan_pembenahan_rumah", "kebersihan", JAGAKARSA, "Jagakarsa", TANJUNG_BARAT, "Tanjung Barat", 1,
            date(2023, 10, 1)),
        row("SUDIN_LH", "Suku Dinas Lingkungan Hidup Kota Jakarta Selatan", "suku_dinas", "penataan_lingkungan_rw",
            "kebersihan", MAMPANG, "Mampang Prapatan", PELA_MAMPANG, "Pela Mampang", None, date(2024, 4, 1)),
    ]


def test_every_new_query_opens_with_a_header_naming_its_params_and_returns():
    for path in sorted(db.QUERIES.glob("*.sql")):
        if path.stem.split("_")[0] in ("coverage", "contributions", "agency", "gaps", "overlaps", "threew"):
            text = path.read_text(encoding="utf-8")
            assert text.startswith("-- "), path.name
            assert "-- Params:" in text and "-- Returns:" in text, path.name
            assert "select * from last_step" in text, path.name
