import io
from datetime import date

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from pypdf import PdfReader

from tests.factories import UnionFactory
from union.documents import (
    BLANK,
    Annex,
    OfficialDocument,
    document_date,
    recipient_lines,
    render_docx,
    render_pdf,
)
from union.register import draft_fields


def make_document(**overrides):
    fields = dict(
        upper_name="Công đoàn Viên chức tỉnh Gia Lai",
        issuer_name="CĐCS Sở Thông tin và Truyền thông",
        number="01/KH-CĐCS",
        place="Gia Lai",
        issued_on=date(2019, 3, 5),
        year=2019,
        kind="Kế hoạch",
        subject="Thực hiện công tác cải cách hành chính năm 2019",
        sections=[("I. MỤC ĐÍCH, YÊU CẦU", ["Nâng cao nhận thức của đoàn viên <và> NLĐ."])],
        annex=Annex(
            title="DANH MỤC NHIỆM VỤ",
            columns=["STT", "Nhiệm vụ", "Thời hạn"],
            widths=[1, 4, 2],
            rows=[["1.1", "Tuyên truyền về CCHC", "31/12/2019"]],
        ),
        signer_name="Nguyễn Văn An",
        recipients=["Công đoàn Viên chức tỉnh (b/c);", "- Lãnh đạo Sở (p/h)"],
    )
    return OfficialDocument(**{**fields, **overrides})


def docx_texts(data):
    """Every paragraph's text, in reading order, table cells included."""
    word = Document(io.BytesIO(data))
    texts = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                # A long name of the letterhead is broken over lines: read as one.
                texts += [p.text.replace("\n", " ") for p in cell.paragraphs]
    return word, texts


def pdf_text(data):
    """The PDF's text with whitespace runs as one space, so that a wrapped line still matches."""
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


@pytest.mark.parametrize(("day", "expected"), [
    (date(2019, 3, 5), "Gia Lai, ngày 05 tháng 3 năm 2019"),
    (date(2019, 2, 5), "Gia Lai, ngày 05 tháng 02 năm 2019"),
    (date(2019, 1, 31), "Gia Lai, ngày 31 tháng 01 năm 2019"),
    (date(2019, 11, 15), "Gia Lai, ngày 15 tháng 11 năm 2019"),
    (date(2019, 10, 9), "Gia Lai, ngày 09 tháng 10 năm 2019"),
])
def test_the_date_line_pads_days_under_ten_and_months_one_and_two(day, expected):
    assert document_date("Gia Lai", day) == expected


def test_an_undated_document_leaves_blanks_before_the_year():
    line = document_date("Gia Lai", None, year=2019)
    assert line.startswith("Gia Lai, ngày")
    assert line.endswith("năm 2019")
    assert "tháng" in line and not any(ch.isdigit() for ch in line[:-4])


def test_the_recipient_list_ends_with_the_archive_line_once():
    assert recipient_lines(["- Sở Nội vụ;", " Lãnh đạo Sở. "]) == [
        "- Sở Nội vụ;", "- Lãnh đạo Sở;", "- Lưu: VT.",
    ]
    assert recipient_lines(["Lưu: VT;", "Sở Nội vụ"]) == ["- Sở Nội vụ;", "- Lưu: VT."]
    assert recipient_lines(["Ông Lưu Văn Hòa", "Lưu: VT, BCH."]) == [
        "- Ông Lưu Văn Hòa;", "- Lưu: VT, BCH."]


def test_the_word_file_carries_the_letterhead_title_and_signature():
    word, texts = docx_texts(render_docx(make_document()))
    for expected in ["CÔNG ĐOÀN VIÊN CHỨC TỈNH GIA LAI", "CĐCS SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
                     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "Số: 01/KH-CĐCS", "Gia Lai, ngày 05 tháng 3 năm 2019", "KẾ HOẠCH",
                     "Thực hiện công tác cải cách hành chính năm 2019",
                     "Nâng cao nhận thức của đoàn viên <và> NLĐ.", "TM. BAN CHẤP HÀNH",
                     "CHỦ TỊCH", "Nguyễn Văn An", "PHỤ LỤC", "Tuyên truyền về CCHC"]:
        assert expected in texts


