"""Inputs that fit, in a browser whose language is English: dates typed and picked as
dd/mm/yyyy, members found by typing part of their name without accents."""

from datetime import date

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import tests.browser.conftest as browsers
from tests.browser.pages import WAIT_SECONDS, choose_member, click, log_in, press
from tests.factories import MemberFactory
from union.models import Member, UnionGroup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def english_browser(monkeypatch, request):
    """The journeys' browser, set up in English (where <input type=date> shows mm/dd/yyyy)."""
    flags = [flag for flag in browsers.CHROMIUM_FLAGS if not flag.startswith("--lang")]
    monkeypatch.setattr(browsers, "CHROMIUM_FLAGS", [*flags, "--lang=en-US"])
    return request.getfixturevalue("browser")


def field(browser, name):
    return browser.find_element(By.NAME, name)


def type_into_member_form(browser, live_server, member, name, text):
    """As the chair, open ``member``'s form and type ``text`` over its date ``name``."""
    log_in(browser, live_server, "chair")
    browser.get(f"{live_server.url}/members/{member.pk}/edit/")
    date_field = field(browser, name)
    date_field.clear()
    date_field.send_keys(text)
    return date_field


def test_a_date_typed_day_first_is_saved_and_shown_again_day_first(
        english_browser, live_server, world):
    browser = english_browser
    born = type_into_member_form(browser, live_server, world.member, "date_of_birth",
                                 "05/09/1985")
    assert born.get_attribute("type") == "text"
    assert born.get_attribute("placeholder") == "dd/mm/yyyy"
    click(browser, "Lưu")
    assert "Đã lưu đoàn viên" in browser.find_element(By.CSS_SELECTOR, ".alert-success").text
    assert Member.objects.get(pk=world.member.pk).date_of_birth == date(1985, 9, 5)

    browser.get(f"{live_server.url}/members/{world.member.pk}/edit/")
    assert field(browser, "date_of_birth").get_attribute("value") == "05/09/1985"


def test_a_day_picked_on_the_calendar_is_written_day_first(english_browser, live_server, world):
    browser = english_browser
    joined = type_into_member_form(browser, live_server, world.member, "joined_union_on",
                                   "01/03/2010")
    button = joined.find_element(By.XPATH, "following-sibling::button")
    assert button.get_attribute("aria-label") == "Chọn ngày trên lịch"
    press(browser, button, navigates=False)
    calendar = WebDriverWait(browser, WAIT_SECONDS).until(
        lambda b: b.find_element(By.CSS_SELECTOR, ".flatpickr-calendar.open"))
    # Opened on the typed month, in Vietnamese.
    assert "Tháng ba" in calendar.text
    calendar.find_element(By.XPATH, ".//span[contains(@class, 'flatpickr-day') and "
                                    "not(contains(@class, 'Month')) and text()='15']").click()
    assert joined.get_attribute("value") == "15/03/2010"
    click(browser, "Lưu")
    assert Member.objects.get(pk=world.member.pk).joined_union_on == date(2010, 3, 15)


def test_a_date_that_is_none_is_refused_with_the_text_kept(english_browser, live_server, world):
    browser = english_browser
    born = type_into_member_form(browser, live_server, world.member, "date_of_birth",
                                 "31/02/1985")
    browser.find_element(By.TAG_NAME, "h1").click()  # leave the field: nothing rewrites it
    assert born.get_attribute("value") == "31/02/1985"
    click(browser, "Lưu")
    assert field(browser, "date_of_birth").get_attribute("value") == "31/02/1985"
    assert "Nhập một ngày hợp lệ" in browser.find_element(By.TAG_NAME, "main").text


def test_a_leader_is_found_by_typing_part_of_the_name_without_accents(
        browser, live_server, world):
    ngoc = MemberFactory(union=world.union_a, group=world.group_a1, family_name="Phan",
                         middle_name="Thị", given_name="Ngọc")
    MemberFactory(union=world.union_b, family_name="Phan", middle_name="Thị",
                  given_name="Ngọc Bê")  # another union's: never offered
    log_in(browser, live_server, "chair")
    browser.get(f"{live_server.url}/groups/{world.group_a1.pk}/edit/")
    box = browser.find_element(By.ID, "id_deputy-ts-control").find_element(By.XPATH, "..")
    press(browser, box, navigates=False)
    browser.switch_to.active_element.send_keys("ngoc")
    WebDriverWait(browser, WAIT_SECONDS).until(lambda b: "Tổ Văn phòng" in b.find_element(
        By.ID, "id_deputy-ts-dropdown").text)
    offered = browser.find_element(By.ID, "id_deputy-ts-dropdown").text
    assert "Ngọc Bê" not in offered
    assert "Tổ Văn phòng" in offered  # the person's group, under the name
    browser.find_element(By.TAG_NAME, "h1").click()
    choose_member(browser, "deputy", "Phan Thị Ngọc")
    click(browser, "Lưu")
    assert UnionGroup.objects.get(pk=world.group_a1.pk).deputy == ngoc
