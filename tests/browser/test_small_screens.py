"""Phones first: at 390 px wide, no page that a role reads scrolls sideways. Every GET page of
the access matrix (its extra rows too), as every role that reads it with a 200; a wide table
may scroll inside its own container, the page itself may not."""

import pytest
from django.urls import reverse
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.pages import WAIT_SECONDS, log_in
from tests.conftest import ROLES
from tests.walk import GET_ROWS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH, PHONE_HEIGHT = 390, 844


def as_phone(browser):
    """A 390 × 844 viewport (an iPhone 12-14), whatever the window's size."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": PHONE_WIDTH, "height": PHONE_HEIGHT, "deviceScaleFactor": 1, "mobile": False})


def pages_of(role, world):
    """The URLs of the pages ``role`` reads, files (downloads) left out."""
    for name, args, expected in GET_ROWS:
        if dict(zip(ROLES, expected, strict=True))[role] != 200:
            continue
        url = reverse(name, args=args(world))
        if not (url.endswith((".pdf", ".docx", ".xlsx", ".csv")) or "template" in name):
            yield url


def sideways(browser):
    """How far the page reaches past the viewport's right edge, in pixels (0: it fits), and
    the widest element that sticks out, to say where to look."""
    return browser.execute_script("""
        var inner = window.innerWidth, over = document.documentElement.scrollWidth - inner;
        if (over <= 0) return [0, ''];
        var worst = null, right = inner;
        document.querySelectorAll('body *').forEach(function (el) {
            var r = el.getBoundingClientRect();
            if (r.right > right + 0.5 && !el.closest('.table-responsive, .overflow-auto')) {
                right = r.right; worst = el;
            }
        });
        var where = worst ? worst.tagName.toLowerCase() + (worst.id ? '#' + worst.id : '') +
            (worst.className && typeof worst.className === 'string' ?
             '.' + worst.className.trim().split(/\\s+/).join('.') : '') : '?';
        return [over, where];
    """)


@pytest.mark.parametrize("role", ROLES)
def test_no_page_a_role_reads_scrolls_sideways_at_390_px(browser, live_server, emu, role):
    as_phone(browser)
    if role != "anonymous":
        log_in(browser, live_server, role)
    wide = []
    for url in pages_of(role, emu):
        browser.get(live_server.url + url)
        WebDriverWait(browser, WAIT_SECONDS).until(
            lambda b: b.execute_script("return document.readyState") == "complete")
        over, where = sideways(browser)
        if over > 0:
            wide.append(f"{url}: {over} px too wide ({where})")
    assert not wide, f"Pages that scroll sideways at {PHONE_WIDTH} px as {role}:\n" + "\n".join(
        wide)
