"""Every page through AppTest, in both languages: no exception, real figures, filters move them."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import accounts

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("id", "en")


def open_app(lang="id", page=None, role="admin") -> AppTest:
    # The fixture is not sample data: nothing shows before sign-in. An admin sees every count;
    # what a viewer sees (small cells suppressed) is tested in test_access.py.
    at = accounts.sign_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60), role)
    at.run()
    if lang != "id":
        at.radio(key="lang").set_value(lang).run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def metrics(at) -> dict:
    return {metric.label: metric.value for metric in at.metric}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_overview_shows_the_fixture_figures(fixture_db, lang):
    at = open_app(lang)
    values = list(metrics(at).values())
    # 4 enrolled, 1 of 3 resurveyed rose, 1 of 4 reached, 6 agencies, Rp155 million, 1 September 2024.
    assert values[0] == "4"
    assert values[1] == "33%"
    assert values[2] == "25%"
    assert values[3] == "6"
    assert values[4] == ("Rp155,0 juta" if lang == "id" else "Rp155.0 million")
    assert values[5] == ("1 Sep 2024" if lang == "id" else "1 Sept 2024")


def test_overview_speaks_the_chosen_language(fixture_db):
    assert "Keluarga terdaftar" in metrics(open_app("id"))
    assert "Households enrolled" in metrics(open_app("en"))
    assert open_app("en").title[0].value == "Programme overview"


def test_overview_kecamatan_filter_changes_the_figures(fixture_db):
    at = open_app()
    at.selectbox(key="kecamatan").set_value("31.74.09").run()
    values = list(metrics(at).values())
    assert values[0] == "3"
    assert values[4] == "Rp105,0 juta"
    assert values[5] == "1 Feb 2024"


def test_overview_period_filter_moves_contributions(fixture_db):
    at = open_app()
    at.date_input(key="sampai").set_value(__import__("datetime").date(2023, 12, 31)).run()
    values = list(metrics(at).values())
    # By the end of 2023: H1 and H2 enrolled, Rp105 million contributed.
    assert values[0] == "2"
    assert values[4] == "Rp105,0 juta"


def test_every_page_carries_the_sample_data_banner_only_for_sample_data(fixture_db):
    at = open_app()
    assert not any("Data contoh (sintetis)" in info.value for info in at.info)
    import duckdb

    with duckdb.connect(str(fixture_db)) as con:
        con.execute("insert into settings values ('sumber_data', 'demo')")
    from bebenah import db

    db.connection.clear()
    db.clear_caches()
    at = open_app()
    assert any("Data contoh (sintetis)" in info.value for info in at.info)


def _long_table_app(rows):
    import pandas as pd

    from bebenah import page
    from bebenah.i18n import number

    frame = pd.DataFrame({"kelurahan": [f"K{n:03d}" for n in range(rows)], "rt_terdaftar": range(1000, 1000 + rows)})
    page.formatted_table(frame, "long", {"kelurahan": None, "rt_terdaftar": number}, "coverage.column")


def test_a_long_table_behind_a_chart_sends_one_page_of_rows_and_pages_on(fixture_db):
    """Thousands of kelurahan x type rows reach the browser 50 at a time, formatted, with a pager."""
    at = AppTest.from_function(_long_table_app, args=(120,)).run()
    table = at.dataframe[0].value
    assert len(table) == 50 and table.iloc[0].tolist() == ["K000", "1.000"]
    assert any(caption.value == "Baris 1–50 dari 120" for caption in at.caption)
    at.button(key="table_long_next").click().run()
    at.button(key="table_long_next").click().run()
    table = at.dataframe[0].value
    assert table.iloc[0].tolist() == ["K100", "1.100"] and len(table) == 20
    assert any(caption.value == "Baris 101–120 dari 120" for caption in at.caption)
    assert at.button(key="table_long_next").disabled


def test_a_short_table_behind_a_chart_has_no_pager(fixture_db):
    at = AppTest.from_function(_long_table_app, args=(12,)).run()
    assert len(at.dataframe[0].value) == 12
    assert not any(caption.value.startswith("Baris") for caption in at.caption)
    assert not at.button
