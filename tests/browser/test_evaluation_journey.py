"""The year-end evaluation in a browser, with the demo union's people: the member assesses
themself, the group leader records the group's meeting and proposes, the board proposes and
sends its Tờ trình, the council votes (one candidate falls short), the Giám đốc's decisions
are recorded with their numbers, the board publishes, the member reads it."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from emulation.models import (
    Agency,
    AgencyLeader,
    AwardType,
    Council,
    CouncilSeat,
    Initiative,
    Level,
    Movement,
)
from emulation.services import (
    agency_leader_save,
    agency_save,
    award_types_ensure,
    council_save,
    cycle_open,
    evaluation_board_propose,
    initiative_decide,
    initiative_submit,
    movement_save,
    registration_decide,
    registration_submit,
)
from emulation.services.evaluations import cycle_update
from plans.models import Task
from plans.services import (
    check_confirm,
    check_open,
    check_submit,
    plan_create,
    progress_report,
    task_save,
)
from tests.browser.pages import click, press, set_date, switch_to
from union.models import Member, Union

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def a_year_of_work(union, members, leader, chair, year):
    """Approved registrations for LĐTT and CSTĐCS, a recognised initiative, and two confirmed
    months with scores for ``members`` (of one group)."""
    award_types_ensure(union=union)
    movement = movement_save(movement=Movement(
        union=union, year=year, name="Lao động giỏi, Lao động sáng tạo",
        starts_on=date(year, 1, 1), ends_on=date(year, 12, 31),
        registration_opens=date(year, 1, 1), registration_closes=date(year, 1, 31)))
    titles = list(AwardType.objects.filter(union=union, code__in=["ldtt", "cstdcs"]))
    for member in members:
        registration = registration_submit(movement=movement, member=member, titles=titles,
                                           today=date(year, 1, 15))
        registration_decide(registration=registration, approve=True)
        initiative = initiative_submit(initiative=Initiative(
            union=union, year=year, title=f"Sáng kiến của {member.full_name}",
            description="Cải tiến quy trình", value_vnd=10_000_000), authors=[member])
        initiative_decide(initiative=initiative, status=Initiative.Status.RECOGNISED,
                          decision_number="01/QĐ-HĐSK", decision_date=date(year, 3, 1))
    plan = plan_create(union=union, year=year)
    group = members[0].group
    # January's product on time, February's two days late.
    for month, done_on in [(1, date(year, 1, 8)), (2, date(year, 2, 12))]:
        task = task_save(task=Task(
            union=union, plan=plan, point=plan.points.get(number=4),
            title=f"Cập nhật hồ sơ một cửa tháng {month}", product="Hồ sơ được cập nhật",
            lead_group=group, start_date=date(year, month, 1),
            due_date=date(year, month, 10)), supporting_groups=[], assignees=members)
        for member in members:
            progress_report(occurrence=task.occurrences.get(), member=member, percent=100,
                            today=done_on)
        check = check_open(group=group, year=year, month=month, by=leader.user,
                           today=date(year, month, 14))
        check_submit(check=check, by=leader.user)
        check_confirm(check=check, by=chair.user)


def propose_the_others(cycle, *members):
    """The board's proposal for the rest of the union: HTTNV, or not rated where the rules
    say so (people who left early in the year)."""
    for evaluation in cycle.evaluations.exclude(member__in=members).filter(rated_above=False):
        try:
            evaluation_board_propose(evaluation=evaluation, level=Level.GOOD, titles=set(),
                                     note="", by=None)
        except ValidationError:
            evaluation_board_propose(evaluation=evaluation, level=Level.NOT_RATED,
                                     titles=set(), note="", by=None)


def the_agency(union, year):
    """The Sở, its Giám đốc (a member of the union) and a council of ten."""
    agency = agency_save(agency=Agency(
        union=union, name="Sở Thông tin và Truyền thông tỉnh Gia Lai",
        letterhead_name="SỞ THÔNG TIN VÀ TRUYỀN THÔNG", superior_name="Ủy ban nhân dân tỉnh "
        "Gia Lai", document_code="STTTT", place_name="Gia Lai"), by=None)
    head = Member.objects.get(union=union, given_name="An", family_name="Nguyễn")
    agency_leader_save(leader=AgencyLeader(
        agency=agency, role=AgencyLeader.Role.HEAD, title="Giám đốc", full_name=head.full_name,
        member=head, started_on=date(2016, 3, 1)), by=None)
    council_save(council=Council(agency=agency, year=year), by=None, seats=[
        CouncilSeat(role=CouncilSeat.Role.CHAIR, full_name=head.full_name, position="Giám đốc"),
        *(CouncilSeat(role=CouncilSeat.Role.MEMBER, full_name=f"Ủy viên {i}",
                      position="Trưởng phòng") for i in range(1, 10))])


def sign_in(browser, live_server, username):
    """Log in and wait for the home page, so that the next address is asked for logged in."""
    switch_to(browser, live_server, username)
    browser.find_element(By.CSS_SELECTOR, "nav.navbar")


def row_of(browser, name):
    return browser.find_element(By.XPATH, f"//table[@id='evaluations']//tr[td[contains(., "
                                          f"'{name}')]]")


def success(browser):
    return browser.find_element(By.CSS_SELECTOR, ".alert-success").text


def test_a_member_is_assessed_proposed_voted_decided_and_reads_the_published_result(
        browser, live_server):
    call_command("seed_union", verbosity=0)
    union = Union.objects.get(short_name="CĐCS Sở TT&TT Gia Lai")
    ngoc = Member.objects.get(user__username="doanvien")
    anh = Member.objects.get(union=union, family_name="Nguyễn", middle_name="Văn",
                             given_name="Anh")
    leader = Member.objects.get(user__username="totruong")
    chair = Member.objects.get(user__username="chutich")
    today = timezone.localdate()
    a_year_of_work(union, [ngoc, anh], leader, chair, today.year)
    the_agency(union, today.year)
    cycle = cycle_open(union=union, year=today.year,
                       self_assessment_due=today + timedelta(days=7),
                       proposal_due=today + timedelta(days=14),
                       decision_due=today + timedelta(days=21))
    cycle_update(cycle=cycle, self_assessment_due=cycle.self_assessment_due,
                 proposal_due=cycle.proposal_due, decision_due=cycle.decision_due,
                 rules={"cstdcs_cap_percent": 100}, by=None)
    propose_the_others(cycle, ngoc)
    # Anh is proposed for CSTĐCS too: the council will not reach the threshold for him.
    evaluation_board_propose(evaluation=cycle.evaluations.get(member=anh), level=Level.GOOD,
                             titles={"ldtt", "cstdcs"}, note="", by=None)

    # doanvien reads her figures and writes her self-assessment.
    sign_in(browser, live_server, "doanvien")
    browser.get(f"{live_server.url}/me/evaluation/")
    assert "Phan Thị Ngọc" in browser.find_element(By.TAG_NAME, "h1").text
    metrics = browser.find_element(By.ID, "metrics").text
    assert "từ 2 tháng có phiếu kiểm tra đã xác nhận" in metrics
    assert "Đúng hạn 50% số kỳ nhiệm vụ đã đến hạn (1/2)" in metrics
    browser.find_element(By.NAME, "self_assessment").send_keys(
        "Hoàn thành đầy đủ, đúng hạn các nhiệm vụ được giao; cập nhật hồ sơ một cửa.")
    Select(browser.find_element(By.NAME, "self_level")).select_by_visible_text(
        "Hoàn thành tốt nhiệm vụ")
    click(browser, "Lưu tự đánh giá")
    assert "Đã lưu bản tự đánh giá" in success(browser)
    assert "Kết quả sẽ hiển thị ở đây khi có quyết định" in browser.find_element(
        By.ID, "result").text

    # totruong records the group's meeting, then proposes HTTNV for her.
    sign_in(browser, live_server, "totruong")
    browser.get(f"{live_server.url}/u/{union.pk}/evaluations/")
    click(browser, str(today.year))
    click(browser, "Ghi cuộc họp tổ")
    set_date(browser, "held_on", today)
    click(browser, "Ghi cuộc họp")
    assert "Đã ghi cuộc họp của Tổ Văn phòng" in success(browser)
    press(browser, row_of(browser, "Phan Thị Ngọc").find_element(By.LINK_TEXT, "Đề xuất"))
    assert "Hoàn thành đầy đủ, đúng hạn" in browser.find_element(By.ID, "self-assessment").text
    Select(browser.find_element(By.NAME, "proposed_level")).select_by_visible_text(
        "Hoàn thành tốt nhiệm vụ")
    browser.find_element(By.NAME, "proposal_comment").send_keys("Chấp hành tốt, đúng hạn.")
    click(browser, "Gửi đề xuất")
    assert "Đã ghi đề xuất của tổ cho Phan Thị Ngọc" in success(browser)
    assert "HTTNV" in row_of(browser, "Phan Thị Ngọc").text

    # chutich proposes HTTNV, LĐTT and CSTĐCS for her, and sends the Tờ trình.
    sign_in(browser, live_server, "chutich")
    browser.get(f"{live_server.url}{cycle.get_absolute_url()}")
    assert browser.find_element(By.ID, "submit-proposal").get_attribute("disabled") is not None
    assert "Còn 1 đoàn viên chưa có đề xuất" in browser.find_element(
        By.ID, "publish-problems").text
    press(browser, row_of(browser, "Phan Thị Ngọc").find_element(By.LINK_TEXT, "Đề xuất"))
    Select(browser.find_element(By.NAME, "level")).select_by_visible_text(
        "Hoàn thành tốt nhiệm vụ")
    for code in ("ldtt", "cstdcs"):
        press(browser, browser.find_element(By.CSS_SELECTOR,
                                            f"input[name=titles][value={code}]"),
              navigates=False)
    click(browser, "Lưu đề xuất")
    assert "Đã ghi đề xuất của Ban Chấp hành cho Phan Thị Ngọc" in success(browser)
    assert "CSTĐCS" in row_of(browser, "Phan Thị Ngọc").text
    click(browser, "Gửi tờ trình tới Thủ trưởng cơ quan")
    # The Tờ trình is issued from the register: its date, the chair signs; one confirmation.
    assert "Tờ trình đề nghị" in browser.find_element(By.TAG_NAME, "main").text
    press(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Vào sổ và cấp số']"),
          navigates=False)
    browser.switch_to.alert.accept()
    WebDriverWait(browser, 20).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, ".alert-success"))
    assert "Đã gửi Tờ trình số 01/TTr-CĐCS" in success(browser)

    # The council meets: Ngọc reaches the threshold, Anh does not.
    click(browser, "Ghi cuộc họp Hội đồng")
    set_date(browser, "held_on", today)
    click(browser, "Lưu")
    assert "Có mặt 10/10 thành viên" in browser.find_element(By.ID, "quorum").text
    for name, agree in (("Phan Thị Ngọc", "9"), ("Nguyễn Văn Anh", "5")):
        row = browser.find_element(By.XPATH, f"//table[@id='ballots']//tr[td[contains(., "
                                             f"'{name}')]]")
        row.find_element(By.CSS_SELECTOR, "input[name^=agree]").send_keys(agree)
        row.find_element(By.CSS_SELECTOR, "input[name^=valid]").send_keys("10")
    click(browser, "Lưu kết quả bỏ phiếu")
    ballots = browser.find_element(By.ID, "ballots").text
    assert "9/10 phiếu đồng ý (90%" in ballots and "5/10 phiếu đồng ý (50%" in ballots
    browser.get(f"{live_server.url}{cycle.get_absolute_url()}")

    # The Giám đốc's decisions come back and are recorded with their numbers and dates.
    click(browser, "Ghi quyết định xếp loại")
    assert "Giám đốc Sở Thông tin và Truyền thông tỉnh Gia Lai" in browser.find_element(
        By.ID, "deciding-body").text
    browser.find_element(By.NAME, "number").send_keys("312/QĐ-STTTT")
    click(browser, "Ghi nhận quyết định")
    assert "Đã ghi nhận Quyết định số 312/QĐ-STTTT" in success(browser)
    click(browser, "Ghi quyết định “Lao động tiên tiến”")
    browser.find_element(By.NAME, "number").send_keys("315/QĐ-STTTT")
    click(browser, "Ghi nhận quyết định")
    assert "Đã ghi nhận Quyết định số 315/QĐ-STTTT" in success(browser)
    click(browser, "Ghi quyết định “Chiến sĩ thi đua cơ sở”")
    browser.find_element(By.NAME, "number").send_keys("316/QĐ-STTTT")
    anh_box = browser.find_element(By.XPATH, "//table[@id='people']//tr[td[contains(., "
                                             "'Nguyễn Văn Anh')]]//input[@type='checkbox']")
    assert not anh_box.is_selected()  # below the threshold: not ticked
    press(browser, anh_box, navigates=False)
    click(browser, "Ghi nhận quyết định")
    assert "Nguyễn Văn Anh: 5/10 phiếu đồng ý" in browser.find_element(
        By.CSS_SELECTOR, ".error-summary").text
    press(browser, browser.find_element(
        By.XPATH, "//table[@id='people']//tr[td[contains(., 'Nguyễn Văn Anh')]]"
                  "//input[@type='checkbox']"), navigates=False)
    click(browser, "Ghi nhận quyết định")
    assert "Đã ghi nhận Quyết định số 316/QĐ-STTTT" in success(browser)
    click(browser, "Đã ghi đủ quyết định")
    click(browser, "Công bố kết quả")
    assert "Đã công bố kết quả" in success(browser)

    # doanvien reads her published level and titles, with the decisions behind them.
    sign_in(browser, live_server, "doanvien")
    browser.get(f"{live_server.url}/me/evaluation/")
    assert browser.find_element(By.ID, "level").text == "Hoàn thành tốt nhiệm vụ"
    assert "312/QĐ-STTTT" in browser.find_element(By.ID, "level-decision").text
    assert "Chiến sĩ thi đua cơ sở" in browser.find_element(By.ID, "titles").text
    assert "316/QĐ-STTTT" in browser.find_element(By.ID, "title-decisions").text
    assert "Đạt Lao động tiên tiến" in browser.find_element(By.ID, "reasons").text
