"""Stored markup is shown as text on every page; every form needs its CSRF token; redirects
stay on the site; files are downloaded, not opened as pages.

(Tenant isolation and roles: tests/test_access_matrix.py; the page policy that would stop an
injected script anyway: tests/test_content_policy.py.)
"""

import pytest
from django.test import Client
from django.urls import reverse

from emulation.models import Award, Initiative, Movement
from plans.models import ActionPlan, Task
from tests.conftest import ROLES
from tests.test_access_matrix import CASES
from tests.walk import is_page, pages_read
from union.models import Member, Union, UnionGroup

SCRIPT = '<script>alert("xss")</script>'
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
MARKUP = SCRIPT + ATTRIBUTE
POST_ROWS = [(name, args) for name, method, args, _expected in CASES if method == "post"]


@pytest.fixture
def tainted(emu):
    """The world with markup in the texts people type: names, titles, notes."""
    Union.objects.filter(pk=emu.union_a.pk).update(short_name=MARKUP, agency=MARKUP)
    Member.objects.filter(union=emu.union_a).update(middle_name=MARKUP, position=MARKUP)
    UnionGroup.objects.filter(pk=emu.group_a1.pk).update(name=MARKUP)
    ActionPlan.objects.filter(pk=emu.plan.pk).update(subject=MARKUP, purpose=MARKUP)
    Task.objects.filter(pk=emu.task.pk).update(title=MARKUP, product=MARKUP)
    Movement.objects.filter(pk=emu.movement.pk).update(name=MARKUP, criteria=MARKUP)
    Initiative.objects.filter(pk=emu.initiative.pk).update(title=MARKUP, description=MARKUP)
    Award.objects.filter(pk=emu.award.pk).update(achievement=MARKUP)
    emu.evaluation.__class__.objects.filter(pk=emu.evaluation.pk).update(
        self_assessment=MARKUP)
    return emu


def test_stored_markup_is_shown_as_text_on_every_page(client, tainted):
    shown, problems = 0, []
    for name, role, response in pages_read(client, tainted, ROLES[1:]):
        if not is_page(response):
            continue
        html = response.content.decode().lower()
        if SCRIPT.lower() in html or "<img src=x" in html:
            problems.append(f"{name} as {role}")
        shown += "&lt;script&gt;alert(" in html
    assert not problems, problems
    assert shown > 20  # the markup did reach the pages, escaped


@pytest.mark.parametrize(("name", "args"), POST_ROWS, ids=[row[0] for row in POST_ROWS])
def test_every_post_without_its_csrf_token_is_refused(emu, name, args):
    client = Client(enforce_csrf_checks=True)
    client.force_login(emu.users["admin"])
    assert client.post(reverse(name, args=args(emu)), {}).status_code == 403


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil"])
def test_logging_in_never_sends_the_user_off_the_site(world, client, target):
    response = client.post(f"{reverse('login')}?next={target}",
                           {"username": "chair", "password": "demo12345"})
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_the_language_switch_never_sends_the_user_off_the_site(client):
    response = client.post(reverse("set_language"),
                           {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert not response.url.startswith(("http", "//"))


def test_evidence_is_downloaded_never_opened_as_a_page(work, login):
    response = login(work.member.user).get(reverse("plans:evidence", args=[work.report.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
