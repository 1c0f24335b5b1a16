"""The month's work in a browser, with the demo union's people: a task is given, done,
checked by the group leader, confirmed by the board, and its score reaches the member."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from plans.services import plan_create, plan_set_status
from tests.browser.pages import (
    choose_member,
    click,
    log_in,
    press,
    set_date,
    set_month,
    switch_to,
)
from union.models import Union

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_task_goes_from_the_board_to_the_members_monthly_score(browser, live_server):
    call_command("seed_union", verbosity=0)
    union = Union.objects.get(short_name="CĐCS Sở TT&TT Gia Lai")
    today = timezone.localdate()
    plan = plan_create(union=union, year=today.year)

    # chutich gives a task under point 4 to Tổ Văn phòng, for Phan Thị Ngọc.
    log_in(browser, live_server, "chutich")
    browser.get(f"{live_server.url}{plan.get_absolute_url()}")
    press(browser, browser.find_element(By.CSS_SELECTOR, "#point-4 a.btn"))
    browser.find_element(By.NAME, "title").send_keys("Cập nhật hồ sơ một cửa lên hệ thống")
    browser.find_element(By.NAME, "product").send_keys("Hồ sơ được cập nhật đầy đủ")
    Select(browser.find_element(By.NAME, "lead_group")).select_by_visible_text("Tổ Văn phòng")
    choose_member(browser, "assignees", "Phan Thị Ngọc")
    set_date(browser, "start_date", today.replace(day=1))
    set_date(browser, "due_date", today)
    click(browser, "Lưu")
    assert "Đã lưu nhiệm vụ" in browser.find_element(By.CSS_SELECTOR, ".alert-success").text
    plan_set_status(plan=plan, status="issued")

    # doanvien reports it done.
    switch_to(browser, live_server, "doanvien")
    click(browser, "Việc của tôi")
    assert "Cập nhật hồ sơ một cửa" in browser.find_element(By.ID, "my-tasks").text
    click(browser, "Báo cáo")
    percent = browser.find_element(By.NAME, "percent")
    percent.clear()
    percent.send_keys("100")
    browser.find_element(By.NAME, "note").send_keys("Đã cập nhật 120 hồ sơ")
    click(browser, "Lưu")
    assert "Hoàn thành đúng hạn" in browser.find_element(By.TAG_NAME, "main").text

    # totruong opens the month's check of the group (scored by Nghị định 335 from 2026),
    # takes half a point off a general criterion with its reason, and submits it.
    switch_to(browser, live_server, "totruong")
    press(browser, browser.find_element(By.CSS_SELECTOR, "#leader-dashboard a"))
    click(browser, "Lập phiếu kiểm tra")
    # The form proposes the month due (last month's until the 5th); the task is this month's.
    set_month(browser, "month", today)
    click(browser, "Lập phiếu")
    card = browser.find_element(By.XPATH, "//section[.//h2[contains(., 'Phan Thị Ngọc')]]")
    product = card.find_element(By.CSS_SELECTOR, ".check-item")
    assert "Cập nhật hồ sơ một cửa lên hệ thống" in product.text
    assert product.find_element(By.CSS_SELECTOR, "input[name$='-done']").is_selected()
    card.find_element(By.CSS_SELECTOR, "input[name$='-style_deduction']").send_keys("0.5")
    card.find_element(By.CSS_SELECTOR, "input[name$='-remark']").send_keys("Cần đúng giờ hơn")
    click(browser, "Lưu phiếu")
    assert "Phiếu chưa được lưu" in browser.find_element(By.CSS_SELECTOR, ".alert-danger").text
    card = browser.find_element(By.XPATH, "//section[.//h2[contains(., 'Phan Thị Ngọc')]]")
    assert "phải ghi lý do" in card.text
    card.find_element(By.CSS_SELECTOR, "input[name$='-style_reason']").send_keys(
        "Đi làm muộn 01 buổi")
    click(browser, "Lưu phiếu")
    assert "Đã lưu phiếu" in browser.find_element(By.CSS_SELECTOR, ".alert-success").text
    click(browser, "Gửi Ban Chấp hành")
    assert "Đã gửi, chờ xác nhận" in browser.find_element(By.TAG_NAME, "h1").find_element(
        By.XPATH, "..").text

    # chutich confirms it from the home page's notice.
    switch_to(browser, live_server, "chutich")
    press(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "chờ xác nhận"))
    press(browser, browser.find_element(By.CSS_SELECTOR, "table tbody td a"))
    click(browser, "Xác nhận")
    assert "Đã xác nhận phiếu" in browser.find_element(By.CSS_SELECTOR, ".alert-success").text

    # doanvien sees the task done and the month's score with how it was reached.
    switch_to(browser, live_server, "doanvien")
    click(browser, "Việc của tôi")
    scores = browser.find_element(By.ID, "my-scores").text
    assert "Đã xác nhận" in scores
    assert "Tác phong, lề lối làm việc: 7/7,5 điểm — trừ 0,5 điểm, lý do: Đi làm muộn 01 buổi" in (
        scores)
    assert "Cập nhật hồ sơ một cửa lên hệ thống — hệ số 1" in scores
    assert ("Tổng: 29,5 + 70 = 99,5/100 điểm — Hoàn thành xuất sắc nhiệm vụ (từ 90 điểm)"
            in scores)
    press(browser, browser.find_element(By.CSS_SELECTOR, "#my-tasks summary"), navigates=False)
    assert "Hoàn thành đúng hạn" in browser.find_element(By.ID, "my-tasks").text
