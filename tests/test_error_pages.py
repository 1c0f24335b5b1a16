"""Errors in the app's own clothes: 400, 403, 404, 500, the CSRF refusal and the login
lockout are pages of the app, in the chosen language, with the ways back. Under DEBUG=0,
with a test-only urlconf whose views are made to fail."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.urls("tests.error_urls")

ERRORS = {
    400: ("/test-errors/400/", "Yêu cầu không hợp lệ", "Bad request"),
    403: ("/test-errors/403/", "Không có quyền truy cập", "Access denied"),
    404: ("/no-such-page/", "Không tìm thấy trang", "Page not found"),
    500: ("/test-errors/500/", "Hệ thống gặp lỗi", "Something went wrong"),
}


@pytest.fixture
def browser(settings, world):
    """A logged-in member's browser that shows what a server error looks like."""
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(world.leader.user)
    return client


def choose_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


def page(response):
    return response.content.decode()


@pytest.mark.parametrize("status", sorted(ERRORS))
def test_the_error_page_is_the_apps_own_in_vietnamese_with_the_way_home(browser, status):
    url, vietnamese, english = ERRORS[status]
    response = browser.get(url)
    assert response.status_code == status
    html = page(response)
    assert 'lang="vi"' in html and vietnamese in html and english not in html
    assert 'href="/">Về trang chủ</a>' in html
    assert 'id="ways-back"' in html and "Đăng nhập" in html
    assert 'href="/static/css/app.css"' in html  # inside the layout


@pytest.mark.parametrize("status", sorted(ERRORS))
def test_the_error_page_is_in_english_once_english_is_chosen(browser, status):
    url, vietnamese, english = ERRORS[status]
    choose_english(browser)
    response = browser.get(url)
    assert response.status_code == status
    html = page(response)
    assert 'lang="en"' in html and english in html and vietnamese not in html
    assert 'href="/">Go to the home page</a>' in html


def test_a_refused_page_offers_the_union_and_another_login(browser, world):
    html = page(browser.get("/test-errors/403/"))
    assert f'href="{world.union_a.get_absolute_url()}"' in html
    assert 'href="/login/?next=/test-errors/403/"' in html
    assert "Đăng nhập bằng tài khoản khác" in html
    assert "“leader”" in html


def test_the_server_error_page_needs_no_request_and_no_user(browser):
    html = page(browser.get("/test-errors/500/"))
    # Rendered without a context: no menu, no user, yet the layout and the way home.
    assert "Đăng xuất" not in html and "navbar" not in html
    assert 'href="/login/">Đăng nhập</a>' in html


def test_a_form_refused_by_the_csrf_check_is_explained_with_the_way_back(settings, world):
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.chair.user)
    url = reverse("union:member-edit", args=[world.member.pk])
    response = client.post(url, {"phone": "0905"},
                           headers={"referer": f"http://testserver{url}"})
    assert response.status_code == 403
    html = page(response)
    assert "Biểu mẫu chưa được gửi: trang đã mở quá lâu" in html
    assert f'href="http://testserver{url}">Quay lại trang trước</a>' in html
    assert 'href="/">Về trang chủ</a>' in html and "data-keep-drafts" in html

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # what the language switch sets
    html = page(client.post(url, {"phone": "0905"}))
    assert "The form was not sent: the page was open too long" in html
    assert 'href="/">Go to the home page</a>' in html


def test_a_csrf_refusal_does_not_lead_back_to_another_site(settings, world):
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.chair.user)
    response = client.post("/", {}, headers={"referer": "https://evil.example/"})
    assert response.status_code == 403
    assert "evil.example" not in page(response)


@pytest.mark.django_db
def test_the_lockout_page_says_how_long_in_minutes_with_the_ways_back(client):
    from tests.factories import UserFactory

    UserFactory(username="chair")
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        locked = client.post(reverse("login"), {"username": "chair", "password": "wrong"})
    assert locked.status_code == 429
    html = page(locked)
    assert "Xin đợi 15 phút rồi thử lại" in html and "PT15M" not in html
    assert 'href="/">Về trang chủ</a>' in html
    choose_english(client)
    html = page(client.post(reverse("login"), {"username": "chair", "password": "wrong"}))
    assert "Please wait 15 minutes" in html and 'href="/">Go to the home page</a>' in html
