"""Declared sections: the chart kinds and takeaways are pure functions of rows, and build() gives a
page, a presentation or an export the same rows, sentence and figure, suppressed by the door."""

import pandas as pd

from bebenah import charts, sections, takeaways
from bebenah.sections import Section

ENROLMENT = Section("enrolment_by_area", "overview.enrolment_title",
                    chart=lambda rows: charts.target_bars(rows, label="wilayah", value="rt_terdaftar", target="sasaran_rt"),
                    takeaway=takeaways.furthest_behind_target)
TODAY = {"sampai": pd.Timestamp.today().date()}


def test_the_furthest_behind_area_is_the_lowest_share_of_target_and_a_blank_share_is_skipped():
    rows = pd.DataFrame({"wilayah": ["Cilandak", "Jagakarsa", "Mampang"], "rt_terdaftar": [40, None, 9],
                         "sasaran_rt": [50, 10, 30], "capaian": [0.8, None, 0.3]})
    assert takeaways.furthest_behind_target(rows) == \
        "Capaian terendah: Mampang, 30% dari sasaran (9 dari 30 keluarga)."
    assert takeaways.furthest_behind_target(rows.iloc[1:2]) is None


def test_the_busiest_area_says_nothing_when_nothing_was_delivered():
    rows = pd.DataFrame({"wilayah": ["B", "A"], "kegiatan": [3, 3]})
    assert "A" in takeaways.busiest_area(rows) and "3" in takeaways.busiest_area(rows)
    assert takeaways.busiest_area(rows.assign(kegiatan=0)) is None


def test_ranked_bars_put_the_largest_on_top_and_grow_with_the_rows():
    rows = pd.DataFrame({"wilayah": ["a", "b", "c"], "kegiatan": [1, 7, 3]})
    figure = charts.ranked_bars(rows, label="wilayah", value="kegiatan", axis_title="Kegiatan")
    assert list(figure.data[0].x) == [7, 3, 1] and list(figure.data[0].y) == ["b", "c", "a"]
    assert charts.ranked_bars(pd.concat([rows] * 10), "wilayah", "kegiatan", "").layout.height > figure.layout.height


def test_build_gives_the_rows_the_sentence_and_the_figure_of_the_fixture(fixture_db):
    built = sections.build(ENROLMENT, TODAY)
    assert not built.rows.empty and built.rows.sasaran_rt.notna().all()
    # Outside a session the reader is a guest: the fixture's few households are blanked by the door,
    # and with them every share, so there is no "furthest behind" to tell.
    assert built.rows.rt_terdaftar.isna().all() and built.rows.attrs["suppressed"] == len(built.rows)
    assert built.takeaway is None
    assert [trace.name for trace in built.figure.data] == ["Sasaran", "Keluarga terdaftar"]
    assert list(built.figure.data[0].x) == list(built.rows.sasaran_rt)


def test_build_of_an_empty_result_has_no_figure_and_no_sentence(fixture_db):
    built = sections.build(ENROLMENT, {**TODAY, "kelurahan": "31.01.01.1001"})
    assert built.rows.empty and built.figure is None and built.takeaway is None


# The coverage screen's kinds and takeaways ------------------------------------------------------

KELURAHAN = pd.DataFrame({"kode_kelurahan": ["31.74.09.1005", "31.74.03.1003", "31.74.09.1001"],
                          "kelurahan": ["Tanjung Barat", "Pela Mampang", "Jagakarsa"],
                          "capaian": [0.2, 1.4, None], "hover": ["a", "b", "c"], "dipilih": [True, False, False]})


def test_kelurahan_map_greys_the_blank_shares_and_outlines_the_chosen_one():
    figure = charts.kelurahan_map(KELURAHAN, value="capaian", text="hover", colour_title="Capaian", chosen="dipilih")
    grey, coloured = figure.data
    assert list(grey.locations) == ["31.74.09.1001"] and list(grey.text) == ["c"]
    assert list(coloured.locations) == ["31.74.09.1005", "31.74.03.1003"]
    assert list(coloured.z) == [0.2, 1.0]  # over the target is as blue as the target
    assert list(coloured.marker.line.width) == [4, 1]
    assert [feature["id"] for feature in coloured.geojson["features"]] == list(coloured.locations)


