"""The inbox, the bell, the e-mail choices, and the board's status and settings pages.
Who may open which URL is in the access matrix (tests/reminders/access_reminders.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reminders.context_processors import unread
from reminders.models import EmailPreference, Kind, Notification, ReminderSetting
from union.permissions import access_for

Status = Notification.Status


def notify(person, n, *, kind=Kind.TASK_DUE, status=Status.INBOX_ONLY, **fields):
    fields.setdefault("subject", f"Sắp đến hạn: Việc số {n}")
    return Notification.objects.create(
        union_id=person.union_id, recipient=person, kind=kind, target=f"occurrence:{n}",
        period="2026-11-25",
        body=f"Nhiệm vụ “Việc số {n}” đến hạn ngày 27/11/2026.",
        url=reverse("plans:my-work"), status=status, **fields,
    )


def bell(html):
    start = html.index('id="notification-bell"')
    return html[start:html.index("</a>", start)]


# The inbox --------------------------------------------------------------------------------


def test_the_inbox_shows_only_ones_own_notifications_newest_first(world, login):
    notify(world.member, 1)
    notify(world.member, 2)
    notify(world.leader, 3)
    html = login(world.member.user).get(reverse("reminders:inbox")).content.decode()
    assert "Việc số 3" not in html
    assert html.index("Việc số 2") < html.index("Việc số 1")


def test_unread_notifications_are_bold_and_read_ones_are_not(world, login):
    unread_one = notify(world.member, 1)
    read_one = notify(world.member, 2)
    Notification.objects.filter(pk=read_one.pk).update(read_at="2026-11-25T08:00:00+07:00")
    html = login(world.member.user).get(reverse("reminders:inbox")).content.decode()
    open_url = reverse("reminders:open", args=[unread_one.pk])
    assert f'fw-bold" href="{open_url}"' in html
    assert f'text-decoration-none" href="{reverse("reminders:open", args=[read_one.pk])}"' in html


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(world, login):
    notification = notify(world.member, 1)
    response = login(world.member.user).get(reverse("reminders:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:my-work")
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_opening_someone_elses_notification_is_a_404_and_leaves_it_unread(world, login):
    notification = notify(world.leader, 1)
    response = login(world.member.user).get(reverse("reminders:open", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_notification_pointing_elsewhere_opens_the_inbox_instead(world, login):
    notification = notify(world.member, 1)
    Notification.objects.filter(pk=notification.pk).update(url="https://example.com/x")
    response = login(world.member.user).get(reverse("reminders:open", args=[notification.pk]))
    assert response["Location"] == reverse("reminders:inbox")


def test_each_line_says_what_once_and_its_action_reads_as_an_action(world, login):
    notification = notify(world.member, 1, subject="Nhiệm vụ sắp đến hạn: Việc số 1")
    html = login(world.member.user).get(reverse("reminders:inbox")).content.decode()
    line = html[html.index(f'id="notification-{notification.pk}"'):]
    line = line[:line.index("</form>")]
    assert "Đánh dấu đã đọc</button>" in line
    assert line.count(str(Kind.TASK_DUE.label)) == 1  # in the subject, not again below it


def test_marking_one_as_read(world, login):
    first, second = notify(world.member, 1), notify(world.member, 2)
    response = login(world.member.user).post(reverse("reminders:read", args=[first.pk]),
                                             {"page": "2"})
    assert response["Location"] == reverse("reminders:inbox") + "?page=2"
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None


def test_marking_all_as_read_touches_only_ones_own(world, login):
    notify(world.member, 1)
    notify(world.member, 2)
    others = notify(world.leader, 1)
    client = login(world.member.user)
    response = client.post(reverse("reminders:read-all"), follow=True)
    assert "Đã đánh dấu 2 thông báo là đã đọc." in response.content.decode()
    assert not Notification.objects.filter(recipient=world.member, read_at__isnull=True).exists()
    others.refresh_from_db()
    assert others.read_at is None


def test_the_inbox_is_paged(world, login):
    for n in range(30):
        notify(world.member, n)
    client = login(world.member.user)
    first = client.get(reverse("reminders:inbox")).content.decode()
    assert "Việc số 29" in first and "Việc số 4<" not in first
    assert 'href="?page=2"' in first
    second = client.get(reverse("reminders:inbox") + "?page=2").content.decode()
    assert "Việc số 4<" in second and "Việc số 5<" not in second
    assert client.get(reverse("reminders:inbox") + "?page=x").status_code == 200


def test_the_inbox_costs_as_many_queries_for_many_notifications_as_for_few(world, login):
    client = login(world.member.user)
    notify(world.member, 0)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("reminders:inbox")).status_code == 200
        return len(captured)

    few = queries()
    for n in range(1, 40):
        notify(world.member, n)
    assert queries() == few


def test_an_account_without_a_member_record_has_an_empty_inbox(world, login):
    html = login(world.admin).get(reverse("reminders:inbox")).content.decode()
    assert "chưa gắn với đoàn viên nào" in html
    assert 'id="notification-bell"' not in html


# The bell ---------------------------------------------------------------------------------


def test_the_bell_shows_the_unread_count_on_every_page(world, login):
    for n in range(3):
        notify(world.member, n)
    notify(world.leader, 9)
    client = login(world.member.user)
    for url in (reverse("home"), reverse("plans:my-work"), reverse("reminders:inbox")):
        html = client.get(url).content.decode()
        assert 'text-bg-danger">3</span>' in bell(html), url
    client.post(reverse("reminders:read-all"))
    assert "badge" not in bell(client.get(reverse("home")).content.decode())


def test_the_bell_costs_one_query_and_none_for_anonymous_visitors(world, django_assert_num_queries):
    notify(world.member, 1)
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert unread(request) == {}
    request.user = world.member.user
    access_for(request.user)  # the roles are computed once per request, for the menus
    with django_assert_num_queries(1):
        context = unread(request)
        assert int(str(context["unread_notifications"])) == 1


def test_the_bell_is_not_counted_when_the_page_does_not_show_it(world):
    request = RequestFactory().get("/")
    request.user = world.member.user
    access_for(request.user)
    with CaptureQueriesContext(connection) as captured:
        unread(request)
    assert len(captured) == 0


# E-mail choices ---------------------------------------------------------------------------


def test_every_kind_comes_by_email_until_switched_off(world, login):
    html = login(world.member.user).get(reverse("reminders:preferences")).content.decode()
    for kind in Kind:
        assert f'name="{kind.value}"' in html
    assert html.count("checked") == len(Kind)
    assert "chưa có địa chỉ thư điện tử" in html


def test_saving_the_choices_switches_email_off_for_the_unticked_kinds(world, login):
    client = login(world.member.user)
    wanted = {Kind.TASK_DUE, Kind.TASK_OVERDUE}
    response = client.post(reverse("reminders:preferences"), {k.value: "on" for k in wanted})
    assert response.status_code == 302
    assert set(EmailPreference.objects.filter(member=world.member).values_list(
        "kind", flat=True)) == set(Kind.values) - wanted
    client.post(reverse("reminders:preferences"), {k.value: "on" for k in Kind})
    assert not EmailPreference.objects.filter(member=world.member).exists()


def test_switching_email_off_leaves_the_mail_already_waiting(world, login):
    waiting = notify(world.member, 1, status=Status.PENDING)
    login(world.member.user).post(reverse("reminders:preferences"), {})
    waiting.refresh_from_db()
    assert waiting.status == Status.PENDING
    assert EmailPreference.objects.filter(member=world.member).count() == len(Kind)


# The board's status page and settings -----------------------------------------------------


def test_the_status_page_counts_the_outbox_and_lists_the_failed(world, login):
    notify(world.member, 1, status=Status.PENDING)
    notify(world.member, 2, status=Status.SENDING)
    failed = notify(world.leader, 3, status=Status.FAILED,
                    last_error="SMTPRecipientsRefused: hộp thư không tồn tại", attempts=5)
    notify(world.outsider, 4, status=Status.FAILED, last_error="lỗi của công đoàn khác")
    html = login(world.chair.user).get(
        reverse("reminders:status", args=[world.union_a.pk])).content.decode()
    assert "SMTPRecipientsRefused: hộp thư không tồn tại" in html
    assert "lỗi của công đoàn khác" not in html
    assert reverse("reminders:resend", args=[failed.pk]) in html
    assert "Gửi lại" in html
    assert 'text-secondary">1</div>' in html  # pending
    assert 'text-danger">1</div>' in html  # failed
    assert "Công đoàn đang dùng cài đặt mặc định." in html


def test_the_board_resends_a_failed_notification(world, login):
    failed = notify(world.leader, 3, status=Status.FAILED, last_error="x", attempts=5)
    response = login(world.chair.user).post(reverse("reminders:resend", args=[failed.pk]),
                                            follow=True)
    assert "trở lại hàng chờ gửi thư" in response.content.decode()
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == (Status.PENDING, 0, "")


def test_resending_a_notification_that_did_not_fail_changes_nothing(world, login):
    sent = notify(world.leader, 3, status=Status.SENT)
    login(world.chair.user).post(reverse("reminders:resend", args=[sent.pk]))
    sent.refresh_from_db()
    assert sent.status == Status.SENT


def test_opening_the_settings_writes_nothing_and_saving_creates_the_row(world, login):
    client = login(world.chair.user)
    url = reverse("reminders:settings", args=[world.union_a.pk])
    html = client.get(url).content.decode()
    assert 'value="3"' in html and 'value="7"' in html
    # The check's deadline is the union's own, named here and edited with the union.
    assert "khi quá hạn nộp (ngày 5 tháng sau)" in html
    assert not ReminderSetting.objects.exists()
    response = client.post(url, {"task_due_days": 5, "overdue_escalate_days": 10,
                                 "disabled_kinds": [Kind.REGISTRATION_OPEN]})
    assert response["Location"] == reverse("reminders:status", args=[world.union_a.pk])
    setting = ReminderSetting.objects.get(union=world.union_a)
    assert (setting.task_due_days, setting.overdue_escalate_days,
            setting.disabled_kinds) == (5, 10, [Kind.REGISTRATION_OPEN])
    status = client.get(response["Location"]).content.decode()
    assert "Đang mở đăng ký thi đua" in status
    assert "ngày 5 tháng sau" in status


def test_saving_the_settings_again_updates_the_same_row(world, login):
    ReminderSetting.objects.create(union=world.union_a, disabled_kinds=[Kind.TASK_DUE])
    client = login(world.chair.user)
    client.post(reverse("reminders:settings", args=[world.union_a.pk]),
                {"task_due_days": 3, "overdue_escalate_days": 7})
    setting = ReminderSetting.objects.get(union=world.union_a)
    assert setting.disabled_kinds == []


@pytest.mark.parametrize(("field", "value"), [("overdue_escalate_days", 91),
                                              ("task_due_days", 0)])
def test_a_setting_out_of_range_is_refused(world, login, field, value):
    data = {"task_due_days": 3, "overdue_escalate_days": 7, field: value}
    response = login(world.chair.user).post(
        reverse("reminders:settings", args=[world.union_a.pk]), data)
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()
    assert not ReminderSetting.objects.exists()


def test_the_bell_kept_in_the_shared_cache_follows_new_and_read_notifications(
        world, login, settings, django_assert_num_queries):
    """With the cache every process shares, the count is read there; a new notification and
    one opened (read) show on the next page."""
    settings.SHARED_CACHE = True
    client = login(world.member.user)
    page = reverse("union:profile")
    first = notify(world.member, 1)
    assert ">1</span>" in bell(client.get(page).content.decode())
    request = RequestFactory().get("/")
    request.user = world.member.user
    with django_assert_num_queries(0):  # roles and count both kept
        assert unread(request)["unread_notifications"] == 1
    notify(world.member, 2)
    assert ">2</span>" in bell(client.get(page).content.decode())
    client.get(reverse("reminders:open", args=[first.pk]))
    assert ">1</span>" in bell(client.get(page).content.decode())
