"""The monthly check pages: opening, the leader's formset, the board's steps, the lists."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from plans.models import ActionPlan, CheckEntry, MonthlyCheck, ScoringScheme
from plans.periods import next_month
from plans.services import check_entries_save, check_refill
from tests.factories import MemberFactory, UserFactory
from tests.xlsx import assert_laid_out, column_cells, table_of, workbook_of
from union.exports import DATETIME_FORMAT
from union.services import group_save

ENTRY_FIELDS = ("assigned", "done", "on_time", "quality_passed", "remark")


@pytest.fixture(autouse=True)
def simple_scheme(work):
    """These pages score by the union's own equal-share scheme, a plan's choice since
    Nghị định 335 became the default (its page: test_views_checks_nd335.py)."""
    ActionPlan.objects.filter(pk=work.plan.pk).update(scoring_scheme=ScoringScheme.SIMPLE)
    work.check_a1 = check_refill(check=work.check_a1, by=None)
    work.check_a2 = check_refill(check=work.check_a2, by=None)


@pytest.fixture
def leader(work, login):
    return login(work.leader.user)


def detail_url(check):
    return reverse("plans:check-detail", args=[check.pk])


def open_url(group):
    return reverse("plans:check-open", args=[group.pk])


def opened_version(client, check):
    """Load the check's page as a person would, and keep the version its form carries."""
    response = client.get(detail_url(check))
    assert response.status_code == 200
    return response.context["note_form"]["version"].value()


def entries_data(check, *, version, changes=None, note=""):
    """The formset POST of the check page ("entries" prefix), with some members' rows changed."""
    entries = list(check.entries.order_by("pk"))
    data = {
        "entries-TOTAL_FORMS": len(entries), "entries-INITIAL_FORMS": len(entries),
        "entries-MIN_NUM_FORMS": 0, "entries-MAX_NUM_FORMS": 1000,
        "note": note, "version": version,
    }
    for i, entry in enumerate(entries):
        values = {name: getattr(entry, name) for name in ENTRY_FIELDS}
        values.update((changes or {}).get(entry.member_id, {}))
        data[f"entries-{i}-id"] = entry.pk
        data.update({f"entries-{i}-{name}": value for name, value in values.items()})
    return data


def figures(check, member):
    entry = CheckEntry.objects.get(check_record=check, member=member)
    return (entry.assigned, entry.done, entry.on_time, entry.quality_passed, entry.remark,
            entry.score)


THREE_OF_FOUR = {"assigned": 4, "done": 3, "on_time": 2, "quality_passed": 2}


# Opening a check


def this_month():
    return timezone.localdate().strftime("%Y-%m")


def test_the_leader_opens_this_months_check_filled_from_the_tasks(work, leader):
    work.check_a1.delete()
    response = leader.post(open_url(work.group_a1), {"month": this_month()})
    today = timezone.localdate()
    check = MonthlyCheck.objects.get(group=work.group_a1, year=today.year, month=today.month)
    assert response.status_code == 302
    assert response.url == check.get_absolute_url()
    # The fixture's task, due today and half done, is assigned to both members of A1.
    assert figures(check, work.member)[:4] == (1, 0, 0, 0)
    assert figures(check, work.leader)[:4] == (1, 0, 0, 0)
    page = leader.get(response.url).content.decode()
    assert "Đã lập phiếu kiểm tra" in page


def test_a_check_for_a_month_not_yet_begun_is_refused(work, leader):
    today = timezone.localdate()
    year, month = next_month(today.year, today.month)
    response = leader.post(open_url(work.group_a1), {"month": f"{year}-{month:02d}"})
    assert response.status_code == 200
    assert f"Tháng {month:02d}/{year} chưa bắt đầu; chưa thể kiểm tra" in response.content.decode()
    assert not MonthlyCheck.objects.filter(year=year, month=month).exists()


def test_opening_a_month_that_has_a_check_leads_to_it(work, leader):
    response = leader.post(open_url(work.group_a1), {"month": this_month()}, follow=True)
    assert response.redirect_chain == [(work.check_a1.get_absolute_url(), 302)]
    assert "Tổ đã có phiếu kiểm tra tháng này" in response.content.decode()
    assert MonthlyCheck.objects.filter(group=work.group_a1).count() == 1


def test_a_leader_may_not_open_a_check_for_another_group(work, leader):
    response = leader.post(open_url(work.group_a2), {"month": this_month()})
    assert response.status_code == 403
    assert MonthlyCheck.objects.filter(group=work.group_a2).count() == 1


# The leader's formset