def test_the_word_file_lists_recipients_ending_with_the_archive_line():
    _, texts = docx_texts(render_docx(make_document()))
    start = texts.index("Nơi nhận:")
    assert texts[start + 1:start + 4] == [
        "- Công đoàn Viên chức tỉnh (b/c);", "- Lãnh đạo Sở (p/h);", "- Lưu: VT.",
    ]


def test_the_word_file_is_a4_with_the_decree_margins_in_times_new_roman():
    word, _ = docx_texts(render_docx(make_document()))
    section = word.sections[0]
    measures = {"width": section.page_width, "height": section.page_height,
                "top": section.top_margin, "bottom": section.bottom_margin,
                "left": section.left_margin, "right": section.right_margin}
    assert {name: round(value.mm) for name, value in measures.items()} == {
        "width": 210, "height": 297, "top": 20, "bottom": 20, "left": 30, "right": 15,
    }
    assert word.styles["Normal"].font.name == "Times New Roman"
    assert word.styles["Normal"].font.size.pt == 14


def test_the_word_file_underlines_the_motto_and_italicises_the_date():
    word, _ = docx_texts(render_docx(make_document()))
    runs = {run.text.replace("\n", " "): run for table in word.tables for row in table.rows
            for cell in row.cells for p in cell.paragraphs for run in p.runs}
    assert runs["Độc lập - Tự do - Hạnh phúc"].underline
    assert runs["Độc lập - Tự do - Hạnh phúc"].bold
    assert runs["Gia Lai, ngày 05 tháng 3 năm 2019"].italic
    assert runs["CÔNG ĐOÀN VIÊN CHỨC TỈNH GIA LAI"].bold is not True


def test_the_annex_is_a_bordered_table_on_a_new_page():
    word, _ = docx_texts(render_docx(make_document()))
    annex = word.tables[-1]
    assert annex.style.name == "Table Grid"
    assert [cell.text for cell in annex.rows[0].cells] == ["STT", "Nhiệm vụ", "Thời hạn"]
    assert [cell.text for cell in annex.rows[1].cells] == [
        "1.1", "Tuyên truyền về CCHC", "31/12/2019"]
    heading = next(p for p in word.paragraphs if p.text == "PHỤ LỤC")
    assert heading.paragraph_format.page_break_before


def test_a_document_without_signer_name_or_annex_still_renders():
    document = make_document(signer_name="", annex=None, issued_on=None)
    _, texts = docx_texts(render_docx(document))
    assert "PHỤ LỤC" not in texts
    assert any(text.startswith("Gia Lai, ngày") and text.endswith("năm 2019") for text in texts)
    assert "KẾ HOẠCH" in pdf_text(render_pdf(document))


def test_the_pdf_keeps_the_vietnamese_text_extractable():
    text = pdf_text(render_pdf(make_document()))
    for expected in ["KẾ HOẠCH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc", "CĐCS SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
                     "Gia Lai, ngày 05 tháng 3 năm 2019", "Nâng cao nhận thức của đoàn viên <và>",
                     "Tuyên truyền về CCHC", "- Lưu: VT.", "Nguyễn Văn An"]:
        assert expected in text


def test_the_pdf_is_a4():
    page = PdfReader(io.BytesIO(render_pdf(make_document()))).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def test_a_draft_says_so_on_top_in_bold_and_leaves_number_and_date_blank():
    document = make_document(**draft_fields(union=UnionFactory.build(), kind="plan",
                                            year=2019))
    word, texts = docx_texts(render_docx(document))
    mark = word.paragraphs[0]
    assert mark.text == "DỰ THẢO"
    assert mark.runs[0].bold and mark.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert f"Số: {BLANK}/KH-CĐCS" in texts
    assert f"Gia Lai, ngày{BLANK}tháng{BLANK}năm 2019" in texts
    text = pdf_text(render_pdf(document))
    assert text.startswith("DỰ THẢO")
    assert "01/KH" not in text


def test_an_issued_document_has_no_draft_mark():
    word, _ = docx_texts(render_docx(make_document()))
    assert all(p.text != "DỰ THẢO" for p in word.paragraphs)
    assert "DỰ THẢO" not in pdf_text(render_pdf(make_document()))
