"""Every GET page of the access matrix, asked with hostile query strings, answers without
a 5xx: a sensible default (the first or last page, the default page size, no filter), or
a 400/404 for nonsense.

Nothing here lists the parameters by hand. The role that sees the most of a page loads it
once while every read of the query string is recorded (the view's own ``request.GET``,
django-tables2's page, size and sort, django-filter's fields), so a new page or a new
parameter is covered as soon as it is in the access matrix. A page that updates itself
through htmx is loaded that way too. Each parameter read is then sent alone with each
hostile value: huge, negative, non-numeric, unicode, empty, a NUL byte, a bad date, and
repeated.
"""

import pytest
from django.http import QueryDict
from django.urls import reverse

from tests.conftest import ROLES
from tests.test_access_matrix import MATRIX
from union.params import query_int
from union.views.lists import BoundedPaginator

HOSTILE = [
    "9" * 20, "-" + "9" * 20, "-1", "0", "1.5", "1e309", "abc", "đoàn viên <b>'\"", "",
    "\x00", "²", "2024-02-30", "99999-12-31",
]
REPEATED = ["1", "9" * 20, "abc"]
# The widest reader first: the page shows them the most (tables, filters, buttons).
READERS = ("chair", "admin", "officer", "leader", "member", "outsider")
PROBE = "hostile-probe"
GET_PAGES = sorted(name for name, (method, *_rest) in MATRIX.items() if method == "get")


@pytest.fixture
def reads(monkeypatch):
    """The keys looked up in any query dict (a request's GET or POST) while the test runs."""
    keys = set()
    for method in ("get", "getlist", "__getitem__", "__contains__"):
        original = getattr(QueryDict, method)

        def recording(self, key, *args, _original=original, **kwargs):
            keys.add(key)
            return _original(self, key, *args, **kwargs)

        monkeypatch.setattr(QueryDict, method, recording)
    return keys


def test_the_recorder_sees_what_a_table_page_reads(client, world, reads):
    client.force_login(world.users["chair"])
    url = reverse("union:member-list", args=[world.union_a.pk])
    parameters, _page = parameters_read(client, url, {}, reads)
    assert {"page", "per_page", "sort", "_export", "q", "group", "status"} <= parameters


def parameters_read(client, url, headers, reads, expected=200):
    """What the page reads; with a query string, so that a filter form is bound and reads
    every field (django-filter leaves it unbound when the query string is empty)."""
    reads.clear()
    response = client.get(url, {PROBE: "1"}, headers=headers)
    assert response.status_code == expected, (url, headers, response.status_code)
    return set(reads) - {PROBE, "csrfmiddlewaretoken"}, response


@pytest.mark.parametrize("name", GET_PAGES)
def test_no_hostile_query_string_makes_a_page_fail(client, emu, reads, name):
    _method, args, expected = MATRIX[name]
    statuses = dict(zip(ROLES, expected, strict=True))
    # A page nobody reads with a 200 (it redirects) may still read the query string first.
    role = min(READERS, key=lambda r: (statuses[r] != 200, statuses[r] >= 400))
    client.force_login(emu.users[role])
    url = reverse(name, args=args(emu))
    parameters, page = parameters_read(client, url, {}, reads, statuses[role])
    modes = [({}, parameters)]
    if page["Content-Type"].startswith("text/html") and b"hx-get" in page.content:
        modes.append(({"HX-Request": "true"}, parameters_read(
            client, url, {"HX-Request": "true"}, reads, statuses[role])[0]))
    failures = []
    for headers, names in modes:
        for parameter in sorted(names):
            for value in [*HOSTILE, REPEATED]:
                try:
                    status = client.get(url, {parameter: value}, headers=headers).status_code
                except Exception as error:  # noqa: BLE001 — every failure is reported below
                    status = f"{type(error).__name__}: {error}"[:200]
                if not isinstance(status, int) or status >= 500:
                    failures.append((headers, parameter, value, status))
    assert not failures, f"{url} as {role}: {failures}"


# What a hostile value falls back to ------------------------------------------------------


def test_a_page_past_the_end_of_the_inbox_is_its_last_page(world, login):
    from tests.reminders.test_views import notify

    for n in range(30):
        notify(world.member, n)
    client = login(world.member.user)
    url = reverse("reminders:inbox")
    for asked in ("13", "9" * 20):
        page = client.get(url, {"page": asked})
        assert page.status_code == 200
        assert page.context["page"].number == 2
        assert "Việc số 4<" in page.content.decode()
    assert client.get(url, {"page": "-1"}).context["page"].number == 1


def test_a_table_page_size_out_of_range_is_the_default_size(world, login):
    client = login(world.chair.user)
    url = reverse("union:member-list", args=[world.union_a.pk])
    for asked in ("9" * 20, "-" + "9" * 20, "-1", "501"):
        table = client.get(url, {"per_page": asked}).context["table"]
        assert table.paginator.per_page == BoundedPaginator.default_per_page
    assert client.get(url, {"per_page": "2"}).context["table"].paginator.per_page == 2


def test_a_table_page_past_the_end_is_its_last_page(world, login):
    client = login(world.chair.user)
    url = reverse("union:member-list", args=[world.union_a.pk])
    table = client.get(url, {"per_page": "2", "page": "9" * 20}).context["table"]
    assert table.page.number == 2  # four members in union A, two a page
    assert len(table.page.object_list) == 2


def test_a_huge_group_on_the_evaluation_table_shows_every_group(emu, login):
    client = login(emu.chair.user)
    url = reverse("emulation:cycle-detail", args=[emu.cycle.pk])
    everyone = len(client.get(url).context["rows"])
    assert len(client.get(url, {"group": "9" * 20}).context["rows"]) == everyone
    assert len(client.get(url, {"group": str(emu.group_a1.pk)}).context["rows"]) < everyone


def test_a_point_that_is_not_a_number_leaves_the_new_task_without_a_point(work, login):
    client = login(work.chair.user)
    url = reverse("plans:task-create", args=[work.plan.pk])
    assert client.get(url, {"point": "abc"}).context["form"].instance.point_id is None
    assert client.get(url, {"point": "2"}).context["form"].instance.point.number == 2


@pytest.mark.parametrize(("value", "expected"), [
    ("12", 12), ("0", None), ("-1", None), ("1.5", None), ("²", None), ("", None),
    ("9" * 20, None), (str(2**63 - 1), 2**63 - 1),
])
def test_query_int_takes_plain_numbers_in_range_only(value, expected):
    assert query_int(QueryDict(f"n={value}"), "n") == expected
