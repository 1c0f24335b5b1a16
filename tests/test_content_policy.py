"""The Content-Security-Policy: every page is served under a strict policy, and no page
needs what it forbids (inline script, on…="" handlers, inline style, javascript: links).

The browser journeys (tests/browser) also fail on any violation Chromium reports.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from tests.walk import is_page, pages_read

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def policy(response):
    header = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";"))}


class InlineCode(HTMLParser):
    """What a strict policy would block: script without src, handlers, style, javascript:."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not attrs.get("src"):
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            elif name == "style":
                self.found.append(f"<{tag} style>")
            elif (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:>")


def inline_code(html):
    parser = InlineCode()
    parser.feed(html)
    return parser.found


@pytest.mark.django_db
def test_pages_are_served_under_a_strict_policy(client):
    directives = policy(client.get(reverse("login")))
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]  # no nonce: this page uses none
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["object-src"] == directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]


def test_a_page_that_uses_a_nonce_gets_it_in_its_policy(rf):
    from django.http import HttpResponse

    from union.middleware import PagePolicyMiddleware

    def page(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}">go()</script>')

    request = rf.get("/")
    response = PagePolicyMiddleware(page)(request)
    nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in policy(response)["script-src"]


def test_a_pdf_shown_in_the_browser_carries_no_page_policy(emu, login):
    """Chrome's PDF viewer wraps the file in a page of its own with inline styles."""
    response = login(emu.chair.user).get(
        reverse("emulation:report-pdf", args=[emu.union_a.pk, emu.cycle.year]))
    assert response["Content-Type"] == "application/pdf"
    assert "Content-Security-Policy" not in response


@pytest.mark.parametrize("path", sorted(TEMPLATES.rglob("*.html")),
                         ids=lambda path: str(path.relative_to(TEMPLATES)))
def test_no_template_writes_inline_script_or_style(path):
    source = re.sub(r"{#.*?#}", "", path.read_text(), flags=re.S)  # comments may name them
    assert inline_code(source) == []


def test_the_template_check_finds_what_the_policy_blocks():
    html = ('<select onchange="this.form.submit()"></select><script>x()</script>'
            '<p style="color:red"></p><style>p{}</style><a href="javascript:go()">x</a>'
            '<script src="/static/js/actions.js"></script>')
    assert inline_code(html) == [
        "<select onchange>", "<script> without src", "<p style>", "<style>",
        "<a href=javascript:>"]


def test_every_page_is_served_under_the_policy_without_inline_code(client, emu):
    problems = []
    for name, role, response in pages_read(client, emu):
        if not is_page(response):
            continue
        if "Content-Security-Policy" not in response:
            problems.append(f"{name} as {role}: no policy")
        if found := inline_code(response.content.decode()):
            problems.append(f"{name} as {role}: {sorted(set(found))}")
    assert not problems, "\n".join(problems)
