"""The register page (sổ văn bản đi) and entering a document issued outside the tool."""

import csv
import io
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plans.services import plan_create
from tests.xlsx import assert_dates, assert_laid_out, column_cells, table_of, workbook_of
from union.models import DocumentKind, OutgoingDocument
from union.register import document_issue


def register_url(union, query=""):
    return reverse("union:register", args=[union.pk]) + query


def create_url(union):
    return reverse("union:register-create", args=[union.pk])


@pytest.fixture
def register(world):
    """Union A's register: the 2023 plan (with its source), two letters of 2023, a report of
    2024; union B's own report."""
    plan = plan_create(union=world.union_a, year=2023)

    def issue(kind, day, subject, union=world.union_a, **fields):
        return document_issue(union=union, kind=kind, issued_on=day, subject=subject,
                              signer_name="Nguyễn Văn An", **fields)

    return {
        "plan": issue(DocumentKind.PLAN, date(2023, 1, 10), "Kế hoạch CCHC năm 2023",
                      source=plan, recipients="Công đoàn Viên chức tỉnh\nLưu: VT"),
        "letter": issue(DocumentKind.LETTER, date(2023, 5, 2), "Về việc tham gia hội thao"),
        "letter_tc": issue(DocumentKind.LETTER, date(2023, 6, 2), "Về việc thu đoàn phí",
                           drafting_unit="TC"),
        "report": issue(DocumentKind.REPORT, date(2024, 7, 1), "Sơ kết 6 tháng đầu năm 2024"),
        "other": issue(DocumentKind.REPORT, date(2024, 7, 1), "Báo cáo của công đoàn B",
                       union=world.union_b),
    }


def test_the_board_reads_every_document_with_its_number_and_a_link_to_its_source(
        world, login, register):
    response = login(world.chair.user).get(register_url(world.union_a))
    page = response.content.decode()
    for code in ("01/KH-CĐCS", "01/CĐCS", "02/CĐCS-TC", "01/BC-CĐCS"):
        assert code in page
    assert "Kế hoạch CCHC năm 2023" in page and "Công đoàn Viên chức tỉnh; Lưu: VT" in page
    plan = register["plan"].source
    assert f'<a href="{plan.get_absolute_url()}">Kế hoạch CCHC năm 2023</a>' in page
    assert f'id="doc-{register["plan"].pk}"' in page
    assert "Báo cáo của công đoàn B" not in page
    assert create_url(world.union_a) in page  # the board may enter a document


def test_the_register_filters_by_year_and_type(world, login, register):
    client = login(world.chair.user)
    page = client.get(register_url(world.union_a, "?year=2023&kind=letter")).content.decode()
    assert "Về việc tham gia hội thao" in page and "Về việc thu đoàn phí" in page
    assert "Kế hoạch CCHC năm 2023" not in page and "Sơ kết 6 tháng" not in page
    page = client.get(register_url(world.union_a, "?q=đoàn phí")).content.decode()
    assert "Về việc thu đoàn phí" in page and "hội thao" not in page


def test_an_entrys_address_lands_on_its_row(world, login, register):
    entry = register["letter_tc"]
    url = entry.get_absolute_url()
    assert url.startswith(register_url(world.union_a)) and url.endswith(f"#doc-{entry.pk}")
    assert "Về việc thu đoàn phí" in login(world.chair.user).get(url).content.decode()


def test_the_officer_above_reads_it_without_the_entry_button(world, login, register):
    page = login(world.officer.user).get(register_url(world.union_a)).content.decode()
    assert "01/KH-CĐCS" in page
    assert create_url(world.union_a) not in page


