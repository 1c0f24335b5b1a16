"""The report pages, their files, and the upper union's roll-up, as the readers see them."""

import io
import re
from datetime import date
from html import unescape

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from emulation import documents
from emulation.reports import year_report
from emulation.services import cycle_open
from tests.emulation.test_reports import YEAR, build_year, deadlines, union_with
from tests.factories import MemberFactory, UnionFactory, UserFactory
from tests.xlsx import assert_laid_out, table_of


@pytest.fixture
def year2019(world):
    return build_year(world)


def report_url(name, union, year=YEAR):
    return reverse(f"emulation:{name}", args=[union.pk, year])


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_report_page_shows_the_published_counts_titles_awards_and_tasks(year2019, login):
    w = year2019.world
    html = page(login(w.chair.user), report_url("report", w.union_a))
    assert "Đã công bố" in html
    assert "chưa công bố" not in html
    assert "12 đoàn viên được đánh giá, xếp loại." in html
    assert "63,6%" in html  # 7 HTTNV of the 11 rated, with a decimal comma
    assert "Tổ Văn phòng" in html and "Tổ Thanh tra" in html
    assert year2019.a[0].full_name in html
    assert "15/QĐ-CĐCS" in html and "Tổ công đoàn vững mạnh" in html
    assert "Năm 2018" in html  # last year's column
    assert "Kế hoạch năm 2019 (dự thảo)" in html  # the plan was never issued
    assert 'class="card mb-4 no-print"' in html  # the buttons stay off paper


