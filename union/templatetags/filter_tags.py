"""The active filters of a list as chips (includes/filter_fields.html): on a phone the filters
fold behind one button, and the chips say what the list is filtered by; each one is a link to
the same list without that filter."""

from datetime import date

from django import forms, template
from django.db.models import Model
from django.utils.html import format_html, format_html_join

from union.templatetags.a11y_tags import labelled_by
from union.templatetags.union_tags import bootstrap, dmy

register = template.Library()


@register.simple_tag(takes_context=True)
def filter_chips(context, filterset):
    """(label, value shown, URL without that filter) for each filter with a value."""
    request = context["request"]
    form = filterset.form
    form.is_valid()  # the list already validated it: this reads the cached result
    cleaned = getattr(form, "cleaned_data", {})
    chips = []
    for field in form:
        names = _parameter_names(field)
        raw = [value for name in names for value in request.GET.getlist(name) if value.strip()]
        if not raw:
            continue
        shown = _shown(field.field, cleaned.get(field.name)) if field.name in cleaned else ""
        query = request.GET.copy()
        for name in (*names, "page"):
            query.pop(name, None)
        url = f"{request.path}?{query.urlencode()}" if query else request.path
        chips.append((field.label, shown or ", ".join(raw), url))
    return chips


@register.simple_tag
def filter_cells(form):
    """Each filter in its cell of the filter bar: its label and its input, or for a range
    (two inputs) a label that names both. Written in Python: the template of it took a
    millisecond of every list page."""
    return format_html_join("\n", "{}", ((_cell(field),) for field in form))


def _cell(field):
    if getattr(field.field.widget, "widgets", None):
        label_id = f"{field.auto_id}_label"
        return format_html(
            '<div class="col-sm-6 col-lg-4"><div class="form-label small mb-0" id="{}">{}</div>'
            '<div class="d-flex gap-1 align-items-center">{}</div></div>',
            label_id, field.label, labelled_by(field, label_id))
    return format_html('<div class="col-sm-6 col-lg-3"><label class="form-label small mb-0" '
                       'for="{}">{}</label>\n{}</div>', field.auto_id, field.label,
                       bootstrap(field))


def _parameter_names(bound_field) -> list[str]:
    """The query parameters a filter reads: one, or one per part of a range."""
    widget, name = bound_field.field.widget, bound_field.html_name
    if hasattr(widget, "suffixes"):  # django-filter's ranges: due_after, due_before
        return [widget.suffixed(name, suffix) for suffix in widget.suffixes]
    if isinstance(widget, forms.MultiWidget):
        return [name + suffix for suffix in widget.widgets_names]
    return [name]


def _shown(field, value) -> str:
    """A filter's value as the form shows it: a choice's label, a date as dd/mm/yyyy, a
    range as "from – to"."""
    if value in (None, "", [], ()):
        return ""
    if isinstance(value, slice):
        return " – ".join(_shown(field, end) or "…" for end in (value.start, value.stop))
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, date):
        return dmy(value)
    if isinstance(value, list | tuple):
        return ", ".join(_shown(field, item) for item in value)
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        labels = {str(key): label for key, label in _flat(field.choices)}
        return str(labels.get(str(value), value))
    if isinstance(value, bool):
        return str(forms.NullBooleanSelect().choices[1 if value else 2][1])
    return str(value)


def _flat(choices):
    for key, label in choices:
        if isinstance(label, list | tuple):
            yield from label
        else:
            yield key, label
