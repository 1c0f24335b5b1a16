"""Official union documents (kế hoạch, báo cáo, quyết định) as Word and PDF files.

The layout is the one a union officer checks first (Nghị định 30/2020/NĐ-CP, Phụ lục I; union
letterhead per QĐ 933/QĐ-TLĐ 2024; see DOMAIN.md "Documents and letterheads"). A document is
first laid out as lines of text with their typography (``Line``); the DOCX and PDF writers
only translate those lines, so the file a union edits in Word and the PDF it prints cannot
drift apart.

The fixed legal wording below (national title, motto, "Số:", "Nơi nhận:", "Lưu: VT.") is
not translated: an official document is Vietnamese whatever the reader's language.
"""

import functools
import io
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import HRFlowable, PageBreak, Paragraph, SimpleDocTemplate, Table

from union.models import BLANK_NUMBER

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
ARCHIVE = "Lưu: VT"
# Non-breaking, so that the blanks left for a handwritten date survive in the PDF too.
BLANK = BLANK_NUMBER

# Page and type per Nghị định 30/2020, Phụ lục I (margins in mm, sizes in pt).
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
HEADER_WIDTHS_MM = (70, TEXT_WIDTH_MM - 70)
SIGNATURE_WIDTHS_MM = (80, TEXT_WIDTH_MM - 80)
FIRST_LINE_INDENT_MM = 10
WORD_FONT = "Times New Roman"
FONT_DIR = Path(__file__).resolve().parent / "fonts"
PDF_FONT = "LiberationSerif"


class Annex(NamedTuple):
    """A table printed on its own page after the signature ("PHỤ LỤC")."""

    title: str
    columns: list[str]
    widths: list[float]  # relative; scaled to the text width
    rows: list[list[str]]
    note: str = ""  # the italic line under the title, e.g. "(Kèm theo Kế hoạch số …)"


@dataclass
class OfficialDocument:
    """What an official document says; the renderers decide nothing but typography."""

    upper_name: str
    issuer_name: str
    number: str
    place: str
    kind: str
    subject: str
    issued_on: date | None = None
    year: int | None = None  # printed in the blank date line of an undated draft
    sections: list[tuple[str | None, list[str]]] = field(default_factory=list)
    annex: Annex | None = None
    signer_lines: tuple[str, ...] = ("TM. BAN CHẤP HÀNH", "CHỦ TỊCH")
    signer_name: str = ""
    recipients: list[str] = field(default_factory=list)
    # A draft prints "DỰ THẢO" on top; its ``number`` leaves the blank of the number to fill
    # (``union.register.draft_fields``), and it has no date until it is issued.
    draft: bool = False
    # A decision's "GIÁM ĐỐC SỞ …" under its subject, its "Căn cứ …" lines (italic) and the
    # "QUYẾT ĐỊNH:" before its articles; a Tờ trình's "Kính gửi: …".
    addressee: str = ""
    authority: str = ""
    grounds: list[str] = field(default_factory=list)
    decides: str = ""
    # Minutes are signed by two (the secretary left, the chair right) and have no recipients.
    left_signer_lines: tuple[str, ...] = ()
    left_signer_name: str = ""

    def __post_init__(self):
        if self.annex is not None and not isinstance(self.annex, Annex):
            self.annex = Annex(*self.annex)


# ---------------------------------------------------------------- wording