def test_the_leader_saves_the_entries_and_the_score_changes(work, leader):
    check = work.check_a1
    assert figures(check, work.member)[5] == Decimal("0")
    data = entries_data(check, version=opened_version(leader, check), note="Tổ làm tốt",
                        changes={work.member.pk: {**THREE_OF_FOUR, "remark": "Tích cực"}})
    response = leader.post(detail_url(check), data)
    assert response.status_code == 302
    assert figures(check, work.member) == (4, 3, 2, 2, "Tích cực", Decimal("71.88"))
    assert MonthlyCheck.objects.get(pk=check.pk).note == "Tổ làm tốt"
    page = leader.get(detail_url(check)).content.decode()
    assert "Đã lưu phiếu kiểm tra" in page
    assert "71,88" in page


def test_a_done_count_over_the_assigned_count_shows_an_error_and_saves_nothing(work, leader):
    check = work.check_a1
    before = figures(check, work.member)
    data = entries_data(check, version=opened_version(leader, check), note="Không lưu",
                        changes={work.member.pk: {"assigned": 1, "done": 2}})
    response = leader.post(detail_url(check), data)
    assert response.status_code == 200
    assert "Số hoàn thành không thể lớn hơn số được giao" in response.content.decode()
    assert figures(check, work.member) == before
    assert MonthlyCheck.objects.get(pk=check.pk).note == ""


def test_a_row_of_another_groups_check_slipped_into_the_form_changes_nothing_there(work,
                                                                                leader):
    check = work.check_a1
    foreign = work.check_a2.entries.get(member=work.chair)
    before, rows = figures(work.check_a2, work.chair), CheckEntry.objects.count()
    data = entries_data(check, version=opened_version(leader, check))
    data.update({"entries-0-id": foreign.pk, "entries-0-assigned": 9, "entries-0-done": 9,
                 "entries-0-remark": "Sửa trộm"})
    leader.post(detail_url(check), data)
    assert figures(work.check_a2, work.chair) == before
    assert CheckEntry.objects.count() == rows


def test_of_two_people_on_the_same_page_the_second_save_is_refused(work, leader):
    deputy = MemberFactory(union=work.union_a, group=work.group_a1, given_name="Phó",
                           user=UserFactory(username="deputy"))
    work.group_a1.deputy = deputy
    group_save(group=work.group_a1, by=work.chair.user)
    other_browser = Client()
    other_browser.force_login(deputy.user)
    check = work.check_a1
    leaders_version = opened_version(leader, check)
    deputys_version = opened_version(other_browser, check)
    assert leaders_version == deputys_version

    first = leader.post(detail_url(check), entries_data(
        check, version=leaders_version, note="Bản của tổ trưởng",
        changes={work.member.pk: {**THREE_OF_FOUR, "remark": "Tổ trưởng ghi"}}))
    assert first.status_code == 302
    second = other_browser.post(detail_url(check), entries_data(
        check, version=deputys_version, note="Bản của tổ phó",
        changes={work.member.pk: {"assigned": 2, "done": 2, "remark": "Tổ phó ghi"}}))

    assert second.status_code == 200
    assert "vừa được người khác lưu" in second.content.decode()
    assert figures(check, work.member) == (4, 3, 2, 2, "Tổ trưởng ghi", Decimal("71.88"))
    assert MonthlyCheck.objects.get(pk=check.pk).note == "Bản của tổ trưởng"


def test_a_member_of_the_group_does_not_find_the_check(work, login):
    client = login(work.member.user)
    check = work.check_a1
    assert client.get(detail_url(check)).status_code == 404
    data = entries_data(check, version=check.updated_at.isoformat(),
                        changes={work.member.pk: {"assigned": 1, "done": 1, "on_time": 1,
                                                  "quality_passed": 1}})
    assert client.post(detail_url(check), data).status_code == 404
    assert figures(check, work.member)[:2] == (1, 0)


def test_the_leader_of_a1_does_not_find_the_check_of_a2(work, leader):
    assert leader.get(detail_url(work.check_a2)).status_code == 404
    data = entries_data(work.check_a2, version=work.check_a2.updated_at.isoformat())
    assert leader.post(detail_url(work.check_a2), {**data, "step": "submit"}).status_code == 404
    assert MonthlyCheck.objects.get(pk=work.check_a2.pk).status == MonthlyCheck.Status.DRAFT


def test_another_unions_chair_does_not_find_the_check(work, login):
    assert login(work.outsider.user).get(detail_url(work.check_a1)).status_code == 404