def test_the_register_exports_as_a_spreadsheet_and_csv(world, login, register):
    client = login(world.chair.user)
    response = client.get(register_url(world.union_a, "?_export=xlsx&year=2023"))
    sheet = workbook_of(response).active
    assert_laid_out(sheet, title="Sổ văn bản đi")
    assert sheet["A1"].value == f"{world.union_a.name} – Sổ văn bản đi"
    rows = table_of(sheet)
    assert rows[0][:5] == ["Năm", "Số, ký hiệu", "Ngày ban hành", "Loại văn bản",
                           "Trích yếu nội dung"]
    assert {row[1] for row in rows[1:]} == {"01/KH-CĐCS", "01/CĐCS", "02/CĐCS-TC"}
    plan_row = next(row for row in rows if row[1] == "01/KH-CĐCS")
    assert plan_row[0] == 2023
    assert plan_row[2] == datetime(2023, 1, 10)
    assert plan_row[6:] == ["TM. BAN CHẤP HÀNH / CHỦ TỊCH", "Công đoàn Viên chức tỉnh\nLưu: VT"]
    assert_dates(column_cells(sheet, "Ngày ban hành"))
    response = client.get(register_url(world.union_a, "?_export=csv&kind=report"))
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [line[1] for line in lines[1:]] == ["01/BC-CĐCS"]


def test_the_union_page_links_its_readers_to_the_register(world, login):
    link = register_url(world.union_a)
    assert link in login(world.chair.user).get(world.union_a.get_absolute_url()).content.decode()
    assert link not in login(world.member.user).get(
        world.union_a.get_absolute_url()).content.decode()


# Entering a document issued outside the tool


def entry_data(**changes):
    return {"kind": "notice", "drafting_unit": "", "subject": "Thông báo lịch họp BCH",
            "issued_on": "2024-02-05", "signer_name": "",
            "signer_title": "TM. BAN CHẤP HÀNH\r\nCHỦ TỊCH",
            "recipients": "Các ủy viên BCH\r\nLưu: VT", **changes}


def test_the_board_enters_a_document_and_it_takes_the_next_number(world, login, register):
    client = login(world.chair.user)
    page = client.get(create_url(world.union_a)).content.decode()
    assert "Vào sổ và cấp số" in page and "data-confirm=" in page
    document_issue(union=world.union_a, kind=DocumentKind.NOTICE, subject="Thông báo trước",
                   issued_on=date(2024, 1, 3), signer_name="Nguyễn Văn An")
    response = client.post(create_url(world.union_a), entry_data(), follow=True)
    entry = OutgoingDocument.objects.get(subject="Thông báo lịch họp BCH")
    assert response.redirect_chain == [(entry.get_absolute_url(), 302)]
    assert "Đã vào sổ văn bản số 02/TB-CĐCS" in response.content.decode()
    assert (entry.code, entry.issued_on, entry.signer_name, entry.source) == (
        "02/TB-CĐCS", date(2024, 2, 5), world.chair.full_name, None)
    assert entry.recipient_list == ["Các ủy viên BCH", "Lưu: VT"]
    assert entry.created_by == world.chair.user


def test_bad_entries_are_refused_beside_their_fields(world, login):
    client = login(world.chair.user)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    for changes, field in (({"issued_on": tomorrow}, "issued_on"),
                           ({"kind": "notice", "drafting_unit": "TC"}, "drafting_unit"),
                           ({"kind": "poem"}, "kind"),
                           ({"issued_on": "2019-12-20"}, "signer_name"),  # no chair then
                           ({"subject": ""}, "subject")):
        response = client.post(create_url(world.union_a), entry_data(**changes))
        assert response.status_code == 200
        assert field in response.context["form"].errors, changes
    assert not OutgoingDocument.objects.exists()


def test_a_letter_is_entered_with_its_drafting_unit(world, login):
    login(world.chair.user).post(create_url(world.union_a), entry_data(
        kind="letter", drafting_unit="vp", subject="Về việc cử cán bộ dự tập huấn"))
    assert OutgoingDocument.objects.get().code == "01/CĐCS-VP"


def test_a_leader_or_the_officer_cannot_enter_a_document(world, login):
    for person in (world.leader, world.officer):
        assert login(person.user).post(create_url(world.union_a), entry_data()).status_code == 403
    assert not OutgoingDocument.objects.exists()
