"""Every named URL × every role → the status that role must get.

404 for another union's object, 403 for a role that may read but not change, 302 to the
login page for anonymous visitors. A URL without a row here fails the suite.
"""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.emulation
import tests.reminders
from tests.conftest import ROLES

# Columns: anonymous, admin, chair, leader, member, officer, outsider
EVERYONE = (302, 200, 200, 200, 200, 200, 200)
UNION_A_READERS = (302, 200, 200, 200, 200, 200, 404)
BOARD_WRITES = (302, 200, 200, 403, 403, 403, 404)
MEMBER_LIST = (302, 200, 200, 200, 403, 200, 404)
OWN_MEMBER = (302, 200, 200, 200, 200, 200, 404)
OTHER_MEMBER = (302, 200, 200, 404, 404, 200, 404)
BOARD_POSTS = (302, 302, 302, 403, 403, 403, 404)
BOARD_READS = (302, 200, 200, 403, 403, 200, 404)
# The check's page takes its form's buttons (save, refill, submit); an empty form answers
# with the page and its errors.
LEADER_POSTS = (302, 200, 403, 200, 404, 403, 404)
CHECK_DECISIONS = (302, 302, 302, 403, 404, 403, 404)

# name → (method, arguments from the world fixture, expected statuses)
MATRIX = {
    "home": ("get", lambda w: [], EVERYONE),
    "login": ("get", lambda w: [], (200,) * 7),
    "logout": ("post", lambda w: [], (302,) * 7),
    "password_change": ("get", lambda w: [], EVERYONE),
    "password_change_done": ("get", lambda w: [], EVERYONE),
    # A forgotten password is asked for before logging in: every page answers everyone (a
    # link that is not a valid one says so on its page).
    "password_reset": ("get", lambda w: [], (200,) * 7),
    "password_reset_done": ("get", lambda w: [], (200,) * 7),
    "password_reset_confirm": ("get", lambda w: ["MQ", "not-a-token"], (200,) * 7),
    "password_reset_complete": ("get", lambda w: [], (200,) * 7),
    "favicon": ("get", lambda w: [], (301,) * 7),
    "set_language": ("post", lambda w: [], (302,) * 7),
    "admin:index": ("get", lambda w: [], (302, 200, 302, 302, 302, 302, 302)),
    "admin-jsi18n": ("get", lambda w: [], (302, 200, 302, 302, 302, 302, 302)),
    "union:union-list": ("get", lambda w: [], (302, 200, 403, 403, 403, 200, 403)),
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
    # The searching selects of members: whoever reads the union (a task's assignees, an
    # initiative's authors, the task list's filter).
    "union:member-search": ("get", lambda w: [w.union_a.pk], UNION_A_READERS),
    "union:member-create": ("get", lambda w: [w.union_a.pk], BOARD_WRITES),
    "union:member-import": ("get", lambda w: [w.union_a.pk], BOARD_WRITES),
    "union:member-import-confirm": ("post", lambda w: [w.union_a.pk], BOARD_POSTS),
    "union:member-import-template": ("get", lambda w: [w.union_a.pk], BOARD_WRITES),
    "union:member-detail": ("get", lambda w: [w.member.pk], OWN_MEMBER),
    "union:member-edit": ("get", lambda w: [w.member.pk], BOARD_WRITES),
    "union:member-leave": ("get", lambda w: [w.member.pk], BOARD_WRITES),
    "union:profile": ("get", lambda w: [], EVERYONE),
    "union:register": ("get", lambda w: [w.union_a.pk], BOARD_READS),
    "union:register-create": ("get", lambda w: [w.union_a.pk], BOARD_WRITES),
    "plans:plan-list": ("get", lambda w: [w.union_a.pk], UNION_A_READERS),
    "plans:plan-create": ("get", lambda w: [w.union_a.pk], BOARD_WRITES),
    "plans:plan-detail": ("get", lambda w: [w.plan.pk], UNION_A_READERS),
    "plans:plan-edit": ("get", lambda w: [w.plan.pk], BOARD_WRITES),
    "plans:plan-status": ("post", lambda w: [w.plan.pk], BOARD_POSTS),
    "plans:plan-issue": ("get", lambda w: [w.plan.pk], BOARD_WRITES),
    "plans:plan-docx": ("get", lambda w: [w.plan.pk], UNION_A_READERS),
    "plans:plan-pdf": ("get", lambda w: [w.plan.pk], UNION_A_READERS),
    "plans:point-edit": ("get", lambda w: [w.plan.points.first().pk], BOARD_WRITES),
    "plans:task-create": ("get", lambda w: [w.plan.pk], BOARD_WRITES),
    "plans:task-list": ("get", lambda w: [w.union_a.pk], UNION_A_READERS),
    "plans:task-detail": ("get", lambda w: [w.task.pk], UNION_A_READERS),
    "plans:task-edit": ("get", lambda w: [w.task.pk], BOARD_WRITES),
    # The assignees and the board report progress; an administrator is nobody's member.
    "plans:progress": ("get", lambda w: [w.occurrence.pk], (302, 403, 200, 200, 200, 403, 404)),
    "plans:evidence": ("get", lambda w: [w.report.pk], (302, 200, 200, 200, 200, 403, 404)),
    "plans:check-list": ("get", lambda w: [w.union_a.pk], MEMBER_LIST),
    "plans:check-open": ("get", lambda w: [w.group_a1.pk], (302, 200, 403, 200, 403, 403, 404)),
    "plans:check-detail": ("get", lambda w: [w.check_a1.pk], (302, 200, 200, 200, 404, 200, 404)),
    "plans:check-confirm": ("post", lambda w: [w.check_a1.pk], CHECK_DECISIONS),
    "plans:check-reopen": ("get", lambda w: [w.check_a1.pk], (302, 200, 200, 403, 404, 403, 404)),
    "plans:dashboard": ("get", lambda w: [w.union_a.pk], BOARD_READS),
    "plans:group-work": ("get", lambda w: [w.group_a1.pk], MEMBER_LIST),
    "plans:my-work": ("get", lambda w: [], EVERYONE),
    "plans:cchc-list": ("get", lambda w: [w.union_a.pk], UNION_A_READERS),
    "plans:cchc-create": ("get", lambda w: [w.union_a.pk], BOARD_WRITES),
    "plans:cchc-edit": ("get", lambda w: [w.cchc.pk], BOARD_WRITES),
}

