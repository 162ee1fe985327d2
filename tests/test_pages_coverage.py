"""The coverage and contributions pages through AppTest, in both languages: figures from the fixture,
filters that move them, and household-level rows only for the roles allowed to see them."""

import base64
import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import accounts
from bebenah import db
from fixtures import H1, H2, H3, H4, JAGAKARSA, TANJUNG_BARAT

ROOT = Path(__file__).resolve().parents[1]
COVERAGE, CONTRIBUTIONS = "app_pages/cakupan.py", "app_pages/kontribusi.py"


def open_page(path, lang="id", role="admin", query_params=None) -> AppTest:
    at = accounts.sign_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60), role)
    for key, value in (query_params or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(path).run()
    if lang != "id":
        at.radio(key="lang").set_value(lang).run()
    assert not at.exception, at.exception
    return at


def texts(at) -> list[str]:
    """Every markdown and caption on the page, markdown escapes removed."""
    return [element.value.replace("\\", "") for element in [*at.markdown, *at.caption]]


def has(at, text) -> bool:
    return any(text in value for value in texts(at))


def metric_values(at) -> list[str]:
    return [metric.value for metric in at.metric]


def frame_with(at, column):
    """The one table on the page with this column header."""
    frames = [frame.value for frame in at.dataframe if column in frame.value.columns]
    assert len(frames) == 1, f"{len(frames)} tables with {column}"
    return frames[0]


def values(array) -> list:
    """A plotly array from the figure's JSON: a list, or a typed array (dtype + base64 bytes)."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return array


def figure(at, key) -> dict:
    charts = [chart for chart in at.get("plotly_chart") if chart.proto.id.endswith(key) or key in chart.proto.id]
    assert charts, f"no chart {key}"
    return json.loads(charts[0].proto.spec)


# The coverage page ------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, title, headline", [
    ("id", "Cakupan intervensi",
     "Kota Administrasi Jakarta Selatan: 4 keluarga terdaftar dari sasaran 35 (11%); 25% di antaranya sudah "
     "menerima intervensi."),
    ("en", "Intervention coverage",
     "Kota Administrasi Jakarta Selatan: 4 households enrolled of a target of 35 (11%); 25% of them have "
     "received an intervention."),
])
def test_coverage_page_shows_enrolment_against_target_and_reach(fixture_db, lang, title, headline):
    at = open_page(COVERAGE, lang)
    assert at.title[0].value == title
    assert has(at, headline)
    # Six charts: map, reach per kecamatan, per type, the heatmap, the gaps, deliveries per month.
    assert len(at.get("plotly_chart")) == 6
    assert has(at, {"id": "capaian terendah di Pela Mampang (5%)", "en": "Pela Mampang is furthest behind (5%)"}[lang])
    assert has(at, {"id": "Kesenjangan terbesar: 3 keluarga di Tanjung Barat",
                    "en": "Largest gap: 3 households in Tanjung Barat"}[lang])
    assert has(at, {"id": "4 kegiatan dalam periode; terbanyak pada September 2023 (2 kegiatan)",
                    "en": "4 deliveries in the period; most in September 2023 (2)"}[lang])


def test_coverage_map_draws_the_kota_offline_and_colours_enrolment_against_target(fixture_db):
    spec = figure(open_page(COVERAGE), "coverage_map")
    base, coloured = spec["data"]
    assert base["type"] == coloured["type"] == "choropleth"
    # Every kelurahan of Jakarta Selatan: the two in the programme coloured, the other 63 grey.
    assert coloured["locations"] == [TANJUNG_BARAT, "31.74.03.1003"]
    assert len(base["locations"]) == 63 and not set(base["locations"]) & set(coloured["locations"])
    assert values(coloured["z"]) == [0.2, 0.05]
    # Each trace carries its own boundaries only: every boundary is sent once.
    for trace in (base, coloured):
        assert [feature["id"] for feature in trace["geojson"]["features"]] == list(trace["locations"])
        # Shapes only, at 11 m (four decimals): the names travel in the hover text.
        for feature in trace["geojson"]["features"]:
            assert set(feature) == {"type", "id", "geometry"}
            ring = feature["geometry"]["coordinates"][0][0] if feature["geometry"]["type"] == "MultiPolygon" \
                else feature["geometry"]["coordinates"][0]
            assert ring[0] == ring[-1] and len(ring) >= 4
            assert all(round(value, 4) == value for point in ring for value in point)
    assert spec["layout"]["geo"]["fitbounds"] == "locations"
    assert spec["layout"]["geo"]["projection"]["type"] == "mercator"


def test_a_kecamatan_filter_moves_the_coverage_figures(fixture_db):
    at = open_page(COVERAGE)
    at.selectbox(key="kecamatan").set_value(JAGAKARSA).run()
    assert has(at, "Kecamatan Jagakarsa · ")
    # The kecamatan's figures under the kecamatan's name (before, under its kota's).
    assert has(at, "Jagakarsa: 3 keluarga terdaftar dari sasaran 15 (20%); 33% di antaranya")
    assert not has(at, "Kota Administrasi Jakarta Selatan: 3 keluarga")
    assert sum(len(trace["locations"]) for trace in figure(at, "coverage_map")["data"]) == 6


def test_choosing_a_kelurahan_as_the_map_click_does_outlines_it_and_narrows_the_page(fixture_db):
    at = open_page(COVERAGE)
    # The map's click callback writes the code into the sidebar's selectbox state, as here.
    at.session_state["kelurahan"] = TANJUNG_BARAT
    at.run()
    assert at.selectbox(key="kelurahan").value == TANJUNG_BARAT
    assert has(at, "Kelurahan Tanjung Barat · ")
    coloured = figure(at, "coverage_map")["data"][1]
    assert values(coloured["marker"]["line"]["width"]) == [4, 1]
    assert has(at, "3 keluarga terdaftar dari sasaran 15 (20%)")


def built_downloads(monkeypatch) -> dict:
    """The household downloads' data, by key: functions the browser calls on a click (AppTest does not)."""
    from bebenah import page

    built = {}
    real_button = page.st.download_button
    monkeypatch.setattr(page.st, "download_button", lambda *args, **kwargs: (
        built.__setitem__(kwargs["key"], kwargs["data"]), real_button(*args, **kwargs))[1])
    return built


def export_entries() -> list:
    return db.cursor().execute(
        "select actor, action, target, detail from audit_log where action = 'export_households'").fetchall()


def test_admin_sees_and_downloads_the_gap_list_and_the_download_is_audited(fixture_db, monkeypatch):
    built = built_downloads(monkeypatch)
    at = open_page(COVERAGE, role="admin")
    listing = frame_with(at, "Tanggal survei terakhir")
    assert listing.shape[0] == 9
    assert set(listing["Kode rumah tangga"]) == {H1, H2, H3, H4}
    assert has(at, "Baris 1–9 dari 9")
    assert at.download_button(key="download_gaps_households")
    assert export_entries() == [], "nothing is read, built or logged before the click"
    data = built["download_gaps_households"]()
    lines = data.decode("utf-8-sig").splitlines()
    assert data.startswith(b"\xef\xbb\xbf") and len(lines) == 1 + 9
    assert lines[0].startswith("Kode rumah tangga,") and {line.split(",")[0] for line in lines[1:]} == {H1, H2, H3, H4}
    assert export_entries() == [("ani", "export_households", "gaps_households *", json.dumps({"rows": 9}))]


def test_the_gap_list_file_is_in_the_language_of_the_page(fixture_db, monkeypatch):
    built = built_downloads(monkeypatch)
    open_page(COVERAGE, "en", role="admin")
    # Called as the browser's click calls it: outside the page's run, in another thread.
    text = built["download_gaps_households"]().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Household code,")
    assert "Every enrolled household" in text


def test_an_uploaders_gap_list_download_holds_their_area_only_and_is_audited(fixture_db, monkeypatch):
    built = built_downloads(monkeypatch)
    open_page(COVERAGE, role="uploader")
    text = built["download_gaps_households"]().decode("utf-8-sig")
    assert H1 in text and H4 not in text
    assert export_entries() == [("umar", "export_households", "gaps_households 31.74.09", json.dumps({"rows": 5}))]


def test_the_gap_list_pages_with_the_total_and_next_and_previous(fixture_db, monkeypatch):
    from bebenah import page

    monkeypatch.setattr(page, "PAGE_ROWS", 4)
    monkeypatch.setattr(page.list_page, "__defaults__", (None, 4))
    monkeypatch.setattr(page.pager, "__defaults__", (4,))
    at = open_page(COVERAGE, role="admin")
    first = frame_with(at, "Tanggal survei terakhir")
    assert len(first) == 4 and has(at, "Baris 1–4 dari 9")
    assert has(at, "9 kebutuhan belum terjawab pada 4 keluarga")
    assert at.button(key="gaps_households_previous").disabled
    at.button(key="gaps_households_next").click().run()
    second = frame_with(at, "Tanggal survei terakhir")
    assert len(second) == 4 and has(at, "Baris 5–8 dari 9")
    at.button(key="gaps_households_next").click().run()
    last = frame_with(at, "Tanggal survei terakhir")
    assert len(last) == 1 and has(at, "Baris 9–9 dari 9") and at.button(key="gaps_households_next").disabled
    # The three pages are the whole list, in the list's order, each row once.
    whole = db.query(db.cursor(), "gaps_households", dari=date(2023, 9, 13), sampai=date.today(),
                     wilayah_akses=None, limit=None, offset=None)
    assert [*first["Kode rumah tangga"], *second["Kode rumah tangga"], *last["Kode rumah tangga"]] == list(
        whole.id_rumah_tangga)
    at.button(key="gaps_households_previous").click().run()
    assert has(at, "Baris 5–8 dari 9")


@pytest.mark.parametrize("role, households", [
    ("uploader", {H1, H2, H3}),  # Jagakarsa
    ("uploader_kelurahan", {H4}),  # Pela Mampang
])
def test_uploaders_see_the_gap_list_of_their_own_area_only(fixture_db, role, households):
    at = open_page(COVERAGE, role=role)
    listing = frame_with(at, "Tanggal survei terakhir")
    assert set(listing["Kode rumah tangga"]) == households


def test_viewers_never_get_household_rows_nor_run_a_household_query(fixture_db, monkeypatch):
    ran = []
    query = db.query
    monkeypatch.setattr(db, "query", lambda con, name, **params: ran.append(name) or query(con, name, **params))
    at = open_page(COVERAGE, role="viewer")
    assert "gaps_by_kelurahan" in ran and "overlaps_by_kelurahan" in ran
    assert "gaps_households" not in ran and "overlaps_households" not in ran
    assert "download_gaps_households" not in [button.key for button in at.download_button]
    assert all("Kode rumah tangga" not in frame.value.columns for frame in at.dataframe)
    assert has(at, "Daftar per keluarga hanya untuk pengunggah di wilayahnya dan admin.")
    # Every aggregate of the fixture counts fewer than 5 households: the viewer sees them hidden.
    assert has(at, "jumlah peserta disembunyikan")
    assert any("disembunyikan karena mewakili terlalu sedikit keluarga" in info.value for info in at.info)


def test_overlaps_name_the_two_agencies_that_painted_the_same_house(fixture_db):
    at = open_page(COVERAGE, "en")
    assert has(at, "1 intervention types reached the same households from two or more agencies in 1 kelurahan; "
                   "for example House painting and tidying in Tanjung Barat by Novalux Paint, TP PKK Jakarta Selatan.")
    repeated = frame_with(at, "First")
    assert list(repeated["Household code"]) == [H1]


# The contributions page -------------------------------------------------------------------------

@pytest.mark.parametrize("lang, figures, headline", [
    ("id", ["Rp155,0 juta", "6", "4", "0"],
     "6 lembaga berkontribusi senilai Rp155,0 juta; terbesar Kemenko PMK (65% dari nilai program)."),
    ("en", ["Rp155.0 million", "6", "4", "0"],
     "6 agencies contributed Rp155.0 million in value; the largest is Kemenko PMK (65% of the programme's value)."),
])
def test_contributions_page_totals_each_agency(fixture_db, lang, figures, headline):
    at = open_page(CONTRIBUTIONS, lang)
    assert at.title[0].value == {"id": "Kontribusi lembaga", "en": "Agency contributions"}[lang]
    assert metric_values(at)[:4] == figures
    assert has(at, headline)
    table = frame_with(at, {"id": "Porsi nilai program", "en": "Share of programme value"}[lang])
    assert list(table.iloc[:, 0]) == ["Kemenko PMK", "Pemkot Jakarta Selatan", "Novalux Paint", "Sudin Kesehatan",
                                      "Sudin Lingkungan Hidup", "TP PKK Jakarta Selatan"]
    # Shown with the language's number format.
    assert table.iloc[0, 2] == ("Rp100.000.000" if lang == "id" else "Rp100,000,000")


def test_contributions_matrix_and_flow_say_who_does_what_where(fixture_db):
    at = open_page(CONTRIBUTIONS)
    matrix = figure(at, "contributions_matrix")["data"][0]
    assert matrix["x"] == ["Jagakarsa", "Mampang Prapatan", "Seluruh kota"]
    # agencies with most deliveries first (ties keep their order), money-only agencies last
    assert matrix["y"][-2:] == ["Kemenko PMK", "Pemkot Jakarta Selatan"]
    assert has(at, "Jagakarsa dilayani lembaga terbanyak (4); 1 wilayah hanya dilayani satu lembaga.")
    flow = figure(at, "contributions_flow")["data"][0]
    assert flow["type"] == "sankey"
    assert sum(flow["link"]["value"]) == 8  # four deliveries, each drawn twice (agency→type, type→area)
    assert has(at, "Pengecatan dan pembenahan rumah diberikan oleh 2 lembaga")


def test_a_kecamatan_filter_moves_the_contributions(fixture_db):
    at = open_page(CONTRIBUTIONS)
    at.selectbox(key="kecamatan").set_value(JAGAKARSA).run()
    # Rp105 million: PEMKOT's city-wide money belongs to no kecamatan; SUDIN_LH worked elsewhere.
    assert metric_values(at)[:3] == ["Rp105,0 juta", "4", "3"]
    assert figure(at, "contributions_matrix")["data"][0]["x"] == ["Tanjung Barat"]


@pytest.mark.parametrize("lang, text", [
    ("id", "Novalux Paint: Rp5,0 juta (3% dari nilai program), 1 kegiatan (25% dari semua kegiatan) di 1 kelurahan."),
    ("en", "Novalux Paint: Rp5.0 million (3% of the programme's value), 1 deliveries (25% of all) in 1 kelurahan."),
])
def test_agency_scorecard_follows_the_chosen_agency_and_the_url(fixture_db, lang, text):
    at = open_page(CONTRIBUTIONS, lang)
    assert at.selectbox(key="lembaga").value == "KEMENKO_PMK"  # the largest partner first
    at.selectbox(key="lembaga").set_value("NOVALUX").run()
    assert has(at, text)
    assert has(at, {"id": "Pengecatan dan pembenahan rumah: 50% dari semua kegiatan jenis ini",
                    "en": "House painting and tidying: Novalux Paint made 50%"}[lang])


def test_a_suku_dinas_head_opens_his_scorecard_from_a_link(fixture_db):
    at = open_page(CONTRIBUTIONS, role="viewer", query_params={"lembaga": "Sudin Lingkungan Hidup"})
    assert at.selectbox(key="lembaga").value == "SUDIN_LH"
    assert has(at, "Sudin Lingkungan Hidup: Rp0 (0% dari nilai program), 1 kegiatan (25% dari semua kegiatan) "
                   "di 1 kelurahan.")
    assert has(at, "Kegiatan terbanyak di Mampang Prapatan (1 kegiatan).")


def test_an_agency_without_activity_gets_a_plain_message(fixture_db):
    at = open_page(CONTRIBUTIONS, "en")
    at.selectbox(key="lembaga").set_value("BAZNAS_JAKSEL").run()
    assert any("BAZNAS (BAZIS) Jakarta Selatan has recorded no contribution or delivery" in info.value
               for info in at.info)


def test_contributions_offer_the_3w_as_csv_and_xlsx(fixture_db):
    at = open_page(CONTRIBUTIONS)
    keys = [button.key for button in at.download_button]
    assert "download_threew_csv" in keys and "download_threew_xlsx" in keys
    preview = frame_with(at, "Kode kelurahan")
    assert list(preview.iloc[0])[:4] == ["#org+name", "#org+code", "#org+type", "#sector"]
    assert len(preview) == 5  # the hashtag row and four rows


# Chart helpers the two pages added ---------------------------------------------------------------

def test_month_axis_names_months_in_the_language_and_spaces_them_evenly():
    from datetime import date

    from bebenah import charts, i18n

    months = [date(2023, 9, 1), date(2024, 3, 1), date(2026, 10, 1)]  # gaps between deliveries
    axis = charts.month_axis(months)
    # 38 months: a tick every 6 months, on January and July, whatever months had data
    assert [tick.strftime("%Y-%m") for tick in axis["tickvals"]] == [
        "2024-01", "2024-07", "2025-01", "2025-07", "2026-01", "2026-07"]
    assert charts.month_axis([date(2023, 9, 1), date(2023, 10, 1)])["ticktext"] == ["Sep 2023", "Okt 2023"]
    assert [i18n.day(month, "en", form="MMM y") for month in (date(2023, 10, 1),)] == ["Oct 2023"]


def test_rupiah_axis_has_round_steps_named_in_words_and_nothing_for_no_money():
    from bebenah import charts

    axis = charts.rupiah_axis(721_800_000)
    assert axis["tickvals"] == [0, 200_000_000, 400_000_000, 600_000_000, 800_000_000]
    assert axis["ticktext"][1] == "Rp200,0 juta"
    assert charts.rupiah_axis(float("nan")) == {} and charts.rupiah_axis(0) == {}
