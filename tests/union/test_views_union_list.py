"""The directory of grassroots unions: who may list it, what it shows, filters, sorting,
exports, its cost, and the home page's short list that leads to it."""

import csv
import html
import io
import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import MemberFactory, UnionFactory
from tests.xlsx import assert_laid_out, table_of, workbook_of
from union.exports import XLSX_TYPE
from union.models import Member, Union

URL = reverse("union:union-list")


@pytest.fixture
def admin(world, login):
    return login(world.admin)


@pytest.fixture
def officer(world, login):
    return login(world.officer.user)


@pytest.fixture
def elsewhere(world):
    """Another upper-level union, with a grassroots union under it."""
    upper = UnionFactory(name="Công đoàn ngành Y tế", short_name="CĐ ngành Y tế")
    return UnionFactory(parent=upper, short_name="CĐCS Bệnh viện", agency="Bệnh viện tỉnh")


def listed(response):
    return [row.record.short_name for row in response.context["table"].page.object_list]


def counted(response):
    return {
        row.record.short_name: row.record.active_members
        for row in response.context["table"].page.object_list
    }


# Who may list


def test_the_admin_sees_every_grassroots_union(world, admin, elsewhere):
    response = admin.get(URL)
    assert response.status_code == 200
    assert sorted(listed(response)) == ["CĐCS A", "CĐCS B", "CĐCS Bệnh viện"]


def test_an_officer_sees_only_the_unions_under_them(world, officer, elsewhere):
    response = officer.get(URL)
    assert response.status_code == 200
    assert sorted(listed(response)) == ["CĐCS A", "CĐCS B"]


@pytest.mark.parametrize("role", ["chair", "leader", "member", "outsider"])
def test_nobody_else_may_list_unions(world, login, role):
    assert login(world.users[role]).get(URL).status_code == 403


# What it shows


def test_each_union_shows_its_active_members(world, officer):
    Member.objects.filter(pk=world.other.pk).update(
        status=Member.Status.RETIRED, status_changed_on=date(2024, 1, 1)
    )
    UnionFactory(parent=world.upper, short_name="CĐCS trống")
    assert counted(officer.get(URL)) == {"CĐCS A": 3, "CĐCS B": 2, "CĐCS trống": 0}


def test_each_row_names_the_upper_union_and_links_the_union(world, officer):
    content = officer.get(URL).content.decode()
    assert world.union_a.get_absolute_url() in content
    assert world.upper.short_name in content


# Filters and sorting


@pytest.mark.parametrize("text", ["benh vien", "BỆNH VIỆN", "cdcs benh", " tinh "])
def test_the_name_search_ignores_tones_and_marks(world, admin, elsewhere, text):
    assert listed(admin.get(URL, {"q": text})) == ["CĐCS Bệnh viện"]


def test_the_list_filters_by_upper_union(world, admin, elsewhere):
    assert listed(admin.get(URL, {"upper": elsewhere.parent_id})) == ["CĐCS Bệnh viện"]
    assert sorted(listed(admin.get(URL, {"upper": world.upper.pk}))) == ["CĐCS A", "CĐCS B"]


def test_the_upper_union_filter_reaches_down_every_level(world, admin):
    district = UnionFactory(parent=world.upper, short_name="LĐLĐ huyện")
    UnionFactory(parent=district, short_name="CĐCS xã")
    assert sorted(listed(admin.get(URL, {"upper": world.upper.pk}))) == [
        "CĐCS A", "CĐCS B", "CĐCS xã",
    ]


def test_an_officer_may_not_filter_by_an_upper_union_outside_their_own(
    world, officer, elsewhere,
):
    response = officer.get(URL, {"upper": elsewhere.parent_id})
    assert "upper" in response.context["filter"].form.errors
    assert listed(response) == []


def test_the_list_runs_in_tree_order_by_default(world, admin, elsewhere):
    district = UnionFactory(parent=world.upper, short_name="LĐLĐ huyện")
    UnionFactory(parent=district, short_name="CĐCS xã")
    expected = Union.objects.exclude(children__isnull=False).order_by("path")
    assert listed(admin.get(URL)) == [u.short_name for u in expected]