def test_the_chair_reads_the_check_but_may_not_save_the_leaders_entries(work, login):
    chair = login(work.chair.user)
    check = work.check_a1
    data = entries_data(check, version=opened_version(chair, check),
                        changes={work.member.pk: THREE_OF_FOUR})
    assert chair.post(detail_url(check), data).status_code == 403
    assert figures(check, work.member)[:2] == (1, 0)


# Submit, confirm, reopen


def submit(leader, check, **changes):
    """Press "Gửi Ban Chấp hành" on the check's page, with the form as it stands."""
    data = entries_data(check, version=opened_version(leader, check), **changes)
    return leader.post(detail_url(check), {**data, "step": "submit"})


def step(client, name, check, **kwargs):
    """Press one of the check page's buttons: its form carries the check's version."""
    version = MonthlyCheck.objects.get(pk=check.pk).updated_at.isoformat()
    return client.post(reverse(name, args=[check.pk]), {"version": version}, **kwargs)


def submit_and_confirm(work, leader):
    check = work.check_a1
    assert submit(leader, check).status_code == 302
    chair = Client()
    chair.force_login(work.chair.user)
    response = step(chair, "plans:check-confirm", check, follow=True)
    assert "Đã xác nhận phiếu kiểm tra" in response.content.decode()
    assert MonthlyCheck.objects.get(pk=check.pk).status == MonthlyCheck.Status.CONFIRMED
    return chair


