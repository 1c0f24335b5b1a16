"""The role fixtures every test can ask for, over two unions under one upper-level union.

- ``admin``: a superuser;
- ``chair``: chair of union A's current term (the board);
- ``leader``: leader of group A1 of union A; ``member``: a plain member of A1;
- ``officer``: a member of the upper-level union that A and B hang under;
- ``outsider``: chair of union B, a different union.
"""

import os
import shutil
from types import SimpleNamespace

import pytest

from tests.factories import (
    BoardMembershipFactory,
    GroupFactory,
    MemberFactory,
    TermFactory,
    UnionFactory,
    UserFactory,
)
from union.models import BoardMembership

ROLES = ["anonymous", "admin", "chair", "leader", "member", "officer", "outsider"]


def pytest_collection_modifyitems(config, items):
    """Under CI, a browser test may not be skipped for want of a browser."""
    if os.environ.get("CI") == "true" and not shutil.which("chromium"):
        if any(item.get_closest_marker("browser") for item in items):
            raise pytest.UsageError("CI=true but no chromium on PATH: browser tests cannot run")


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """Fast password hashing; pages render without running collectstatic first."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def world(db):
    upper = UnionFactory(name="Công đoàn Viên chức tỉnh", short_name="CĐVC tỉnh")
    union_a = UnionFactory(parent=upper, short_name="CĐCS A")
    union_b = UnionFactory(parent=upper, short_name="CĐCS B")
    term_a = TermFactory(union=union_a)
    term_b = TermFactory(union=union_b)
    group_a1 = GroupFactory(union=union_a, name="Tổ Văn phòng")
    group_a2 = GroupFactory(union=union_a, name="Tổ Thanh tra")
    group_b1 = GroupFactory(union=union_b, name="Tổ Hành chính")

    def person(username, union, group=None, **fields):
        return MemberFactory(union=union, group=group, user=UserFactory(username=username),
                             **fields)

    chair = person("chair", union_a, group_a2, given_name="Chủ")
    leader = person("leader", union_a, group_a1, given_name="Trưởng")
    member = person("member", union_a, group_a1, given_name="Viên")
    other = MemberFactory(union=union_a, group=group_a2, given_name="Khác")
    officer = person("officer", upper, given_name="Trên")
    outsider = person("outsider", union_b, group_b1, given_name="Ngoài")
    b_member = MemberFactory(union=union_b, group=group_b1, given_name="Bê")
    BoardMembershipFactory(member=chair, term=term_a, position=BoardMembership.Position.CHAIR)
    BoardMembershipFactory(member=outsider, term=term_b, position=BoardMembership.Position.CHAIR)
    group_a1.leader = leader
    group_a1.save()
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    return SimpleNamespace(
        upper=upper, union_a=union_a, union_b=union_b, term_a=term_a, term_b=term_b,
        group_a1=group_a1, group_a2=group_a2, group_b1=group_b1,
        chair=chair, leader=leader, member=member, other=other, officer=officer,
        outsider=outsider, b_member=b_member, admin=admin,
        users={"admin": admin, "chair": chair.user, "leader": leader.user,
               "member": member.user, "officer": officer.user, "outsider": outsider.user},
    )


@pytest.fixture
def login(client):
    """Log the client in as a user (force_login: the throttling backend wants a request)."""

    def as_user(user):
        client.force_login(user)
        return client

    return as_user