def vietnamese_date(day: date) -> str:
    """"ngày 05 tháng 3 năm 2019": days under 10 and months 1–2 padded (Nghị định 30/2020)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def document_date(place: str, day: date | None, *, year: int | None = None) -> str:
    """"Gia Lai, ngày 05 tháng 3 năm 2019"; an undated draft leaves blanks to fill by hand."""
    text = vietnamese_date(day) if day else f"ngày{BLANK}tháng{BLANK}năm {year or '20…'}"
    return f"{place}, {text}" if place else text[0].upper() + text[1:]


def clean_recipient(text: str) -> str:
    """A recipient as typed ("- Sở Nội vụ;") without the list punctuation the layout adds."""
    return text.strip().lstrip("-–•").strip().rstrip(";.,").strip()


def recipient_lines(recipients: list[str]) -> list[str]:
    """"- Sở Nội vụ;" each, closing with the archive line every document keeps ("- Lưu: VT.")."""
    names = [name for name in map(clean_recipient, recipients) if name]
    archives = [name for name in names
                if name.casefold().replace(" ", "").startswith(("lưu:", "lưuvt"))]
    lines = [f"- {name};" for name in names if name not in archives]
    return [*lines, f"- {archives[-1] if archives else ARCHIVE}."]


# ---------------------------------------------------------------- layout


@dataclass(frozen=True)
class Line:
    """One paragraph and its typography; ``rule`` draws a short centred rule under it (mm)."""

    text: str
    size: float = 14
    bold: bool = False
    italic: bool = False
    underline: bool = False
    align: str = "center"  # "center", "justify", "left" or "right"
    indent: bool = False  # first-line indent of body text
    before: float = 0  # space before, pt
    after: float = 0  # space after, pt
    rule: float = 0
    new_page: bool = False
    keep_next: bool = False


DRAFT_MARK = "DỰ THẢO"


def draft_lines(document: OfficialDocument) -> list[Line]:
    """"DỰ THẢO" above the letterhead, bold and in the corner where nobody misses it."""
    return [Line(DRAFT_MARK, size=16, bold=True, align="right", after=6)] if document.draft else []


# Words a long name is best broken before: where the next body or place begins
# ("CÔNG ĐOÀN CƠ SỞ / SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "ỦY BAN NHÂN DÂN / TỈNH GIA LAI").
BREAK_BEFORE = ("SỞ ", "TỈNH ", "THÀNH PHỐ ", "HUYỆN ", "CÔNG ĐOÀN ", "BAN ", "HỘI ĐỒNG ",
                "PHÒNG ", "TRUNG TÂM ", "VÀ ", "VIÊN CHỨC ", "LAO ĐỘNG ", "THI ĐUA ")


def letterhead_name(name: str, *, bold: bool = False, size: float = 13) -> str:
    """A name of the letterhead's left column, in capitals, broken at word boundaries where
    it does not fit the column: before the word that starts the next body or place when one
    lies near the middle, else where the lines are most even; never beside a hyphen."""
    _register_pdf_fonts()
    font = PDF_FONT + ("-Bold" if bold else "")
    room = (HEADER_WIDTHS_MM[0] - 4) * mm

    def fit(text):
        words = text.split(" ")
        if len(words) < 2 or pdfmetrics.stringWidth(text, font, size) <= room:
            return text

        def cost(i):
            left, right = " ".join(words[:i]), " ".join(words[i:])
            uneven = abs(len(left) - len(right))
            hyphen = 100 if "-" in (words[i - 1], words[i]) else 0
            return uneven + hyphen - (12 if (right + " ").startswith(BREAK_BEFORE) else 0)

        i = min(range(1, len(words)), key=cost)
        return fit(" ".join(words[:i])) + "\n" + fit(" ".join(words[i:]))

    return fit(" ".join(name.upper().split()))


def header_lines(document: OfficialDocument) -> list[list[list[Line]]]:
    """The two-column letterhead, as rows of cells; "Số:" and the date share the second row."""
    issuer = [
        Line(letterhead_name(document.upper_name), size=13),
        Line(letterhead_name(document.issuer_name, bold=True), size=13, bold=True, rule=25),
    ]
    republic = [
        Line(NATIONAL_TITLE, size=12, bold=True),
        Line(MOTTO, size=13, bold=True, underline=True),
    ]
    number = [Line(f"Số: {document.number}", size=13, before=6)]
    dated = [Line(document_date(document.place, document.issued_on, year=document.year),
                  italic=True, before=6)]
    return [[issuer, republic], [number, dated]]


def title_lines(document: OfficialDocument) -> list[Line]:
    lines = [
        Line(document.kind.upper(), bold=True, before=24),
        Line(document.subject, bold=True, rule=40, after=12),
    ]
    if document.addressee:
        lines.append(Line(document.addressee, after=12))
    if document.authority:
        lines.append(Line(document.authority, bold=True, after=12))
    return lines


def body_lines(document: OfficialDocument) -> list[Line]:
    lines = [Line(text, italic=True, align="justify", indent=True, after=4)
             for text in document.grounds]
    if document.decides:
        lines.append(Line(document.decides, bold=True, before=6, after=6))
    for heading, paragraphs in document.sections:
        if heading:
            lines.append(Line(heading, bold=True, align="justify", indent=True, before=6,
                              after=6, keep_next=True))
        lines += [Line(text, align="justify", indent=True, after=6) for text in paragraphs]
    return lines


def signature_lines(document: OfficialDocument) -> list[list[Line]]:
    """Recipients bottom left, the signer's block bottom right, with room for the signature;
    a paper signed by two (minutes) has the second signer left instead of recipients."""
    signer = _signer(document.signer_lines, document.signer_name)
    if document.left_signer_lines:
        return [_signer(document.left_signer_lines, document.left_signer_name), signer]
    recipients = [Line("Nơi nhận:", size=12, bold=True, italic=True, align="left")]
    recipients += [Line(text, size=11, align="left") for text in recipient_lines(
        document.recipients)]
    return [recipients, signer]


def _signer(titles, name) -> list[Line]:
    return [*(Line(text, bold=True) for text in titles),
            Line(name or "\u00a0", bold=True, before=72)]


def annex_lines(annex: Annex) -> list[Line]:
    lines = [Line("PHỤ LỤC", bold=True, new_page=True), Line(annex.title, bold=True)]
    if annex.note:
        lines.append(Line(annex.note, size=13, italic=True))
    return [*lines[:-1], replace(lines[-1], after=8)]


def annex_cells(annex: Annex) -> list[list[list[Line]]]:
    """One line per cell; the header row bold and centred, and the first column (STT)."""
    rows = [[[Line(text, size=12, bold=True)] for text in annex.columns]]
    for row in annex.rows:
        rows.append([[Line(text, size=12, align="center" if i == 0 else "left")]
                     for i, text in enumerate(row)])
    return rows


def annex_widths_mm(annex: Annex) -> list[float]:
    total = sum(annex.widths)
    return [TEXT_WIDTH_MM * width / total for width in annex.widths]


# ---------------------------------------------------------------- DOCX


def render_docx(document: OfficialDocument) -> bytes:
    """The document as a Word file the union can still edit before signing."""
    word = Document()
    _docx_page(word)
    _docx_fonts(word)
    _docx_lines(word, draft_lines(document), TEXT_WIDTH_MM)
    _docx_table(word, header_lines(document), HEADER_WIDTHS_MM)
    _docx_lines(word, title_lines(document) + body_lines(document), TEXT_WIDTH_MM)
    _docx_table(word, [signature_lines(document)], SIGNATURE_WIDTHS_MM, before=12)
    if document.annex:
        _docx_lines(word, annex_lines(document.annex), TEXT_WIDTH_MM)
        table = _docx_table(word, annex_cells(document.annex), annex_widths_mm(document.annex),
                            style="Table Grid")
        _docx_row_flag(table.rows[0], "w:tblHeader")  # repeated on every page of the annex
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _docx_page(word):
    """A4 and the decree's margins; page numbers top centre from the second page on."""
    section = word.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    for side, value in MARGINS_MM.items():
        setattr(section, f"{side}_margin", Mm(value))
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page = OxmlElement("w:fldSimple")
    page.set(qn("w:instr"), "PAGE")
    paragraph._p.append(page)


