"""The templates & form page and the data-quality page through AppTest, in both languages, as an
uploader and as an admin; a viewer is refused both. Figures worked out by hand from tests/fixtures.py:
H5 (Pela Mampang) has no baseline; everything else is in order until a test uploads more rows.
"""

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml
from streamlit.testing.v1 import AppTest

import accounts
import fixtures
from bebenah import ingest
from fixtures import H2, H4, H5, JAGAKARSA

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES, QUALITY = "app_pages/templat.py", "app_pages/mutu_data.py"
KINDS = ("survei", "intervensi", "kontribusi", "sasaran")
DENIED = "Halaman ini hanya untuk peran yang berwenang. Silakan masuk dengan akun yang sesuai."


def open_page(path: str, role: str = "admin", lang: str = "id") -> AppTest:
    """The page as `role` sees it, run as a fresh server runs a typed URL."""
    at = accounts.sign_in(AppTest.from_file(str(ROOT / path), default_timeout=60), role)
    if lang == "en":
        at.query_params["lang"] = "English"
    at.run()
    assert not at.exception, at.exception
    return at


def takeaways(at) -> list[str]:
    return [element.value.strip("*").replace("\\", "") for element in at.markdown if element.value.startswith("**")]


def metrics(at) -> dict:
    return {metric.label: metric.value for metric in at.metric}


def table(at, *headers: str) -> pd.DataFrame | None:
    """The first table on the page with all these column headers, or None."""
    return next((element.value for element in at.dataframe if set(headers) <= set(element.value.columns)), None)


def downloads(at) -> list[str]:
    """The keys of the page's download buttons."""
    return [element.proto.id.split("-", 2)[-1] for element in at.get("download_button")]


NO_BASELINE_LIST = ("Kode rumah tangga", "Putaran pertama")
NO_BASELINE_COUNTS = ("Kode kelurahan", "Tanpa baseline")


def everything(at) -> str:
    parts = [str(element.value) for kind in ("title", "subheader", "markdown", "caption", "info", "success", "warning")
             for element in getattr(at, kind)]
    parts += [element.value.to_csv() for element in at.dataframe]
    parts += [element.proto.spec for element in at.get("plotly_chart")]
    return "\n".join(parts)


def upload(*rows: dict) -> None:
    columns = list(pd.read_csv(ROOT / "data" / "kamus" / "kamus_survei.csv", dtype=str)["kolom"])
    frame = pd.DataFrame([{name: "" if row.get(name) is None else str(row[name]) for name in columns} for row in rows])
    ingest.ingest(frame.to_csv(index=False).encode(), "tambahan.csv", "ani")


# Templates & form ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang, title, button", [
    ("id", "Templat & formulir", "Unduh XLSForm"), ("en", "Templates & form", "Download XLSForm")])
@pytest.mark.parametrize("role", ["uploader", "admin"])
def test_the_templates_page_offers_every_template_and_the_form(fixture_db, role, lang, title, button):
    at = open_page(TEMPLATES, role, lang)
    assert at.title[0].value == title
    buttons = {element.proto.label for element in at.get("download_button")}
    assert button in buttons
    assert len(at.get("download_button")) == 2 * len(KINDS) + 1
    text = everything(at)
    assert "bebenah_survei" in text and "77" in text
    assert ("KoboToolbox" in text) and ("ODK Central" in text)
    dictionary = at.dataframe[0].value
    assert len(dictionary) == 77 and dictionary.iloc[0, 0] == "id_rumah_tangga"
    assert dictionary.columns[1] == ("Wajib" if lang == "id" else "Required")


def test_the_templates_page_download_buttons_have_their_keys(fixture_db):
    at = open_page(TEMPLATES)
    assert downloads(at) == [f"template_{form}_{kind}" for kind in KINDS for form in ("csv", "xlsx")] + ["xlsform"]


@pytest.mark.parametrize("kind, rows, first", [
    ("intervensi", 11, "id_kegiatan"), ("kontribusi", 10, "id_kontribusi"), ("sasaran", 4, "tahun")])
def test_choosing_a_kind_shows_its_dictionary(fixture_db, kind, rows, first):
    at = open_page(TEMPLATES, "uploader", "en")
    at.selectbox(key="dictionary_kind").set_value(kind).run()
    dictionary = at.dataframe[0].value
    assert (len(dictionary), dictionary.iloc[0, 0]) == (rows, first)
    assert f"{rows} columns" in " ".join(caption.value for caption in at.caption)


# Data quality ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang, title, no_baseline", [
    ("id", "Mutu data", "Tanpa baseline"), ("en", "Data quality", "No baseline")])