def test_share_bars_keep_the_rows_order_one_bar_per_share_and_no_text_for_a_blank():
    rows = pd.DataFrame({"wilayah": ["a", "b"], "cakupan": [0.1, None], "capaian": [0.5, 0.25]})
    one = charts.share_bars(rows, "wilayah", {"cakupan": ""}, "Cakupan")
    assert list(one.data[0].y) == ["a", "b"] and list(one.data[0].text) == ["10%", ""]
    assert not one.layout.showlegend and one.layout.xaxis.range == (0, 1.3)
    two = charts.share_bars(rows, "wilayah", {"cakupan": "x", "capaian": "y"}, "Cakupan", headroom=1.15)
    assert [trace.name for trace in two.data] == ["x", "y"] and two.layout.showlegend
    assert two.layout.height > one.layout.height


def test_heatmap_puts_each_value_in_its_cell_with_its_text_and_leaves_a_missing_cell_blank():
    rows = pd.DataFrame({"kelurahan": ["B", "A", "A"], "jenis": ["x", "x", "y"], "nilai": [0.5, 1.0, 0.0],
                         "teks": ["50%", "100%", "0%"]})
    figure = charts.heatmap(rows, x="jenis", y="kelurahan", value="nilai", text="teks", colour_title="", colours="blues",
                            share=True)
    cells = figure.data[0]
    assert list(cells.y) == ["A", "B"] and list(cells.x) == ["x", "y"]
    assert [list(row) for row in cells.text] == [["100%", "0%"], ["50%", ""]]
    assert (cells.zmin, cells.zmax) == (0, 1)


def test_month_stacks_colour_seven_groups_and_put_the_rest_in_one_grey_bar():
    rows = pd.DataFrame({"bulan": pd.to_datetime(["2024-01-01"] * 9), "kode": list("abcdefghi"),
                         "nama": list("ABCDEFGHI"), "kegiatan": [9, 8, 7, 6, 5, 4, 3, 2, 1]})
    figure = charts.month_stacks(rows, "bulan", "kode", "nama", "kegiatan", "Kegiatan", other="Lain")
    assert [trace.name for trace in figure.data] == [*"ABCDEFG", "Lain"]
    assert list(figure.data[-1].y) == [3] and figure.data[-1].marker.color == "#BBBBBB"
    assert [trace.name for trace in charts.month_stacks(rows[:8], "bulan", "kode", "nama", "kegiatan", "", "").data] \
        == list("ABCDEFGH")


def test_the_headline_says_enrolment_against_target_or_that_it_is_hidden():
    rows = pd.DataFrame({"wilayah": ["Jagakarsa", "x"], "rt_terdaftar": [4, 1], "sasaran_rt": [35, 1],
                         "capaian": [4 / 35, 1], "cakupan": [0.25, 1]})
    assert takeaways.enrolment_and_reach(rows) == \
        "Jagakarsa: 4 keluarga terdaftar dari sasaran 35 (11%); 25% di antaranya sudah menerima intervensi."
    assert "disembunyikan" in takeaways.enrolment_and_reach(rows.assign(rt_terdaftar=None))


def test_the_lowest_share_of_target_counts_the_known_kelurahan_only():
    assert takeaways.lowest_share_of_target(KELURAHAN) == \
        "2 kelurahan punya sasaran atau peserta; capaian terendah di Tanjung Barat (20%)."
    assert takeaways.lowest_share_of_target(KELURAHAN.iloc[2:]) is None


def test_the_least_reached_area_skips_a_hidden_share():
    rows = pd.DataFrame({"wilayah": ["A", "B", "C"], "cakupan": [0.5, None, 0.25], "rt_dijangkau": [2, None, 1],
                         "rt_terdaftar": [4, 3, 4]})
    assert takeaways.least_reached_area(rows) == "Paling sedikit terjangkau: C, 25% (1 dari 4 keluarga terdaftar)."
    assert takeaways.least_reached_area(rows.iloc[1:2]) is None


