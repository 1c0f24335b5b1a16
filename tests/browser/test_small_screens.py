"""Phones first: at 390 px wide, no page that a role reads scrolls sideways. Every GET page of
the access matrix (its extra rows too), as every role that reads it with a 200; a wide table
may scroll inside its own container, the page itself may not."""

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from plans.scoring import band_of
from tests.browser.pages import WAIT_SECONDS, click, log_in, press
from tests.conftest import ROLES
from tests.walk import GET_ROWS
from union.templatetags.union_tags import vn_number

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


def small_targets(browser):
    """The visible buttons, boxes and selects less than 44 px high (a checkbox counts by the
    row it sits in)."""
    return browser.execute_script("""
        return Array.from(document.querySelectorAll(
            'main .btn, main button, main input:not([type=hidden]), main select, main textarea'))
          .filter(function (el) { return el.offsetParent !== null; })
          .map(function (el) {
            var target = el.type === 'checkbox' || el.type === 'radio' ?
              el.closest('.form-check') || el : el;
            return [el.name || el.textContent.trim(), target.getBoundingClientRect().height];
          })
          .filter(function (pair) { return pair[1] < 44; });
    """)


def card_of(browser, name):
    return browser.find_element(By.XPATH, f"//section[@data-entry][.//h2[contains(., '{name}')]]")


def test_the_check_on_a_phone_has_steppers_and_scores_as_the_leader_types(
        browser, live_server, emu):
    as_phone(browser)
    log_in(browser, live_server, "leader")
    browser.get(live_server.url + emu.check_a1.get_absolute_url())
    card = card_of(browser, emu.member.full_name)
    before = card.find_element(By.CSS_SELECTOR, "[data-score]").text
    politics = card.find_element(By.CSS_SELECTOR,
                                 "[data-stepper]:has([name$='-politics_deduction'])")
    plus = politics.find_element(By.CSS_SELECTOR, "[data-step-up]")
    for _ in range(3):
        press(browser, plus, navigates=False)
    press(browser, politics.find_element(By.CSS_SELECTOR, "[data-step-down]"), navigates=False)
    assert politics.find_element(By.TAG_NAME, "input").get_attribute("value") == "1.0"
    item = card.find_element(By.CSS_SELECTOR, "[data-share]")
    done = item.find_element(By.CSS_SELECTOR, "input[name$='-done']")
    if not done.is_selected():
        press(browser, done, navigates=False)
    press(browser, item.find_element(By.CSS_SELECTOR, "[data-stepper]:has([name$='-delays']) "
                                                      "[data-step-up]"), navigates=False)
    shown = card.find_element(By.CSS_SELECTOR, "[data-score]").text
    band = card.find_element(By.CSS_SELECTOR, "[data-band]").text
    reason = card.find_element(By.CSS_SELECTOR, "input[name$='-politics_reason']")
    reason.send_keys("Chưa gương mẫu")

    for button in card.find_elements(By.CSS_SELECTOR, ".stepper-button"):
        assert button.size["height"] >= 44 and button.size["width"] >= 44
    assert small_targets(browser) == []
    bar = browser.find_element(By.CSS_SELECTOR, ".check-actions")
    assert bar.value_of_css_property("position") == "sticky"
    click(browser, "Lưu phiếu")

    entry = emu.check_a1.entries.get(member=emu.member)
    assert shown == f"{vn_number(entry.score)} điểm" != before  # the server agrees
    assert band.endswith(str(band_of(entry.score)[0]))
