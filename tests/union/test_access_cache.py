"""A user's roles kept in the shared cache (union.permissions, settings.SHARED_CACHE): read
there without a query, and never used after a change to what roles are made of."""

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import BoardMembershipFactory, TermFactory
from union.models import Member
from union.permissions import access_for, get_union_or_404


@pytest.fixture(autouse=True)
def _shared_cache(settings):
    settings.SHARED_CACHE = True


def fresh(user):
    """The user as the next request loads it: a new object, nothing computed on it."""
    return get_user_model().objects.get(pk=user.pk)


def test_the_second_request_reads_the_roles_without_a_query(world, django_assert_num_queries):
    first = access_for(fresh(world.chair.user))
    user = fresh(world.chair.user)
    with django_assert_num_queries(0):
        again = access_for(user)
    assert again == first
    assert again.board_union_id == world.union_a.pk
    assert again.member.union.name == world.union_a.name


def test_a_seat_that_ends_takes_the_board_away_at_once(world):
    assert access_for(fresh(world.chair.user)).board_union_id == world.union_a.pk
    seat = world.chair.board_memberships.get()
    seat.ended_on = date(2026, 1, 1)
    seat.save()
    assert access_for(fresh(world.chair.user)).board_union_id is None


def test_a_new_term_without_the_member_takes_the_board_away(world):
    assert access_for(fresh(world.chair.user)).board_union_id == world.union_a.pk
    TermFactory(union=world.union_a, name="Khóa VI",
                start_date=world.term_a.start_date + timedelta(days=1))
    assert access_for(fresh(world.chair.user)).board_union_id is None


def test_a_seat_given_and_a_group_led_show_at_once(world):
    assert access_for(fresh(world.member.user)).board_union_id is None
    assert access_for(fresh(world.member.user)).led_group_ids == frozenset()
    BoardMembershipFactory(member=world.member, term=world.term_a)
    world.group_a2.deputy = world.member
    world.group_a2.save()
    access = access_for(fresh(world.member.user))
    assert access.board_union_id == world.union_a.pk
    assert access.led_group_ids == {world.group_a2.pk}


def test_a_member_who_leaves_loses_the_union(world, login):
    assert access_for(fresh(world.member.user)).member == world.member
    world.member.status = Member.Status.LEFT
    world.member.status_changed_on = date(2026, 6, 30)
    world.member.save()
    assert access_for(fresh(world.member.user)).member is None
    assert login(world.member.user).get(
        reverse("union:group-list", args=[world.union_a.pk])).status_code == 404


def test_the_header_shows_a_renamed_union_and_an_admin_made(world):
    access_for(fresh(world.chair.user))
    world.union_a.name = "Công đoàn cơ sở Sở Nội vụ (mới)"
    world.union_a.save()
    assert access_for(fresh(world.chair.user)).member.union.name.endswith("(mới)")
    user = fresh(world.member.user)
    assert not access_for(user).is_admin
    user.is_superuser = True
    user.save()
    assert access_for(fresh(world.member.user)).is_admin


def test_a_login_changes_no_role_and_keeps_the_cached_copy(world, django_assert_num_queries):
    access_for(fresh(world.chair.user))
    user = fresh(world.chair.user)
    user.save(update_fields=["last_login"])
    with django_assert_num_queries(0):
        access_for(user)


def test_a_change_starts_a_new_generation_again_when_it_commits(
        world, django_capture_on_commit_callbacks, django_assert_num_queries):
    """A request that read the cache while the change was not yet committed (so saw the old
    roles) tagged its copy with the generation of before the commit: the commit starts
    another, and that copy is not used."""
    with django_capture_on_commit_callbacks() as callbacks:
        world.group_a1.leader = world.member
        world.group_a1.save()
    access_for(fresh(world.member.user))  # kept under the generation of before the commit
    assert callbacks
    for callback in callbacks:
        callback()
    user = fresh(world.member.user)
    with django_assert_num_queries(2):  # computed again
        assert access_for(user).led_group_ids == {world.group_a1.pk}


def test_the_own_union_comes_with_the_roles_as_a_copy(world, django_assert_num_queries):
    user = fresh(world.chair.user)
    access = access_for(user)
    with django_assert_num_queries(0):
        union = get_union_or_404(user, world.union_a.pk)
    assert union == world.union_a
    union.name = "đổi trên trang, chưa lưu"
    assert access.member.union.name == world.union_a.name


def test_the_menu_kept_for_a_user_follows_their_roles_and_language(world, login):
    client = login(world.member.user)
    register = reverse("union:register", args=[world.union_a.pk])
    page = reverse("union:group-list", args=[world.union_a.pk])
    assert register not in client.get(page).content.decode()
    assert register not in client.get(page).content.decode()  # the kept menu
    BoardMembershipFactory(member=world.member, term=world.term_a)
    assert register in client.get(page).content.decode()
    client.cookies["django_language"] = "en"
    assert "Register of outgoing documents" in client.get(page).content.decode()


def test_the_kept_header_still_shows_each_requests_own_count_token_and_name(world, login):
    """The header is kept for the user's roles, but the bell's count and the logout form's
    CSRF token are drawn on each request, and another user gets their own header."""
    from tests.reminders.test_views import notify

    page = reverse("union:group-list", args=[world.union_a.pk])
    client = login(world.member.user)
    first = client.get(page).content.decode()
    assert 'text-bg-danger">' not in first
    notify(world.member, 1)
    again = client.get(page).content.decode()
    assert 'badge rounded-pill text-bg-danger">1</span>' in again
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', again)
    assert tokens and tokens[0] not in first  # a fresh masked token, not the kept one
    other = login(world.chair.user).get(page).content.decode()
    assert world.chair.full_name in other and world.member.full_name not in other


def test_a_fixed_block_is_drawn_once_a_language():
    from django.template import Context, Template
    from django.utils import translation

    template = Template('{% load union_tags %}{% fixed "test" %}{{ who }}{% endfixed %}')
    with translation.override("vi"):
        assert template.render(Context({"who": "An"})) == "An"
        assert template.render(Context({"who": "Bình"})) == "An"  # kept
    with translation.override("en"):
        assert template.render(Context({"who": "Bình"})) == "Bình"


def test_under_debug_a_fixed_block_is_drawn_every_time(settings):
    from django.template import Context, Template

    settings.DEBUG = True
    template = Template('{% load union_tags %}{% fixed "debug" %}{{ who }}{% endfixed %}')
    assert template.render(Context({"who": "An"})) == "An"
    assert template.render(Context({"who": "Bình"})) == "Bình"
