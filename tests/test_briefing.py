"""The meeting's briefing: the same six views as slides, as a PDF read back with pypdf and as a
PowerPoint read back with python-pptx, checked against the database; the minutes; privacy in the
files exactly as on screen; a server without Chromium says how to install it."""

import io
from datetime import date

import pytest
from pptx import Presentation
from pypdf import PdfReader

from bebenah import briefing, briefing_files, db, meetings
from bebenah.i18n import number

from test_access import open_page

FILTERS = {"kota": None, "kecamatan": None, "kelurahan": None, "dari": date(2023, 9, 13), "sampai": date(2026, 12, 3)}
TITLES = ["Capaian terhadap target", "Yang berubah sejak rapat terakhir", "Kemajuan keluarga", "Di mana celahnya",
          "Siapa melakukan apa di mana", "Tindak lanjut rapat lalu"]


@pytest.fixture
def meeting(fixture_db):
    rapat_id = meetings.create("ani", date(2024, 3, 1), "Rakor Maret", None, ["SUDIN_SOSIAL", "NOVALUX"])
    meetings.add_action("ani", rapat_id, "kebutuhan", "31.74.09.1005", "SUDIN_PPKUKM", "Pelatihan usaha",
                        date(2024, 6, 30), kebutuhan="tanpa_penghasilan", sampai=date(2024, 3, 1))
    meetings.close("ani", rapat_id)
    return meetings.last_closed("")


def enrolled_now() -> int:
    return int(db.cursor().execute("select count(*) from summary_kemajuan_per(sampai := date '2026-12-03') "
                                   "where kemajuan <> 'tanpa_baseline'").fetchone()[0])


def test_the_briefing_has_the_six_views_in_order(meeting, as_admin):
    slides = briefing.slides(FILTERS, meeting)
    assert [slide.title for slide in slides] == TITLES
    since = slides[1].figures[0]
    assert (since.label, since.value) == ("Keluarga terdaftar", number(enrolled_now()))
    assert slides[5].table.iloc[0]["Tindakan"] == "Pelatihan usaha"


def test_without_a_closed_meeting_the_briefing_leaves_out_its_two_views(fixture_db, as_admin):
    assert [slide.title for slide in briefing.slides(FILTERS, None)] == [TITLES[0], *TITLES[2:5]]


def test_the_powerpoint_has_a_slide_per_view_with_its_numbers_and_the_footer(meeting, as_admin):
    footer = briefing.footer(FILTERS, sample_data=False)
    deck = Presentation(io.BytesIO(briefing_files.briefing_pptx(briefing.slides(FILTERS, meeting), footer, "Paparan")))
    assert deck.slide_width * 9 == deck.slide_height * 16  # 16:9
    texts = [[shape.text_frame.text for shape in slide.shapes if shape.has_text_frame] for slide in deck.slides]
    assert len(texts) == 1 + len(TITLES)  # the cover, then one slide per view
    assert [slide[0] for slide in texts[1:]] == TITLES
    assert all(footer in slide for slide in texts)
    assert number(enrolled_now()) in texts[2]  # the figure as the database has it
    assert "Seluruh program" in footer and "data sampai" in footer and "unggahan" in footer
    pictures = [shape for shape in deck.slides[5].shapes if shape.shape_type == 13]
    assert len(pictures) == 1  # who does what where: the chart, drawn by kaleido
    table = next(shape.table for shape in deck.slides[6].shapes if shape.has_table)
    assert table.cell(1, 2).text == "Pelatihan usaha"


def test_the_pdf_is_a4_landscape_with_every_view_and_the_footer_on_every_page(meeting, as_admin):
    footer = briefing.footer(FILTERS, sample_data=True)
    reader = PdfReader(io.BytesIO(briefing_files.briefing_pdf(briefing.slides(FILTERS, meeting), footer, "Paparan")))
    assert len(reader.pages) == 1 + len(TITLES)
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert round(width) == 842 and round(height) == 595  # A4 landscape, in points
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    for page, title in zip(pages[1:], TITLES):
        assert page.startswith(title)
    assert all("DATA CONTOH" in page and "data sampai" in page for page in pages)
    assert number(enrolled_now()) in pages[2]


