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
    assert [trace.name for trace in built.figure.data] == ["Sasaran", "Keluarga terdaftar", None]  # + the target's tick
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


# The contributions page's kinds ------------------------------------------------------------------

def test_stacked_ranked_bars_rank_by_total_leave_out_rows_without_one_and_parts_without_value():
    rows = pd.DataFrame({"lembaga": ["a", "b", "c"], "dana": [10, 0, 50], "barang": [0, 0, 0], "nilai": [10, 0, 50],
                         "teks": ["Rp10", "Rp0", "Rp50"]})
    figure = charts.stacked_ranked_bars(rows, "lembaga", {"dana": "Dana", "barang": "Barang"}, "nilai", "teks")
    bars, text = figure.data
    assert bars.name == "Dana" and list(bars.y) == ["c", "a"] and list(bars.x) == [50, 10]
    assert list(text.text) == ["  Rp50", "  Rp10"] and figure.layout.barmode == "stack"


def test_labelled_heatmap_puts_the_largest_row_on_top_and_columns_in_the_order_given():
    rows = pd.DataFrame({"nama": ["A", "B", "B"], "wilayah": ["Y", "X", "Z"], "kegiatan": [1, 2, 0],
                         "teks": ["1", "2", "Rp"], "hover": ["a", "b", "c"]})
    heat = charts.labelled_heatmap(rows, "wilayah", "nama", "kegiatan", "teks", "hover", "Kegiatan",
                                   columns=["Y", "X", "Z"]).data[0]
    assert list(heat.y) == ["B", "A"] and list(heat.x) == ["Y", "X", "Z"]
    assert [list(line) for line in heat.text] == [["", "2", "Rp"], ["1", "", ""]]
    assert list(charts.labelled_heatmap(rows, "wilayah", "nama", "kegiatan", "teks", "hover", "").data[0].x) == \
        ["X", "Y", "Z"]


def test_sankey_nodes_are_each_stage_in_order_and_links_join_consecutive_stages():
    rows = pd.DataFrame({"langkah": [1, 1, 2], "sumber": ["A", "B", "cat"], "tujuan": ["cat", "cat", "31.01"],
                         "kegiatan": [2, 1, 3], "nama": ["Agency A", "Agency B", "Painting"],
                         "wilayah": ["Painting", "Painting", "Jagakarsa"]})
    flow = charts.sankey(rows, "langkah", "sumber", "tujuan", "kegiatan", "nama", "wilayah").data[0]
    assert list(flow.node.label) == ["Agency A", "Agency B", "Painting", "Jagakarsa"]
    assert list(flow.node.color) == [charts.PALETTE[0]] * 2 + [charts.PALETTE[1], charts.PALETTE[2]]
    assert list(flow.link.source) == [0, 1, 2] and list(flow.link.target) == [2, 2, 3]


def test_rupiah_months_and_count_line_stack_in_the_order_given_and_sum_the_line_per_month():
    months = pd.to_datetime(["2024-01-01", "2024-01-01", "2024-02-01"])
    bars = pd.DataFrame({"bulan": months, "jenis": ["Barang", "Dana", "Dana"], "nilai_idr": [5e6, 1e6, 2e6]})
    line = pd.DataFrame({"bulan": months[:2], "kegiatan": [2, 3]})
    figure = charts.rupiah_months_and_count_line(bars, line, "jenis", ["Dana", "Barang", "Sesi"], "kegiatan",
                                                 ("Nilai", "Kegiatan"))
    assert [trace.name for trace in figure.data] == ["Dana", "Barang", "Kegiatan"]
    assert list(figure.data[-1].y) == [5] and figure.data[-1].yaxis == "y2"
    # With no bars the line still draws (an agency that delivered but gave nothing).
    assert [trace.name for trace in charts.rupiah_months_and_count_line(
        bars.iloc[:0], line, "jenis", ["Dana"], "kegiatan", ("Nilai", "Kegiatan")).data] == ["Kegiatan"]


def test_part_of_whole_bars_show_the_part_and_the_rest_of_the_whole():
    rows = pd.DataFrame({"jenis": ["Painting", "PHBS"], "kegiatan": [1, 2], "kegiatan_program": [4, 2]})
    part, rest = charts.part_of_whole_bars(rows, "jenis", "kegiatan", "kegiatan_program", ("This", "Others"), "").data
    assert (part.name, rest.name) == ("This", "Others") and list(rest.x) == [3, 0]