def _docx_fonts(word):
    """Times New Roman for every script, because Word otherwise picks the theme font for
    text it classifies as East-Asian or complex, and Vietnamese marks can land there."""
    fonts = word.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
    for name in list(fonts.attrib):
        del fonts.attrib[name]
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), WORD_FONT)
    normal = word.styles["Normal"]
    normal.font.name, normal.font.size = WORD_FONT, Pt(14)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "vi-VN")
    normal.element.get_or_add_rPr().append(language)


DOCX_ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
              "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}


def _docx_lines(container, lines, width_mm):
    for line in lines:
        paragraph = container.add_paragraph()
        form = paragraph.paragraph_format
        form.alignment = DOCX_ALIGN[line.align]
        form.space_before, form.space_after = Pt(line.before), Pt(line.after)
        form.line_spacing = 1.1
        # None rather than False: leave the property out instead of writing it switched off.
        form.page_break_before, form.keep_with_next = line.new_page or None, line.keep_next or None
        if line.indent:
            form.first_line_indent = Mm(FIRST_LINE_INDENT_MM)
        run = paragraph.add_run(line.text)
        run.font.size = Pt(line.size)
        run.bold, run.italic, run.underline = line.bold, line.italic, line.underline
        if line.rule:
            _docx_rule(container, line.rule, width_mm)


