"""Every GET page of the access matrix in a real browser, under the Content-Security-Policy:
Bootstrap, htmx and static/js/actions.js run, and nothing the policy forbids is attempted
(the ``browser`` fixture fails on any violation). Then the behaviours actions.js gives the
templates, each once."""

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import alert_is_present
from selenium.webdriver.support.ui import Select, WebDriverWait

from plans.models import ActionPlan
from plans.services import plan_create
from tests.browser.pages import WAIT_SECONDS, log_in, press
from tests.conftest import ROLES
from tests.test_access_matrix import MATRIX

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("role", ["chair", "leader"])
def test_every_page_a_role_reads_loads_without_a_policy_violation(
        browser, live_server, emu, role):
    log_in(browser, live_server, role)
    for name, (method, args, expected) in MATRIX.items():
        if method != "get" or dict(zip(ROLES, expected, strict=True))[role] != 200:
            continue
        url = reverse(name, args=args(emu))
        if url.endswith((".pdf", ".docx", ".xlsx")) or "template" in name:
            continue  # files: downloaded, not shown as pages
        browser.get(live_server.url + url)
        WebDriverWait(browser, WAIT_SECONDS).until(
            lambda b: b.execute_script("return document.readyState") == "complete")


def test_the_language_select_switches_without_a_button(browser, live_server, world):
    log_in(browser, live_server, "chair")
    Select(browser.find_element(By.ID, "language-select")).select_by_value("en")
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda b: b.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")


def test_the_report_year_select_opens_that_years_report(browser, live_server, emu):
    plan_create(union=emu.union_a, year=emu.cycle.year - 1)
    log_in(browser, live_server, "chair")
    browser.get(live_server.url + reverse("emulation:report", args=[emu.union_a.pk,
                                                                    emu.cycle.year]))
    select = Select(browser.find_element(By.CSS_SELECTOR, "select[data-navigate]"))
    select.select_by_visible_text(str(emu.cycle.year - 1))
    earlier = reverse("emulation:report", args=[emu.union_a.pk, emu.cycle.year - 1])
    WebDriverWait(browser, WAIT_SECONDS).until(lambda b: b.current_url.endswith(earlier))


def test_closing_a_plan_asks_first_and_a_no_keeps_it_open(browser, live_server, work):
    plan = work.plan
    plan.status = ActionPlan.Status.ISSUED
    plan.save()
    log_in(browser, live_server, "chair")
    browser.get(live_server.url + plan.get_absolute_url())
    close = browser.find_element(By.XPATH, "//button[normalize-space()='Kết thúc kế hoạch']")
    press(browser, close, navigates=False)
    alert = WebDriverWait(browser, WAIT_SECONDS).until(alert_is_present())
    assert alert.text == "Kết thúc kế hoạch? Sau đó không sửa được nữa."
    alert.dismiss()
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.ISSUED
    press(browser, close, navigates=False)  # accepted this time
    WebDriverWait(browser, WAIT_SECONDS).until(alert_is_present()).accept()
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda b: ActionPlan.objects.get(pk=plan.pk).status == ActionPlan.Status.CLOSED)
