"""The design's promises that only a browser can check (docs/design.md)."""

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By

from tests.browser.pages import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_TITLE = ("Rà soát, cập nhật và công khai đầy đủ thủ tục hành chính thuộc thẩm quyền giải "
              "quyết của Sở trên Cổng dịch vụ công quốc gia và Hệ thống thông tin giải quyết "
              "thủ tục hành chính của tỉnh, bảo đảm đúng hạn")


def test_a_long_task_title_in_the_task_list_takes_at_most_five_lines(
        browser, live_server, work):
    work.task.title = LONG_TITLE
    work.task.save()
    browser.set_window_size(1366, 900)
    log_in(browser, live_server, work.leader.user.username)
    browser.get(live_server.url + reverse("plans:task-list", args=[work.union_a.pk]))
    link = browser.find_element(By.LINK_TEXT, LONG_TITLE)
    height, line, full = browser.execute_script(
        "const a = arguments[0];"
        "return [a.clientHeight, parseFloat(getComputedStyle(a).lineHeight), a.scrollHeight];",
        link)
    assert 1 <= round(height / line) <= 5
    assert full <= height + 1  # not cut: the column has room for the whole title


def test_the_header_names_the_union_and_the_page_has_one_title(browser, live_server, work):
    log_in(browser, live_server, work.chair.user.username)
    assert browser.find_element(By.CSS_SELECTOR, ".app-brand-union").text == work.union_a.name
    titles = [h1.text for h1 in browser.find_elements(By.TAG_NAME, "h1")]
    assert titles == [f"Xin chào, {work.chair.full_name}"]
