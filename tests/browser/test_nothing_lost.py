"""Nothing typed is lost, in a browser: the check's step buttons save the form first, a page
with unsaved changes asks before it is left, and a session that expired keeps the text."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from plans.models import CheckEntry, MonthlyCheck
from plans.services import check_open, plan_create
from tests.browser.pages import click, log_in, press
from union.models import Member, Union

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def check():
    """Tổ Văn phòng's check of this month, in draft, opened by its leader."""
    call_command("seed_union", verbosity=0)
    union = Union.objects.get(short_name="CĐCS Sở TT&TT Gia Lai")
    today = timezone.localdate()
    plan_create(union=union, year=today.year)
    leader = Member.objects.get(user__username="totruong")
    return check_open(group=leader.group, year=today.year, month=today.month, by=leader.user)


def card_of(browser, name):
    """The member's card on the check (scored by Nghị định 335 from 2026)."""
    return browser.find_element(By.XPATH, f"//section[.//h2[contains(., '{name}')]]")


def remark_box(browser, name):
    return card_of(browser, name).find_element(By.CSS_SELECTOR, "input[name$='-remark']")


def entry_of(check, name):
    return CheckEntry.objects.get(check_record=check, member__family_name=name.split()[0],
                                  member__given_name=name.split()[-1])


def remark_of(check, name):
    return entry_of(check, name).remark


def test_the_submit_button_saves_a_remark_typed_but_not_saved(browser, live_server, check):
    log_in(browser, live_server, "totruong")
    browser.get(f"{live_server.url}{check.get_absolute_url()}")
    remark_box(browser, "Phan Thị Ngọc").send_keys("Chấp hành tốt nội quy")
    card = card_of(browser, "Phan Thị Ngọc")
    card.find_element(By.CSS_SELECTOR, "input[name$='-discipline_deduction']").send_keys("1")
    card.find_element(By.CSS_SELECTOR, "input[name$='-discipline_reason']").send_keys(
        "Nộp báo cáo chậm")

    click(browser, "Gửi Ban Chấp hành")

    assert "Đã lưu phiếu và gửi Ban Chấp hành" in browser.find_element(
        By.CSS_SELECTOR, ".alert-success").text
    check.refresh_from_db()
    assert check.status == MonthlyCheck.Status.SUBMITTED
    assert remark_of(check, "Phan Thị Ngọc") == "Chấp hành tốt nội quy"
    entry = entry_of(check, "Phan Thị Ngọc")
    assert (entry.discipline_deduction, entry.discipline_reason) == (1, "Nộp báo cáo chậm")


def asks_before_leaving(browser) -> bool:
    """Whether the page stops its unloading to ask. Headless Chromium accepts the question
    by itself, so the test asks the page's handler (a cancelable beforeunload event)."""
    return browser.execute_script(
        "var e = new Event('beforeunload', {cancelable: true});"
        "window.dispatchEvent(e); return e.defaultPrevented;")


def test_leaving_a_page_with_unsaved_changes_asks_first(browser, live_server, check):
    log_in(browser, live_server, "totruong")
    browser.get(f"{live_server.url}{check.get_absolute_url()}")
    assert not asks_before_leaving(browser)
    box = remark_box(browser, "Phan Thị Ngọc")
    box.send_keys("Chưa lưu")
    assert asks_before_leaving(browser)
    # Typed back to what was saved: nothing to lose any more.
    box.clear()
    box.send_keys(" ")
    box.send_keys(Keys.BACKSPACE)
    assert not asks_before_leaving(browser)


def test_after_the_session_expires_logging_in_again_brings_the_typed_text_back(
        browser, live_server, check):
    log_in(browser, live_server, "totruong")
    browser.get(f"{live_server.url}{check.get_absolute_url()}")
    remark_box(browser, "Phan Thị Ngọc").send_keys("Gõ trước khi hết phiên")
    browser.delete_cookie("sessionid")  # the session ends while the leader is typing

    click(browser, "Lưu phiếu")
    assert "/login/" in browser.current_url
    assert "vẫn được giữ trong trình duyệt" in browser.find_element(
        By.CSS_SELECTOR, "[data-keep-drafts]").text
    browser.find_element(By.NAME, "username").send_keys("totruong")
    browser.find_element(By.NAME, "password").send_keys("demo12345")
    press(browser, browser.find_element(By.CSS_SELECTOR, "form button[type=submit]"))

    assert browser.current_url.endswith(check.get_absolute_url())
    assert "Đã điền lại nội dung" in browser.find_element(
        By.CSS_SELECTOR, "[data-draft-restored]").text
    assert remark_box(browser, "Phan Thị Ngọc").get_attribute("value") == (
        "Gõ trước khi hết phiên")
    assert remark_of(check, "Phan Thị Ngọc") == ""
    click(browser, "Lưu phiếu")
    assert remark_of(check, "Phan Thị Ngọc") == "Gõ trước khi hết phiên"
    # Saved: the draft is gone, and the page shows the saved text as its own.
    browser.refresh()
    assert not browser.find_elements(By.CSS_SELECTOR, "[data-draft-restored]")


def test_another_person_logging_in_on_the_same_tab_does_not_get_the_draft(
        browser, live_server, check):
    log_in(browser, live_server, "totruong")
    browser.get(f"{live_server.url}{check.get_absolute_url()}")
    remark_box(browser, "Phan Thị Ngọc").send_keys("Của tổ trưởng")
    browser.delete_cookie("sessionid")
    click(browser, "Lưu phiếu")

    log_in(browser, live_server, "chutich")
    browser.get(f"{live_server.url}{check.get_absolute_url()}")
    assert not browser.find_elements(By.CSS_SELECTOR, "[data-draft-restored]")
    assert "Của tổ trưởng" not in browser.page_source