def test_an_admin_sees_every_check_with_the_fixtures_figures(fixture_db, lang, title, no_baseline):
    at = open_page(QUALITY, "admin", lang)
    assert at.title[0].value == title
    assert len(at.subheader) == 5
    assert metrics(at)[no_baseline] == "1"
    found = takeaways(at)
    if lang == "id":
        assert "Rumah tangga tanpa baseline ada di 1 kelurahan; terbanyak di Pela Mampang (1 dari 2 rumah tangga)." in found
        assert found[0].startswith("Paling jarang terisi: Tanjung Barat, putaran 1 (83% dari jawaban opsional).")
    else:
        assert "Households without a baseline in 1 kelurahan; the most in Pela Mampang (1 of 2 households)." in found
    listed = table(at, *(NO_BASELINE_LIST if lang == "id" else ("Household code", "First round")))
    assert listed.iloc[:, 0].tolist() == [H5]
    assert "download_quality_no_baseline_households" in downloads(at)
    assert len(at.success) == 3  # no round missing, no implausible change, no idle facilitator


def test_the_admin_sees_a_small_count_as_it_is(fixture_db):
    at = open_page(QUALITY, "admin")
    counts = table(at, *NO_BASELINE_COUNTS)
    assert counts.iloc[0].tolist() == ["31.74.03.1003", "Pela Mampang", "Mampang Prapatan", "2", "1"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_an_uploader_sees_counts_of_other_areas_suppressed_and_no_household_codes_there(fixture_db, lang):
    at = open_page(QUALITY, "uploader", lang)  # Jagakarsa: H1-H3; H5 lives in Pela Mampang
    text = everything(at)
    assert H5 not in text
    # No household of theirs lacks a baseline: no list, no household download.
    assert table(at, *(NO_BASELINE_LIST if lang == "id" else ("Household code", "First round"))) is None
    assert "download_quality_no_baseline_households" not in downloads(at)
    counts = table(at, *(NO_BASELINE_COUNTS if lang == "id" else ("Kelurahan code", "Without a baseline")))
    assert counts.iloc[0, :3].tolist() == ["31.74.03.1003", "Pela Mampang", "Mampang Prapatan"]
    assert counts.iloc[0, 3:].tolist() == ["–", "–"]
    assert ("Jumlah di bawah 5 rumah tangga" if lang == "id" else "Counts under 5 households") in text
    assert metrics(at)["Tanpa baseline" if lang == "id" else "No baseline"] == "0"
    assert ("wilayah Anda (31.74.09)" if lang == "id" else "your area (31.74.09)") in text


def test_an_uploader_of_the_kelurahan_sees_its_households_and_counts(fixture_db):
    at = open_page(QUALITY, "uploader_kelurahan")  # Pela Mampang
    assert table(at, *NO_BASELINE_LIST).iloc[:, 0].tolist() == [H5]
    assert table(at, *NO_BASELINE_COUNTS).iloc[0, 3:].tolist() == ["2", "1"]
    # Completeness: their own kelurahan's small counts shown, Tanjung Barat's (3 and 2 households) hidden.
    completeness = table(at, "Kode kelurahan", "Putaran", "Rumah tangga")
    assert completeness[["Kelurahan", "Putaran", "Rumah tangga", "Jawaban opsional terisi"]].values.tolist() == [
        ["Tanjung Barat", 1, "–", "–"], ["Tanjung Barat", 2, "–", "–"],
        ["Pela Mampang", 1, "1", "83%"], ["Pela Mampang", 2, "2", "83%"]]
    assert "Jumlah di bawah 5 rumah tangga di luar wilayah Anda disembunyikan." in everything(at)


def test_an_uploader_without_an_area_sees_counts_only(fixture_db, accounts_file):
    config = yaml.safe_load(accounts_file.read_text())
    config["credentials"]["usernames"]["tanpa"] = {**config["credentials"]["usernames"]["umar"], "area": None}
    accounts_file.write_text(yaml.safe_dump(config))
    at = AppTest.from_file(str(ROOT / QUALITY), default_timeout=60)
    at.session_state["user"] = {"username": "tanpa", "role": "uploader", "area": None, "via": "password"}
    at.run()
    assert not at.exception, at.exception
    assert "belum punya wilayah" in at.warning[0].value
    assert not at.metric and H5 not in everything(at)
    assert table(at, *NO_BASELINE_COUNTS) is not None and table(at, *NO_BASELINE_LIST) is None
    assert "download_quality_no_baseline_households" not in downloads(at)


@pytest.mark.parametrize("path", [TEMPLATES, QUALITY])
def test_a_viewer_is_refused_both_pages(fixture_db, path):
    at = open_page(path, "viewer")
    assert [error.value for error in at.error] == [DENIED]
    assert not at.title and not at.dataframe and not at.get("download_button")


def test_the_kecamatan_filter_moves_the_checks(fixture_db):
    at = open_page(QUALITY)
    at.selectbox(key="kecamatan").set_value(JAGAKARSA).run()
    assert metrics(at)["Tanpa baseline"] == "0"
    assert len(at.success) == 4
    assert table(at, *NO_BASELINE_LIST) is None


def test_implausible_changes_and_missing_rounds_are_listed_with_their_takeaways(fixture_db):
    upload(
        fixtures.survey_row(H2, 3, "2024-03-20"),  # ks_1 to ks_3_plus
        fixtures.survey_row(H4, 3, "2024-10-01", ks1_01="tidak", jumlah_anggota_keluarga=11, jumlah_balita=1,
                            persetujuan_wali_anak="ya"),
        fixtures.survey_row("BKK-3174031003-003", 3, "2024-10-02"),  # rounds 1 and 2 missing
    )
    at = open_page(QUALITY, "admin", "en")
    found = takeaways(at)
    assert "The most in Tanjung Barat: 1 rose three or more stages at once and 0 changed size by more than 5 people." in found
    jumps = table(at, "Household code", "Stage from")
    assert jumps.iloc[:, 0].tolist() == [H2, H4]
    missing = table(at, "Household code", "Missing rounds")
    assert missing.iloc[:, 0].tolist() == ["BKK-3174031003-003"]
    assert missing.iloc[0]["Missing rounds"] == "2" and missing.iloc[0]["Reason"] == "round skipped"
    assert metrics(at)["Implausible jumps"] == "2" and metrics(at)["No baseline"] == "2"


def test_a_quality_list_is_read_built_and_audited_only_when_its_download_is_clicked(fixture_db, con, monkeypatch):
    from bebenah import page

    built = {}
    real_button = page.st.download_button
    monkeypatch.setattr(page.st, "download_button", lambda *args, **kwargs: (
        built.__setitem__(kwargs["key"], kwargs["data"]), real_button(*args, **kwargs))[1])
    at = open_page(QUALITY, "uploader_kelurahan")
    assert "Baris 1–1 dari 1" in [caption.value for caption in at.caption]
    audit = "select actor, action, target, detail from audit_log where action = 'export_households'"
    assert con.execute(audit).fetchall() == []
    lines = built["download_quality_no_baseline_households"]().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("id_rumah_tangga,") and [line.split(",")[0] for line in lines[1:]] == [H5]
    assert con.execute(audit).fetchall() == [
        ("ulfa", "export_households", "quality_no_baseline_households", '{"rows": 1, "area": "31.74.03.1003"}')]


def test_a_long_quality_list_shows_one_page_and_counts_every_household(tmp_path, monkeypatch):
    """A demo database of 3,000 households: the jump list pages by 50, its metric counts them all."""
    from bebenah import db, demo

    path = tmp_path / "demo.duckdb"
    demo.build(path, households=3000)
    monkeypatch.setenv("BEBENAH_DB", str(path))
    db.connection.clear()
    db.clear_caches()
    at = open_page(QUALITY, "admin")
    whole = db.query(db.cursor(), "quality_missing_rounds_households", bulan=9, sampai=pd.Timestamp.today().date(),
                     wilayah_akses=None, limit=None, offset=None)
    households = whole.id_rumah_tangga.nunique()
    assert len(whole) > 50, "the demo has a long list"
    assert metrics(at)["Putaran hilang"] == f"{households:,}".replace(",", ".")
    listed = table(at, "Kode rumah tangga", "Alasan")
    assert len(listed) == 50 and listed.iloc[:, 0].tolist() == whole.id_rumah_tangga.head(50).tolist()
    assert f"Baris 1–50 dari {len(whole):,}".replace(",", ".") in [caption.value for caption in at.caption]
    at.button(key="quality_missing_rounds_households_next").click().run()
    listed = table(at, "Kode rumah tangga", "Alasan")
    assert listed.iloc[:, 0].tolist() == whole.id_rumah_tangga.iloc[50:100].tolist()
    # The completeness heatmap reads on a projector: the 12 least complete kelurahan, not all of them.
    chart = next(chart for chart in at.get("plotly_chart") if "quality_completeness_chart" in chart.proto.id)
    surveyed = whole.kode_kelurahan.nunique()
    assert surveyed > 12 and len(json.loads(chart.proto.spec)["data"][0]["y"]) == 12
    assert any(caption.value.startswith("Grafik menampilkan 12 kelurahan teratas dari ") for caption in at.caption)
    db.connection.clear()
