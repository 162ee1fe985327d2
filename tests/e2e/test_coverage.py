"""The coverage and contributions pages in a real Chromium: the offline map draws, a click on a
kelurahan filters the page and the URL, and an agency's scorecard opens from a link."""

import re
import shutil

import duckdb
import pytest
from playwright.sync_api import expect

from browser import screenshot, start_server, wait_ready

# The middle of a kelurahan's shape on screen: a point inside its SVG path (a concave shape's
# bounding-box centre can fall outside it), in viewport coordinates.
INSIDE = """(path) => {
    const box = path.getBBox();
    const inside = [];
    for (let i = 1; i < 30; i++) {
        for (let j = 1; j < 30; j++) {
            const point = new DOMPoint(box.x + box.width * i / 30, box.y + box.height * j / 30);
            if (path.isPointInFill(point)) inside.push(point);
        }
    }
    if (!inside.length) return null;
    // the inside point nearest the middle of all inside points: well away from the borders
    const mx = inside.reduce((sum, p) => sum + p.x, 0) / inside.length;
    const my = inside.reduce((sum, p) => sum + p.y, 0) / inside.length;
    inside.sort((a, b) => Math.hypot(a.x - mx, a.y - my) - Math.hypot(b.x - mx, b.y - my));
    const screen = inside[0].matrixTransform(path.getScreenCTM());
    return [screen.x, screen.y];
}"""


@pytest.fixture(scope="module")
def coverage_server(fixture_template, tmp_path_factory):
    """A server over the fixture marked as sample data, so a guest browses it as a viewer would.

    k = 3 (the lowest allowed): Tanjung Barat's 3 enrolled households are shown and coloured on the
    map, Pela Mampang's single household stays hidden.
    """
    database = tmp_path_factory.mktemp("coverage") / "bebenah.duckdb"
    shutil.copy(fixture_template, database)
    with duckdb.connect(str(database)) as con:
        con.execute("insert into settings values ('sumber_data', 'demo')")
    process, url = start_server(database, {"BEBENAH_MIN_HOUSEHOLDS": "3"})
    yield url
    process.terminate()
    process.wait(timeout=20)


def map_paths(page):
    return page.get_by_test_id("stPlotlyChart").first.locator(".choroplethlocation")


def point_at(page, path, name) -> None:
    """Move the mouse inside a kelurahan's shape and wait for the map's hover label to name it."""
    path.scroll_into_view_if_needed()
    x, y = path.evaluate(INSIDE)
    page.mouse.move(x, y)
    expect(page.locator(".js-plotly-plot .hoverlayer .hovertext").first).to_contain_text(name)


def test_map_draws_offline_and_a_click_on_a_kelurahan_filters_the_page(coverage_server, page):
    page.goto(f"{coverage_server}/cakupan")
    wait_ready(page)
    expect(page.get_by_role("heading", name="Cakupan intervensi")).to_be_visible()
    paths = map_paths(page)
    # Jakarta Selatan's 65 kelurahan, each drawn once: 64 grey, Tanjung Barat coloured. Drawn from the
    # shipped world_110m.json and GeoJSON, nothing from a CDN.
    expect(paths).to_have_count(65)
    tanjung_barat = paths.last
    tanjung_barat.scroll_into_view_if_needed()
    assert tanjung_barat.evaluate("path => getComputedStyle(path).fill") != "rgb(227, 227, 227)"
    screenshot(page, "cakupan_map_id")

    point_at(page, map_paths(page).last, "Tanjung Barat")
    page.mouse.down()
    page.mouse.up()
    expect(page).to_have_url(re.compile(r"kelurahan=Tanjung\+Barat"))
    wait_ready(page)
    expect(page.get_by_text("Kelurahan Tanjung Barat · ")).to_be_visible()
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("combobox", name="Kelurahan")).to_have_value("Tanjung Barat")
    # The chosen kelurahan is outlined; the map still shows its neighbours.
    expect(map_paths(page)).to_have_count(65)
    screenshot(page, "cakupan_clicked_id")

    # A second click on the chosen kelurahan clears the filter.
    point_at(page, map_paths(page).last, "Tanjung Barat")
    page.mouse.down()
    page.mouse.up()
    expect(page).not_to_have_url(re.compile(r"kelurahan="))
    wait_ready(page)
    expect(page.get_by_text("Seluruh program · ")).to_be_visible()


@pytest.mark.parametrize("lang, coverage, contributions", [
    ("id", "Cakupan intervensi", "Kontribusi lembaga"),
    ("en", "Intervention coverage", "Agency contributions"),
])
def test_both_pages_render_in_both_languages(coverage_server, page, lang, coverage, contributions):
    suffix = "" if lang == "id" else "?lang=English"
    page.goto(f"{coverage_server}/cakupan{suffix}")
    wait_ready(page)
    expect(page.get_by_role("heading", name=coverage)).to_be_visible()
    expect(map_paths(page)).to_have_count(65)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, f"cakupan_{lang}")

    page.goto(f"{coverage_server}/kontribusi{suffix}")
    wait_ready(page)
    expect(page.get_by_role("heading", name=contributions)).to_be_visible()
    value = page.get_by_test_id("stMetric").first.get_by_test_id("stMetricValue")
    expect(value).to_have_text("Rp155,0 juta" if lang == "id" else "Rp155.0 million")
    # The Sankey drew its nodes: agencies, intervention types and kecamatan.
    expect(page.locator(".js-plotly-plot .sankey-node")).to_have_count(4 + 3 + 2)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, f"kontribusi_{lang}")


def test_an_agency_scorecard_opens_from_its_link_and_the_choice_goes_to_the_url(coverage_server, page):
    page.goto(f"{coverage_server}/kontribusi?lembaga=Sudin+Lingkungan+Hidup")
    wait_ready(page)
    expect(page.get_by_text("Sudin Lingkungan Hidup: Rp0 (0% dari nilai program), 1 kegiatan")).to_be_visible()
    choice = page.get_by_role("combobox", name="Lembaga")
    choice.click()
    choice.press_sequentially("Novalux")
    page.get_by_role("option", name="Novalux Paint").click()
    expect(page).to_have_url(re.compile(r"lembaga=Novalux\+Paint"))
    wait_ready(page)
    expect(page.get_by_text("Novalux Paint: Rp5,0 juta (3% dari nilai program)")).to_be_visible()