def test_after_the_chair_confirms_the_leader_can_no_longer_change_the_check(work, leader):
    submit_and_confirm(work, leader)
    check = work.check_a1
    data = entries_data(check, version=opened_version(leader, check), note="Sửa sau",
                        changes={work.member.pk: THREE_OF_FOUR})
    response = leader.post(detail_url(check), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "“Đã xác nhận”, không sửa được" in page
    assert "Lưu phiếu" not in page
    assert figures(check, work.member)[:2] == (1, 0)
    assert MonthlyCheck.objects.get(pk=check.pk).note == ""
    # What was typed is on the page beside the read-only check, to copy or to show the board.
    kept = response.context["kept"]
    assert (work.member.full_name, "Hoàn thành", "3") in kept
    assert ("", "Nhận xét chung của tổ", "Sửa sau") in kept


def test_a_leader_may_not_confirm_their_own_check(work, leader):
    check = work.check_a1
    submit(leader, check)
    assert step(leader, "plans:check-confirm", check).status_code == 403
    assert MonthlyCheck.objects.get(pk=check.pk).status == MonthlyCheck.Status.SUBMITTED


def test_confirming_a_draft_through_the_page_is_refused_with_a_message(work, login):
    response = step(login(work.chair.user), "plans:check-confirm", work.check_a1, follow=True)
    assert "Không thể chuyển phiếu từ “Đang lập” sang “Đã xác nhận”" in (
        response.content.decode())
    assert MonthlyCheck.objects.get(pk=work.check_a1.pk).status == MonthlyCheck.Status.DRAFT


def test_reopening_without_a_reason_is_refused(work, leader):
    chair = submit_and_confirm(work, leader)
    response = chair.post(reverse("plans:check-reopen", args=[work.check_a1.pk]), {"reason": " "})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert MonthlyCheck.objects.get(pk=work.check_a1.pk).status == MonthlyCheck.Status.CONFIRMED


def test_reopening_with_a_reason_hands_the_check_back_and_shows_why(work, leader):
    chair = submit_and_confirm(work, leader)
    check = work.check_a1
    response = chair.post(reverse("plans:check-reopen", args=[check.pk]),
                          {"reason": "Thiếu nhận xét của tổ"})
    assert response.status_code == 302
    assert MonthlyCheck.objects.get(pk=check.pk).status == MonthlyCheck.Status.REOPENED
    page = leader.get(detail_url(check)).content.decode()
    assert "Ban Chấp hành mở lại phiếu: Thiếu nhận xét của tổ" in page
    assert "lý do: Thiếu nhận xét của tổ" in page
    data = entries_data(check, version=opened_version(leader, check),
                        changes={work.member.pk: THREE_OF_FOUR})
    assert leader.post(detail_url(check), data).status_code == 302
    assert figures(check, work.member)[5] == Decimal("71.88")


def test_a_leader_may_not_reopen_a_check(work, leader):
    submit_and_confirm(work, leader)
    response = leader.post(reverse("plans:check-reopen", args=[work.check_a1.pk]),
                           {"reason": "Tự mở"})
    assert response.status_code == 403
    assert MonthlyCheck.objects.get(pk=work.check_a1.pk).status == MonthlyCheck.Status.CONFIRMED


# The check list and the member's page


def list_url(work):
    return reverse("plans:check-list", args=[work.union_a.pk])


def listed_groups(response):
    assert response.status_code == 200
    return sorted(row.record.group.name for row in response.context["table"].page.object_list)


def test_the_leader_lists_only_their_groups_checks(work, leader):
    assert listed_groups(leader.get(list_url(work))) == ["Tổ Văn phòng"]


def test_the_chair_lists_every_group_of_the_union(work, login):
    assert listed_groups(login(work.chair.user).get(list_url(work))) == [
        "Tổ Thanh tra", "Tổ Văn phòng"]


def test_a_plain_member_may_not_list_the_checks(work, login):
    assert login(work.member.user).get(list_url(work)).status_code == 403


def test_the_check_list_export_has_the_months_as_text(work, login):
    response = login(work.chair.user).get(list_url(work), {"_export": "xlsx"})
    rows = table_of(workbook_of(response).active)
    assert rows[0][:2] == ["Tháng", "Tổ công đoàn"]
    assert sorted(r[0] for r in rows[1:]) == [work.check_a1.month_label] * 2


def test_the_check_list_export_has_numbers_and_a_local_moment_of_sending(work, login):
    sent = timezone.make_aware(datetime(2024, 2, 3, 23, 30))  # local time, 16:30 UTC
    MonthlyCheck.objects.filter(pk=work.check_a1.pk).update(submitted_at=sent)
    response = login(work.chair.user).get(list_url(work), {"_export": "xlsx"})
    sheet = workbook_of(response).active
    assert_laid_out(sheet, title="Kiểm tra hằng tháng")
    sent_cell = next(c for c in column_cells(sheet, "Ngày gửi") if c.value is not None)
    assert sent_cell.value == datetime(2024, 2, 3, 23, 30)
    assert sent_cell.number_format == DATETIME_FORMAT
    counts = [c.value for c in column_cells(sheet, "Số đoàn viên")]
    assert counts and all(isinstance(n, int) for n in counts)
    averages = [c.value for c in column_cells(sheet, "Điểm bình quân") if c.value is not None]
    assert all(isinstance(n, int | float) for n in averages)
    csv_text = login(work.chair.user).get(list_url(work), {"_export": "csv"}).content.decode()
    assert "03/02/2024 23:30" in csv_text


def test_the_members_page_shows_their_score_and_how_it_was_reached(work, login):
    entry = work.check_a1.entries.get(member=work.member)
    check_entries_save(check=work.check_a1, rows={entry.pk: {**THREE_OF_FOUR, "remark": "Tốt"}},
                       note="", version=work.check_a1.updated_at.isoformat(),
                       by=work.leader.user)
    response = login(work.member.user).get(reverse("plans:my-work"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "71,88" in page
    assert "Số lượng: 3/4 sản phẩm hoàn thành × 50 điểm = 37,5" in page
    assert "Tổng: 71,88/100 điểm" in page
    assert work.task.title in page


# Every button of the check's form saves what was typed first


def test_submitting_with_an_unsaved_remark_saves_the_remark_then_submits(work, leader):
    check = work.check_a1
    response = submit(leader, check, note="Tổ hoàn thành tốt",
                      changes={work.member.pk: {**THREE_OF_FOUR, "remark": "Chưa lưu"}})
    assert response.status_code == 302
    assert figures(check, work.member) == (4, 3, 2, 2, "Chưa lưu", Decimal("71.88"))
    saved = MonthlyCheck.objects.get(pk=check.pk)
    assert (saved.status, saved.note) == (MonthlyCheck.Status.SUBMITTED, "Tổ hoàn thành tốt")
    assert "Đã lưu phiếu và gửi Ban Chấp hành" in leader.get(detail_url(check)).content.decode()


def test_taking_the_counts_again_keeps_the_remark_typed_with_it(work, leader):
    check = work.check_a1
    data = entries_data(check, version=opened_version(leader, check),
                        changes={work.member.pk: {**THREE_OF_FOUR, "remark": "Giữ lại"}})
    assert leader.post(detail_url(check), {**data, "step": "refill"}).status_code == 302
    # The counts come back from the tasks (one assigned, not done); the remark stays.
    assert figures(check, work.member)[:5] == (1, 0, 0, 0, "Giữ lại")
    assert MonthlyCheck.objects.get(pk=check.pk).status == MonthlyCheck.Status.DRAFT


def test_a_submit_with_a_wrong_figure_is_refused_and_the_form_keeps_what_was_typed(work,
                                                                                  leader):
    check = work.check_a1
    response = submit(leader, check, note="Giữ nguyên",
                      changes={work.member.pk: {"assigned": 1, "done": 2, "remark": "Gõ dở"}})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Phiếu chưa được lưu" in page and "Gõ dở" in page and "Giữ nguyên" in page
    saved = MonthlyCheck.objects.get(pk=check.pk)
    assert (saved.status, saved.note) == (MonthlyCheck.Status.DRAFT, "")


def test_a_step_the_page_does_not_offer_is_a_bad_request(work, leader):
    data = entries_data(work.check_a1, version=opened_version(leader, work.check_a1))
    response = leader.post(detail_url(work.check_a1), {**data, "step": "confirm"})
    assert response.status_code == 400
    assert MonthlyCheck.objects.get(pk=work.check_a1.pk).status == MonthlyCheck.Status.DRAFT


def test_a_stale_save_keeps_the_typed_values_beside_the_newer_ones_and_may_then_replace_them(
        work, leader):
    check = work.check_a1
    stale = opened_version(leader, check)
    leaders_page = entries_data(check, version=stale, note="Bản tổ trưởng",
                                changes={work.member.pk: {"remark": "Tổ trưởng ghi"}})
    entry = check.entries.get(member=work.member)
    check_entries_save(check=check, rows={entry.pk: {**THREE_OF_FOUR, "remark": "Tổ phó ghi"}},
                       note="Bản tổ phó", version=stale, by=work.chair.user)
    response = leader.post(detail_url(check), leaders_page)
    assert response.status_code == 200
    page = response.content.decode()
    assert "vừa được người khác lưu" in page
    row = next(form for form in response.context["formset"].forms
               if form.instance.member_id == work.member.pk)
    # The leader's remark is in the box; the deputy's is beside it, and so are the figures
    # the deputy changed (the leader's form still had the old ones).
    assert row["remark"].value() == "Tổ trưởng ghi"
    assert row["remark"].newer == "Tổ phó ghi"
    assert row["assigned"].value() == "1" and row["assigned"].newer == "4"
    assert response.context["note_form"]["note"].newer == "Bản tổ phó"
    assert 'Bản vừa được lưu: <strong>Tổ phó ghi</strong>' in page
    # The page now carries the newer version: saving again replaces the deputy's values.
    version = response.context["note_form"]["version"].value()
    assert version == MonthlyCheck.objects.get(pk=check.pk).updated_at.isoformat()
    again = leader.post(detail_url(check), {**leaders_page, "version": version})
    assert again.status_code == 302
    assert figures(check, work.member)[:5] == (1, 0, 0, 0, "Tổ trưởng ghi")


def test_a_read_only_checks_rows_are_the_rows_the_template_drew(work):
    """plans_tags.check_rows writes the rows of a check nobody may change as the template
    loop it replaced did: counts, remark, score and its working."""
    from django.template import Context, Template

    from plans.templatetags.plans_tags import check_rows
    from plans.views.checks import CheckForms

    entry = work.check_a1.entries.order_by("pk").first()
    CheckEntry.objects.filter(pk=entry.pk).update(
        assigned=3, done=2, on_time=1, quality_passed=2, remark="Tốt <b>&</b> \"đúng\"")
    check = MonthlyCheck.objects.get(pk=work.check_a1.pk)
    rows = CheckForms(check, editable=False).members()
    template = Template(
        '{% load union_tags plans_tags %}{% for form, item_forms, working, band in rows %}'
        '<tr id="entry-{{ form.instance.pk }}" data-entry><td data-label="Đoàn viên">'
        "{{ form.id }}{{ form.instance.member.full_name }}</td>"
        '<td data-label="Được giao">{{ form.instance.assigned }}</td><td data-label="Hoàn thành">'
        '{{ form.instance.done }}</td><td data-label="Đúng hạn">{{ form.instance.on_time }}</td>'
        '<td data-label="Đạt chất lượng">{{ form.instance.quality_passed }}</td>'
        '<td class="wrap" data-label="Nhận xét tác phong, ý thức">{{ form.instance.remark }}</td>'
        '<td class="text-end" data-label="Điểm"><details><summary class="check-score" '
        'aria-live="polite"><span data-score>{% if form.instance.score is None %}—{% else %}'
        "{{ form.instance.score|vn_number }}{% endif %}</span></summary>"
        '<div class="text-start">{% working working %}</div></details></td></tr>'
        "{% endfor %}")
    expected = template.render(Context({"rows": rows}))
    assert check_rows(rows) == expected.replace("</tr><tr", "</tr>\n<tr")
    assert len(rows) >= 2 and "&lt;b&gt;&amp;&lt;/b&gt;" in expected
    assert '<td data-label="Được giao">3</td>' in expected
