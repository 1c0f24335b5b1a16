"""The browser journeys fail on a Content-Security-Policy violation: this checks that the
console really reports one, even after the browser has moved on to another page, so that a
journey's silence means something."""

import time

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import policy_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_inline_handler_is_reported_even_after_leaving_the_page(chromium, live_server):
    chromium.get(f"{live_server.url}/login/")
    assert chromium.find_element(By.NAME, "username")
    assert policy_violations(chromium) == []  # the page itself is clean
    # What an injected "onerror" would try: the policy refuses to run it, and says so.
    chromium.execute_script(
        "document.body.insertAdjacentHTML('beforeend', '<img src=\"/nowhere.png\" "
        "onerror=\"document.title = 42\">')")
    time.sleep(1)
    assert chromium.title != "42"
    chromium.get(f"{live_server.url}/login/?next=/")
    violations = policy_violations(chromium)
    assert any("inline event handler" in message for message in violations), violations