def _docx_rule(container, length_mm, width_mm):
    """A short rule: the bottom border of an empty paragraph indented from both sides.

    The border goes in first because Word rejects a paragraph whose properties are out of
    schema order, and python-docx inserts the indents and spacing in order around it.
    """
    paragraph = container.add_paragraph()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
        bottom.set(qn(f"w:{name}"), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().append(border)
    form = paragraph.paragraph_format
    form.left_indent = form.right_indent = Mm((width_mm - length_mm) / 2)
    form.space_before, form.space_after, form.line_spacing = Pt(0), Pt(4), Pt(2)


def _docx_table(word, rows, widths_mm, *, style=None, before=0):
    """A table of cells, each a list of lines; borderless unless a style gives borders."""
    if before:
        _docx_lines(word, [Line("", size=2, before=before)], TEXT_WIDTH_MM)
    table = word.add_table(rows=len(rows), cols=len(widths_mm))
    if style:
        table.style = word.styles[style]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row, cells in zip(table.rows, rows, strict=True):
        if not style:  # the letterhead and the signature block never break across pages
            _docx_row_flag(row, "w:cantSplit")
        for cell, lines, width in zip(row.cells, cells, widths_mm, strict=True):
            cell.width = Mm(width)
            cell._tc.remove(cell.paragraphs[0]._p)  # a new cell comes with an empty paragraph
            _docx_lines(cell, lines, width - 4)  # less the cell's side margins
    return table


def _docx_row_flag(row, tag):
    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


# ---------------------------------------------------------------- PDF

PDF_FACES = {(False, False): "", (True, False): "-Bold", (False, True): "-Italic",
             (True, True): "-BoldItalic"}
PDF_ALIGN = {"center": TA_CENTER, "justify": TA_JUSTIFY, "left": TA_LEFT, "right": TA_RIGHT}


def render_pdf(document: OfficialDocument) -> bytes:
    """The document as a PDF to print or read on screen, in the bundled Liberation Serif."""
    _register_pdf_fonts()
    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(
        buffer, pagesize=A4,
        title=f"{document.kind} ({DRAFT_MARK.lower()})" if document.draft
        else f"{document.kind} {document.number}",
        **{f"{side}Margin": value * mm for side, value in MARGINS_MM.items()},
    )
    story = [
        *_pdf_lines(draft_lines(document)),
        _pdf_table(header_lines(document), HEADER_WIDTHS_MM),
        *_pdf_lines(title_lines(document) + body_lines(document)),
        _pdf_table([signature_lines(document)], SIGNATURE_WIDTHS_MM, before=12),
    ]
    if document.annex:
        story += _pdf_lines(annex_lines(document.annex))
        story.append(_pdf_table(annex_cells(document.annex), annex_widths_mm(document.annex),
                                grid=True))
    pdf.build(story, onLaterPages=_pdf_page_number)
    return buffer.getvalue()


@functools.cache
def _register_pdf_fonts():
    """Register the serif family once per process: reportlab keeps fonts globally."""
    for suffix in PDF_FACES.values():
        path = FONT_DIR / f"LiberationSerif{suffix or '-Regular'}.ttf"
        pdfmetrics.registerFont(TTFont(PDF_FONT + suffix, str(path)))
    pdfmetrics.registerFontFamily(
        PDF_FONT, normal=PDF_FONT, bold=f"{PDF_FONT}-Bold", italic=f"{PDF_FONT}-Italic",
        boldItalic=f"{PDF_FONT}-BoldItalic",
    )


def _pdf_paragraph(line: Line) -> Paragraph:
    face = PDF_FACES[line.bold, line.italic]
    text = escape(line.text).replace("\n", "<br/>")
    style = ParagraphStyle(
        "line", fontName=PDF_FONT + face, fontSize=line.size, leading=line.size * 1.2,
        alignment=PDF_ALIGN[line.align], spaceBefore=line.before, spaceAfter=line.after,
        firstLineIndent=FIRST_LINE_INDENT_MM * mm if line.indent else 0,
        keepWithNext=line.keep_next,
    )
    return Paragraph(f"<u>{text}</u>" if line.underline else text, style)


def _pdf_lines(lines) -> list:
    story = []
    for line in lines:
        if line.new_page:
            story.append(PageBreak())
        story.append(_pdf_paragraph(line))
        if line.rule:
            story.append(HRFlowable(width=line.rule * mm, thickness=0.6, color=colors.black,
                                    spaceBefore=3, spaceAfter=4, hAlign="CENTER"))
    return story


def _pdf_table(rows, widths_mm, *, grid=False, before=0) -> Table:
    """Cells of lines; a grid (with its header row repeated) for the annex only."""
    padding = 3 if grid else 0
    # ALIGN places the flowables narrower than their cell: the short rules.
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
             *((side, (0, 0), (-1, -1), padding) for side in (
                 "LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING"))]
    if grid:
        style += [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                  ("VALIGN", (0, 0), (-1, 0), "MIDDLE")]
    table = Table([[_pdf_lines(cell) for cell in row] for row in rows],
                  colWidths=[width * mm for width in widths_mm], style=style,
                  repeatRows=1 if grid else 0, spaceBefore=before)
    return table


