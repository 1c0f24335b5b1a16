"""A form that carries its record's version (``updated_at`` when the page was opened) and
comes back without it is refused: it cannot show that it was opened after the last save.

Nothing here lists the forms. Every GET page of the access matrix is opened as the board,
a group leader and a member; every POST form on it that carries a ``version`` is sent back
as the browser would send it, minus the version, and the answer must be the refusal. And
every form object a page renders with a version must put it in the HTML.
"""

from html.parser import HTMLParser

import pytest
from django import forms
from django.test.utils import ContextList
from django.urls import reverse

from tests.walk import is_page, pages_read
from union.versions import missing_version_message

ROLES_WALKED = ("chair", "leader", "member")
# Forms known to carry a version: the walk must find at least these, or it is broken.
KNOWN = {
    "union:member-edit", "union:group-edit",
    "plans:plan-edit", "plans:task-edit", "plans:check-detail", "emulation:movement-edit",
    "emulation:award-edit", "emulation:initiative-edit", "emulation:cycle-edit",
    "emulation:evaluation-propose", "emulation:evaluation-board",
}


class PostForms(HTMLParser):
    """Each POST form's action and the fields a browser would send (no buttons, no files)."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                self._form = {"action": attrs.get("action") or "", "fields": []}
                self.forms.append(self._form)
        elif self._form is None or "disabled" in attrs:
            return
        elif tag == "input" and attrs.get("name"):
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._form["fields"].append((attrs["name"], attrs.get("value") or ""))
        elif tag == "select" and attrs.get("name"):
            self._select = {"name": attrs["name"], "options": [], "chosen": [],
                            "multiple": "multiple" in attrs}
        elif tag == "option" and self._select is not None:
            self._select["options"].append(attrs.get("value") or "")
            if "selected" in attrs:
                self._select["chosen"].append(attrs.get("value") or "")
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["chosen"] or (
                [] if self._select["multiple"] else self._select["options"][:1])
            self._form["fields"] += [(self._select["name"], value) for value in chosen]
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._form["fields"].append((self._textarea[0], self._textarea[1].lstrip("\n")))
            self._textarea = None


def post_forms(html):
    parser = PostForms()
    parser.feed(html)
    return parser.forms


def as_data(fields, *, without):
    data = {}
    for name, value in fields:
        if name != without:
            data.setdefault(name, []).append(value)
    return data


def rendered_forms(context):
    if context is None:  # a redirect, a file
        return []
    values = ([context[key] for key in context.keys()] if isinstance(context, ContextList)
              else context.flatten().values())
    return [value for value in values if isinstance(value, forms.BaseForm)]


def test_the_form_reader_sends_what_a_browser_sends():
    html = """<form method="post" action="/x/"><input type="hidden" name="version" value="v">
      <input name="a" value="1"><input type="checkbox" name="b" value="on">
      <input type="checkbox" name="c" value="on" checked><select name="d"><option value="1">
      <option value="2" selected></select><select name="e"><option value="7"></select>
      <textarea name="f">
text</textarea><button type="submit" name="g" value="x">Go</button></form>
      <form method="get"><input name="q" value="z"></form>"""
    [form] = post_forms(html)
    assert form["action"] == "/x/"
    assert as_data(form["fields"], without="version") == {
        "a": ["1"], "c": ["on"], "d": ["2"], "e": ["7"], "f": ["text"]}


def hidden_versions(name, role, page):
    """Form objects the page renders with a version that the HTML does not carry."""
    html = page.content.decode()
    return [f"{name} as {role}: {type(form).__name__} hides its version"
            for form in rendered_forms(page.context)
            if "version" in form.fields and form.initial.get("version")
            and f'name="{form.add_prefix("version")}"' not in html]


def test_every_form_with_a_version_is_refused_without_it(client, emu):
    refused, found, problems = set(), set(), []
    for name, role, page in list(pages_read(client, emu, ROLES_WALKED)):
        if not is_page(page):
            continue
        problems += hidden_versions(name, role, page)
        client.force_login(emu.users[role])  # pages_read has moved on to the next role
        url = page.wsgi_request.path
        for form in post_forms(page.content.decode()):
            # A new record's form carries an empty version: nothing to overwrite.
            if not any(field == "version" and value for field, value in form["fields"]):
                continue
            found.add(name)
            answer = client.post(form["action"] or url,
                                 as_data(form["fields"], without="version"), follow=True)
            # A role that may not send the form at all is refused before any version.
            if answer.status_code in (403, 404) or (
                    missing_version_message() in answer.content.decode()):
                refused.add(name)
            else:
                problems.append(f"{name} as {role}: {form['action'] or url} saved without "
                                f"its version (status {answer.status_code})")
    assert not problems, "\n".join(problems)
    assert KNOWN <= found, f"forms with a version not found: {sorted(KNOWN - found)}"
    assert refused == found


@pytest.mark.parametrize("sent", [None, ""])
def test_a_member_form_without_its_version_saves_nothing(world, login, sent):
    from tests.union.test_views_members import form_data

    data = form_data(world.member, position="Trưởng phòng")
    if sent is None:
        del data["version"]
    else:
        data["version"] = sent
    response = login(world.chair.user).post(
        reverse("union:member-edit", args=[world.member.pk]), data)
    assert response.status_code == 200
    assert missing_version_message() in response.content.decode()
    world.member.refresh_from_db()
    assert world.member.position == ""
