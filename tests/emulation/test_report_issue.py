"""Issuing the year-end report: only on published results, once, with the register's number
and date; before that every file is a draft without a number."""

import io
from datetime import date, datetime, time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from emulation.documents import report_docx_response, report_pdf_response, report_subject
from emulation.models import EvaluationCycle
from emulation.reports import year_report
from emulation.services import report_issue
from tests.emulation.test_reports import YEAR, build_year
from union.documents import BLANK
from union.models import DocumentKind, OutgoingDocument
from union.register import document_issue


@pytest.fixture
def year2019(world):
    """``build_year``, its 2019 results published on 20/12/2019, after the union's
    mid-year report took 01/BC."""
    built = build_year(world)
    EvaluationCycle.objects.filter(pk=built.cycle.pk).update(published_at=timezone.make_aware(
        datetime.combine(date(YEAR, 12, 20), time(9))))
    built.cycle.refresh_from_db()
    document_issue(union=built.union, kind=DocumentKind.REPORT, subject="Sơ kết 6 tháng",
                   issued_on=date(YEAR, 7, 10), signer_name="Nguyễn Văn An")
    return built


def issue(cycle, day=date(YEAR, 12, 26), **fields):
    return report_issue(cycle=cycle, issued_on=day, subject=report_subject(cycle.year),
                        **{"signer_name": "Nguyễn Văn An", **fields})


def issue_url(union, year=YEAR):
    return reverse("emulation:report-issue", args=[union.pk, year])


def docx_texts(response):
    word = Document(io.BytesIO(response.content))
    cells = [p.text for t in word.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    return [p.text for p in word.paragraphs], cells


# The service


def test_the_report_takes_the_next_report_number_of_its_year(year2019):
    entry = issue(year2019.cycle, recipients=["Công đoàn Viên chức tỉnh (b/c)", "Lưu: VT"])
    assert (entry.code, entry.issued_on, entry.source) == (
        "02/BC-CĐCS", date(YEAR, 12, 26), year2019.cycle)
    assert entry.recipient_list == ["Công đoàn Viên chức tỉnh (b/c)", "Lưu: VT"]


def test_a_report_is_issued_once(year2019):
    first = issue(year2019.cycle)
    assert issue(year2019.cycle, day=date(YEAR, 12, 30)) == first
    assert OutgoingDocument.objects.filter(kind=DocumentKind.REPORT).count() == 2


def test_an_unpublished_year_cannot_be_issued(world):
    built = build_year(world)
    EvaluationCycle.objects.filter(pk=built.cycle.pk).update(
        status=EvaluationCycle.Status.DECIDED, published_at=None)
    with pytest.raises(ValidationError) as error:
        issue(built.cycle)
    assert "chưa công bố" in " ".join(error.value.messages)
    assert not OutgoingDocument.objects.filter(kind=DocumentKind.REPORT).exists()


@pytest.mark.parametrize("day", [date(YEAR - 1, 12, 31), date(YEAR, 12, 19)])
def test_the_report_is_dated_in_its_year_after_the_results_were_published(year2019, day):
    with pytest.raises(ValidationError) as error:
        issue(year2019.cycle, day=day)
    assert "phải mang ngày từ 20/12/2019" in " ".join(error.value.messages)


# The files


def test_the_issued_report_prints_the_number_and_date_of_the_register(year2019):
    issue(year2019.cycle)
    response = report_docx_response(year_report(year2019.union, YEAR))
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-2019.docx"'
    paragraphs, cells = docx_texts(response)
    assert "Số: 02/BC-CĐCS" in cells
    assert "Gia Lai, ngày 26 tháng 12 năm 2019" in cells
    assert "Nguyễn Văn An" in cells
    assert "DỰ THẢO" not in paragraphs
    assert "(Kèm theo Báo cáo số 02/BC-CĐCS ngày 26 tháng 12 năm 2019)" in paragraphs
    pdf = report_pdf_response(year_report(year2019.union, YEAR))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
                    .split())
    assert "Số: 02/BC-CĐCS" in text and "Gia Lai, ngày 26 tháng 12 năm 2019" in text
    assert "DỰ THẢO" not in text


def test_a_published_report_not_yet_issued_is_still_a_draft(year2019):
    response = report_docx_response(year_report(year2019.union, YEAR))
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-2019-du-thao.docx"'
    paragraphs, cells = docx_texts(response)
    assert paragraphs[0] == "DỰ THẢO"
    assert f"Số: {BLANK}/BC-CĐCS" in cells
    assert not any("02/BC" in text for text in cells + paragraphs)
    assert any(text.startswith(f"Gia Lai, ngày{BLANK}tháng") for text in cells)


# The pages


def test_the_report_page_offers_the_board_to_issue_a_published_year(year2019, login):
    w = year2019.world
    url = reverse("emulation:report", args=[w.union_a.pk, YEAR])
    assert issue_url(w.union_a) in login(w.chair.user).get(url).content.decode()
    assert issue_url(w.union_a) not in login(w.officer.user).get(url).content.decode()


def test_the_chair_issues_the_report_and_the_page_shows_its_number(year2019, login):
    w = year2019.world
    client = login(w.chair.user)
    form = client.get(issue_url(w.union_a)).context["form"]
    assert form.initial["subject"] == report_subject(YEAR)
    assert "Công đoàn Viên chức tỉnh Gia Lai (b/c)" in form.initial["recipients"]
    response = client.post(issue_url(w.union_a), {
        "subject": report_subject(YEAR), "issued_on": "2019-12-26",
        "signer_name": "Nguyễn Văn An", "signer_title": "TM. BAN CHẤP HÀNH\r\nCHỦ TỊCH",
        "recipients": "Công đoàn Viên chức tỉnh Gia Lai (b/c)\r\nLưu: VT"}, follow=True)
    page = response.content.decode()
    assert "Đã vào sổ báo cáo năm 2019, số 02/BC-CĐCS" in page
    assert "Báo cáo số 02/BC-CĐCS ngày 26/12/2019" in page
    assert issue_url(w.union_a) not in page
    docx = client.get(reverse("emulation:report-docx", args=[w.union_a.pk, YEAR]))
    assert "Số: 02/BC-CĐCS" in docx_texts(docx)[1]


def test_a_date_before_publication_is_refused_beside_the_field(year2019, login):
    w = year2019.world
    response = login(w.chair.user).post(issue_url(w.union_a), {
        "subject": "Báo cáo", "issued_on": "2019-12-01", "signer_name": "Nguyễn Văn An",
        "signer_title": "CHỦ TỊCH"})
    assert response.status_code == 200
    assert response.context["form"].errors["issued_on"] == [
        "Ngày ban hành phải từ ngày 20/12/2019 trở đi."]
    assert OutgoingDocument.objects.filter(kind=DocumentKind.REPORT).count() == 1  # mid-year


def test_an_open_year_explains_why_it_cannot_be_issued_yet(emu, login):
    response = login(emu.chair.user).get(issue_url(emu.union_a, emu.cycle.year))
    assert response.status_code == 200 and response.context["form"] is None
    assert "chỉ được vào sổ, cấp số sau khi kết quả đã công bố" in response.content.decode()
    response = login(emu.chair.user).post(issue_url(emu.union_a, emu.cycle.year), {
        "subject": "Báo cáo", "issued_on": timezone.localdate().isoformat(),
        "signer_title": "CHỦ TỊCH"})
    assert response.status_code == 200
    assert not OutgoingDocument.objects.filter(kind=DocumentKind.REPORT).exists()
