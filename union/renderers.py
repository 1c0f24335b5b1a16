"""The form renderer (settings.FORM_RENDERER): Django's, with its simplest widgets written in
Python.

Django draws every widget through a template of its own, and those of an input, a textarea and
a row of inputs (a date range) through two or three includes: about 0.1 ms a widget on the
project's server, which on a check of thirty members, or a list's filters, is a good part of
the page (docs/benchmarks.md). These give the same HTML (tests/union/test_renderers.py); any
other widget (a select, a radio list) is Django's own.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, mark_safe

# Django's templates of an input: each is `{% include "django/forms/widgets/input.html" %}`.
INPUTS = {f"django/forms/widgets/{name}.html" for name in (
    "checkbox", "color", "date", "datetime", "email", "file", "hidden", "number", "password",
    "search", "tel", "text", "time", "url",
)}
TEXTAREA = "django/forms/widgets/textarea.html"
MULTIWIDGET = "django/forms/widgets/multiwidget.html"


class FastRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        html = _written(template_name, context["widget"]) if "widget" in context else None
        if html is None:
            return super().render(template_name, context, request)
        return mark_safe(html)  # noqa: S308 (every value escaped as the templates do)


def _written(template_name, widget):
    """The widget as Django's template draws it, or None for a widget not written here."""
    if template_name in INPUTS:
        value = widget["value"]
        shown = "" if value is None else f' value="{_text(value)}"'
        return (f'<input type="{conditional_escape(widget["type"])}" '
                f'name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>')
    if template_name == TEXTAREA:
        value = widget["value"]
        return (f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
                f'{conditional_escape(value) if value else ""}</textarea>')
    if template_name == MULTIWIDGET:
        parts = [_written(part["template_name"], part) for part in widget["subwidgets"]]
        return None if None in parts else "".join(parts)
    return None


def _attrs(attrs):
    """attrs.html: ` name="value"`, a bare ` name` for True, nothing for False."""
    return "".join(
        f" {conditional_escape(name)}" if value is True
        else f' {conditional_escape(name)}="{_text(value)}"'
        for name, value in attrs.items() if value is not False
    )


def _text(value):
    """``{{ value|stringformat:'s' }}``: the text, escaped unless it was marked safe."""
    return value if isinstance(value, SafeData) else escape(str(value))
