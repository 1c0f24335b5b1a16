import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from tests.browser.pages import log_in, press
from tests.factories import MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_finds_a_member_of_a_group(browser, live_server, world):
    MemberFactory(union=world.union_a, group=world.group_a2, family_name="Hoàng",
                  middle_name="Văn", given_name="Đức")
    log_in(browser, live_server, "chair")
    assert "Ban Chấp hành" in browser.find_element(By.ID, "board-dashboard").text

    press(browser, browser.find_element(By.LINK_TEXT, "Danh sách đoàn viên"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Danh sách đoàn viên"
    Select(browser.find_element(By.NAME, "group")).select_by_visible_text("Tổ Thanh tra")
    press(browser, browser.find_element(
        By.XPATH, "//form[@id='filters']//button[normalize-space()='Lọc']"))  # not the phone's fold

    names = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "table tbody td a")]
    assert names == ["Nguyễn Văn Chủ", "Hoàng Văn Đức", "Nguyễn Văn Khác"]
    press(browser, browser.find_element(By.LINK_TEXT, "Hoàng Văn Đức"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Hoàng Văn Đức"
    assert "Tổ Thanh tra" in browser.find_element(By.TAG_NAME, "dl").text


def test_a_wrong_password_says_so_in_vietnamese(browser, live_server, world):
    browser.get(f"{live_server.url}/login/")
    browser.find_element(By.NAME, "username").send_keys("chair")
    browser.find_element(By.NAME, "password").send_keys("sai-mat-khau")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    assert "không đúng" in browser.find_element(By.CSS_SELECTOR, ".error-summary").text
