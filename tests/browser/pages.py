"""Steps shared by the browser journeys. Every step that loads a page waits for the new
page, so that the next lookup cannot grab an element of the old one."""

from selenium.common.exceptions import (
    ElementClickInterceptedException,
    StaleElementReferenceException,
    WebDriverException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

WAIT_SECONDS = 20


def press(browser, element, *, navigates=True):
    """Click ``element`` (scrolled into view at once: Bootstrap scrolls smoothly) and, when
    the click loads a page, wait for that page."""
    browser.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    page = browser.find_element(By.TAG_NAME, "html")
    try:
        element.click()
    except ElementClickInterceptedException:
        # Something on top took the click (a notice still fading in): the click never
        # happened, so it is given to the element itself.
        browser.execute_script("arguments[0].click()", element)
    except WebDriverException:
        # ChromeDriver sometimes loses the node when the click unloads the page at once;
        # the wait below tells whether the page did change.
        if not navigates:
            raise
    if navigates:
        wait = WebDriverWait(browser, WAIT_SECONDS)
        wait.until(lambda _browser: _unloaded(page))
        wait.until(lambda b: b.execute_script("return document.readyState") == "complete")


def _unloaded(page) -> bool:
    """The old page's root is gone. ChromeDriver says so with a stale-element error or, at
    times, with "Node … does not belong to the document"."""
    try:
        page.is_enabled()
    except WebDriverException:
        return True
    return False


def click(browser, text, *, navigates=True):
    press(browser, browser.find_element(
        By.XPATH, f"//*[self::a or self::button][normalize-space()='{text}']"),
        navigates=navigates)


def log_in(browser, live_server, username):
    browser.get(f"{live_server.url}/login/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys("demo12345")
    press(browser, browser.find_element(By.CSS_SELECTOR, "form button[type=submit]"))


def switch_to(browser, live_server, username):
    browser.delete_all_cookies()
    log_in(browser, live_server, username)


def set_date(browser, name, day):
    """Write ``day`` into a date field as a person types it: dd/mm/yyyy."""
    field = browser.find_element(By.NAME, name)
    browser.execute_script("arguments[0].value = arguments[1]", field, day.strftime("%d/%m/%Y"))


def set_month(browser, name, day):
    """Choose ``day``'s month and year in a month field (two selects)."""
    Select(browser.find_element(By.NAME, f"{name}_month")).select_by_value(str(day.month))
    Select(browser.find_element(By.NAME, f"{name}_year")).select_by_value(str(day.year))


def choose_member(browser, name, full_name):
    """Pick ``full_name`` in the searching select of members ``name``: type part of the name,
    wait for the union's search to answer, click the person."""
    box = browser.find_element(By.ID, f"id_{name}-ts-control").find_element(By.XPATH, "..")
    press(browser, box, navigates=False)
    browser.switch_to.active_element.send_keys(full_name.split()[-1])

    def pick(browser):
        # The list is drawn again when the search answers: an option found may be gone.
        for option in browser.find_elements(By.CSS_SELECTOR, f"#id_{name}-ts-dropdown .option"):
            if option.text.split("\n")[0] == full_name:
                option.click()
                return True
        return False

    WebDriverWait(browser, WAIT_SECONDS, ignored_exceptions=[StaleElementReferenceException]
                  ).until(pick)
    browser.find_element(By.TAG_NAME, "h1").click()  # close the dropdown
