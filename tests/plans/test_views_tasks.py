"""The task pages: the task form, the task list with its filters and export, progress reports."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from plans.models import ActionPlan, ProgressReport, Task
from plans.services import plan_create, task_save
from tests.factories import MemberFactory, UserFactory
from tests.xlsx import assert_dates, assert_laid_out, column_cells, table_of, workbook_of
from union.exports import XLSX_TYPE

EXPORT_HEADER = ["Nội dung", "Nhiệm vụ", "Kỳ", "Sản phẩm", "Đơn vị chủ trì", "Người thực hiện",
                 "Thời hạn", "Tiến độ", "Trạng thái"]


@pytest.fixture
def chair(work, login):
    return login(work.chair.user)


@pytest.fixture
def next_plan(work):
    """Next year's plan: every date in it is in the future, whatever day the tests run."""
    return plan_create(union=work.union_a, year=timezone.localdate().year + 1)


def plan_of(union, year):
    return ActionPlan.objects.filter(union=union, year=year).first() or plan_create(
        union=union, year=year)


def task_data(work, plan, **changes):
    """What the task form posts for a new task of ``plan``."""
    year = plan.year
    return {
        "point": plan.points.get(number=2).pk, "title": "Hội nghị quán triệt Nghị quyết 18",
        "product": "Biên bản hội nghị", "lead_group": work.group_a1.pk,
        "supporting_groups": [work.group_a2.pk], "assignees": [work.member.pk, work.leader.pk],
        "start_date": f"{year}-03-01", "due_date": f"{year}-04-30", "recurrence": "once",
        "weight": 2, "version": "", **changes,
    }


def create_url(plan):
    return reverse("plans:task-create", args=[plan.pk])


def list_url(work):
    return reverse("plans:task-list", args=[work.union_a.pk])


def listed(response):
    assert response.status_code == 200
    return sorted(row.record.task.title for row in response.context["table"].page.object_list)


# The task form


def test_the_chair_creates_a_task_and_finds_it_in_the_task_list(work, chair, next_plan):
    response = chair.post(create_url(next_plan), task_data(work, next_plan))
    task = Task.objects.get(plan=next_plan)
    assert response.status_code == 302
    assert response.url == task.get_absolute_url()
    assert (task.title, task.point.number, task.lead_group, task.weight) == (
        "Hội nghị quán triệt Nghị quyết 18", 2, work.group_a1, 2,
    )
    assert set(task.assignees.all()) == {work.member, work.leader}
    assert list(task.supporting_groups.all()) == [work.group_a2]
    assert list(task.occurrences.values_list("due_date", flat=True)) == [
        date(next_plan.year, 4, 30)]
    titles = listed(chair.get(list_url(work), {"year": next_plan.year}))
    assert titles == ["Hội nghị quán triệt Nghị quyết 18"]


def test_a_tasks_conversion_factor_may_be_a_fraction_but_not_zero(work, chair, next_plan):
    page = chair.get(create_url(next_plan)).content.decode()
    assert "Hệ số quy đổi" in page
    refused = chair.post(create_url(next_plan), task_data(work, next_plan, weight="0"))
    assert refused.status_code == 200
    assert "weight" in refused.context["form"].errors
    assert chair.post(create_url(next_plan), task_data(work, next_plan, weight="0.5")
                      ).status_code == 302
    assert Task.objects.get(plan=next_plan).weight == Decimal("0.5")

def test_the_form_offers_the_point_asked_for(work, chair, next_plan):
    response = chair.get(create_url(next_plan), {"point": 3})
    assert response.status_code == 200
    assert response.context["form"].initial["point"] == next_plan.points.get(number=3).pk


def test_a_due_date_before_the_start_is_refused(work, chair, next_plan):
    data = task_data(work, next_plan, start_date=f"{next_plan.year}-05-01")
    response = chair.post(create_url(next_plan), data)
    assert response.status_code == 200
    assert "Thời hạn không thể trước ngày bắt đầu" in response.content.decode()
    assert not Task.objects.filter(plan=next_plan).exists()


def test_a_date_outside_the_plans_year_is_refused(work, chair, next_plan):
    data = task_data(work, next_plan, due_date=f"{next_plan.year + 1}-01-15")
    response = chair.post(create_url(next_plan), data)
    assert f"Ngày phải thuộc năm {next_plan.year} của kế hoạch" in response.content.decode()
    assert not Task.objects.filter(plan=next_plan).exists()


def test_a_member_of_another_union_is_not_a_valid_assignee(work, chair, next_plan):
    data = task_data(work, next_plan, assignees=[work.member.pk, work.b_member.pk])
    response = chair.post(create_url(next_plan), data)
    assert response.status_code == 200
    assert "assignees" in response.context["form"].errors
    assert not Task.objects.filter(plan=next_plan).exists()


def test_a_group_of_another_union_is_not_a_valid_lead_group(work, chair, next_plan):
    response = chair.post(create_url(next_plan),
                          task_data(work, next_plan, lead_group=work.group_b1.pk))
    assert response.status_code == 200
    assert "lead_group" in response.context["form"].errors
    assert not Task.objects.filter(plan=next_plan).exists()