def test_the_minutes_name_the_meeting_its_agencies_and_the_actions_agreed(meeting, as_admin):
    row = db.run("meetings").iloc[0]
    reader = PdfReader(io.BytesIO(briefing_files.minutes_pdf(briefing.minutes(row, FILTERS), "kaki")))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert text.startswith("Notulen: Rakor Maret")
    assert "Sudin Sosial" in text and "Novalux" in text and "Pelatihan usaha" in text


def test_the_files_hide_small_counts_for_a_viewer_as_the_screen_does(meeting, monkeypatch):
    from bebenah import access

    import accounts

    monkeypatch.setattr(access, "current_user", lambda: dict(accounts.ACCOUNTS["viewer"]))
    since = briefing.slides(FILTERS, meeting)[1]
    assert since.figures[0].value == "–"  # four households: under the fixture's k = 5
    actions = briefing.slides(FILTERS, meeting)[5].table
    assert actions.iloc[0]["Keluarga saat disepakati"] == "–"


def test_without_chromium_the_page_says_how_to_install_it(meeting, monkeypatch):
    monkeypatch.setattr(briefing_files, "chromium_present", lambda: False)
    at = open_page("app_pages/rapat.py", "admin")
    assert any("apt-get install chromium" in info.value for info in at.info)
    assert not [button for button in at.get("download_button") if "briefing" in str(button.proto.id)]


def test_a_chart_downloads_as_a_png_named_for_what_it_shows_with_title_and_source_drawn_in(fixture_db, monkeypatch):
    at = open_page("app_pages/cakupan.py", "admin")
    buttons = [button for button in at.get("download_button") if str(button.proto.id).endswith("_png")
               or "_png" in str(getattr(button, "key", ""))]
    assert buttons, "each chart has its PNG button"
    drawn = []
    monkeypatch.setattr(briefing_files, "chart_png", lambda figure: drawn.append(figure) or b"\x89PNG")
    import plotly.graph_objects as go

    png = briefing_files.captioned_png(go.Figure(go.Bar(x=[1], y=[2])), "Cakupan per kelurahan",
                                       "Seluruh program · data sampai 1 Sep 2024 · DATA CONTOH")
    assert png.startswith(b"\x89PNG")
    assert drawn[0].layout.title.text == "Cakupan per kelurahan"
    assert "DATA CONTOH" in drawn[0].layout.annotations[0].text


def test_the_png_is_real_and_sized_for_a_chat(fixture_db):
    import plotly.graph_objects as go
    from PIL import Image

    png = briefing_files.captioned_png(go.Figure(go.Bar(x=["a", "b"], y=[2, 3])), "Judul", "kaki")
    image = Image.open(io.BytesIO(png))
    assert image.size == (briefing_files.CHART_SIZE[0] * 2, briefing_files.CHART_SIZE[1] * 2)
    assert len(set(image.convert("L").getdata())) > 10  # drawn, not blank


def test_a_headline_figure_is_a_square_share_card(fixture_db, as_admin):
    from PIL import Image

    figure = briefing.Figure("Keluarga terdaftar", "1.482", "+12", "dari sasaran 1.809 (82%)")
    card = Image.open(io.BytesIO(briefing_files.share_card(figure, "Ringkasan program", "Seluruh program · DATA CONTOH")))
    assert card.size == (briefing_files.CARD_SIDE, briefing_files.CARD_SIDE)
    assert len(set(card.convert("L").getdata())) > 10
    at = open_page("app_pages/ringkasan.py", "admin")
    assert [box.options for box in at.selectbox if box.key == "share_card_figure"][0][0] == "Keluarga terdaftar"
