"""Every named URL × every role → the status that role must get.

404 for another union's object, 403 for a role that may read but not change, 302 to the
login page for anonymous visitors. A URL without a row here fails the suite.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import ROLES

# Columns: anonymous, admin, chair, leader, member, officer, outsider
EVERYONE = (302, 200, 200, 200, 200, 200, 200)
UNION_A_READERS = (302, 200, 200, 200, 200, 200, 404)
BOARD_WRITES = (302, 200, 200, 403, 403, 403, 404)
MEMBER_LIST = (302, 200, 200, 200, 403, 200, 404)
OWN_MEMBER = (302, 200, 200, 200, 200, 200, 404)
OTHER_MEMBER = (302, 200, 200, 404, 404, 200, 404)
BOARD_POSTS = (302, 302, 302, 403, 403, 403, 404)

# name → (method, arguments from the world fixture, expected statuses)
MATRIX = {
    "home": ("get", lambda w: [], EVERYONE),
    "login": ("get", lambda w: [], (200,) * 7),
    "logout": ("post", lambda w: [], (302,) * 7),
    "password_change": ("get", lambda w: [], EVERYONE),
    "password_change_done": ("get", lambda w: [], EVERYONE),
    "set_language": ("post", lambda w: [], (302,) * 7),
    "admin:index": ("get", lambda w: [], (302, 200, 302, 302, 302, 302, 302)),
    "union:union-detail": ("get", lambda w: [w.union_a.pk], UNION_A_READERS),
    "union:union-edit": ("get", lambda w: [w.union_a.pk], BOARD_WRITES),
    "union:board": ("get", lambda w: [w.union_a.pk], UNION_A_READERS),
    "union:term-create": ("get", lambda w: [w.union_a.pk], BOARD_WRITES),
    "union:term-edit": ("get", lambda w: [w.term_a.pk], BOARD_WRITES),
    "union:boardmembership-create": ("get", lambda w: [w.term_a.pk], BOARD_WRITES),
    "union:boardmembership-detail": (
        "get", lambda w: [w.chair.board_memberships.get().pk], UNION_A_READERS,
    ),
    "union:boardmembership-edit": (
        "get", lambda w: [w.chair.board_memberships.get().pk], BOARD_WRITES,
    ),
    "union:group-list": ("get", lambda w: [w.union_a.pk], UNION_A_READERS),
    "union:group-create": ("get", lambda w: [w.union_a.pk], BOARD_WRITES),
    "union:group-detail": ("get", lambda w: [w.group_a1.pk], UNION_A_READERS),
    "union:group-edit": ("get", lambda w: [w.group_a1.pk], BOARD_WRITES),
    "union:member-list": ("get", lambda w: [w.union_a.pk], MEMBER_LIST),
    "union:member-create": ("get", lambda w: [w.union_a.pk], BOARD_WRITES),
    "union:member-import": ("get", lambda w: [w.union_a.pk], BOARD_WRITES),
    "union:member-import-confirm": ("post", lambda w: [w.union_a.pk], BOARD_POSTS),
    "union:member-import-template": ("get", lambda w: [w.union_a.pk], BOARD_WRITES),
    "union:member-detail": ("get", lambda w: [w.member.pk], OWN_MEMBER),
    "union:member-edit": ("get", lambda w: [w.member.pk], BOARD_WRITES),
    "union:member-leave": ("get", lambda w: [w.member.pk], BOARD_WRITES),
    "union:profile": ("get", lambda w: [], EVERYONE),
}

# Further rows for the same URL with other objects: who may see another person's record.
EXTRA_ROWS = [
    ("union:member-detail", "get", lambda w: [w.other.pk], OTHER_MEMBER),
    ("union:member-detail", "get", lambda w: [w.b_member.pk], (302, 200, 404, 404, 404, 200, 200)),
    ("union:group-detail", "get", lambda w: [w.group_b1.pk], (302, 200, 404, 404, 404, 200, 200)),
    ("union:union-detail", "get", lambda w: [w.upper.pk], (302, 200, 404, 404, 404, 200, 404)),
]

# Django's own admin pages answer for themselves; only its index is checked here.
IGNORED_NAMESPACES = ("admin:",)


def all_url_names(patterns=None, prefix=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from all_url_names(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + pattern.name


def test_every_named_url_has_a_row():
    names = {n for n in all_url_names() if not n.startswith(IGNORED_NAMESPACES)}
    missing = names - set(MATRIX)
    assert not missing, f"URLs without a row in the access matrix: {sorted(missing)}"


CASES = [(name, *row) for name, row in MATRIX.items()] + EXTRA_ROWS


@pytest.mark.parametrize(("name", "method", "args", "expected"), CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_role_gets_the_expected_status(client, world, name, method, args, expected):
    url = reverse(name, args=args(world))
    got = {}
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        response = getattr(client, method)(url)
        got[role] = response.status_code
    assert got == dict(zip(ROLES, expected, strict=True))
