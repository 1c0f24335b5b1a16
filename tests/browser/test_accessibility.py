"""Accessibility: axe-core (shipped by the axe-selenium-python package) runs over every role's
main pages — home, the lists, the check, the evaluation, the report, the forms — and no page
may have a serious or critical violation.

axe is injected with WebDriver's execute_script, which the page's Content-Security-Policy does
not govern (the ``browser`` fixture still fails on any violation of the policy by the page)."""

import pytest
from axe_selenium_python import Axe
from django.urls import reverse
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.pages import WAIT_SECONDS, log_in
from tests.conftest import ROLES
from tests.test_access_matrix import MATRIX

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# role → the pages it uses most (names of the access matrix, whose arguments they take).
MAIN_PAGES = {
    "anonymous": ["login"],
    "chair": [
        "home", "union:union-detail", "union:member-list", "union:member-create",
        "plans:plan-detail", "plans:task-list", "plans:task-create", "plans:check-list",
        "plans:check-detail", "plans:dashboard", "emulation:movement-detail",
        "emulation:award-list", "emulation:award-create", "emulation:cycle-detail",
        "emulation:report", "emulation:rating", "reminders:inbox",
    ],
    "leader": [
        "home", "plans:check-detail", "plans:group-work", "plans:my-work", "plans:progress",
        "emulation:cycle-detail",
    ],
    "member": [
        "home", "plans:my-work", "union:profile", "emulation:evaluation-detail",
        "emulation:registration-create", "emulation:initiative-create",
    ],
    "officer": ["union:union-list", "emulation:rollup"],
}
SEVERE = ("serious", "critical")


def severe_violations(browser):
    """axe's serious and critical findings on the current page, one line per element."""
    axe = Axe(browser)
    axe.inject()
    results = axe.run()
    return [f"{v['id']} ({v['impact']}): {v['help']} — {node['target']}"
            for v in results["violations"] if v["impact"] in SEVERE for node in v["nodes"]]


@pytest.mark.parametrize("role", list(MAIN_PAGES))
def test_a_roles_main_pages_have_no_serious_accessibility_violation(
        browser, live_server, emu, role):
    if role != "anonymous":
        log_in(browser, live_server, role)
    found = []
    for name in MAIN_PAGES[role]:
        _method, args, expected = MATRIX[name]
        assert dict(zip(ROLES, expected, strict=True))[role] == 200, (name, role)
        url = reverse(name, args=args(emu))
        browser.get(live_server.url + url)
        WebDriverWait(browser, WAIT_SECONDS).until(
            lambda b: b.execute_script("return document.readyState") == "complete")
        found += [f"{url}: {line}" for line in severe_violations(browser)]
    assert not found, "Serious or critical accessibility violations:\n" + "\n".join(found)
