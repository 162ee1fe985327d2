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


TREND = pd.DataFrame({"kuartal": pd.to_datetime(["2023-07-01", "2023-10-01", "2024-01-01", "2024-04-01",
                                                  "2024-07-01", "2024-10-01"]),
                      "rt_terdaftar": [2, 3, 3, None, 6, 8], "sasaran_rt": [10, 10, 20, 20, 20, 35],
                      "share_naik": [None, 0.5, 0.25, None, 0.4, 0.5]})


def test_the_year_takeaway_compares_the_last_quarter_with_four_before_and_needs_two_known_quarters():
    # Known quarters: 2023 Q3, Q4, 2024 Q1, Q3, Q4; the last five start at 2023 Q3 (no share there: Q4's is first).
    assert takeaways.enrolment_and_progress_over_a_year(TREND) == (
        "Dari TW3 2023 ke TW4 2024: keluarga terdaftar 2 → 8 (sasaran 35); yang naik tahapan 50% → 50% "
        "dari yang disurvei ulang.")
    assert takeaways.enrolment_and_progress_over_a_year(TREND.iloc[:1]) is None


def test_the_trend_draws_counts_against_target_and_the_share_with_at_most_four_names_per_panel():
    rows = pd.concat([TREND] * 3, ignore_index=True).assign(nama=[f"Q{index}" for index in range(18)])
    figure = charts.count_and_share_trend(rows, "nama", "rt_terdaftar", "sasaran_rt", "share_naik",
                                          titles=("a", "b"), names=("n", "t", "s"))
    assert [trace.name for trace in figure.data] == ["n", "t", "s"]
    assert list(figure.data[1].y) == list(rows.sasaran_rt)
    assert len(figure.layout.xaxis.tickvals) <= 5 and figure.layout.xaxis.tickvals[0] == "Q0"