def test_the_contributions_takeaways_name_who_and_where():
    totals = pd.DataFrame({"lembaga_aktif": [6], "nilai_idr": [155e6], "terbesar": ["Kemenko PMK"],
                           "porsi_terbesar": [0.65]})
    assert takeaways.agencies_and_largest_contributor(totals) == \
        "6 lembaga berkontribusi senilai Rp155,0 juta; terbesar Kemenko PMK (65% dari nilai program)."
    assert takeaways.agencies_and_largest_contributor(totals.assign(nilai_idr=0.0)).startswith("6 lembaga aktif")
    agencies = pd.DataFrame({"lembaga": ["B", "A", "C"], "kegiatan": [2, 2, 0], "porsi_kegiatan": [0.5, 0.5, 0]})
    assert takeaways.most_deliveries(agencies).startswith("A melaksanakan kegiatan terbanyak: 2 (50%")
    assert takeaways.most_deliveries(agencies.assign(kegiatan=0)) is None
    cells = pd.DataFrame({"kode_lembaga": ["A", "B", "A", "C"], "kode_wilayah": ["1", "1", "2", None],
                          "wilayah": ["Jagakarsa", "Jagakarsa", "Cilandak", "Seluruh kota"]})
    assert takeaways.most_served_area(cells) == \
        "Jagakarsa dilayani lembaga terbanyak (2); 1 wilayah hanya dilayani satu lembaga."
    assert takeaways.most_served_area(cells.iloc[3:]) is None
    flow = pd.DataFrame({"langkah": [1, 1, 1, 2], "sumber": ["A", "B", "A", "sosialisasi_phbs"],
                         "tujuan": ["sosialisasi_phbs", "sosialisasi_phbs", "x", "31"]})
    assert takeaways.type_with_most_agencies(flow).startswith("Sosialisasi PHBS diberikan oleh 2 lembaga")


def test_the_scorecard_takeaways_say_the_agencys_shares_and_its_largest_month():
    row = pd.DataFrame({"lembaga": ["Novalux Paint"], "nilai_idr": [5e6], "porsi_nilai": [0.03], "kegiatan": [1],
                        "porsi_kegiatan": [0.25], "kelurahan_dijangkau": [1]})
    assert takeaways.agency_share(row) == ("Novalux Paint: Rp5,0 juta (3% dari nilai program), 1 kegiatan "
                                           "(25% dari semua kegiatan) di 1 kelurahan.")
    months = pd.DataFrame({"bulan": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-02-01"]),
                           "nilai_idr": [3e6, 1e6, 1e6]})
    assert takeaways.largest_month_of_value(months) == "Kontribusi terbesar pada Januari 2024: Rp3,0 juta."
    assert takeaways.largest_month_of_value(months.iloc[:0]) is None
    kinds = pd.DataFrame({"jenis_intervensi": ["PHBS", "Painting"], "kegiatan": [1, 1], "porsi_kegiatan": [0.2, 0.5],
                          "lembaga": "Novalux Paint"})
    assert takeaways.largest_share_of_type(kinds).startswith("Painting: 50% dari semua kegiatan jenis ini")
    assert takeaways.largest_share_of_type(kinds.iloc[:0]) is None


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
    rows = pd.DataFrame({"tingkat": ["kota", "kecamatan"], "wilayah": ["Jakarta Selatan", "Jagakarsa"],
                         "rt_terdaftar": [4, 4], "sasaran_rt": [35, 35], "capaian": [4 / 35, 4 / 35], "cakupan": [0.25, 0.25]})
    assert takeaways.enrolment_and_reach(rows, "kecamatan") == \
        "Jagakarsa: 4 keluarga terdaftar dari sasaran 35 (11%); 25% di antaranya sudah menerima intervensi."
    assert takeaways.enrolment_and_reach(rows).startswith("Jakarta Selatan: 4 keluarga")
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


# Progress between rounds: chart kinds and sentences of bebenah.screens.kemajuan ---------------------

AREAS = pd.DataFrame({"kode_wilayah": ["31.74.09", "31.74.03"], "wilayah": ["Jagakarsa", "Mampang"],
                      "naik": [1, 0], "rt_dengan_kemajuan": [2, 1], "share": [0.5, 0.0]})


def test_shares_against_average_colour_bars_below_the_average_and_carry_each_code():
    figure = charts.shares_against_average(AREAS, ["Jagakarsa", "Mampang"], code="kode_wilayah", share="share", count="naik",
                               of="rt_dengan_kemajuan", average=1 / 3)
    assert [row[0] for row in figure.data[0].customdata] == ["31.74.09", "31.74.03"]
    assert list(figure.data[1].marker.color) == [charts.PALETTE[2], charts.PALETTE[1]]
    assert figure.layout.height == 260 and figure.layout.shapes[0].x0 == 1 / 3