def test_the_page_lists_each_member_as_the_filed_report_does(year2019, login):
    """The page's rows (written in Python) say what the document's annex says."""
    w = year2019.world
    html = page(login(w.chair.user), report_url("report", w.union_a))
    members = html[html.index('id="members"'):html.index('id="awards"')]
    body = members[members.index("<tbody>"):members.index("</tbody>")]
    shown = [[unescape(re.sub(r"<[^>]+>", "", cell))
              for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
             for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]
    filed = [[str(n), *row] for n, row in enumerate(
        documents.member_rows(year_report(w.union_a, YEAR)), 1)]
    assert len(shown) == 12
    assert shown == filed
    assert any(", " in row[4] for row in shown)  # two titles


def test_the_page_lists_members_in_vietnamese_name_order(year2019, login):
    w = year2019.world
    html = page(login(w.chair.user), report_url("report", w.union_a))
    members = html[html.index('id="members"'):html.index('id="awards"')]
    names = sorted([*year2019.a, *year2019.b, w.chair, w.leader, w.member, w.other],
                   key=lambda m: m.name_key)
    positions = [members.index(m.full_name) for m in names]
    assert positions == sorted(positions)


def test_an_unpublished_year_is_marked_provisional(emu, login):
    html = page(login(emu.chair.user), report_url("report", emu.union_a, emu.cycle.year))
    assert 'id="provisional"' in html
    assert "chưa công bố" in html
    assert "Tải dự thảo DOCX" in html
    assert "4 đoàn viên được đánh giá, xếp loại." in html


def test_an_unpublished_year_downloads_as_a_draft(emu, login):
    client = login(emu.chair.user)
    response = client.get(report_url("report-docx", emu.union_a, emu.cycle.year))
    assert response.status_code == 200
    assert "du-thao" in response["Content-Disposition"]
    paragraphs = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    assert paragraphs[0] == "DỰ THẢO"


def test_a_number_typed_into_the_address_is_ignored(year2019, login):
    w = year2019.world
    response = login(w.chair.user).get(report_url("report-docx", w.union_a) + "?so=5")
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-2019-du-thao.docx"'
    word = Document(io.BytesIO(response.content))
    cells = [p.text for t in word.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    assert "Số: 05/BC-CĐCS" not in cells
    assert len(word.tables[-1].rows) == 1 + 12


def test_the_pdf_opens_in_the_browser(year2019, login):
    w = year2019.world
    response = login(w.officer.user).get(report_url("report-pdf", w.union_a))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "BÁO CÁO" in text and w.member.full_name in " ".join(text.split())


def test_the_spreadsheet_downloads_with_its_four_sheets(year2019, login):
    w = year2019.world
    response = login(w.chair.user).get(report_url("report-xlsx", w.union_a))
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-2019.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Tổng hợp", "Danh sách", "Khen thưởng", "Nhiệm vụ"]
    assert book["Danh sách"].max_row == 1 + 13  # the title row, the header, 12 members


def test_the_page_stays_usable_in_english_and_the_files_stay_vietnamese(year2019, login):
    w = year2019.world
    client = login(w.chair.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert page(client, report_url("report", w.union_a))
    book = load_workbook(io.BytesIO(client.get(report_url("report-xlsx", w.union_a)).content))
    assert book.sheetnames[0] == "Tổng hợp"


def test_the_report_list_gives_the_years_with_a_cycle_or_a_plan(year2019, login):
    w = year2019.world
    html = page(login(w.chair.user), reverse("emulation:report-list", args=[w.union_a.pk]))
    assert report_url("report", w.union_a, YEAR) in html
    assert report_url("report", w.union_a, YEAR - 1) in html
    assert report_url("report", w.union_a, YEAR - 2) not in html


def test_the_upper_unions_list_offers_its_rollup_to_the_officer(year2019, login):
    w = year2019.world
    html = page(login(w.officer.user), reverse("emulation:report-list", args=[w.upper.pk]))
    assert report_url("rollup", w.upper, YEAR) in html
    assert report_url("report", w.upper, YEAR) not in html


def test_a_year_without_cycle_or_plan_has_no_report(year2019, login):
    w = year2019.world
    assert login(w.chair.user).get(report_url("report", w.union_a, 2001)).status_code == 404


# ---------------------------------------------------------------- the officer above


@pytest.fixture
def elsewhere(world):
    """A union under another upper union, with a cycle of its own."""
    other_upper = UnionFactory(name="Công đoàn ngành Y tế")
    union = UnionFactory(parent=other_upper, short_name="CĐCS Bệnh viện")
    MemberFactory(union=union)
    cycle_open(union=union, year=YEAR, today=date(YEAR, 12, 1), **deadlines(YEAR))
    return union


def test_the_officer_reads_the_unions_under_it_and_nothing_elsewhere(year2019, elsewhere,
                                                                      login):
    w = year2019.world
    client = login(w.officer.user)
    for name in ("report", "report-xlsx", "report-docx", "report-pdf"):
        assert client.get(report_url(name, w.union_a)).status_code == 200
        assert client.get(report_url(name, elsewhere)).status_code == 404
    assert client.get(report_url("rollup", w.upper)).status_code == 200
    assert client.get(report_url("rollup", elsewhere.parent)).status_code == 404


def test_the_officer_can_change_nothing(year2019, login):
    w = year2019.world
    client = login(w.officer.user)
    for name in ("report", "report-docx", "rollup"):
        union = w.upper if name == "rollup" else w.union_a
        assert client.post(report_url(name, union)).status_code == 405


def test_a_member_or_leader_of_the_union_is_refused(year2019, login):
    w = year2019.world
    for person in (w.member, w.leader):
        assert login(person.user).get(report_url("report", w.union_a)).status_code == 403


# ---------------------------------------------------------------- the roll-up


def test_the_rollup_lists_every_union_under_it_with_totals_and_links(year2019, login):
    w = year2019.world
    cycle_open(union=w.union_b, year=YEAR, today=date(YEAR, 12, 1), **deadlines(YEAR))
    html = page(login(w.officer.user), report_url("rollup", w.upper))
    assert w.union_a.name in html and w.union_b.name in html
    assert report_url("report", w.union_a) in html and report_url("report", w.union_b) in html
    assert "1/2 công đoàn đã công bố kết quả" in html
    assert "Tổng cộng (đã công bố)" in html
    assert w.upper.name in html


def test_the_rollup_withholds_the_counts_of_a_union_that_has_not_published(year2019, login):
    w = year2019.world
    cycle = cycle_open(union=w.union_b, year=YEAR, today=date(YEAR, 12, 1), **deadlines(YEAR))
    assert cycle.evaluations.count() == 2  # its two members, undecided: nothing to show yet
    html = page(login(w.officer.user), report_url("rollup", w.upper))
    row_b = html[html.index(w.union_b.name):]
    row_b = row_b[:row_b.index("</tr>")]
    assert 'class="text-center text-muted withheld">Chưa công bố</td>' in row_b
    assert "badge text-bg-warning\">Chưa công bố</span>" in row_b
    assert not re.search(r'<td class="text-end"[^>]*>\d', row_b)
    assert "Số liệu của công đoàn chưa công bố không hiển thị." in html
    # The totals are union A's alone.
    totals = html[html.index("Tổng cộng (đã công bố)"):]
    assert '<td class="text-end" data-label="Được đánh giá">12</td>' in totals[
        :totals.index("</tr>")]


def test_the_rollup_exports_a_spreadsheet(year2019, login):
    w = year2019.world
    response = login(w.officer.user).get(report_url("rollup", w.upper) + "?_export=xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="tong-hop-2019.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert_laid_out(sheet, title="Tổng hợp")
    assert sheet["A1"].value.startswith(f"{w.upper.name}: tổng hợp")
    rows = table_of(sheet)
    by_union = {row[0]: row for row in rows}
    assert by_union[w.union_a.name][1:3] == [12, 1]  # evaluated, HTXSNV
    assert by_union[w.union_b.name][-1] == "Chưa mở đánh giá"
    assert by_union[w.union_b.name][1:11] == [None] * 10  # no published counts
    assert by_union[w.union_b.name][11:13] == [None, "Chưa gửi"]  # nor a rating sent
    assert rows[-1][0] == "Tổng cộng (các công đoàn đã công bố)"
    assert rows[-1][1] == 12


# ---------------------------------------------------------------- query counts


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_report_page_takes_the_same_queries_for_5_or_60_members(world, login):
    client = login(world.officer.user)
    small = union_with(world.upper, members=5, groups=1, awards=1)
    large = union_with(world.upper, members=60, groups=6, awards=12)
    few = queries(client, report_url("report", small))
    assert queries(client, report_url("report", large)) == few
    assert few <= 20
    for name in ("report-xlsx", "report-docx"):
        assert queries(client, report_url(name, small)) == queries(
            client, report_url(name, large))


def test_the_rollup_takes_the_same_queries_for_2_or_12_unions(world, login):
    upper = UnionFactory()
    client = login(UserFactory(username="root", is_superuser=True))
    for _ in range(2):
        union_with(upper, members=3, groups=1, awards=0)
    url, export = report_url("rollup", upper), report_url("rollup", upper) + "?_export=xlsx"
    few = queries(client, url), queries(client, export)
    for _ in range(10):
        union_with(upper, members=4, groups=2, awards=1)
    assert (queries(client, url), queries(client, export)) == few