# Further rows for the same URL with other objects: who may see another person's record.
EXTRA_ROWS = [
    ("union:member-detail", "get", lambda w: [w.other.pk], OTHER_MEMBER),
    ("union:member-detail", "get", lambda w: [w.b_member.pk], (302, 200, 404, 404, 404, 200, 200)),
    ("union:group-detail", "get", lambda w: [w.group_b1.pk], (302, 200, 404, 404, 404, 200, 200)),
    ("union:union-detail", "get", lambda w: [w.upper.pk], (302, 200, 404, 404, 404, 200, 404)),
    # The leader of one group does not even learn that another group's check exists.
    ("plans:check-detail", "post", lambda w: [w.check_a1.pk], LEADER_POSTS),
    ("plans:check-detail", "get", lambda w: [w.check_a2.pk], (302, 200, 200, 404, 404, 200, 404)),
    ("plans:check-detail", "get", lambda w: [w.check_b1.pk], (302, 200, 404, 404, 404, 200, 200)),
    ("plans:group-work", "get", lambda w: [w.group_a2.pk], (302, 200, 200, 403, 403, 200, 404)),
    ("plans:plan-detail", "get", lambda w: [w.plan_b.pk], (302, 200, 404, 404, 404, 200, 200)),
    ("plans:task-list", "get", lambda w: [w.union_b.pk], (302, 200, 404, 404, 404, 200, 200)),
    ("union:member-search", "get", lambda w: [w.union_b.pk], (302, 200, 404, 404, 404, 200, 200)),
    # Another union's register: its own board and the officer above read it.
    ("union:register", "get", lambda w: [w.union_b.pk], (302, 200, 404, 404, 404, 200, 200)),
    ("union:register-create", "get", lambda w: [w.union_b.pk],
     (302, 200, 404, 404, 404, 403, 200)),
    # Issuing writes: a POST of an empty form is refused on the page, never half done.
    ("plans:plan-issue", "post", lambda w: [w.plan.pk], BOARD_WRITES),
    ("union:register-create", "post", lambda w: [w.union_a.pk], BOARD_WRITES),
]

# Each emulation area keeps its rows in tests/emulation/access_<area>.py (ROWS, EXTRA_ROWS).
for _info in pkgutil.iter_modules(tests.emulation.__path__):
    if _info.name.startswith("access_"):
        _module = importlib.import_module(f"tests.emulation.{_info.name}")
        MATRIX.update(_module.ROWS)
        EXTRA_ROWS += getattr(_module, "EXTRA_ROWS", [])
for _info in pkgutil.iter_modules(tests.reminders.__path__):
    if _info.name.startswith("access_"):
        _module = importlib.import_module(f"tests.reminders.{_info.name}")
        MATRIX.update(_module.ROWS)
        EXTRA_ROWS += getattr(_module, "EXTRA_ROWS", [])

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
def test_each_role_gets_the_expected_status(client, emu, name, method, args, expected,
                                            settings):
    settings.SHARED_CACHE = True  # roles as production reads them: from the shared cache
    url = reverse(name, args=args(emu))
    got = {}
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(emu.users[role])
        response = getattr(client, method)(url)
        got[role] = response.status_code
    assert got == dict(zip(ROLES, expected, strict=True))
