"""Headless Chromium (Debian's chromium + chromium-driver) driven by Selenium.

Where no Chromium is installed the browser tests are skipped, except under CI, where
tests/conftest.py stops the run instead: CI installs Chromium, so a skip would hide a fault.

Every page a journey loads is held to the Content-Security-Policy: Chromium writes each
violation to the console, and a journey that leaves one there fails (see ``browser``).
"""

import shutil

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--window-size=1280,1000", "--lang=vi",
]


def policy_violations(browser):
    """The console messages in which Chromium refused something under the page policy,
    since the last call (ChromeDriver hands each console entry over once)."""
    return [entry["message"] for entry in browser.get_log("browser")
            if "Content Security Policy" in entry["message"]]


@pytest.fixture
def chromium():
    """A fresh headless Chromium that keeps its console for ``policy_violations``."""
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        pytest.skip("Chromium or ChromeDriver is not installed")
    options = Options()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(driver), options=options)
    browser.implicitly_wait(5)
    yield browser
    browser.quit()


@pytest.fixture
def browser(chromium):
    """The journeys' browser: after the journey, no page it loaded may have broken the
    Content-Security-Policy."""
    yield chromium
    violations = policy_violations(chromium)
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)