def test_a_due_date_already_past_is_refused_for_a_new_task(work, chair):
    yesterday = timezone.localdate() - timedelta(days=1)
    plan = plan_of(work.union_a, yesterday.year)
    data = task_data(work, plan, start_date=f"{yesterday.year}-01-01",
                     due_date=yesterday.isoformat(), title="Việc đã qua")
    response = chair.post(create_url(plan), data)
    assert response.status_code == 200
    assert "Thời hạn đã qua" in response.content.decode()
    assert not Task.objects.filter(title="Việc đã qua").exists()


def test_a_task_whose_deadline_passed_can_still_be_edited_without_moving_it(work, chair):
    past = timezone.localdate() - timedelta(days=10)
    plan = plan_of(work.union_a, past.year)
    task = task_save(
        task=Task(union=work.union_a, plan=plan, point=plan.points.get(number=2),
                  title="Việc cũ", product="Báo cáo", lead_group=work.group_a1,
                  start_date=date(past.year, 1, 1), due_date=past),
        supporting_groups=[], assignees=[work.member],
    )
    data = task_data(work, plan, title="Việc cũ, đổi tên", start_date=f"{past.year}-01-01",
                     due_date=past.isoformat(), supporting_groups=[],
                     version=task.updated_at.isoformat())
    response = chair.post(reverse("plans:task-edit", args=[task.pk]), data)
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.title, task.due_date) == ("Việc cũ, đổi tên", past)


def test_a_member_may_not_open_the_task_form(work, login, next_plan):
    assert login(work.member.user).get(create_url(next_plan)).status_code == 403


def test_another_unions_plan_is_not_found_from_the_task_form(work, chair):
    assert chair.get(create_url(work.plan_b)).status_code == 404


# The task list


@pytest.fixture
def overdue(work):
    """A task of group A2 for ``other``, due ten days ago and not done."""
    today = timezone.localdate()
    return task_save(
        task=Task(union=work.union_a, plan=work.plan, point=work.plan.points.get(number=2),
                  title="Báo cáo quá hạn", product="Báo cáo tổng hợp", lead_group=work.group_a2,
                  start_date=today - timedelta(days=40), due_date=today - timedelta(days=10)),
        supporting_groups=[], assignees=[work.other],
    )


def test_the_list_shows_the_years_tasks(work, chair, overdue):
    assert listed(chair.get(list_url(work))) == sorted([work.task.title, overdue.title])


@pytest.mark.parametrize(("status", "expected"), [
    ("overdue", ["Báo cáo quá hạn"]),
    ("in_progress", ["Rà soát thủ tục hành chính"]),
    ("done", []),
])
def test_the_list_filters_by_status(work, chair, overdue, status, expected):
    assert listed(chair.get(list_url(work), {"status": status})) == expected


def test_the_list_filters_by_point(work, chair, overdue):
    assert listed(chair.get(list_url(work), {"point": 4})) == [work.task.title]
    assert listed(chair.get(list_url(work), {"point": 2})) == [overdue.title]


def test_the_list_filters_by_lead_group(work, chair, overdue):
    response = chair.get(list_url(work), {"lead_group": work.group_a2.pk})
    assert listed(response) == [overdue.title]


def test_the_list_filters_by_assignee(work, chair, overdue):
    assert listed(chair.get(list_url(work), {"assignee": work.other.pk})) == [overdue.title]
    assert listed(chair.get(list_url(work), {"assignee": work.member.pk})) == [work.task.title]


def test_the_list_filters_by_due_range(work, chair, overdue):
    today = timezone.localdate()
    response = chair.get(list_url(work), {
        "due_min": (today - timedelta(days=15)).isoformat(),
        "due_max": (today - timedelta(days=5)).isoformat(),
    })
    assert listed(response) == [overdue.title]
    response = chair.get(list_url(work), {"due_min": today.isoformat()})
    assert listed(response) == [work.task.title]


def test_the_list_does_not_filter_by_another_unions_group(work, chair, overdue):
    response = chair.get(list_url(work), {"lead_group": work.group_b1.pk})
    assert "lead_group" in response.context["filter"].form.errors


