"""Form widgets: the app's own inputs for dates, months and members.

The browser's own <input type=date> and <input type=month> show dates in the browser's
language (mm/dd/yyyy in an English one) and the month input does not exist in Firefox or
Safari; a select of a union's two thousand members cannot be searched. These widgets are
plain HTML that works without script; static/js/inputs.js adds the calendar (flatpickr) and
the search (Tom Select), both vendored under static/vendor/.
"""

import copy
import re
from datetime import date

from django import forms
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

# What DateInput shows; what the app reads is config/formats/vi/formats.py.
DATE_FORMAT = "%d/%m/%Y"


def _digits(value) -> bool:
    """A number a database id can be: 0-9 only (str.isdigit() takes "²", which int()
    refuses) and short of the 64-bit limit."""
    text = str(value or "")
    return text.isascii() and text.isdigit() and len(text) < 19


class QuickSelect(forms.Select):
    """A select rendered in Python. Django renders every option through a template include,
    about 0.15 ms each on a 2-core server, and builds a dictionary of it first; a filter
    listing a union's hundred members then costs more than the rest of the list page. Same
    HTML, without option groups."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = self.format_value(value)
        options, found = [], False
        for option_value, label in self.offered(chosen):
            option_value = "" if option_value is None else str(option_value)
            selected = not found and option_value in chosen  # Django's: the first one only
            found |= selected
            options.append(f'<option value="{escape(option_value)}"'
                           f'{" selected" if selected else ""}>{escape(label)}</option>')
        return format_html('<select name="{}"{}>{}</select>', name,
                           flatatt(self.build_attrs(self.attrs, attrs)),
                           mark_safe("".join(options)))  # noqa: S308 — every part escaped above

    def offered(self, chosen):
        """The (value, label) choices written into the page, ``chosen`` the values chosen."""
        return self.choices


class DateInput(forms.DateInput):
    """A date typed and shown as dd/mm/yyyy, whatever the browser's language, with a
    calendar to pick it from ([data-datepicker])."""

    input_type = "text"

    def __init__(self, attrs=None):
        attrs = {"data-datepicker": "", "placeholder": "dd/mm/yyyy", "autocomplete": "off",
                 **(attrs or {})}
        super().__init__(attrs=attrs, format=DATE_FORMAT)

    def format_value(self, value):
        # A link's ISO date (?due_min=2026-01-01) is shown as the app writes dates; anything
        # else typed stays as typed, for the person to correct.
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            try:
                value = date.fromisoformat(value.strip())
            except ValueError:
                pass
        return super().format_value(value)


class DateRangeInput(forms.MultiWidget):
    """Two dates, from and to, for a django-filter range (``<name>_min``, ``<name>_max``)."""

    def __init__(self, attrs=None):
        super().__init__({
            "min": DateInput(attrs={"class": "form-control", "aria-label": _("Từ ngày")}),
            "max": DateInput(attrs={"class": "form-control", "aria-label": _("Đến ngày")}),
        }, attrs)

    def decompress(self, value):
        return [value.start, value.stop] if value else [None, None]


class MonthInput(forms.MultiWidget):
    """A month as two selects, month and year, for a DateField whose ``input_formats`` is
    ``["%Y-%m"]``: <input type=month> is missing in Firefox and Safari. A single
    ``<name>=YYYY-MM`` (a link, or a form of before) is read as well."""

    years_back = 3

    def __init__(self, attrs=None):
        super().__init__({"month": forms.Select(),
                          "year": forms.Select(attrs={"aria-label": _("Năm")})}, attrs)

    def decompress(self, value):
        if hasattr(value, "month"):
            return [value.month, value.year]
        year, _dash, month = str(value or "").partition("-")
        return [month.lstrip("0") or None, year or None]

    def get_context(self, name, value, attrs):
        # The years offered: a few back from this one, the next, and whatever is chosen.
        this_year = timezone.localdate().year
        years = set(range(this_year - self.years_back, this_year + 2))
        chosen = (value if isinstance(value, list | tuple) else self.decompress(value))[1]
        if _digits(chosen):
            years.add(int(chosen))
        self.widgets[0].choices = [(m, _("Tháng %(month)s") % {"month": m}) for m in range(1, 13)]
        self.widgets[1].choices = [(y, str(y)) for y in sorted(years, reverse=True)]
        context = super().get_context(name, value, attrs)
        # The field's label names the month select (it takes the field's id); the year
        # select says what it is itself.
        month = context["widget"]["subwidgets"][0]["attrs"]
        if "id" in month:
            month["id"] = context["widget"]["attrs"]["id"]
        else:
            month["aria-label"] = _("Tháng")
        return context

    def id_for_label(self, id_):
        return id_

    def render(self, name, value, attrs=None, renderer=None):
        return format_html('<div class="input-group month-input">{}</div>',
                           super().render(name, value, attrs, renderer))

    def value_from_datadict(self, data, files, name):
        month, year = (data.get(name + suffix) for suffix in self.widgets_names)
        if month is None and year is None:
            return data.get(name)
        if _digits(month) and _digits(year):
            return f"{int(year):04d}-{int(month):02d}"
        return f"{year}-{month}"  # not a month: the field says so

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)


class MemberSearchMixin:
    """A select of a union's members searched as one types ([data-search], the union's
    member search URL): only the chosen members are written into the page, the others come
    from the search. The field's queryset still decides what may be chosen."""

    def __init__(self, attrs=None, *, search_url=""):
        super().__init__(attrs={"data-search": search_url, **(attrs or {})})

    def offered(self, chosen):
        chosen = [v for v in chosen if _digits(v)]
        choices = self.choices
        if hasattr(choices, "queryset"):  # a ModelChoiceIterator: read the chosen rows only
            if not chosen:
                empty = choices.field.empty_label
                return [] if empty is None else [("", empty)]
            choices = copy.copy(choices)
            choices.queryset = choices.queryset.filter(pk__in=chosen)
        return choices

    def optgroups(self, name, value, attrs=None):
        original, self.choices = self.choices, self.offered(value)
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = original


class MemberSelect(MemberSearchMixin, QuickSelect):
    pass


class MemberSelectMultiple(MemberSearchMixin, forms.SelectMultiple):
    pass
