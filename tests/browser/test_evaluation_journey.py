"""The year-end evaluation in a browser, with the demo union's people: the member assesses
themself, the group leader proposes, the board decides and publishes, the member reads it."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from emulation.models import AwardType, Level, Movement
from emulation.services import (
    award_types_ensure,
    cycle_open,
    evaluation_decide,
    movement_save,
    registration_decide,
    registration_submit,
)
from plans.models import Task
from plans.services import (
    check_confirm,
    check_open,
    check_submit,
    plan_create,
    progress_report,
    task_save,
)
from tests.browser.pages import click, press, switch_to
from union.models import Member, Union

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def a_year_of_work(union, member, leader, chair, year):
    """An approved registration for LĐTT and two confirmed months with scores for ``member``."""
    award_types_ensure(union=union)
    movement = movement_save(movement=Movement(
        union=union, year=year, name="Lao động giỏi, Lao động sáng tạo",
        starts_on=date(year, 1, 1), ends_on=date(year, 12, 31),
        registration_opens=date(year, 1, 1), registration_closes=date(year, 1, 31)))
    registration = registration_submit(
        movement=movement, member=member, today=date(year, 1, 15),
        titles=[AwardType.objects.get(union=union, code=AwardType.LDTT)])
    registration_decide(registration=registration, approve=True)
    plan = plan_create(union=union, year=year)
    # January's product on time, February's two days late.
    for month, done_on in [(1, date(year, 1, 8)), (2, date(year, 2, 12))]:
        task = task_save(task=Task(
            union=union, plan=plan, point=plan.points.get(number=4),
            title=f"Cập nhật hồ sơ một cửa tháng {month}", product="Hồ sơ được cập nhật",
            lead_group=member.group, start_date=date(year, month, 1),
            due_date=date(year, month, 10)), supporting_groups=[], assignees=[member])
        progress_report(occurrence=task.occurrences.get(), member=member, percent=100,
                        today=done_on)
        check = check_open(group=member.group, year=year, month=month, by=leader.user,
                           today=date(year, month, 14))
        check_submit(check=check, by=leader.user)
        check_confirm(check=check, by=chair.user)


def decide_the_others(cycle, member):
    """Publishing needs everyone decided: the rest of the union as HTTNV, or not rated
    where the rules say so (people who left early in the year)."""
    for evaluation in cycle.evaluations.exclude(member=member):
        try:
            evaluation_decide(evaluation=evaluation, level=Level.GOOD, titles=set(), note="",
                              by=None)
        except ValidationError:
            evaluation_decide(evaluation=evaluation, level=Level.NOT_RATED, titles=set(),
                              note="", by=None)


def sign_in(browser, live_server, username):
    """Log in and wait for the home page, so that the next address is asked for logged in."""
    switch_to(browser, live_server, username)
    browser.find_element(By.CSS_SELECTOR, "nav.navbar")


def row_of(browser, name):
    return browser.find_element(By.XPATH, f"//table[@id='evaluations']//tr[td[contains(., "
                                          f"'{name}')]]")


def success(browser):
    return browser.find_element(By.CSS_SELECTOR, ".alert-success").text


def test_a_member_is_assessed_proposed_decided_and_reads_the_published_result(
        browser, live_server):
    call_command("seed_union", verbosity=0)
    union = Union.objects.get(short_name="CĐCS Sở TT&TT Gia Lai")
    ngoc = Member.objects.get(user__username="doanvien")
    leader = Member.objects.get(user__username="totruong")
    chair = Member.objects.get(user__username="chutich")
    today = timezone.localdate()
    a_year_of_work(union, ngoc, leader, chair, today.year)
    cycle = cycle_open(union=union, year=today.year,
                       self_assessment_due=today + timedelta(days=7),
                       proposal_due=today + timedelta(days=14),
                       decision_due=today + timedelta(days=21))
    decide_the_others(cycle, ngoc)

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
    assert "Kết quả sẽ hiển thị ở đây khi Ban chấp hành công bố" in browser.find_element(
        By.ID, "result").text

    # totruong opens the year's evaluation and proposes HTTNV for her.
    sign_in(browser, live_server, "totruong")
    browser.get(f"{live_server.url}/u/{union.pk}/evaluations/")
    click(browser, str(today.year))
    press(browser, row_of(browser, "Phan Thị Ngọc").find_element(By.LINK_TEXT, "Đề xuất"))
    assert "Hoàn thành đầy đủ, đúng hạn" in browser.find_element(By.ID, "self-assessment").text
    Select(browser.find_element(By.NAME, "proposed_level")).select_by_visible_text(
        "Hoàn thành tốt nhiệm vụ")
    browser.find_element(By.NAME, "proposal_comment").send_keys("Chấp hành tốt, đúng hạn.")
    click(browser, "Gửi đề xuất")
    assert "Đã ghi đề xuất của tổ cho Phan Thị Ngọc" in success(browser)
    assert "HTTNV" in row_of(browser, "Phan Thị Ngọc").text

    # chutich decides HTTNV and Lao động tiên tiến, then publishes.
    sign_in(browser, live_server, "chutich")
    browser.get(f"{live_server.url}{cycle.get_absolute_url()}")
    assert browser.find_element(By.ID, "publish").get_attribute("disabled") is not None
    assert "Còn 1 đoàn viên chưa có quyết định" in browser.find_element(
        By.ID, "publish-problems").text
    press(browser, row_of(browser, "Phan Thị Ngọc").find_element(By.LINK_TEXT, "Quyết định"))
    Select(browser.find_element(By.NAME, "level")).select_by_visible_text(
        "Hoàn thành tốt nhiệm vụ")
    press(browser, browser.find_element(By.CSS_SELECTOR, "input[name=titles][value=ldtt]"),
          navigates=False)
    click(browser, "Lưu quyết định")
    assert "Đã lưu quyết định cho Phan Thị Ngọc" in success(browser)
    assert "LĐTT" in row_of(browser, "Phan Thị Ngọc").text
    click(browser, "Công bố kết quả")
    assert "Đã công bố kết quả" in success(browser)

    # doanvien reads her published level and title, with the reasons.
    sign_in(browser, live_server, "doanvien")
    browser.get(f"{live_server.url}/me/evaluation/")
    assert browser.find_element(By.ID, "level").text == "Hoàn thành tốt nhiệm vụ"
    assert "Lao động tiên tiến" in browser.find_element(By.ID, "titles").text
    assert "Đạt Lao động tiên tiến" in browser.find_element(By.ID, "reasons").text