def test_ordered_sankey_stacks_stages_in_order_and_leaves_out_hidden_flows():
    rows = pd.DataFrame({"tahapan_ks_baseline": ["ks_2", "pra_sejahtera", "ks_1"],
                         "tahapan_ks_terakhir": ["pra_sejahtera", "ks_2", "ks_1"], "kemajuan": ["turun", "naik", "tetap"],
                         "households": [1, 1, None], "share": [1.0, 1.0, None]})
    figure = charts.ordered_sankey(rows, "tahapan_ks_baseline", "tahapan_ks_terakhir", "households",
                                   order=("pra_sejahtera", "ks_1", "ks_2"), names=str.upper,
                                   colours=("red", "orange", "blue"), link_colour={"naik": "green", "tetap": "grey", "turun": "orange"},
                                   colour_by="kemajuan", share="share", sides=("A", "B"), unit="kk", of="of")
    (sankey,) = figure.data
    assert list(sankey.node.label) == ["PRA_SEJAHTERA · 1", "KS_2 · 1"] * 2 and list(sankey.node.color) == ["red", "blue"] * 2
    assert list(sankey.link.source) == [1, 0] and list(sankey.link.target) == [2, 3]


def test_dumbbell_draws_one_line_per_area_from_before_to_after():
    rows = pd.DataFrame({"wilayah": ["a", "b"], "baseline": [0.1, 0.5], "terakhir": [0.6, 0.4], "households": [3, 4]})
    figure = charts.dumbbell(rows, "wilayah", "baseline", "terakhir", names=("Before", "After"), count="households",
                             unit="kk", value_format=".0%")
    assert list(figure.data[0].x) == [0.1, 0.6, None, 0.5, 0.4, None]
    assert [trace.name for trace in figure.data[1:]] == ["Before", "After"] and figure.layout.height == 300


def test_small_multiples_draw_a_panel_per_code_and_one_legend_entry_per_series():
    rows = pd.DataFrame({"ukuran": ["x", "x", "y", "y"], "kohort": [2023, 2024, 2023, 2024], "putaran_ke": [1, 1, 1, 1],
                         "nilai": [0.5, 0.2, 3.0, 4.0], "households": [2, 1, 2, 1],
                         "satuan": ["share", "share", "skor", "skor"]})
    figure = charts.small_multiples(rows, "ukuran", {"x": "X", "y": "Y"}, "kohort", str, "putaran_ke", "nilai",
                                    "households", lambda shown: ".0%" if shown.satuan.eq("share").any() else ",.1f", "R")
    assert [annotation.text for annotation in figure.layout.annotations] == ["X", "Y"]
    assert [trace.showlegend for trace in figure.data] == [True, True, False, False]
    assert figure.layout.yaxis.tickformat == ".0%" and figure.layout.yaxis2.tickformat == ",.1f"


def test_rose_and_fell_names_the_laggard_only_among_several_shown_areas():
    summary = pd.DataFrame({"kemajuan": ["naik", "tetap", "turun"], "households": [1, 1, 1],
                            "rt_dengan_kemajuan": [3, 3, 3], "share": [1 / 3, 1 / 3, 1 / 3]})
    assert takeaways.rose_and_fell(summary, AREAS).endswith("Kelurahan Mampang tertinggal (0% naik).")
    assert takeaways.rose_and_fell(summary, AREAS.iloc[:1]).endswith("33% turun.")
    assert takeaways.rose_and_fell(summary.assign(share=None), AREAS).startswith("Terlalu sedikit")
    assert takeaways.rose_and_fell(summary.assign(rt_dengan_kemajuan=0), AREAS).startswith("Belum ada")


def test_lowest_stage_rise_skips_a_stage_with_a_hidden_flow():
    rows = pd.DataFrame({"tahapan_ks_baseline": ["pra_sejahtera", "pra_sejahtera", "ks_1"],
                         "tahapan_ks_terakhir": ["ks_1", "ks_2", "ks_2"], "kemajuan": ["naik"] * 3,
                         "households": [None, 2, 3], "share": [None, 0.5, 1.0]})
    assert takeaways.lowest_stage_rise(rows, ("pra_sejahtera", "ks_1", "ks_2")) == \
        "Dari 3 keluarga yang KS I saat baseline, 100% kini di tahapan lebih tinggi."
    assert takeaways.lowest_stage_rise(rows.iloc[:1], ("pra_sejahtera", "ks_1", "ks_2")) is None


