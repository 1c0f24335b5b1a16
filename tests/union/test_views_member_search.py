"""The search behind the member selects: the union's own members only, by name without
accents, in a number of queries that does not grow with the union."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import MemberFactory
from union.models import Member
from union.views.members import SEARCH_LIMIT


def search(client, union, **params):
    response = client.get(reverse("union:member-search", args=[union.pk]), params)
    assert response.status_code == 200
    return response.json()["results"]


def test_it_finds_the_unions_members_with_their_group(login, world):
    results = search(login(world.users["member"]), world.union_a)
    assert {r["value"] for r in results} == {
        world.chair.pk, world.leader.pk, world.member.pk, world.other.pk}
    leader = next(r for r in results if r["value"] == world.leader.pk)
    assert leader == {"value": world.leader.pk, "text": world.leader.full_name,
                      "group": "Tổ Văn phòng"}


def test_another_unions_member_is_never_in_the_results(login, world):
    client = login(world.users["chair"])
    assert world.b_member.pk not in {r["value"] for r in search(client, world.union_a)}
    assert search(client, world.union_a, q=world.b_member.given_name) == []
    assert search(client, world.union_a, q="Bê", all="1") == []


def test_another_unions_search_is_not_found(login, world):
    client = login(world.users["chair"])
    url = reverse("union:member-search", args=[world.union_b.pk])
    assert client.get(url, {"q": "Bê"}).status_code == 404


def test_it_searches_without_accents(login, world):
    ngoc = MemberFactory(union=world.union_a, family_name="Phan", middle_name="Thị",
                         given_name="Ngọc")
    dung = MemberFactory(union=world.union_a, family_name="Đỗ", middle_name="Văn",
                         given_name="Dũng")
    client = login(world.users["chair"])
    assert [r["value"] for r in search(client, world.union_a, q="ngoc")] == [ngoc.pk]
    assert [r["value"] for r in search(client, world.union_a, q="thi ngoc")] == [ngoc.pk]
    assert [r["value"] for r in search(client, world.union_a, q="do van")] == [dung.pk]
    assert [r["value"] for r in search(client, world.union_a, q="Đỗ")] == [dung.pk]


def test_members_who_left_are_found_only_when_asked(login, world):
    world.other.status, world.other.status_changed_on = Member.Status.RETIRED, date(2025, 6, 30)
    world.other.save()
    client = login(world.users["chair"])
    assert search(client, world.union_a, q="Khác") == []
    assert [r["value"] for r in search(client, world.union_a, q="Khác", all="1")] == [
        world.other.pk]


def test_it_answers_a_page_of_results_in_name_order(login, world):
    MemberFactory.create_batch(SEARCH_LIMIT + 5, union=world.union_a)
    results = search(login(world.users["chair"]), world.union_a)
    assert len(results) == SEARCH_LIMIT
    names = list(Member.objects.filter(union=world.union_a).active().in_name_order()
                 .values_list("pk", flat=True)[:SEARCH_LIMIT])
    assert [r["value"] for r in results] == names


@pytest.mark.parametrize("text", ["\x00", "%", "_", "'", "a" * 5000, "²"])
def test_odd_text_finds_nothing_and_fails_nothing(login, world, text):
    assert isinstance(search(login(world.users["chair"]), world.union_a, q=text), list)


def test_it_is_read_only(login, world):
    client = login(world.users["chair"])
    url = reverse("union:member-search", args=[world.union_a.pk])
    assert client.post(url, {"q": "a"}).status_code == 405


def test_its_queries_do_not_grow_with_the_union(login, world):
    client = login(world.users["chair"])
    url = reverse("union:member-search", args=[world.union_a.pk])
    client.get(url)  # the session and the roles, read once either way

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    MemberFactory.create_batch(60, union=world.union_a, group=world.group_a1)
    assert count() == few