def _pdf_page_number(canvas, pdf):
    """Page numbers top centre from the second page on (Nghị định 30/2020)."""
    canvas.saveState()
    canvas.setFont(PDF_FONT, 13)
    centre = pdf.leftMargin + pdf.width / 2
    canvas.drawCentredString(centre, A4[1] - 12 * mm, str(canvas.getPageNumber()))
    canvas.restoreState()


# ---------------------------------------------------------------- Giấy khen (landscape)

LANDSCAPE_MM = (PAGE_MM[1], PAGE_MM[0])
CERTIFICATE_MARGIN_MM = 18


@dataclass
class Certificate:
    """A Giấy khen: who gives it, to whom, for what, under which decision."""

    upper_name: str
    issuer_name: str
    recipient: str  # "Đồng chí Phan Thị Ngọc" or the group's name
    recipient_detail: str  # position and unit
    achievement: str
    place: str
    issued_on: date
    signer_lines: tuple[str, ...]
    signer_name: str
    reference: str  # "Quyết định số 18/QĐ-CĐCS ngày 27/12/2019"
    title: str = "GIẤY KHEN"


def certificate_lines(cert: Certificate) -> tuple[list[Line], list[list[Line]]]:
    """The body, centred, then the bottom row: the decision's reference left, the signer right."""
    body = [
        Line(NATIONAL_TITLE, size=13, bold=True),
        Line(MOTTO, size=13, bold=True, underline=True, after=12),
        Line(cert.upper_name.upper(), size=13),
        Line(cert.issuer_name.upper(), size=15, bold=True, after=4),
        Line("TẶNG", size=15, bold=True, after=2),
        Line(cert.title, size=36, bold=True, after=8),
        Line(cert.recipient, size=22, bold=True, italic=True, after=2),
        Line(cert.recipient_detail, size=14, italic=True, after=8),
        Line(cert.achievement, size=15, after=6),
    ]
    bottom = [[Line(cert.reference, size=12, italic=True, align="left", before=6)],
              [Line(document_date(cert.place, cert.issued_on), italic=True),
               *(Line(text, bold=True) for text in cert.signer_lines),
               Line(cert.signer_name or "\u00a0", bold=True, before=60)]]
    return body, [bottom]


def _certificate_width():
    return LANDSCAPE_MM[0] - 2 * CERTIFICATE_MARGIN_MM


def render_certificate_docx(cert: Certificate) -> bytes:
    word = Document()
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(LANDSCAPE_MM[0]), Mm(LANDSCAPE_MM[1])
    for side in ("top", "bottom", "left", "right"):
        setattr(section, f"{side}_margin", Mm(CERTIFICATE_MARGIN_MM))
    _docx_fonts(word)
    _docx_page_border(section)
    body, bottom = certificate_lines(cert)
    width = _certificate_width()
    _docx_lines(word, body, width)
    _docx_table(word, bottom, (width * 0.45, width * 0.55))
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _docx_page_border(section):
    """A double frame around the page, as a printed Giấy khen has."""
    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:offsetFrom"), "page")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        for name, value in (("val", "double"), ("sz", "12"), ("space", "24"),
                            ("color", "auto")):
            edge.set(qn(f"w:{name}"), value)
        borders.append(edge)
    section._sectPr.append(borders)


def render_certificate_pdf(cert: Certificate) -> bytes:
    _register_pdf_fonts()
    buffer = io.BytesIO()
    margin = CERTIFICATE_MARGIN_MM * mm
    pdf = SimpleDocTemplate(buffer, pagesize=(LANDSCAPE_MM[0] * mm, LANDSCAPE_MM[1] * mm),
                            title=f"{cert.title} {cert.recipient}", leftMargin=margin,
                            rightMargin=margin, topMargin=margin, bottomMargin=margin)
    body, bottom = certificate_lines(cert)
    width = _certificate_width()
    story = [*_pdf_lines(body), _pdf_table(bottom, (width * 0.45, width * 0.55))]
    pdf.build(story, onFirstPage=_pdf_frame)
    return buffer.getvalue()


def _pdf_frame(canvas, pdf):
    canvas.saveState()
    canvas.setLineWidth(1.2)
    for inset in (8, 10):
        canvas.rect(inset * mm, inset * mm, (LANDSCAPE_MM[0] - 2 * inset) * mm,
                    (LANDSCAPE_MM[1] - 2 * inset) * mm)
    canvas.restoreState()