def test_the_widest_reaching_type_is_the_first_known_one_of_the_query():
    rows = pd.DataFrame({"nama_jenis": ["X", "Y", "Z"], "cakupan": [None, 0.5, 0.25]})
    assert takeaways.widest_reaching_type(rows).startswith("Jangkauan terluas: Y, 50% keluarga terdaftar (3 jenis")
    assert takeaways.widest_reaching_type(rows.iloc[:1]) is None


def test_untouched_areas_are_those_whose_every_cell_is_zero_not_hidden():
    rows = pd.DataFrame({"kelurahan": ["A", "A", "B", "B"], "jenis_intervensi": ["x", "y", "x", "y"],
                         "nama_jenis": ["X", "Y", "X", "Y"], "rt_dijangkau": [0, 0, None, 2]})
    assert takeaways.untouched_areas(rows).startswith("1 dari 2 kelurahan belum terjangkau")
    assert takeaways.untouched_areas(rows.assign(rt_dijangkau=[1, 0, None, 2])).endswith("jangkauan terluas: Y.")


def test_the_largest_gap_names_the_need_the_area_and_what_would_answer_it():
    rows = pd.DataFrame({"kelurahan": ["A", "B"], "nama_kebutuhan": ["n", "m"], "rt_tanpa_intervensi": [2, 3],
                         "penjawab": ["P", ""]})
    assert takeaways.largest_gap(rows).startswith("Kesenjangan terbesar: 3 keluarga di B dengan kebutuhan “m”")
    assert "katalog belum punya" in takeaways.largest_gap(rows)
    assert takeaways.largest_gap(rows.assign(rt_tanpa_intervensi=0)) is None


def test_overlapping_agencies_count_types_and_kelurahan_and_name_the_first_case():
    rows = pd.DataFrame({"kode_kelurahan": ["k1", "k1", "k2"], "kelurahan": ["A", "A", "B"],
                         "jenis_intervensi": ["x", "y", "x"], "nama_jenis": ["X", "Y", "X"],
                         "nama_lembaga": ["L, M", "L, N", "M, N"]})
    assert takeaways.overlapping_agencies(rows).startswith("2 jenis intervensi diberikan oleh dua lembaga atau lebih "
                                                           "kepada keluarga yang sama di 2 kelurahan; misalnya X di A oleh L, M")
    assert takeaways.overlapping_agencies(rows.iloc[:0]) is None


def test_the_busiest_month_adds_the_types_of_each_month():
    rows = pd.DataFrame({"bulan": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-02-01"]), "kegiatan": [2, 1, 2]})
    assert takeaways.busiest_month(rows) == "5 kegiatan dalam periode; terbanyak pada Februari 2024 (3 kegiatan)."
    assert takeaways.busiest_month(rows.iloc[:0]) is None


def test_a_notice_takes_the_place_of_the_takeaway_and_the_chart_and_a_table_section_has_no_figure(fixture_db):
    from bebenah.sections import Notice

    hidden = Section("coverage_by_area", "coverage.enrolment_title", chart=lambda rows: 1 / 0,
                     takeaway=lambda rows: 1 / 0, instead=lambda rows: Notice("coverage.gaps_hidden"))
    built = sections.build(hidden, TODAY)
    assert built.notice == Notice("coverage.gaps_hidden") and built.figure is None and not built.rows.empty
    table_only = sections.build(Section("coverage_by_area", "coverage.enrolment_title"), TODAY)
    assert table_only.figure is None and table_only.notice is None and not table_only.rows.empty


def test_a_click_on_a_kelurahan_map_chooses_it_clears_it_or_says_why_it_cannot(fixture_db, monkeypatch):
    from bebenah import page

    state = {}
    monkeypatch.setattr(page.st, "session_state", state)
    chosen = page.choose_clicked_kelurahan(outside="coverage.map_outside")
    click = lambda code: {"selection": {"points": [{"location": code}]}}  # noqa: E731
    assert chosen(click("31.74.09.1005"), None) is None and state == {"kelurahan": "31.74.09.1005"}
    assert chosen(click("31.74.09.1005"), None) is None and state == {"kelurahan": None}
    assert chosen(click("31.74.01.1001"), None) == "coverage.map_outside" and state == {"kelurahan": None}
    assert chosen({}, None) is None
