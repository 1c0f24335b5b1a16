"""Who the app is: the header names the member's union and its upper union, the login page
names the system, a forgotten password is reset by mail, and /favicon.ico answers."""

import re

from django.core import mail
from django.urls import reverse


def test_the_header_names_the_union_and_its_upper_union(login, world):
    html = login(world.member.user).get(reverse("home")).content.decode()
    assert f'<span class="app-brand-union">{world.union_a.name}</span>' in html
    assert "Công đoàn Viên chức tỉnh" in html


def test_the_login_page_says_which_system_it_is_and_offers_a_reset(client):
    html = client.get(reverse("login")).content.decode()
    assert "Kế hoạch công tác và thi đua công đoàn" in html
    assert "Công đoàn Việt Nam" in html
    assert f'href="{reverse("password_reset")}">Quên mật khẩu?</a>' in html


def test_a_forgotten_password_is_reset_through_the_mailed_link(client, world):
    user = world.member.user
    user.email = "vien@example.vn"
    user.save()
    response = client.post(reverse("password_reset"), {"email": "VIEN@example.vn"})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["vien@example.vn"] and "Đặt lại mật khẩu" in message.subject
    assert f"Tên đăng nhập của đồng chí: {user.get_username()}" in message.body
    link = re.search(r"https?://[^/\s]+(/password/reset/\S+/)", message.body).group(1)

    form_url = client.get(link).url  # Django swaps the token for a session before the form
    page = client.get(form_url).content.decode()
    assert "Đặt mật khẩu mới" in page
    response = client.post(form_url, {"new_password1": "Mat-khau-moi-2026",
                                      "new_password2": "Mat-khau-moi-2026"})
    assert response.url == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("Mat-khau-moi-2026")
    assert "không còn dùng được" in client.get(link, follow=True).content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, world):
    response = client.post(reverse("password_reset"), {"email": "ai-do@example.vn"})
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_the_browser_favicon_address_answers(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response.url.endswith("img/favicon.ico")
