"""The evaluation pages: the cycle's table and quota panel, the three steps, publishing."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from emulation.models import Evaluation, EvaluationCycle, Level
from emulation.services import cycle_recompute, cycle_set_status
from tests.emulation import flow
from tests.emulation.flow import propose
from tests.emulation.test_metrics import month_check
from tests.factories import MemberFactory

YEAR = timezone.localdate().year


def url(name, *args):
    return reverse(f"emulation:{name}", args=args)


def said(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def text(response):
    return response.content.decode()


def propose_all(cycle, level=Level.GOOD, **by_member):
    """The board proposes for every member of the cycle (``by_member``: given name → level)."""
    for evaluation in cycle.evaluations.select_related("member"):
        propose(evaluation, by_member.get(evaluation.member.given_name, level))


def fresh(evaluation):
    return Evaluation.objects.get(pk=evaluation.pk)


@pytest.fixture
def chair(emu, login):
    return login(emu.chair.user)


@pytest.fixture
def rated(emu):
    """``emu`` with two confirmed months for ``member`` (80 and 95) and ``other``
    decided KHTNV (the reprimand) and everyone else HTTNV."""
    month_check(emu.group_a1, 1, {emu.member: Decimal(80), emu.leader: Decimal(70)})
    month_check(emu.group_a1, 2, {emu.member: Decimal(95), emu.leader: Decimal(75)})
    cycle_recompute(cycle=emu.cycle)
    return emu


# The cycle


def test_the_board_opens_a_cycle_and_the_metrics_are_taken(emu, chair):
    response = chair.post(url("cycle-create", emu.union_a.pk), {
        "year": YEAR - 1, "self_assessment_due": f"{YEAR - 1}-11-30",
        "proposal_due": f"{YEAR - 1}-12-05", "decision_due": f"{YEAR - 1}-12-15"})
    cycle = EvaluationCycle.objects.get(union=emu.union_a, year=YEAR - 1)
    assert response.status_code == 302 and response.url == cycle.get_absolute_url()
    assert cycle.evaluations.count() == 4
    assert cycle.rules["excellence_quota_percent"] == 20
    assert "tính số liệu của 4 đoàn viên" in said(response)[0]


def test_a_second_cycle_for_the_year_and_deadlines_out_of_order_are_refused(emu, chair):
    response = chair.post(url("cycle-create", emu.union_a.pk), {
        "year": YEAR, "self_assessment_due": f"{YEAR}-12-10", "proposal_due": f"{YEAR}-12-05",
        "decision_due": f"{YEAR}-12-15"})
    assert "Hạn tổ đề xuất không thể trước hạn tự đánh giá" in text(response)
    response = chair.post(url("cycle-create", emu.union_a.pk), {
        "year": YEAR, "self_assessment_due": f"{YEAR}-12-01", "proposal_due": f"{YEAR}-12-05",
        "decision_due": f"{YEAR}-12-15"})
    assert response.status_code == 200
    assert f"Năm {YEAR} đã có đợt đánh giá" in text(response)


def edit_data(cycle, **changes):
    return {"self_assessment_due": cycle.self_assessment_due.isoformat(),
            "proposal_due": cycle.proposal_due.isoformat(),
            "decision_due": cycle.decision_due.isoformat(), "band_excellent": 90,
            "band_good": 70, "band_done": 50, "excellence_quota_percent": 20,
            "cstdcs_cap_percent": 15, "min_months_worked": 6, "leave_low": 3, "leave_high": 6,
            "quota_rounding": "down", "quota_scope": "agency_and_type", "cap_rounding": "nearest",
            "quota_exception_percent": 25, "version": cycle.updated_at.isoformat(), **changes}


def test_the_board_edits_the_rules_of_the_year(emu, chair):
    response = chair.post(url("cycle-edit", emu.cycle.pk), edit_data(
        emu.cycle, excellence_quota_percent="12.5", band_good=75, leave_low="2.5"))
    assert response.status_code == 302
    rules = EvaluationCycle.objects.get(pk=emu.cycle.pk).rules
    assert rules["excellence_quota_percent"] == 12.5
    assert rules["bands"] == {"htxsnv": 90, "httnv": 75, "htnv": 50}
    assert rules["leave_cap_months"] == [2.5, 6]


def test_rules_that_make_no_sense_are_refused(emu, chair):
    response = chair.post(url("cycle-edit", emu.cycle.pk), edit_data(
        emu.cycle, band_good=95, leave_high=2, excellence_quota_percent=120))
    page = text(response)
    assert "phải thấp hơn mức Hoàn thành xuất sắc" in page
    assert "Cận trên phải lớn hơn cận dưới" in page
    assert "nhỏ hơn hoặc bằng với 100" in page
    assert EvaluationCycle.objects.get(pk=emu.cycle.pk).rules == emu.cycle.rules


def test_a_stale_edit_of_the_rules_is_refused(emu, chair):
    stale = edit_data(emu.cycle, cstdcs_cap_percent=10)
    chair.post(url("cycle-edit", emu.cycle.pk), edit_data(emu.cycle, cstdcs_cap_percent=20))
    response = chair.post(url("cycle-edit", emu.cycle.pk), stale)
    assert "vừa được người khác sửa" in text(response)
    assert EvaluationCycle.objects.get(pk=emu.cycle.pk).rules["cstdcs_cap_percent"] == 20


def test_the_board_reads_the_whole_union_in_vietnamese_name_order(emu, chair):
    response = chair.get(url("cycle-detail", emu.cycle.pk))
    names = [row["evaluation"].member.given_name for row in response.context["rows"]]
    assert names == ["Chủ", "Khác", "Trưởng", "Viên"]
    response = chair.get(url("cycle-detail", emu.cycle.pk), {"group": emu.group_a1.pk})
    assert [r["evaluation"].member.given_name for r in response.context["rows"]] == [
        "Trưởng", "Viên"]


def test_the_table_shows_each_members_figures_and_steps(rated, chair):
    propose(rated.evaluation, Level.GOOD, "ldtt")
    response = chair.get(url("cycle-detail", rated.cycle.pk))
    page = text(response)
    row = page[page.index(f'id="ev-{rated.evaluation.pk}"'):]
    row = row[:row.index("</tr>")]
    for cell in ["Nguyễn Văn Viên", "Tổ Văn phòng", "87,5", "0%", "HTTNV", "LĐTT", "Có"]:
        assert cell in row
    other = page[page.index(f'id="ev-{rated.other_evaluation.pk}"'):]
    assert "Khiển trách" in other[:other.index("</tr>")]


def test_the_quota_panel_turns_red_and_the_submit_button_is_disabled_with_the_reasons(
        emu, chair):
    propose_all(emu.cycle, Khác=Level.NOT_DONE, Viên=Level.EXCELLENT, Chủ=Level.EXCELLENT)
    response = chair.get(url("cycle-detail", emu.cycle.pk))
    page = text(response)
    assert "HTXSNV – Toàn cơ quan: 2; 20% × 1 HTTNV = 0,2 → tối đa 0 (làm tròn xuống)" in page
    assert response.context["panel"][0]["over"]
    assert 'id="submit-proposal" disabled' in page
    assert ("Số HTXSNV đề xuất vượt tỷ lệ – toàn cơ quan: có 2; 20% × 1 HTTNV = 0,2 → tối "
            "đa 0") in page


def test_the_submit_button_is_enabled_when_nothing_stops_it(emu, chair):
    propose_all(emu.cycle, Khác=Level.NOT_DONE)
    response = chair.get(url("cycle-detail", emu.cycle.pk))
    assert "HTXSNV – Toàn cơ quan: 0; 20% × 3 HTTNV = 0,6 → tối đa 0" in text(response)
    assert 'id="submit-proposal" disabled' not in text(response)
    assert 'id="submit-proposal"' in text(response)


def test_sending_the_proposal_with_problems_says_each_of_them(emu, chair):
    response = chair.post(url("proposal-submit", emu.cycle.pk))
    assert response.status_code == 302
    assert said(response) == ["Còn 4 đoàn viên chưa có đề xuất xếp loại của Ban Chấp hành."]
    assert EvaluationCycle.objects.get(pk=emu.cycle.pk).status == "open"


def test_publishing_with_problems_says_each_of_them(emu, chair):
    propose_all(emu.cycle, Khác=Level.NOT_DONE)
    flow.submit(emu.cycle)
    response = chair.post(url("cycle-status", emu.cycle.pk), {"status": "published"})
    assert response.status_code == 302
    assert said(response) == ["Còn 4 đoàn viên chưa có quyết định xếp loại."]
    assert EvaluationCycle.objects.get(pk=emu.cycle.pk).status == "proposed"


def test_the_decisions_are_recorded_published_and_the_cycle_is_locked(emu, chair):
    propose_all(emu.cycle, Khác=Level.NOT_DONE)
    flow.decide_all(emu.cycle)
    response = chair.post(url("cycle-status", emu.cycle.pk), {"status": "published"})
    assert "Đã công bố kết quả" in said(response)[0]
    assert EvaluationCycle.objects.get(pk=emu.cycle.pk).is_published
    locked = "đã công bố và được khóa"
    for name, data in [("evaluation-board", {"level": "htnv"}), ("evaluation-board", None)]:
        response = (chair.post(url(name, emu.evaluation.pk), data) if data
                    else chair.get(url(name, emu.evaluation.pk)))
        assert response.status_code == 302 and locked in said(response)[-1]
    for name in ["cycle-recompute", "cycle-status"]:
        response = chair.post(url(name, emu.cycle.pk), {"status": "open"})
        assert response.status_code == 302 and locked in said(response)[-1]
    response = chair.get(url("cycle-edit", emu.cycle.pk))
    assert response.status_code == 302 and locked in said(response)[-1]
    assert fresh(emu.evaluation).level == Level.GOOD


def test_an_unknown_status_is_refused_politely(emu, chair):
    response = chair.post(url("cycle-status", emu.cycle.pk), {"status": "deleted"})
    assert response.status_code == 302 and said(response) == ["Thao tác không hợp lệ."]


def test_the_cycle_page_costs_the_same_for_many_members(emu, chair):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert chair.get(url("cycle-detail", emu.cycle.pk)).status_code == 200
        return len(captured)

    few = queries()
    MemberFactory.create_batch(30, union=emu.union_a, group=emu.group_a2)
    cycle_recompute(cycle=emu.cycle)
    assert queries() == few
    assert few <= 20


# The leader and the member


def test_a_leader_sees_their_group_with_a_proposal_link_each(emu, login):
    response = login(emu.leader.user).get(url("cycle-detail", emu.cycle.pk))
    rows = response.context["rows"]
    assert [r["evaluation"].member.given_name for r in rows] == ["Trưởng", "Viên"]
    assert url("evaluation-propose", emu.evaluation.pk) in text(response)
    assert "<th>BCH đề xuất</th>" not in text(response)
    assert "<th>Tổ đề xuất</th>" in text(response)


def test_a_member_is_sent_to_their_own_evaluation(emu, login):
    response = login(emu.member.user).get(url("cycle-detail", emu.cycle.pk))
    assert response.status_code == 302 and response.url == emu.evaluation.get_absolute_url()


def test_a_member_reads_their_figures_with_where_they_come_from(rated, login):
    page = text(login(rated.member.user).get(url("evaluation-detail", rated.evaluation.pk)))
    for line in ["Điểm bình quân 87,5 từ 2 tháng có phiếu kiểm tra đã xác nhận.",
                 "Đúng hạn 0% số kỳ nhiệm vụ đã đến hạn (0/1).",
                 "1 sáng kiến được Hội đồng sáng kiến công nhận trong năm.",
                 "Không bị kỷ luật trong năm.",
                 "Công tác 12 tháng trong năm, không làm việc 0 tháng: làm việc 12 tháng.",
                 "Đã đăng ký thi đua (bản đăng ký được duyệt): Lao động tiên tiến."]:
        assert line in page


def test_a_member_writes_their_self_assessment(emu, login):
    client = login(emu.member.user)
    response = client.post(url("evaluation-detail", emu.evaluation.pk), {
        "self_assessment": "Hoàn thành tốt các nhiệm vụ được giao.", "self_level": "httnv"})
    assert response.status_code == 302 and said(response) == ["Đã lưu bản tự đánh giá."]
    saved = fresh(emu.evaluation)
    assert (saved.self_assessment, saved.self_level) == (
        "Hoàn thành tốt các nhiệm vụ được giao.", Level.GOOD)


def test_only_the_member_writes_their_self_assessment(emu, login):
    response = login(emu.leader.user).post(url("evaluation-detail", emu.evaluation.pk), {
        "self_assessment": "…", "self_level": "htxsnv"})
    assert response.status_code == 403
    assert fresh(emu.evaluation).self_level == ""


def test_after_the_deadline_the_self_assessment_form_is_gone(emu, login):
    yesterday = timezone.localdate() - timedelta(days=1)
    EvaluationCycle.objects.filter(pk=emu.cycle.pk).update(self_assessment_due=yesterday)
    client = login(emu.member.user)
    response = client.get(url("evaluation-detail", emu.evaluation.pk))
    assert response.context["form"] is None
    assert "Đã quá hạn tự đánh giá" in text(response)
    response = client.post(url("evaluation-detail", emu.evaluation.pk), {
        "self_assessment": "Muộn", "self_level": "httnv"})
    assert response.status_code == 200 and "Đã quá hạn tự đánh giá" in said(response)[0]
    # The refused text comes back on the page, for the member to copy.
    assert response.context["kept"] == "Muộn"
    assert fresh(emu.evaluation).self_assessment == ""


def test_a_member_does_not_see_the_decision_before_it_is_published(emu, login):
    propose_all(emu.cycle, Khác=Level.NOT_DONE)
    flow.decide_all(emu.cycle)
    page = text(login(emu.member.user).get(url("evaluation-detail", emu.evaluation.pk)))
    assert 'id="level"' not in page and 'id="level-decision"' not in page
    assert "Kết quả sẽ hiển thị ở đây khi có quyết định và Ban Chấp hành công bố" in page
    page = text(login(emu.chair.user).get(url("evaluation-detail", emu.evaluation.pk)))
    assert "chưa công bố" in page and 'id="level-decision"' in page


def test_once_published_the_member_sees_the_level_the_titles_and_the_reasons(emu, login):
    propose_all(emu.cycle, Khác=Level.NOT_DONE)
    propose(emu.evaluation, Level.GOOD, "ldtt")
    flow.decide_all(emu.cycle)
    cycle_set_status(cycle=emu.cycle, status="published", by=None)
    page = text(login(emu.member.user).get(url("evaluation-detail", emu.evaluation.pk)))
    assert "Hoàn thành tốt nhiệm vụ" in page and "Lao động tiên tiến" in page
    assert "Đạt Lao động tiên tiến: xếp loại từ Hoàn thành tốt nhiệm vụ trở lên" in page
    leader = login(emu.leader.user)
    page = text(leader.get(url("evaluation-detail", emu.cycle.evaluations.get(
        member=emu.leader).pk)))
    assert "Không được xét LĐTT: chưa đăng ký thi đua." in page
    page = text(leader.get(url("evaluation-detail", emu.evaluation.pk)))
    assert "Không được xét CSTĐCS" not in page  # member has an initiative but no CSTĐCS
    assert "Không được xét ĐVCĐXS" not in page


def test_my_evaluation_goes_to_the_latest_cycle_or_says_there_is_none(emu, login):
    response = login(emu.member.user).get(url("my-evaluation"))
    assert response.url == emu.evaluation.get_absolute_url()
    response = login(emu.officer.user).get(url("my-evaluation"))
    assert "Đồng chí chưa có phiếu đánh giá" in text(response)
    response = login(emu.admin).get(url("my-evaluation"))
    assert "chưa gắn với đoàn viên" in text(response)


# The group's proposal


def test_the_leader_proposes_for_a_member_of_their_group(emu, login):
    client = login(emu.leader.user)
    form = client.get(url("evaluation-propose", emu.evaluation.pk)).context["form"]
    response = client.post(url("evaluation-propose", emu.evaluation.pk), {
        "proposed_level": "httnv", "proposal_comment": "Chấp hành tốt",
        "version": form["version"].value()})
    assert response.status_code == 302
    assert response.url.endswith(f"#ev-{emu.evaluation.pk}")
    saved = fresh(emu.evaluation)
    assert (saved.proposed_level, saved.proposal_comment) == (Level.GOOD, "Chấp hành tốt")


def test_a_leader_proposing_for_another_groups_member_is_refused(emu, login):
    response = login(emu.leader.user).post(url("evaluation-propose", emu.other_evaluation.pk),
                                           {"proposed_level": "htxsnv"})
    assert response.status_code == 404
    assert fresh(emu.other_evaluation).proposed_level == ""


def test_the_board_is_told_that_only_the_groups_leader_proposes(emu, chair):
    response = chair.post(url("evaluation-propose", emu.evaluation.pk),
                          {"proposed_level": "htxsnv"})
    assert response.status_code == 403
    assert "Chỉ tổ trưởng, tổ phó của Tổ Văn phòng đề xuất" in text(response)
    assert fresh(emu.evaluation).proposed_level == ""


@pytest.mark.parametrize("closing", ["deadline", "decided"])
def test_after_the_deadline_or_the_boards_decision_the_proposal_is_refused(emu, login, closing):
    if closing == "deadline":
        EvaluationCycle.objects.filter(pk=emu.cycle.pk).update(
            proposal_due=timezone.localdate() - timedelta(days=1),
            self_assessment_due=timezone.localdate() - timedelta(days=2))
        expected = "Đã quá hạn tổ đề xuất"
    else:
        propose_all(emu.cycle, Khác=Level.NOT_DONE)
        flow.submit(emu.cycle)
        expected = "Ban Chấp hành đã trình kết quả lên Thủ trưởng cơ quan"
    client = login(emu.leader.user)
    for response in (client.get(url("evaluation-propose", emu.evaluation.pk)),
                     client.post(url("evaluation-propose", emu.evaluation.pk),
                                 {"proposed_level": "httnv"})):
        assert response.status_code == 302 and expected in said(response)[0]
    assert fresh(emu.evaluation).proposed_level == ""


# The board's proposal


def test_the_board_proposes_a_level_and_titles(emu, chair):
    response = chair.post(url("evaluation-board", emu.evaluation.pk), {
        "level": "httnv", "titles": ["ldtt", "dvcdxs"], "note": "Đề nghị khen",
        "version": emu.evaluation.updated_at.isoformat()})
    assert response.status_code == 302
    saved = fresh(emu.evaluation)
    assert saved.board_level == Level.GOOD and saved.level == ""
    assert set(saved.candidacies.values_list("award_type__code", flat=True)) == {
        "ldtt", "dvcdxs"}
    assert not (saved.title_ldtt or saved.title_dvcdxs)  # proposed, not decided


def test_the_rules_messages_come_back_on_the_form_and_nothing_is_saved(emu, chair):
    response = chair.post(url("evaluation-board", emu.other_evaluation.pk), {
        "level": "httnv", "titles": ["ldtt"], "note": "",
        "version": emu.other_evaluation.updated_at.isoformat()})
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert any("Bị kỷ luật (khiển trách)" in e for e in errors)
    assert any("Lao động tiên tiến cần" in e for e in errors)
    assert "HTXSNV – Toàn cơ quan: 0; 20% × 0 HTTNV = 0 → tối đa 0" in text(response)
    assert fresh(emu.other_evaluation).board_level == ""


def test_of_two_stale_proposal_forms_the_second_is_refused(emu, login):
    first, second = login(emu.chair.user), login(emu.admin)
    version = first.get(url("evaluation-board", emu.evaluation.pk)).context["form"][
        "version"].value()
    first.post(url("evaluation-board", emu.evaluation.pk),
               {"level": "httnv", "version": version})
    response = second.post(url("evaluation-board", emu.evaluation.pk),
                           {"level": "htnv", "version": version})
    assert response.status_code == 200
    assert "vừa được người khác lưu" in text(response)
    assert fresh(emu.evaluation).board_level == Level.GOOD
    # The second person's choice stays on the form, the first one's beside it.
    form = response.context["form"]
    assert form["level"].value() == "htnv"
    assert form["level"].newer == "Hoàn thành tốt nhiệm vụ"
    assert form["version"].value() == fresh(emu.evaluation).updated_at.isoformat()


def test_the_quota_panel_follows_the_choice_without_saving(emu, chair):
    propose_all(emu.cycle, Khác=Level.NOT_DONE)
    response = chair.get(url("evaluation-board", emu.evaluation.pk),
                         {"level": "htxsnv", "titles": ["cstdcs"]}, headers={"HX-Request": "true"})
    page = text(response)
    assert "HTXSNV – Toàn cơ quan: 1; 20% × 2 HTTNV = 0,4 → tối đa 0" in page
    assert "text-danger" in page
    assert "Chiến sĩ thi đua cơ sở cần đạt Lao động tiên tiến" in page
    assert fresh(emu.evaluation).board_level == Level.GOOD


def test_a_proposal_page_shows_the_suggestion_from_the_score_bands(rated, chair):
    response = chair.get(url("evaluation-board", rated.evaluation.pk))
    assert response.context["suggested"] == Level.GOOD  # 87,5: from 70 to under 90
    response = chair.get(url("evaluation-board", rated.other_evaluation.pk))
    assert response.context["suggested"] == Level.NOT_DONE  # disciplined


def test_once_the_proposal_is_sent_the_board_cannot_change_it(emu, chair):
    propose_all(emu.cycle, Khác=Level.NOT_DONE)
    flow.submit(emu.cycle)
    response = chair.post(url("evaluation-board", emu.evaluation.pk), {
        "level": "htnv", "version": fresh(emu.evaluation).updated_at.isoformat()})
    assert response.status_code == 302 and "Tờ trình đã gửi" in said(response)[0]
    assert fresh(emu.evaluation).board_level == Level.GOOD


def test_an_officer_reads_the_table_but_has_no_buttons(emu, login):
    response = login(emu.officer.user).get(url("cycle-detail", emu.cycle.pk))
    assert response.status_code == 200
    assert 'id="cycle-actions"' not in text(response)
    assert url("evaluation-board", emu.evaluation.pk) not in text(response)


def test_the_cycle_list_links_a_member_to_their_own_evaluation(emu, login):
    page = text(login(emu.member.user).get(url("cycle-list", emu.union_a.pk)))
    assert url("evaluation-detail", emu.evaluation.pk) in page
    assert f'href="{url("cycle-detail", emu.cycle.pk)}"' not in page


def test_the_board_decides_by_15_12_unless_it_says_otherwise(emu, chair):
    form = chair.get(url("cycle-create", emu.union_a.pk)).context["form"]
    assert form["decision_due"].value() == date(YEAR, 12, 15)
