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


# The data-quality screen's kinds (bebenah/screens/mutu_data.py) ------------------------------------

QUALITY_COUNTS = pd.DataFrame({
    "kode_kelurahan": ["1", "2", "3"], "kelurahan": ["Pulo", "Selong", "Pulo"],
    "kecamatan": ["Kebayoran Baru", "Kebayoran Baru", "Tebet"],
    "rumah_tangga": [10, 20, 30], "rt_putaran_terlewat": [1, None, 0], "rt_terlambat": [0, 0, 4]})


def test_kelurahan_bars_put_the_most_on_top_name_twice_used_names_and_draw_only_reasons_that_occur():
    figure = charts.kelurahan_bars(QUALITY_COUNTS, ["rt_putaran_terlewat", "rt_terlambat"],
                                   {"rt_putaran_terlewat": "Skipped", "rt_terlambat": "Overdue"}, most=2)
    assert [bar.name for bar in figure.data] == ["Skipped", "Overdue"]
    assert list(figure.data[1].y) == ["Pulo (Tebet)", "Pulo (Kebayoran Baru)"] and list(figure.data[1].x) == [4, 0]
    assert figure.layout.xaxis.dtick == 1 and figure.layout.showlegend
    only_overdue = charts.kelurahan_bars(QUALITY_COUNTS.assign(rt_putaran_terlewat=0),
                                         ["rt_putaran_terlewat", "rt_terlambat"], {"rt_terlambat": "Overdue"})
    assert [bar.name for bar in only_overdue.data] == ["Overdue"] and not only_overdue.layout.showlegend
    assert charts.kelurahan_bars(QUALITY_COUNTS.iloc[:0], ["rt_terlambat"], {}) is None


def test_counted_kelurahan_leaves_out_rows_whose_counts_are_all_hidden():
    values, ranked = charts.counted_kelurahan(QUALITY_COUNTS.assign(rt_terlambat=None), ["rt_putaran_terlewat", "rt_terlambat"])
    assert values == ["rt_putaran_terlewat"] and ranked.kode_kelurahan.tolist() == ["1", "3"]


def test_kelurahan_heatmap_puts_the_least_filled_kelurahan_on_top_with_at_most_the_rows_asked():
    rows = pd.DataFrame({"kode_kelurahan": ["1", "1", "2", "3"], "kelurahan": ["A", "A", "B", "C"],
                         "kecamatan": ["K"] * 4, "putaran_ke": [1, 2, 1, 1],
                         "terisi": [0.9, 0.5, 0.8, 0.95], "rumah_tangga": [1, 3, 5, 5]})
    figure = charts.kelurahan_heatmap(rows, "putaran_ke", "terisi", "rumah_tangga", column_name=lambda n: f"R{n}",
                                      weight_name="households", most=2)
    assert list(figure.data[0].y) == ["A", "B"] and list(figure.data[0].x) == ["R1", "R2"]
    assert [list(row) for row in figure.data[0].text] == [["90%", "50%"], ["80%", ""]]


def test_the_most_flagged_kelurahan_names_its_counts_and_says_when_it_is_among_counts_shown():
    reasons = ["rt_putaran_terlewat", "rt_terlambat"]
    assert takeaways.most_flagged_kelurahan(QUALITY_COUNTS.fillna(0), reasons, "quality.missing_takeaway", months=9) == \
        "Terbanyak di Pulo: dari 30 rumah tangga, 0 melewatkan putaran dan 4 tertinggal lebih dari 9 bulan."
    hidden = QUALITY_COUNTS.copy()
    hidden.attrs["suppressed"] = 1
    assert takeaways.most_flagged_kelurahan(hidden, reasons, "quality.missing_takeaway", months=9) == \
        "Terbanyak di Pulo: dari 30 rumah tangga, 0 melewatkan putaran dan 4 tertinggal lebih dari 9 bulan. " \
        "(Di antara jumlah yang ditampilkan.)"
    assert takeaways.most_flagged_kelurahan(QUALITY_COUNTS.assign(rt_terlambat=None), reasons,
                                            "quality.missing_takeaway") is None


def test_the_least_complete_answers_are_the_lowest_round_and_the_most_often_blank_question():
    rows = pd.DataFrame({"kelurahan": ["A", "B"], "putaran_ke": [1, 2], "rumah_tangga": [1, 3], "terisi": [0.9, 0.4],
                         "terisi_rt": [1.0, 0.2], "terisi_skor_pengasuhan": [0.0, 0.9]})
    text = takeaways.least_complete_answers(rows)
    assert text.startswith("Paling jarang terisi: B, putaran 2 (40% dari jawaban opsional).") and text.endswith("«RT» (terisi 40%).")
    assert takeaways.least_complete_answers(rows.assign(terisi=None)) is None


def test_the_longest_idle_facilitator_is_told_with_how_many_are_idle_of_all():
    rows = pd.DataFrame({"kelurahan": ["A", "B", "C"], "fasilitator": [2, 3, 1],
                         "fasilitator_tidak_aktif": [1, 2, 0], "hari_terlama": [70, 90, None]})
    assert takeaways.longest_idle(rows, 60) == \
        "Fasilitator tanpa survei lebih dari 60 hari: 3 dari 6; terlama di B (90 hari)."
    assert takeaways.longest_idle(rows.assign(fasilitator_tidak_aktif=0), 60) is None