def test_the_export_is_a_workbook_with_the_header_and_the_tasks(work, chair):
    response = chair.get(list_url(work), {"_export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE
    assert f'filename="nhiem-vu-{work.plan.year}.xlsx"' in response["Content-Disposition"]
    sheet = workbook_of(response).active
    assert_laid_out(sheet, title="Nhiệm vụ")
    assert sheet["A1"].value == f"{work.union_a.name} – Nhiệm vụ"
    rows = table_of(sheet)
    assert rows[0] == EXPORT_HEADER
    assert len(rows) == 2
    row = dict(zip(EXPORT_HEADER, rows[1], strict=True))
    assert "Rà soát thủ tục hành chính" in row["Nhiệm vụ"]
    assert row["Nội dung"] == 4
    assert row["Tiến độ"] == 0.5
    assert column_cells(sheet, "Tiến độ")[0].number_format == "0%"
    assert row["Sản phẩm"] == "Báo cáo rà soát"
    assert row["Đơn vị chủ trì"] == "Tổ Văn phòng"
    assert row["Thời hạn"].date() == timezone.localdate()
    assert_dates(column_cells(sheet, "Thời hạn"))
    assert row["Trạng thái"] == "Đang thực hiện"
    assert set(row["Người thực hiện"].split(", ")) == {work.member.full_name,
                                                       work.leader.full_name}


def test_the_export_keeps_the_filters(work, chair, overdue):
    response = chair.get(list_url(work), {"_export": "xlsx", "status": "overdue"})
    rows = table_of(workbook_of(response).active)
    assert [r[3] for r in rows[1:]] == ["Báo cáo tổng hợp"]


def test_the_exports_task_column_is_the_plain_title(work, chair):
    response = chair.get(list_url(work), {"_export": "xlsx"})
    rows = table_of(workbook_of(response).active)
    assert rows[1][1] == "Rà soát thủ tục hành chính"


# Progress reports


def progress_url(work):
    return reverse("plans:progress", args=[work.occurrence.pk])


def test_a_member_reports_progress_with_a_pdf_and_the_occurrence_shows_it(work, login):
    client = login(work.member.user)
    response = client.post(progress_url(work), {
        "percent": 80, "note": "Đã rà soát 40 thủ tục",
        "evidence_file": SimpleUploadedFile("ket-qua.pdf", b"%PDF-1.4 ket qua",
                                            content_type="application/pdf"),
    })
    assert response.status_code == 302
    assert response.url == work.occurrence.get_absolute_url()
    work.occurrence.refresh_from_db()
    assert (work.occurrence.percent, work.occurrence.completed_on) == (80, None)
    report = ProgressReport.objects.get(note="Đã rà soát 40 thủ tục")
    assert report.member == work.member and report.evidence_file.name.endswith(".pdf")
    page = client.get(reverse("plans:task-detail", args=[work.task.pk])).content.decode()
    assert "Đã rà soát 40 thủ tục" in page
    assert reverse("plans:evidence", args=[report.pk]) in page
    download = client.get(reverse("plans:evidence", args=[report.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 ket qua"


def test_a_report_of_100_percent_completes_the_occurrence_today(work, login):
    response = login(work.member.user).post(progress_url(work), {"percent": 100})
    assert response.status_code == 302
    work.occurrence.refresh_from_db()
    assert work.occurrence.completed_on == timezone.localdate()


def test_an_executable_evidence_file_is_refused(work, login):
    response = login(work.member.user).post(progress_url(work), {
        "percent": 80, "evidence_file": SimpleUploadedFile("ket-qua.exe", b"MZ"),
    })
    assert response.status_code == 200
    assert "Chỉ nhận tệp" in response.content.decode()
    assert "PDF" in response.context["form"].errors["evidence_file"][0]
    assert ProgressReport.objects.count() == 1
    work.occurrence.refresh_from_db()
    assert work.occurrence.percent == 50


def test_an_evidence_file_over_the_limit_is_refused(work, login, settings):
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    response = login(work.member.user).post(progress_url(work), {
        "percent": 80, "evidence_file": SimpleUploadedFile("lon.pdf", b"x" * (1024 * 1024 + 1)),
    })
    assert response.status_code == 200
    # filesizeformat joins number and unit with a no-break space.
    assert "Tệp quá lớn: tối đa 1,0\xa0MB" in response.content.decode()
    assert ProgressReport.objects.count() == 1


def test_an_evidence_limit_under_1_mb_is_told_truthfully(work, login, settings):
    settings.EVIDENCE_MAX_BYTES = 512 * 1024
    response = login(work.member.user).post(progress_url(work), {
        "percent": 80, "evidence_file": SimpleUploadedFile("lon.pdf", b"x" * (600 * 1024)),
    })
    page = response.content.decode()
    assert "Tệp quá lớn" in page
    assert "tối đa 512,0\xa0KB" in page


def test_an_evidence_file_disguised_as_a_pdf_is_refused_with_a_message(work, login):
    disguised = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00" + b"\x00" * 60)
    response = login(work.member.user).post(progress_url(work), {
        "percent": 80, "evidence_file": disguised})
    assert response.status_code == 200
    [error] = response.context["form"].errors["evidence_file"]
    assert error.startswith("Tệp “bien-ban.pdf” không phải tệp PDF như đuôi tên của nó")
    assert ProgressReport.objects.count() == 1


def test_a_member_who_is_not_an_assignee_may_not_report(work, login):
    bystander = MemberFactory(union=work.union_a, group=work.group_a1,
                              user=UserFactory(username="bystander"))
    client = login(bystander.user)
    assert client.get(progress_url(work)).status_code == 403
    assert client.post(progress_url(work), {"percent": 100}).status_code == 403
    assert ProgressReport.objects.count() == 1


def test_a_member_of_another_union_does_not_find_the_occurrence(work, login):
    assert login(work.outsider.user).get(progress_url(work)).status_code == 404