def test_lagging_area_is_the_lowest_shown_share():
    assert takeaways.lagging_area(AREAS, "progress.kelurahan_takeaway") == \
        "Kelurahan Mampang tertinggal: 0% keluarga naik (0 dari 1)."
    assert takeaways.lagging_area(AREAS.assign(share=None), "progress.kelurahan_takeaway") is None


def test_measure_sentences_read_the_better_direction_and_the_rounds():
    domains = pd.DataFrame({"ukuran": ["rt_ber_phbs", "berisiko_stunting", "phbs_skor"], "satuan": ["share", "share", "skor"],
                            "arah": [1, -1, 1], "kode_wilayah": [None] * 3, "baseline": [0.5, 0.0, 8.0],
                            "terakhir": [1.0, 0.2, 9.0], "perubahan": [0.5, 0.2, 1.0]})
    assert takeaways.most_and_least_improved(domains) == ("Paling membaik: Keluarga ber-PHBS, 50% → 100%. "
                                                          "Paling sedikit membaik: Keluarga berisiko stunting, 0% → 20%.")
    areas = domains.iloc[:2].assign(wilayah=["A", "B"]).iloc[::-1]
    assert takeaways.best_and_worst_area_change(areas, "rt_ber_phbs") == \
        "Keluarga ber-PHBS: A paling membaik (+50 poin); B paling tertinggal (+20 poin)."
    assert takeaways.best_and_worst_area_change(areas.iloc[:1], "rt_ber_phbs") is None
    rounds = pd.DataFrame({"kohort": [2023, 2023], "putaran_ke": [1, 2], "ukuran": ["phbs_skor"] * 2,
                           "satuan": ["skor"] * 2, "nilai": [8.0, 9.5]})
    assert takeaways.first_to_last_round(rounds, "phbs_skor") == \
        "Skor PHBS (0–10): 2023 (pilot) 8,0 pada putaran 1 → 9,5 pada putaran 2."
    assert takeaways.first_to_last_round(rounds.iloc[:1], "phbs_skor") is None


def test_share_up_per_cohort_names_each_shown_cohort():
    rows = pd.DataFrame({"kohort": [2023, 2024], "share": [0.5, None], "rt_dengan_kemajuan": [2, None]})
    assert takeaways.share_up_per_cohort(rows) == "Keluarga naik tahapan per kohort: 2023 (pilot) 50% (dari 2)."
    assert takeaways.share_up_per_cohort(rows.iloc[1:]) is None


def test_a_large_sankey_folds_its_smallest_agencies_and_areas_and_says_each_node_s_number():
    """Before, the agency flow drew about 170 links with no numbers."""
    agencies = [f"L{number:02d}" for number in range(12)]
    rows = pd.DataFrame({"langkah": [1] * 12 + [2] * 12, "sumber": agencies + ["cat"] * 12,
                         "tujuan": ["cat"] * 12 + [f"31.74.{number:02d}" for number in range(12)],
                         "kegiatan": list(range(12, 0, -1)) * 2,
                         "nama": [f"Lembaga {code}" for code in agencies] + ["Painting"] * 12,
                         "wilayah": ["Painting"] * 12 + [f"Kecamatan {number}" for number in range(12)]})
    flow = charts.sankey(rows, "langkah", "sumber", "tujuan", "kegiatan", "nama", "wilayah", most=4).data[0]
    labels = list(flow.node.label)
    assert labels[:4] == ["Lembaga L00 · 12", "Lembaga L01 · 11", "Lembaga L02 · 10", "Lainnya · 45"]
    assert labels[4] == "Painting · 78" and labels[-1] == "Lainnya · 45"
    assert len(labels) == 4 + 1 + 4 and sum(flow.link.value) == 2 * 78


def test_the_pilot_takeaway_says_the_rollout_joining_is_not_the_pilot_falling_back():
    rows = pd.DataFrame({"kelompok": ["percontohan", "perluasan"], "households": [10, 1472], "naik": [8, 746],
                         "rt_dengan_kemajuan": [10, 1352], "share": [0.8, 746 / 1352],
                         "tanggal_baseline_pertama": pd.to_datetime(["2023-09-13", "2024-01-18"])})
    said = takeaways.pilot_and_rollout(rows)
    assert said.startswith("Keluarga percontohan (10): 80% naik tahapan; keluarga perluasan (1.472, sejak 18 Jan 2024): 55%.")
    assert "bukan karena percontohan mundur" in said
    assert takeaways.pilot_and_rollout(rows.assign(share=[None, 0.5])) is None  # hidden: nothing to compare
