"""The plan pages (create, copy, detail, edit, status) and the CCHC index pages."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from plans.forms import PlanForm
from plans.models import ActionPlan, CchcDomain, CchcIndex, ScoringScheme
from plans.services import cchc_save, plan_issue
from union.models import OutgoingDocument

THIS_YEAR = timezone.localdate().year


@pytest.fixture
def chair(work, login):
    return login(work.chair.user)


def create_url(work):
    return reverse("plans:plan-create", args=[work.union_a.pk])


def status_url(plan):
    return reverse("plans:plan-status", args=[plan.pk])


def edit_url(plan):
    return reverse("plans:plan-edit", args=[plan.pk])


def issue_url(plan):
    return reverse("plans:plan-issue", args=[plan.pk])


# Creating a plan


def test_the_chair_creates_next_years_plan_with_the_five_points(work, chair):
    response = chair.post(create_url(work), {"year": THIS_YEAR + 1, "copy_from": ""},
                          follow=True)
    plan = ActionPlan.objects.get(union=work.union_a, year=THIS_YEAR + 1)
    assert response.redirect_chain == [(plan.get_absolute_url(), 302)]
    assert f"Đã tạo dự thảo kế hoạch năm {THIS_YEAR + 1}" in response.content.decode()
    assert [p.number for p in plan.points.all()] == [1, 2, 3, 4, 5]
    assert (plan.status, plan.tasks.count()) == (ActionPlan.Status.DRAFT, 0)


def test_the_chair_copies_this_years_plan_for_the_next_year(work, chair):
    response = chair.post(create_url(work), {"year": THIS_YEAR + 1, "copy_from": work.plan.pk})
    plan = ActionPlan.objects.get(union=work.union_a, year=THIS_YEAR + 1)
    assert response.status_code == 302
    task = plan.tasks.get()
    assert (task.title, task.point.number, task.lead_group) == (
        work.task.title, 4, work.group_a1)
    assert task.start_date == date(THIS_YEAR + 1, 1, 1)
    assert task.due_date.year == THIS_YEAR + 1
    assert set(task.assignees.all()) == {work.member, work.leader}
    assert task.occurrences.get().percent == 0  # progress stays with last year's task


def test_a_second_plan_for_a_year_is_refused_on_the_form(work, chair):
    response = chair.post(create_url(work), {"year": THIS_YEAR, "copy_from": ""})
    assert response.status_code == 200
    assert f"đã có kế hoạch cho năm {THIS_YEAR}" in response.content.decode()
    assert ActionPlan.objects.filter(union=work.union_a).count() == 1


def test_another_unions_plan_cannot_be_copied(work, chair):
    response = chair.post(create_url(work), {"year": THIS_YEAR + 1, "copy_from": work.plan_b.pk})
    assert response.status_code == 200
    assert "copy_from" in response.context["form"].errors
    assert not ActionPlan.objects.filter(year=THIS_YEAR + 1).exists()


def test_a_leader_may_not_create_a_plan(work, login):
    response = login(work.leader.user).post(create_url(work), {"year": THIS_YEAR + 1})
    assert response.status_code == 403
    assert not ActionPlan.objects.filter(year=THIS_YEAR + 1).exists()


# Issuing and closing


def test_a_draft_plan_page_offers_to_issue_it_and_shows_no_number(work, chair):
    page = chair.get(work.plan.get_absolute_url()).content.decode()
    assert "Dự thảo: chưa có số" in page
    assert issue_url(work.plan) in page


def test_the_chair_issues_the_plan_with_a_number_from_the_register(work, chair):
    page = chair.get(issue_url(work.plan)).content.decode()
    assert "Vào sổ và cấp số" in page and "data-confirm=" in page
    today = timezone.localdate()
    response = chair.post(issue_url(work.plan), {
        "issued_on": today.isoformat(), "signer_name": "",
        "signer_title": "TM. BAN CHẤP HÀNH\r\nCHỦ TỊCH"}, follow=True)
    assert response.redirect_chain == [(work.plan.get_absolute_url(), 302)]
    assert "Đã ban hành kế hoạch, số 01/KH-CĐCS" in response.content.decode()
    work.plan.refresh_from_db()
    assert (work.plan.status, work.plan.issued_on, work.plan.code) == (
        ActionPlan.Status.ISSUED, today, "01/KH-CĐCS")
    entry = work.plan.register_entry
    assert (entry.signer_name, entry.created_by) == (work.chair.full_name, work.chair.user)
    # Asking again changes nothing: the page says the plan has its number.
    again = chair.get(issue_url(work.plan), follow=True)
    assert "đã được ban hành với số 01/KH-CĐCS" in again.content.decode()
    assert OutgoingDocument.objects.count() == 1


def test_a_plan_dated_tomorrow_is_refused_beside_the_field(work, chair):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = chair.post(issue_url(work.plan), {
        "issued_on": tomorrow.isoformat(), "signer_title": "CHỦ TỊCH"})
    assert response.status_code == 200
    assert "issued_on" in response.context["form"].errors
    assert ActionPlan.objects.get(pk=work.plan.pk).status == ActionPlan.Status.DRAFT


def test_the_chair_closes_an_issued_plan(work, chair):
    chair.post(issue_url(work.plan), {"issued_on": timezone.localdate().isoformat(),
                                      "signer_title": "CHỦ TỊCH"})
    chair.post(status_url(work.plan), {"status": "closed"})
    work.plan.refresh_from_db()
    assert work.plan.status == ActionPlan.Status.CLOSED


def test_issuing_a_plan_without_tasks_shows_why_it_is_refused(work, chair):
    chair.post(create_url(work), {"year": THIS_YEAR + 1})
    plan = ActionPlan.objects.get(union=work.union_a, year=THIS_YEAR + 1)
    response = chair.post(issue_url(plan), {"issued_on": timezone.localdate().isoformat(),
                                            "signer_title": "CHỦ TỊCH"})
    assert response.status_code == 200
    assert "chưa có nhiệm vụ nào" in response.content.decode()
    plan.refresh_from_db()
    assert (plan.status, plan.code) == (ActionPlan.Status.DRAFT, "")


def test_a_leader_may_not_issue_a_plan(work, login):
    response = login(work.leader.user).post(issue_url(work.plan), {
        "issued_on": timezone.localdate().isoformat(), "signer_title": "CHỦ TỊCH"})
    assert response.status_code == 403
    assert OutgoingDocument.objects.count() == 0


def test_an_unknown_status_is_refused(work, chair):
    response = chair.post(status_url(work.plan), {"status": "archived"}, follow=True)
    assert response.status_code == 200
    assert "Thao tác không hợp lệ" in response.content.decode()
    work.plan.refresh_from_db()
    assert work.plan.status == ActionPlan.Status.DRAFT


def test_the_status_changes_only_by_post_and_only_for_the_board(work, chair):
    assert chair.get(status_url(work.plan)).status_code == 405
    leader = Client()
    leader.force_login(work.leader.user)
    assert leader.post(status_url(work.plan), {"status": "issued"}).status_code == 403
    assert ActionPlan.objects.get(pk=work.plan.pk).status == ActionPlan.Status.DRAFT


# Editing a plan


def plan_data(plan, **changes):
    return {
        "subject": plan.subject, "signer": "", "grounds": plan.grounds,
        "purpose": plan.purpose, "recipients": plan.recipients,
        "quantity_weight": plan.quantity_weight, "quality_weight": plan.quality_weight,
        "timeliness_weight": plan.timeliness_weight,
        "quality_penalty_percent": plan.quality_penalty_percent,
        "delay_penalty_percent": plan.delay_penalty_percent, "cutoff_day": plan.cutoff_day,
        "scoring_scheme": plan.scoring_scheme, "politics_points": plan.politics_points,
        "ethics_points": plan.ethics_points, "style_points": plan.style_points,
        "discipline_points": plan.discipline_points,
        "version": plan.updated_at.isoformat(), **changes,
    }


def test_the_plan_form_refuses_weights_that_do_not_add_up_to_100(work):
    form = PlanForm(plan_data(work.plan, timeliness_weight=30), instance=work.plan,
                    union=work.union_a)
    assert not form.is_valid()
    assert form.non_field_errors() == [
        "Điểm số lượng, chất lượng và tiến độ phải cộng lại đúng 100."]


def test_weights_that_do_not_add_up_to_100_are_not_saved(work, chair):
    response = chair.post(edit_url(work.plan), plan_data(work.plan, quantity_weight=60))
    assert response.status_code == 200
    assert "phải cộng lại đúng 100" in response.content.decode()
    assert ActionPlan.objects.get(pk=work.plan.pk).quantity_weight == 50


def test_the_chair_changes_the_scoring_rules(work, chair):
    data = plan_data(work.plan, quantity_weight=60, quality_weight=25, timeliness_weight=15,
                     delay_penalty_percent=50, cutoff_day=14, signer=work.chair.pk)
    assert chair.post(edit_url(work.plan), data).status_code == 302
    plan = ActionPlan.objects.get(pk=work.plan.pk)
    assert (plan.quantity_weight, plan.quality_weight, plan.timeliness_weight) == (60, 25, 15)
    assert (plan.delay_penalty_percent, plan.cutoff_day, plan.signer) == (50, 14, work.chair)


def test_the_chair_edits_the_plans_grounds_one_a_line(work, chair):
    grounds = "Căn cứ Điều lệ Công đoàn Việt Nam;\r\nCăn cứ Nghị quyết Đại hội Công đoàn cơ sở,"
    assert chair.post(edit_url(work.plan), plan_data(work.plan, grounds=grounds)
                      ).status_code == 302
    plan = ActionPlan.objects.get(pk=work.plan.pk)
    assert plan.grounds.splitlines() == [
        "Căn cứ Điều lệ Công đoàn Việt Nam;", "Căn cứ Nghị quyết Đại hội Công đoàn cơ sở,"]
    page = chair.get(plan.get_absolute_url()).content.decode()
    assert "Căn cứ Nghị quyết Đại hội Công đoàn cơ sở," in page


def test_a_2026_plan_scores_by_nd335_and_the_board_may_choose_its_own_scheme(work, chair):
    assert work.plan.year >= 2026
    assert work.plan.scoring_scheme == ScoringScheme.ND335
    page = chair.get(edit_url(work.plan)).content.decode()
    assert "Nghị định 335/2025/NĐ-CP: 30 điểm tiêu chí chung + 70 điểm kết quả nhiệm vụ" in page
    assert "Cách chấm riêng của công đoàn (mỗi sản phẩm bằng nhau)" in page
    data = plan_data(work.plan, scoring_scheme="simple")
    assert chair.post(edit_url(work.plan), data).status_code == 302
    assert ActionPlan.objects.get(pk=work.plan.pk).scoring_scheme == ScoringScheme.SIMPLE


def test_the_board_sets_its_own_split_of_the_general_criteria(work, chair):
    data = plan_data(work.plan, politics_points="8", ethics_points="8", style_points="8",
                     discipline_points="6")
    assert chair.post(edit_url(work.plan), data).status_code == 302
    plan = ActionPlan.objects.get(pk=work.plan.pk)
    assert [plan.politics_points, plan.ethics_points, plan.style_points,
            plan.discipline_points] == [8, 8, 8, 6]


def test_a_split_of_the_general_criteria_that_is_not_30_is_refused(work, chair):
    data = plan_data(work.plan, politics_points="8", ethics_points="8", style_points="8",
                     discipline_points="7.1")
    response = chair.post(edit_url(work.plan), data)
    assert response.status_code == 200
    assert ("Điểm tối đa của bốn tiêu chí chung phải cộng lại đúng 30 (đang là 31,1)."
            in response.content.decode())
    assert ActionPlan.objects.get(pk=work.plan.pk).discipline_points == Decimal("7.5")


def test_a_signer_from_another_union_is_an_invalid_choice(work, chair):
    response = chair.post(edit_url(work.plan), plan_data(work.plan, signer=work.outsider.pk))
    assert "signer" in response.context["form"].errors
    assert ActionPlan.objects.get(pk=work.plan.pk).signer is None


def test_a_plan_edited_from_a_stale_page_is_refused(work, chair):
    stale = plan_data(work.plan, subject="Bản thứ hai")
    assert chair.post(edit_url(work.plan), plan_data(work.plan, subject="Bản thứ nhất")
                      ).status_code == 302
    response = chair.post(edit_url(work.plan), stale)
    assert response.status_code == 200
    assert "vừa được người khác sửa" in response.content.decode()
    assert ActionPlan.objects.get(pk=work.plan.pk).subject == "Bản thứ nhất"


def test_a_closed_plan_cannot_be_edited(work, chair):
    ActionPlan.objects.filter(pk=work.plan.pk).update(status=ActionPlan.Status.CLOSED)
    work.plan.refresh_from_db()
    response = chair.post(edit_url(work.plan), plan_data(work.plan, subject="Sửa muộn"))
    assert "Kế hoạch đã kết thúc, không sửa được nữa" in response.content.decode()
    assert ActionPlan.objects.get(pk=work.plan.pk).subject != "Sửa muộn"


# The plan's page


def test_the_plan_page_shows_the_five_points_and_the_task(work, login):
    response = login(work.member.user).get(work.plan.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    for point in work.plan.points.all():
        assert f"{point.number}. {point.title}" in page
    assert work.task.title in page and work.task.product in page
    assert "0/1 kỳ hoàn thành · tiến độ 50%" in page


def test_another_unions_plan_is_not_found(work, chair):
    assert chair.get(work.plan_b.get_absolute_url()).status_code == 404


# The CCHC index


DOMAINS = [  # (max points, achieved): 100 and 88,79 in all
    ("10", "9"), ("11", "10.5"), ("16", "15"), ("10", "8.79"), ("17", "16"), ("16", "14.5"),
    ("20", "15"),
]


def cchc_data(year, domains=DOMAINS, names=None):
    data = {
        "year": year, "rank": 1, "ranked_among": 20, "band": "Tốt",
        "decision": "Quyết định số 12/QĐ-UBND", "domains-TOTAL_FORMS": len(domains),
        "domains-INITIAL_FORMS": 0, "domains-MIN_NUM_FORMS": len(domains),
        "domains-MAX_NUM_FORMS": 1000,
    }
    for i, (maximum, achieved) in enumerate(domains):
        data.update({
            f"domains-{i}-id": "", f"domains-{i}-number": i + 1,
            f"domains-{i}-name": names[i] if names else f"Lĩnh vực {i + 1}",
            f"domains-{i}-max_points": maximum, f"domains-{i}-achieved": achieved,
        })
    return data


def cchc_create_url(world):
    return reverse("plans:cchc-create", args=[world.union_a.pk])


def test_the_cchc_form_offers_the_seven_domains(world, login):
    response = login(world.chair.user).get(cchc_create_url(world))
    assert response.status_code == 200
    forms = response.context["formset"].forms
    assert [f.initial["number"] for f in forms] == [1, 2, 3, 4, 5, 6, 7]
    assert forms[0].initial["name"] == "Công tác chỉ đạo, điều hành CCHC"
    assert forms[6].initial["name"] == "Hiện đại hóa hành chính"


def test_the_chair_records_the_seven_domains_and_the_list_shows_the_total(world, login):
    client = login(world.chair.user)
    year = THIS_YEAR - 1
    response = client.post(cchc_create_url(world), cchc_data(year))
    assert response.status_code == 302
    index = CchcIndex.objects.get(union=world.union_a, year=year)
    assert index.domains.count() == 7
    assert sum(d.achieved for d in index.domains.all()) == Decimal("88.79")
    page = client.get(reverse("plans:cchc-list", args=[world.union_a.pk])).content.decode()
    assert f"Năm {year}: 88,79 điểm · Tốt · xếp hạng 1/20" in page
    assert "8,79" in page


def test_achieved_points_over_the_maximum_are_refused(world, login):
    domains = [("10", "11"), *DOMAINS[1:]]
    response = login(world.chair.user).post(cchc_create_url(world), cchc_data(THIS_YEAR - 1,
                                                                              domains))
    assert response.status_code == 200
    assert "Điểm đạt được không thể lớn hơn điểm tối đa" in response.content.decode()
    assert not CchcIndex.objects.exists()


def test_every_domain_must_be_filled_in(world, login):
    response = login(world.chair.user).post(cchc_create_url(world),
                                            cchc_data(THIS_YEAR - 1, DOMAINS[:6]))
    assert response.status_code == 200
    assert "7" in " ".join(response.context["formset"].non_form_errors())
    assert not CchcIndex.objects.exists()


def test_a_second_index_for_a_year_is_refused(work, login):
    response = login(work.chair.user).post(cchc_create_url(work), cchc_data(THIS_YEAR - 1))
    assert response.status_code == 200
    assert "Đã có chỉ số CCHC của năm này" in response.content.decode()
    assert CchcIndex.objects.filter(union=work.union_a).count() == 1


def test_a_new_year_starts_from_the_last_years_domains(world, login):
    cchc_save(index=CchcIndex(union=world.union_a, year=THIS_YEAR - 3),
              domains=[CchcDomain(number=1, name="Chỉ đạo", max_points=12, achieved=11),
                       CchcDomain(number=2, name="Thể chế", max_points=8, achieved=8)])
    response = login(world.chair.user).get(cchc_create_url(world))
    assert [(f.initial["name"], f.initial["max_points"], f.initial["achieved"])
            for f in response.context["formset"].forms] == [
        ("Chỉ đạo", Decimal("12"), 0), ("Thể chế", Decimal("8"), 0)]


def test_a_leader_may_not_record_the_cchc_index(world, login):
    response = login(world.leader.user).post(cchc_create_url(world), cchc_data(THIS_YEAR - 1))
    assert response.status_code == 403
    assert not CchcIndex.objects.exists()


def test_an_issued_plan_page_shows_its_number_and_links_the_board_to_the_register(work, login):
    plan_issue(plan=work.plan, issued_on=timezone.localdate())
    entry = work.plan.register_entry
    board = login(work.chair.user).get(work.plan.get_absolute_url()).content.decode()
    link = escape(entry.get_absolute_url())
    assert f'<a href="{link}">01/KH-CĐCS</a>' in board
    member = login(work.member.user).get(work.plan.get_absolute_url()).content.decode()
    assert "01/KH-CĐCS" in member and "so-van-ban-di" not in member
