"""The monthly check's page under Nghị định 335 (this year's plan): a card per member with
the general criteria and the month's products, the leader's marks, and the member's working.
The equal-share scheme's page is tested in test_views_checks.py."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from plans.models import (
    GENERAL_CRITERIA,
    ActionPlan,
    CheckEntry,
    CheckItem,
    MonthlyCheck,
    ScoringScheme,
    Task,
    TaskOccurrence,
)
from plans.services import ITEM_FIELDS, check_entries_save, check_refill
from tests.factories import MemberFactory, UserFactory
from union.services import group_save

GENERAL_FIELDS = [f"{code}_{name}" for code in GENERAL_CRITERIA
                  for name in ("deduction", "reason")]


@pytest.fixture
def leader(work, login):
    return login(work.leader.user)


def detail_url(check):
    return reverse("plans:check-detail", args=[check.pk])


def opened_version(client, check):
    response = client.get(detail_url(check))
    assert response.status_code == 200
    return response.context["note_form"]["version"].value()


def item_of(check, member):
    return CheckItem.objects.get(entry__check_record=check, entry__member=member)


def entry_of(check, member):
    return CheckEntry.objects.get(check_record=check, member=member)


def page_data(check, *, version, entries=None, items=None, note=""):
    """The check page's POST: the members' general criteria ("entries") and the product
    lines ("items"), as saved, with some changed (by member id)."""
    rows = list(check.entries.order_by("pk"))
    lines = list(CheckItem.objects.filter(entry__check_record=check).order_by("pk"))
    data = {"note": note, "version": version}
    for prefix, records in (("entries", rows), ("items", lines)):
        data.update({f"{prefix}-TOTAL_FORMS": len(records),
                     f"{prefix}-INITIAL_FORMS": len(records),
                     f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})
    for i, entry in enumerate(rows):
        values = {name: getattr(entry, name) for name in [*GENERAL_FIELDS, "remark"]}
        values.update((entries or {}).get(entry.member_id, {}))
        data[f"entries-{i}-id"] = entry.pk
        data.update({f"entries-{i}-{name}": value for name, value in values.items()})
    for i, line in enumerate(lines):
        values = {name: getattr(line, name) for name in ITEM_FIELDS}
        values.update((items or {}).get(line.entry.member_id, {}))
        data[f"items-{i}-id"] = line.pk
        for name, value in values.items():
            if value is True:
                data[f"items-{i}-{name}"] = "on"
            elif value is not False:
                data[f"items-{i}-{name}"] = value
    return data


MARKS = {"style_deduction": "1.5", "style_reason": "Đi làm muộn 3 buổi",
         "remark": "Cần đúng giờ hơn"}
SAVED_MARKS = {"style_deduction": Decimal("1.5"), "style_reason": "Đi làm muộn 3 buổi",
               "remark": "Cần đúng giờ hơn"}
DONE_FAILED_TWICE = {"done": True, "failed_checks": 2, "delays": 0}


def test_the_page_shows_a_card_per_member_with_the_rules_of_nd335(work, leader):
    page = leader.get(detail_url(work.check_a1)).content.decode()
    assert "Chấm theo Nghị định 335/2025/NĐ-CP: tiêu chí chung tối đa 30 điểm" in page
    assert page.count('class="card mb-3 check-member"') == 2
    assert work.task.title in page and "chia đều cho 2 người: phần của mỗi người 0,5" in page
    assert 'name="entries-0-politics_deduction"' in page
    assert 'name="items-0-failed_checks"' in page


def test_the_leader_marks_the_general_criteria_and_a_product_and_the_score_follows(work,
                                                                                  leader):
    check = work.check_a1
    data = page_data(check, version=opened_version(leader, check),
                     entries={work.member.pk: MARKS},
                     items={work.member.pk: DONE_FAILED_TWICE})
    response = leader.post(detail_url(check), data)
    assert response.status_code == 302
    entry = entry_of(check, work.member)
    assert (entry.style_deduction, entry.style_reason, entry.remark) == (
        Decimal("1.5"), "Đi làm muộn 3 buổi", "Cần đúng giờ hơn")
    assert (item_of(check, work.member).done, item_of(check, work.member).failed_checks) == (
        True, 2)
    # One product: 70/3 quantity + 70/3 × 50% quality + 70/3 timeliness = 58,33; 28,5 general.
    assert entry.score == Decimal("86.83")
    page = leader.get(detail_url(check)).content.decode()
    assert "86,83 điểm" in page and "Hoàn thành tốt nhiệm vụ" in page
    assert "trừ 25% điểm chất lượng × 2 lần không đạt = −11,67 điểm" in page


def test_a_deduction_without_a_reason_is_shown_beside_the_field_and_nothing_is_saved(work,
                                                                                   leader):
    check = work.check_a1
    data = page_data(check, version=opened_version(leader, check), note="Giữ lại",
                     entries={work.member.pk: {"ethics_deduction": "1", "ethics_reason": "",
                                               "remark": "Gõ dở"}})
    response = leader.post(detail_url(check), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Trừ điểm tiêu chí “Đạo đức, lối sống” phải ghi lý do." in page
    assert "Phiếu chưa được lưu" in page and "Gõ dở" in page and "Giữ lại" in page
    entry = entry_of(check, work.member)
    assert (entry.ethics_deduction, entry.remark) == (0, "")


def test_an_objective_cause_needs_its_reason(work, leader):
    check = work.check_a1
    data = page_data(check, version=opened_version(leader, check),
                     items={work.member.pk: {"objective_cause": True, "note": ""}})
    response = leader.post(detail_url(check), data)
    assert response.status_code == 200
    assert "Ghi lý do khách quan đã được cấp có thẩm quyền xác nhận." in (
        response.content.decode())
    assert not item_of(check, work.member).objective_cause


def test_submitting_saves_the_marks_typed_then_sends_the_check(work, leader):
    check = work.check_a1
    data = page_data(check, version=opened_version(leader, check),
                     entries={work.member.pk: MARKS},
                     items={work.member.pk: DONE_FAILED_TWICE})
    response = leader.post(detail_url(check), {**data, "step": "submit"})
    assert response.status_code == 302
    assert MonthlyCheck.objects.get(pk=check.pk).status == MonthlyCheck.Status.SUBMITTED
    assert entry_of(check, work.member).score == Decimal("86.83")


def test_a_stale_save_keeps_the_typed_marks_beside_the_newer_ones(work, leader):
    deputy = MemberFactory(union=work.union_a, group=work.group_a1, given_name="Phó",
                           user=UserFactory(username="deputy"))
    work.group_a1.deputy = deputy
    group_save(group=work.group_a1, by=work.chair.user)
    check = check_refill(check=work.check_a1, by=None)
    other_browser = Client()
    other_browser.force_login(deputy.user)
    stale = opened_version(leader, check)
    first = other_browser.post(detail_url(check), page_data(
        check, version=opened_version(other_browser, check),
        entries={work.member.pk: {"style_deduction": "1", "style_reason": "Tổ phó ghi"}},
        items={work.member.pk: {"failed_checks": 1}}))
    assert first.status_code == 302

    response = leader.post(detail_url(check), page_data(
        check, version=stale, entries={work.member.pk: MARKS},
        items={work.member.pk: DONE_FAILED_TWICE}))

    assert response.status_code == 200
    assert "vừa được người khác lưu" in response.content.decode()
    entry_form = next(form for form in response.context["formset"].forms
                      if form.instance.member_id == work.member.pk)
    assert entry_form["style_reason"].value() == "Đi làm muộn 3 buổi"
    assert entry_form["style_reason"].newer == "Tổ phó ghi"
    item_form = next(form for form in response.context["item_formset"].forms
                     if form.instance.entry.member_id == work.member.pk)
    assert (item_form["failed_checks"].value(), item_form["failed_checks"].newer) == ("2", "1")
    entry = entry_of(check, work.member)
    assert (entry.style_reason, item_of(check, work.member).failed_checks) == ("Tổ phó ghi", 1)
    # Saving again, knowingly, puts the leader's marks in.
    version = response.context["note_form"]["version"].value()
    again = leader.post(detail_url(check), page_data(
        check, version=version, entries={work.member.pk: MARKS},
        items={work.member.pk: DONE_FAILED_TWICE}))
    assert again.status_code == 302
    assert item_of(check, work.member).failed_checks == 2


def test_marks_typed_after_the_board_confirmed_are_shown_not_saved(work, leader):
    check = work.check_a1
    version = opened_version(leader, check)
    leader.post(detail_url(check), {**page_data(check, version=version), "step": "submit"})
    chair = Client()
    chair.force_login(work.chair.user)
    chair.post(reverse("plans:check-confirm", args=[check.pk]))
    response = leader.post(detail_url(check), page_data(
        check, version=opened_version(leader, check), entries={work.member.pk: MARKS},
        items={work.member.pk: DONE_FAILED_TWICE}))
    assert response.status_code == 200
    kept = response.context["kept"]
    name = work.member.full_name
    assert (name, "Tác phong, lề lối làm việc", "1,5") in kept
    assert (f"{name} · {work.task.title}", "Số lần không đạt chất lượng", "2") in kept
    assert item_of(check, work.member).failed_checks == 0


def test_a_line_of_another_unions_check_slipped_into_the_form_changes_nothing(work, leader):
    foreign = CheckItem.objects.create(
        union=work.union_b, entry=work.check_b1.entries.first(), label="Của công đoàn B",
        task_weight=1, shared_by=1)
    data = page_data(work.check_a1, version=opened_version(leader, work.check_a1))
    data.update({"items-0-id": foreign.pk, "items-0-failed_checks": 9})
    leader.post(detail_url(work.check_a1), data)
    foreign.refresh_from_db()
    assert foreign.failed_checks == 0


def test_the_chair_reads_each_members_working_on_the_check(work, login):
    check = work.check_a1
    entry = entry_of(check, work.member)
    check_entries_save(check=check,
                       rows={entry.pk: SAVED_MARKS | {"style_deduction": Decimal(1)}},
                       note="", version=check.updated_at.isoformat(), by=None)
    page = login(work.chair.user).get(detail_url(check)).content.decode()
    assert "Tác phong, lề lối làm việc: 6,5/7,5 điểm — trừ 1 điểm, lý do: Đi làm muộn 3 buổi" in (
        page)
    assert 'name="entries-0-style_deduction"' not in page


def test_the_member_reads_the_points_lost_in_plain_words(work, login):
    check = work.check_a1
    entry, item = entry_of(check, work.member), item_of(check, work.member)
    check_entries_save(check=check, rows={entry.pk: SAVED_MARKS}, note="",
                       items={item.pk: DONE_FAILED_TWICE},
                       version=check.updated_at.isoformat(), by=None)
    page = login(work.member.user).get(reverse("plans:my-work")).content.decode()
    assert "Chấm theo Nghị định 335/2025/NĐ-CP" in page
    assert "Tác phong, lề lối làm việc: 6/7,5 điểm — trừ 1,5 điểm, lý do: Đi làm muộn 3 buổi" in (
        page)
    assert "trừ 25% điểm chất lượng × 2 lần không đạt = −11,67 điểm" in page
    assert ("Tổng: 28,5 + 58,33 = 86,83/100 điểm — Hoàn thành tốt nhiệm vụ (từ 70 đến dưới 90 "
            "điểm)") in page


def test_a_plan_with_the_unions_own_scheme_never_says_nd335(work, login):
    ActionPlan.objects.filter(pk=work.plan.pk).update(scoring_scheme=ScoringScheme.SIMPLE)
    check = check_refill(check=work.check_a1, by=None)
    check_page = login(work.leader.user).get(detail_url(check)).content.decode()
    my_page = login(work.member.user).get(reverse("plans:my-work")).content.decode()
    for page in (check_page, my_page):
        assert "Nghị định 335" not in page and "335/2025" not in page
    assert "Cách chấm riêng của công đoàn (mỗi sản phẩm bằng nhau)" in check_page
    assert "Số lượng: 0/1 sản phẩm hoàn thành" in my_page


def test_a_stale_save_after_a_product_line_was_dropped_is_refused_plainly(work, leader):
    check = work.check_a1
    stale = page_data(check, version=opened_version(leader, check),
                      entries={work.member.pk: MARKS}, items={work.member.pk: DONE_FAILED_TWICE})
    # Meanwhile the task moves to next month and someone takes the figures again.
    Task.objects.filter(pk=work.task.pk).update(due_date=work.task.due_date + timedelta(days=40))
    TaskOccurrence.objects.filter(task=work.task).update(
        due_date=work.occurrence.due_date + timedelta(days=40))
    check_refill(check=check, by=None)
    assert not CheckItem.objects.filter(entry__check_record=check).exists()

    response = leader.post(detail_url(check), stale)

    assert response.status_code == 200
    assert "vừa được người khác lưu" in response.content.decode()
    assert entry_of(check, work.member).style_deduction == 0
    # Saving again, knowingly, keeps the marks; the line that is gone is left out.
    version = response.context["note_form"]["version"].value()
    assert leader.post(detail_url(check), {**stale, "version": version}).status_code == 302
    assert entry_of(check, work.member).style_deduction == Decimal("1.5")
