"""The demo generator: deterministic, within the data contract, and with a story that has gaps."""

import json
import re
import shutil
from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd
import pytest

from bebenah import db, demo

HOUSEHOLDS, SEED, OTHER_SEED = 300, 7, 8
TODAY = demo.DEFAULT_TODAY
TANJUNG_BARAT = "31.74.09.1005"
TABLES = {
    "survei": "id_rumah_tangga, putaran_ke",
    "intervensi": "id_kegiatan",
    "kontribusi": "id_kontribusi",
    "sasaran": "tahun, kode_kelurahan, jenis_intervensi",
    "uploads": "upload_id",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Three small builds: two with one seed, one with another; summaries and read-only connections."""
    folder = tmp_path_factory.mktemp("demo")
    builds = {}
    for name, seed in (("first", SEED), ("again", SEED), ("other", OTHER_SEED)):
        path = folder / f"{name}.duckdb"
        summary = demo.build(path, households=HOUSEHOLDS, seed=seed)
        builds[name] = (summary, duckdb.connect(str(path), read_only=True))
    yield builds
    for _, con in builds.values():
        con.close()


@pytest.fixture(scope="module")
def con(built):
    return built["first"][1]


def rows(con, query, params=None):
    return con.execute(query, params or []).fetchall()


def value(con, query, params=None):
    return con.execute(query, params or []).fetchone()[0]


def table(con, name):
    return con.execute(f"select * exclude (upload_id, baris) from {name} order by all" if name != "uploads"
                       else f"select * from {name} order by all").df()


def kamus() -> pd.DataFrame:
    return pd.read_csv(db.ROOT / "data" / "kamus" / "kamus_survei.csv", dtype=str, keep_default_na=False)


def test_same_seed_builds_identical_tables(built):
    first, again = built["first"][1], built["again"][1]
    for name in TABLES:
        pd.testing.assert_frame_equal(table(first, name), table(again, name), obj=name)


def test_other_seed_builds_other_data(built):
    first, other = built["first"][1], built["other"][1]
    assert not table(first, "survei").equals(table(other, "survei"))
    assert not table(first, "intervensi").equals(table(other, "intervensi"))


def test_summary_counts_the_tables(built):
    summary, con = built["first"]
    assert summary["households"] == HOUSEHOLDS
    for name in TABLES:
        assert summary[name] == value(con, f"select count(*) from {name}") > 0
    assert summary["seconds"] > 0


def test_cli_builds_and_prints_its_summary(tmp_path, capsys):
    path = tmp_path / "cli.duckdb"
    path.write_text("an old file the build must replace")
    demo.main(["--households", "40", "--seed", "3", "--out", str(path)])
    summary = json.loads(capsys.readouterr().out)
    assert summary["households"] == 40 and summary["path"] == str(path)
    with duckdb.connect(str(path), read_only=True) as cli:
        assert value(cli, "select count(distinct id_rumah_tangga) from survei") == 40


def test_settings_mark_the_database_as_demo(con):
    settings = dict(rows(con, "select key, value from settings"))
    assert settings["sumber_data"] == "demo"
    assert settings["demo_seed"] == str(SEED)
    assert settings["demo_households"] == str(HOUSEHOLDS)


def test_pilot_is_ten_pra_sejahtera_households_in_tanjung_barat_from_programme_start(con):
    pilot = rows(con, """
        select id_rumah_tangga, kode_kelurahan, tanggal_survei, tahapan_ks
        from survei_indikator
        where putaran_ke = 1 and year(tanggal_survei) = 2023
    """)
    assert len(pilot) == 10
    assert {kode for _, kode, _, _ in pilot} == {TANJUNG_BARAT}
    assert all(date(2023, 9, 13) <= day <= date(2023, 9, 30) for _, _, day, _ in pilot)
    assert min(day for _, _, day, _ in pilot) == date(2023, 9, 13)
    assert {stage for *_, stage in pilot} == {"pra_sejahtera"}
    assert sorted(household for household, *_ in pilot) == [f"BKK-3174091005-{i:03d}" for i in range(1, 11)]


def test_pilot_endline_comes_about_a_month_later_and_most_families_rise(con):
    endline = rows(con, """
        select e.jenis_putaran, e.putaran_ke, e.tanggal_survei - b.tanggal_survei as days, k.kemajuan
        from survei_indikator as b
        join survei_indikator as e on e.id_rumah_tangga = b.id_rumah_tangga and e.putaran_ke = 2
        join kemajuan_rumah_tangga as k on k.id_rumah_tangga = b.id_rumah_tangga
        where b.putaran_ke = 1 and year(b.tanggal_survei) = 2023
    """)
    assert len(endline) == 10
    assert {(kind, number) for kind, number, _, _ in endline} == {("endline", 2)}
    assert all(25 <= days <= 40 for _, _, days, _ in endline)
    assert sum(progress == "naik" for *_, progress in endline) >= 7


def test_pilot_deliveries_come_from_the_founding_partners(con):
    agencies = {agency for (agency,) in rows(con, """
        select distinct kode_lembaga from intervensi where tanggal < date '2024-01-01'
    """)}
    assert agencies <= {"KEMENKO_PMK", "PEMKOT_JAKSEL", "YKEI", "NOVALUX", "KEL_TANJUNG_BARAT"}
    assert {"NOVALUX", "YKEI"} <= agencies
    painted = value(con, """
        select count(distinct id_rumah_tangga) from intervensi
        where jenis_intervensi = 'pengecatan_pembenahan_rumah' and kode_lembaga = 'NOVALUX'
          and tanggal < date '2024-01-01'
    """)
    assert painted == 10


def test_rollout_covers_every_kecamatan_of_jakarta_selatan_from_2024(con):
    kecamatan = value(con, "select count(distinct left(kode_kelurahan, 8)) from survei where kode_kelurahan like '31.74.%'")
    assert kecamatan == 10
    assert value(con, "select count(*) from survei where left(kode_kelurahan, 5) <> '31.74'") == 0
    years = {y for (y,) in rows(con, """
        select distinct year(tanggal_survei) from survei
        where putaran_ke = 1 and id_rumah_tangga not in (
            select id_rumah_tangga from survei where year(tanggal_survei) = 2023)
    """)}
    assert years <= {2024, 2025}


def test_large_builds_spread_over_every_kelurahan_of_jakarta():
    rng = np.random.default_rng(1)
    small = demo._areas(rng, 1500)
    assert len(small.kode) == demo.SELATAN_KELURAHAN and TANJUNG_BARAT in small.kode
    assert len({kode[:8] for kode in small.kode}) == 10
    large = demo._areas(np.random.default_rng(1), demo.ALL_JAKARTA_ABOVE + 1)
    assert len(large.kode) == 267 and len(large.kota_codes) == 6


def test_round_numbers_and_dates_increase_together(con):
    backwards = value(con, """
        select count(*) from (
            select
                putaran_ke,
                tanggal_survei,
                lag(tanggal_survei) over (partition by id_rumah_tangga order by putaran_ke) as previous,
            from survei
        ) where tanggal_survei <= previous
    """)
    assert backwards == 0
    assert value(con, "select count(*) - count(distinct (id_rumah_tangga, putaran_ke)) from survei") == 0


def test_baseline_exactly_when_round_one(con):
    assert value(con, """
        select count(*) from survei where (jenis_putaran = 'baseline') <> (putaran_ke = 1)
    """) == 0
    assert {kind for (kind,) in rows(con, "select distinct jenis_putaran from survei")} == {
        "baseline", "monitoring", "endline"}


def test_consent_is_recorded_and_guardians_consent_for_young_children(con):
    assert rows(con, "select distinct persetujuan_tercatat from survei") == [("ya",)]
    assert value(con, """
        select count(*) from survei
        where (jumlah_balita > 0 or ada_baduta = 'ya') and persetujuan_wali_anak <> 'ya'
    """) == 0
    assert value(con, "select count(*) from survei where ada_baduta = 'ya' and jumlah_balita = 0") == 0


def test_phbs_child_items_not_applicable_only_without_young_children(con):
    for column in ("phbs_persalinan_nakes", "phbs_asi_eksklusif", "phbs_timbang_balita"):
        assert value(con, f"""
            select count(*) from survei
            where ({column} = 'tidak_berlaku') <> (jumlah_balita = 0 and ada_baduta = 'tidak')
        """) == 0, column


def test_no_value_anywhere_looks_like_a_nik(con):
    for name in TABLES:
        columns = [c for (c,) in rows(con, f"select column_name from (describe {name})")]
        if name == "uploads":
            columns.remove("content_hash")  # a sha256 in hex holds 16-digit runs now and then, by chance
        hits = value(con, f"""
            select count(*) from {name}
            where {' or '.join(f"regexp_matches({c}::varchar, '[0-9]{{16}}')" for c in columns)}
        """)
        assert hits == 0, name


def test_household_code_embeds_its_kelurahan(con):
    assert value(con, """
        select count(*) from survei
        where not regexp_matches(id_rumah_tangga, '^BKK-[0-9]{10}-[0-9]{3,4}$')
           or substr(id_rumah_tangga, 5, 10) <> replace(kode_kelurahan, '.', '')
    """) == 0
    assert value(con, """
        select count(*) from (select id_rumah_tangga from survei group by 1 having count(distinct kode_kelurahan) > 1)
    """) == 0


def test_every_survey_value_obeys_the_dictionary(con):
    dictionary = kamus()
    survei = con.execute("select * exclude (upload_id, baris) from survei").df()
    assert set(survei.columns) == set(dictionary.kolom)
    kelurahan = {k for (k,) in rows(con, "select kode_kelurahan from wilayah")}
    for field in dictionary.itertuples():
        column = survei[field.kolom]
        present = column.dropna()
        if field.wajib == "ya":
            assert column.notna().all(), field.kolom
        if field.tipe == "choice":
            assert set(present) <= set(field.nilai.split("|")), field.kolom
        elif field.tipe == "multi":
            allowed = set(field.nilai.split(" (")[0].split("|"))
            for answer in present.unique():
                codes = answer.split(" ")
                assert set(codes) <= allowed and len(set(codes)) == len(codes), answer
                assert "tidak_ada" not in codes or codes == ["tidak_ada"], answer
        elif field.tipe in ("integer", "decimal"):
            bounds = re.match(r"(\d+)-(\d+)", field.nilai)
            low, high = (int(bounds[1]), int(bounds[2])) if bounds else (int(re.match(r">=(\d+)", field.nilai)[1]), None)
            assert present.min() >= low and (high is None or present.max() <= high), field.kolom
            if field.tipe == "integer":
                assert (present.astype(float) % 1 == 0).all(), field.kolom
        elif field.nilai.startswith("^"):
            assert present.str.match(field.nilai).all(), field.kolom
        elif field.kolom == "kode_kelurahan":
            assert set(present) <= kelurahan
        elif field.kolom == "catatan_fasilitator":
            assert present.str.len().max() <= 500
            assert 0 < len(present) < len(column) / 2


def test_facilitators_and_neighbourhoods_stay_in_their_ranges(con):
    facilitators = {f for (f,) in rows(con, "select distinct id_fasilitator from survei")}
    assert facilitators <= {f"FAS-{i:02d}" for i in range(1, 41)}
    low_rw, high_rw, low_rt, high_rt = rows(con, "select min(rw), max(rw), min(rt), max(rt) from survei")[0]
    assert (low_rw, low_rt) >= (1, 1) and high_rw <= 15 and high_rt <= 20
    assert value(con, """
        select max(n) from (select kode_kelurahan, count(distinct id_fasilitator) as n from survei group by 1)
    """) <= 2


def test_parenting_sessions_never_decrease(con):
    assert value(con, """
        select count(*) from (
            select ikut_sesi_parenting < lag(ikut_sesi_parenting) over (
                partition by id_rumah_tangga order by putaran_ke) as fell
            from survei
        ) where fell
    """) == 0
    assert value(con, "select max(ikut_sesi_parenting) from survei where putaran_ke = 3") > 0


def test_interventions_reach_existing_households_in_their_own_kelurahan(con):
    assert value(con, """
        select count(*) from intervensi
        where id_rumah_tangga is not null
          and id_rumah_tangga not in (select id_rumah_tangga from survei)
    """) == 0
    assert value(con, """
        select count(*) from intervensi as i
        join (select distinct id_rumah_tangga, kode_kelurahan, rw from survei) as s using (id_rumah_tangga)
        where i.kode_kelurahan <> s.kode_kelurahan or i.rw <> s.rw
    """) == 0
    assert value(con, "select count(*) - count(distinct id_kegiatan) from intervensi") == 0


def test_interventions_follow_the_catalogue(con):
    mismatched = rows(con, """
        select i.jenis_intervensi, j.tingkat, i.satuan, j.satuan
        from intervensi as i
        join jenis_intervensi as j on j.kode = i.jenis_intervensi
        where i.satuan <> j.satuan
           or (j.tingkat = 'rumah_tangga') <> (i.id_rumah_tangga is not null)
           or (j.tingkat = 'kelurahan') <> (i.rw is null)
           or i.jumlah < 0 or i.jumlah_peserta < 0
    """)
    assert mismatched == []
    assert value(con, "select count(*) from intervensi where kode_lembaga not in (select kode from lembaga)") == 0
    assert value(con, """
        select count(*) from intervensi
        where kode_lembaga = 'PUSKESMAS_JAGAKARSA' and not starts_with(kode_kelurahan, '31.74.09')
    """) == 0
    assert value(con, "select count(*) from intervensi where jumlah_peserta is not null") > 0


def test_interventions_fall_after_the_baseline(con):
    early = value(con, """
        select count(*) from intervensi as i
        join survei as s on s.id_rumah_tangga = i.id_rumah_tangga and s.putaran_ke = 1
        where i.tanggal <= s.tanggal_survei
    """)
    assert early == 0


def test_every_date_lies_between_programme_start_and_today(con):
    for name, column in (("survei", "tanggal_survei"), ("intervensi", "tanggal"), ("kontribusi", "tanggal"),
                         ("uploads", "uploaded_at::date")):
        low, high = rows(con, f"select min({column}), max({column}) from {name}")[0]
        assert date(2023, 9, 13) <= low and high <= TODAY, name
    assert value(con, "select max(tanggal_survei) from survei") > TODAY - timedelta(days=120)


def test_rows_carry_their_upload_and_file_row_number(con):
    for name in ("survei", "intervensi", "kontribusi", "sasaran"):
        problems = value(con, f"""
            select count(*) from (
                select upload_id, count(*) as n, min(baris) as first, max(baris) as last,
                       count(distinct baris) as distinct_rows
                from {name} group by 1
            ) as r
            left join uploads as u using (upload_id)
            where u.kind is distinct from '{name}' or u.rows_new <> r.n or r.first <> 2
               or r.last <> r.n + 1 or r.distinct_rows <> r.n
        """)
        assert problems == 0, name
    assert value(con, """
        select count(*) from uploads
        where upload_id not in (
            select upload_id from survei union all select upload_id from intervensi
            union all select upload_id from kontribusi union all select upload_id from sasaran
        )
    """) == 0
    assert rows(con, "select distinct file_shape, uploaded_by from uploads") == [("demo", "demo")]
    assert value(con, "select count(*) from uploads where file_name like 'demo_survei_putaran1_2023%.csv'") == 1


def test_uploads_follow_their_data(con):
    late = value(con, """
        select count(*) from survei join uploads using (upload_id) where uploaded_at::date < tanggal_survei
    """)
    assert late == 0
    assert value(con, "select count(*) - count(distinct content_hash) from uploads") == 0


def test_progress_shows_rises_and_every_kind_of_gap(con):
    kinds = dict(rows(con, "select kemajuan, count(*) from kemajuan_rumah_tangga group by all"))
    assert {"naik", "tetap", "hanya_baseline", "tanpa_baseline"} <= set(kinds)
    compared = kinds["naik"] + kinds["tetap"] + kinds.get("turun", 0)
    assert 0.4 <= kinds["naik"] / compared <= 0.75
    baseline = dict(rows(con, "select tahapan_ks, count(*) from survei_indikator where putaran_ke = 1 group by all"))
    assert (baseline["pra_sejahtera"] + baseline["ks_1"]) / sum(baseline.values()) > 0.6


def test_households_with_more_interventions_improve_more(con):
    shares = dict(rows(con, """
        with types as (
            select id_rumah_tangga, count(distinct jenis_intervensi) as n
            from intervensi where id_rumah_tangga is not null group by all
        )
        select coalesce(n, 0) >= 4 as many, avg((kemajuan = 'naik')::integer)
        from kemajuan_rumah_tangga left join types using (id_rumah_tangga)
        where kemajuan in ('naik', 'tetap', 'turun')
        group by all
    """))
    assert shares[True] > shares[False] + 0.1


def test_needs_are_partly_answered_and_partly_open(con):
    answered = {flag for (flag,) in rows(con, "select distinct terjawab from kebutuhan_rumah_tangga")}
    assert answered == {True, False}
    open_needs = value(con, "select count(distinct kebutuhan) from kebutuhan_rumah_tangga where not terjawab")
    assert open_needs >= 5


def test_some_households_get_one_type_from_two_agencies(con):
    overlaps = value(con, """
        select count(*) from (
            select id_rumah_tangga, jenis_intervensi from intervensi
            where id_rumah_tangga is not null group by all having count(distinct kode_lembaga) > 1
        )
    """)
    assert overlaps > 0


def test_contributions_are_money_goods_hours_sessions_and_referrals(con):
    kinds = {k for (k,) in rows(con, "select distinct jenis_kontribusi from kontribusi")}
    assert kinds == {"dana_idr", "barang", "jam_fasilitator", "sesi", "rujukan"}
    assert value(con, "select count(*) from kontribusi where jenis_kontribusi = 'dana_idr' and nilai_idr <> jumlah") == 0
    assert value(con, "select count(*) from kontribusi where kode_kelurahan is null") > 0
    assert value(con, "select count(*) from kontribusi where jumlah < 0 or nilai_idr < 0") == 0
    assert value(con, "select count(*) - count(distinct id_kontribusi) from kontribusi") == 0
    money = value(con, "select max(jumlah) from kontribusi where jenis_kontribusi = 'dana_idr'")
    assert 1e6 <= money < 1e12
    founders = {k for (k,) in rows(con, "select distinct kode_lembaga from kontribusi where tanggal < date '2024-01-01'")}
    assert {"KEMENKO_PMK", "PEMKOT_JAKSEL", "NOVALUX", "YKEI"} <= founders


def test_targets_start_with_the_pilot_and_some_are_missed(con):
    assert rows(con, """
        select jumlah_rt_sasaran from sasaran
        where tahun = 2023 and kode_kelurahan = '31.74.09.1005' and jenis_intervensi is null
    """) == [(10,)]
    assert {y for (y,) in rows(con, "select distinct tahun from sasaran")} == {2023, 2024, 2025, 2026}
    assert value(con, "select count(*) - count(distinct (tahun, kode_kelurahan, jenis_intervensi)) from sasaran") == 0
    assert value(con, "select count(*) from sasaran where jenis_intervensi is not null") > 0
    reached = rows(con, """
        with enrolled as (
            select kode_kelurahan, year(tanggal_survei) as tahun, count(*) as n
            from survei where putaran_ke = 1 group by all
        )
        select count(*) filter (where coalesce(n, 0) >= jumlah_rt_sasaran),
               count(*) filter (where coalesce(n, 0) < jumlah_rt_sasaran)
        from sasaran left join enrolled using (kode_kelurahan, tahun)
        where jenis_intervensi is null and tahun < 2026
    """)[0]
    assert reached[0] > 0 and reached[1] > 0


@pytest.mark.parametrize("kind", ["survei", "kontribusi", "sasaran"])
def test_the_upload_checks_accept_every_demo_row_as_unchanged(built, tmp_path, kind):
    from bebenah import ingest

    path = tmp_path / "copy.duckdb"
    shutil.copy(built["first"][0]["path"], path)
    copy = db.open_database(path)
    try:
        frame = copy.execute(f"select * from {kind}_terkini").df()
        parsed = ingest.read(frame.to_csv(index=False).encode(), f"demo_{kind}.csv")
        checked = ingest.check(copy.cursor(), parsed, kind=kind)
        assert checked.problems.empty, checked.problems.head().to_string()
        assert set(checked.status["status"]) == {"sama"} and len(checked.status) == len(frame)
    finally:
        copy.close()