def test_the_list_sorts_by_short_name(world, admin):
    UnionFactory(parent=world.upper, short_name="CĐCS 0")
    assert listed(admin.get(URL, {"sort": "short_name"})) == ["CĐCS 0", "CĐCS A", "CĐCS B"]
    assert listed(admin.get(URL, {"sort": "-short_name"})) == ["CĐCS B", "CĐCS A", "CĐCS 0"]


def test_the_member_count_does_not_sort(world, admin):
    UnionFactory(parent=world.upper, short_name="CĐCS 0")
    assert listed(admin.get(URL, {"sort": "-active_members"})) == ["CĐCS A", "CĐCS B", "CĐCS 0"]


# Exports

EXPORT_HEADER = ["Công đoàn", "Tên công đoàn", "Cơ quan, đơn vị", "Công đoàn cấp trên", "Đoàn viên"]


def test_the_xlsx_export_lists_the_filtered_unions(world, officer):
    response = officer.get(URL, {"_export": "xlsx", "q": "cdcs a"})
    assert response["Content-Type"] == XLSX_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="cong-doan-co-so.xlsx"'
    sheet = workbook_of(response).active
    assert_laid_out(sheet, title="Công đoàn cơ sở")
    assert sheet["A1"].value == "Công đoàn cơ sở"
    assert table_of(sheet) == [
        EXPORT_HEADER,
        ["CĐCS A", world.union_a.name, None, "CĐVC tỉnh", 4],
    ]


def test_the_csv_export_lists_every_union_not_only_a_page(world, officer):
    for _ in range(55):
        UnionFactory(parent=world.upper)
    response = officer.get(URL, {"_export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == EXPORT_HEADER
    assert len(rows) == 1 + 57


@pytest.mark.parametrize("query", ["", "?q=cdcs"])
def test_the_export_buttons_download_what_the_page_lists(world, officer, query):
    page = officer.get(URL + query).content.decode()
    for fmt, kind in [("xlsx", XLSX_TYPE), ("csv", "text/csv; charset=utf-8")]:
        href = re.search(rf'href="([^"]*_export={fmt})"', page).group(1)
        assert officer.get(URL + html.unescape(href))["Content-Type"] == kind


# Cost


def count_list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries), len(listed(response))


@pytest.mark.parametrize("role", ["admin", "officer"])
def test_the_list_costs_the_same_queries_for_3_and_for_40_unions(world, login, role):
    client = login(world.users[role])
    UnionFactory(parent=world.upper)
    client.get(URL)  # the first request of a session may warm caches
    small, shown = count_list_queries(client)
    assert shown == 3
    for _ in range(37):
        MemberFactory.create_batch(2, union=UnionFactory(parent=world.upper))
    large, shown = count_list_queries(client)
    assert shown == 40
    assert large == small <= 15


# The home page


def test_the_home_page_shows_the_first_10_unions_and_leads_to_the_rest(world, admin):
    for _ in range(10):
        UnionFactory(parent=world.upper)
    response = admin.get(reverse("home"))
    first = Union.objects.filter(parent=world.upper).order_by("path")[:10]
    assert list(response.context["unions"]) == list(first)
    assert response.context["union_count"] == 12
    assert f'href="{URL}"' in response.content.decode()
    assert "Xem tất cả 12 công đoàn" in response.content.decode()


def test_the_home_page_counts_an_officers_unions(world, officer):
    response = officer.get(reverse("home"))
    assert [(u.short_name, u.active_members) for u in response.context["unions"]] == [
        ("CĐCS A", 4), ("CĐCS B", 2),
    ]
    assert "Xem tất cả 2 công đoàn" in response.content.decode()


def test_the_menu_leads_admins_and_officers_to_the_directory(world, login):
    for role, shown in [("admin", True), ("officer", True), ("chair", False)]:
        content = login(world.users[role]).get(reverse("union:profile")).content.decode()
        assert (f'href="{URL}"' in content) is shown, role
