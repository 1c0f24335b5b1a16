"""The active filters of a list as chips: each says what the list is filtered by and links to
the same list without that filter (includes/filter_fields.html, union/templatetags)."""

import re
from html import unescape

from django.urls import reverse

from union.models import Member


def chips(page: str):
    """(text, link) of each chip on the page, as it shows (without the screen reader's
    "bỏ lọc này")."""
    return [(re.sub(r"<[^>]+>", "", re.sub(r'<span class="visually-hidden">.*?</span>', "",
                                           text)).replace("×", "").strip(), unescape(href))
            for href, text in re.findall(
                r'<a class="filter-chip" href="([^"]*)"[^>]*>(.*?)</a>', page, re.S)]


def test_each_active_filter_is_a_chip_that_removes_it(client, world):
    client.force_login(world.chair.user)
    url = reverse("union:member-list", args=[world.union_a.pk])
    page = client.get(url, {"group": world.group_a1.pk, "status": Member.Status.ACTIVE,
                            "q": "", "page": 2}).content.decode()
    found = dict(chips(page))
    assert found == {
        "Tổ công đoàn: Tổ Văn phòng": f"{url}?status={Member.Status.ACTIVE}&q=",
        f"Tình trạng: {Member.Status.ACTIVE.label}": f"{url}?group={world.group_a1.pk}&q=",
    }
    assert 'aria-controls="filters"' in page  # the "Lọc" button folds the form on a phone


def test_a_list_without_filters_shows_no_chip(client, world):
    client.force_login(world.chair.user)
    page = client.get(reverse("union:member-list", args=[world.union_a.pk])).content.decode()
    assert chips(page) == []


def test_a_date_range_is_one_chip_in_day_month_year(client, work):
    client.force_login(work.chair.user)
    url = reverse("plans:task-list", args=[work.union_a.pk])
    page = client.get(url, {"due_min": "2026-01-01", "due_max": "2026-03-31"}).content.decode()
    assert chips(page) == [("Thời hạn từ – đến: 01/01/2026 – 31/03/2026", url)]
