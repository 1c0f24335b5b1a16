"""The demo data command: what it builds, and that a second run writes nothing."""

import unicodedata
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from union.models import BoardMembership, Union, UnionGroup

LOGINS = ["admin", "chutich", "totruong", "doanvien", "capten", "khac"]
MAIN = "CĐCS Sở TT&TT Gia Lai"


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for label in ("union", "auth")
        for model in apps.get_app_config(label).get_models()
    }


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The demo passwords are hashed on every run; the real hasher would make this slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed():
    call_command("seed_union", stdout=StringIO())


@pytest.fixture
def demo(db):
    """The data as left by two runs, which is what the second run must not have spoiled."""
    seed()
    seed()
    return Union.objects.get(short_name=MAIN)


@pytest.mark.django_db
def test_running_it_twice_changes_nothing():
    seed()
    first = row_counts()
    seed()
    assert row_counts() == first
    assert first["union.HistoricalMember"] > 0


def test_every_demo_login_exists_with_the_demo_password(demo):
    users = get_user_model().objects.filter(username__in=LOGINS)
    assert sorted(u.username for u in users) == sorted(LOGINS)
    assert all(u.check_password("demo12345") for u in users)


def test_only_admin_is_a_superuser_and_has_no_member(demo):
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert not hasattr(admin, "member")
    assert not get_user_model().objects.exclude(username="admin").filter(is_superuser=True)


def test_the_main_union_has_45_members_in_6_groups(demo):
    assert demo.members.count() == 45
    assert demo.groups.count() == 6
    assert demo.members.active().filter(group__isnull=True).count() == 0
    assert demo.members.exclude(status="active").count() == 2


def test_the_required_people_are_there(demo):
    names = {m.full_name for m in demo.members.all()}
    assert {"Nguyễn Văn An", "Lê Thị Ánh", "Trần Văn Bình", "Phạm Thị Dung",
            "Hoàng Văn Đức"} <= names


def test_chutich_chairs_the_current_term(demo):
    term = demo.current_term()
    assert term.name == "Khóa V"
    chair = BoardMembership.objects.serving().get(term=term, position="chair")
    assert chair.member.user.username == "chutich"


def test_totruong_leads_a_group_that_contains_doanvien(demo):
    group = UnionGroup.objects.get(union=demo, leader__user__username="totruong")
    doanvien = group.members.get(user__username="doanvien")
    assert doanvien.union == demo
    assert not BoardMembership.objects.filter(member__user__username__in=["totruong", "doanvien"])
    assert group.deputy != doanvien


def test_the_other_logins_belong_to_the_other_unions(demo):
    users = get_user_model().objects.select_related("member__union")
    capten, khac = users.get(username="capten"), users.get(username="khac")
    assert capten.member.union.children.filter(pk=demo.pk).exists()
    assert khac.member.union.parent == capten.member.union
    chair = BoardMembership.objects.get(member=khac.member)
    assert chair.position == "chair" and chair.term == khac.member.union.current_term()


def test_names_are_stored_as_nfc(demo):
    for member in demo.members.all():
        assert unicodedata.is_normalized("NFC", member.full_name), member.full_name
