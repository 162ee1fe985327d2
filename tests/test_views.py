"""The derived measures of the data contract, on fixture rows worked out by hand."""

import fixtures
from fixtures import H1, H2, H3, H4, H5


def measures(con, household, round_no):
    return con.execute(
        "select tahapan_ks, phbs_skor, rt_ber_phbs, keluarga_berisiko_stunting, skor_ketahanan, "
        "band_ketahanan from survei_indikator where id_rumah_tangga = ? and putaran_ke = ?",
        [household, round_no],
    ).fetchone()


def test_welfare_stage_is_the_first_level_with_an_unmet_item(con):
    assert measures(con, H1, 1)[0] == "pra_sejahtera"
    assert measures(con, H1, 2)[0] == "ks_2"
    assert measures(con, H2, 1)[0] == "ks_1"
    assert measures(con, H4, 1)[0] == "ks_2"
    assert measures(con, H5, 2)[0] == "ks_3_plus"


def test_tidak_berlaku_counts_as_met_for_the_stage(con):
    con.execute("update survei set ks1_05 = 'tidak_berlaku', ks2_08 = 'tidak_berlaku' where id_rumah_tangga = ?", [H5])
    assert measures(con, H5, 2)[0] == "ks_3_plus"


def test_phbs_score_counts_ya_and_ber_phbs_ignores_items_not_applicable(con):
    # H1 round 1: three items tidak_berlaku, cuci_tangan tidak: 6 ya, not ber-PHBS.
    assert measures(con, H1, 1)[1:3] == (6, False)
    # H1 round 2: all ten ya.
    assert measures(con, H1, 2)[1:3] == (10, True)
    con.execute("update survei set phbs_cuci_tangan = 'ya' where id_rumah_tangga = ? and putaran_ke = 1", [H1])
    # Seven ya, the other three not applicable: ber-PHBS.
    assert measures(con, H1, 1)[1:3] == (7, True)


def test_stunting_risk_needs_a_target_and_a_risk_factor(con):
    assert measures(con, H4, 1)[3] is False  # child under five, no risk factor
    assert measures(con, H4, 2)[3] is True  # child under five, latrine without septic tank
    con.execute("update survei set jamban = 'tanpa_septik' where id_rumah_tangga = ?", [H5])
    assert measures(con, H5, 2)[3] is False  # risk factor, but no target member


def test_ketahanan_score_reverses_conflict_and_skips_items_not_applicable(con):
    assert measures(con, H1, 1)[4:] == (100.0, "tangguh")
    # H2 round 1: 9 applicable, tabungan and internet unmet, conflict present: 6/9.
    assert measures(con, H2, 1)[4:] == (66.7, "berkembang")


def test_ketahanan_bands_have_their_edges_where_the_contract_puts_them(con):
    # 4 of 10 met = 40: berkembang; 3 of 10 = 30: rentan.
    con.execute(
        "update survei set ib_ibadah = 'tidak', ib_buku_nikah = 'tidak', ib_akta_lahir_anak = 'tidak', "
        "ib_sumber_penghasilan = 'tidak', ib_makanan_beragam = 'tidak', ib_tabungan = 'tidak' "
        "where id_rumah_tangga = ?", [H5])
    assert measures(con, H5, 2)[4:] == (40.0, "berkembang")
    con.execute("update survei set ib_akses_internet = 'tidak' where id_rumah_tangga = ?", [H5])
    assert measures(con, H5, 2)[4:] == (30.0, "rentan")


def progress(con, sampai=None):
    rows = con.execute(
        "select id_rumah_tangga, kemajuan from kemajuan_per(sampai := ?::date)", [sampai]
    ).fetchall()
    return dict(rows)


def test_progress_compares_latest_round_with_baseline(con):
    assert progress(con) == {H1: "naik", H2: "tetap", H3: "hanya_baseline", H4: "turun", H5: "tanpa_baseline"}


def test_progress_as_of_a_date_ignores_later_rounds(con):
    # By 2024-06-30 H4 has only its baseline; H3 and later households are there, H1 is unchanged.
    assert progress(con, "2024-06-30") == {
        H1: "naik", H2: "tetap", H3: "hanya_baseline", H4: "hanya_baseline", H5: "tanpa_baseline"}
    assert progress(con, "2023-09-20") == {H1: "hanya_baseline"}


def needs(con, household):
    return dict(con.execute(
        "select kebutuhan, terjawab from kebutuhan_rumah_tangga where id_rumah_tangga = ?", [household]
    ).fetchall())


def test_needs_come_from_the_latest_round(con):
    # H1 latest round: everything met but KS III (saving): only "every participant".
    assert needs(con, H1) == {"semua_peserta": False}
    # H3: poor without social assistance; H4: at risk of stunting, child not in PAUD, not ber-PHBS.
    assert needs(con, H3) == {"belum_terlindungi_bansos": False, "semua_peserta": False}
    assert needs(con, H4) == {
        "berisiko_stunting": False, "anak_belum_paud": False, "belum_ber_phbs": False, "semua_peserta": False}
    # H5 has no baseline: not an enrolled participant.
    assert needs(con, H5) == {}


def test_a_need_is_answered_by_a_delivered_intervention_of_a_matching_type(con):
    con.execute(
        "update survei set phbs_cuci_tangan = 'tidak', skor_kebersihan_rumah = 1 "
        "where id_rumah_tangga = ? and putaran_ke = 2", [H1])
    # sosialisasi_phbs answers belum_ber_phbs; painting answers kebersihan_rendah.
    assert needs(con, H1) == {"belum_ber_phbs": True, "kebersihan_rendah": True, "semua_peserta": False}
    before = con.execute(
        "select kebutuhan, terjawab from kebutuhan_per(sampai := date '2023-09-25') where id_rumah_tangga = ?",
        [H1]).fetchall()
    # As of 2023-09-25 only the baseline exists; the PHBS outreach of that day already answers.
    assert dict(before)["belum_ber_phbs"] is True
    assert dict(before)["kebersihan_rendah"] is False


def test_fixture_has_what_its_docstring_says(con):
    assert con.execute("select count(distinct id_rumah_tangga) from survei_terkini").fetchone()[0] == 5
    assert len(fixtures.SURVEYS) == 8
