"""The widgets the form renderer writes in Python (union/renderers.py) come out exactly as
Django's templates draw them, for every kind of value and attribute a form gives them."""

from datetime import date

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from union.renderers import FastRenderer
from union.widgets import DateInput, DateRangeInput, MonthInput

VALUES = [None, "", "0", 0, 12.5, "Nguyễn Văn <An> & \"Bình\" 'C'", mark_safe("<b>đã an toàn</b>"),
          date(2026, 12, 2), True]
ATTRS = [{}, {"class": "form-control", "required": True, "disabled": False, "min": 0,
              "aria-label": _("Từ ngày"), "data-x": "a\"b<c>", "placeholder": "dd/mm/yyyy"}]
WIDGETS = [
    forms.TextInput, forms.NumberInput, forms.EmailInput, forms.URLInput, forms.HiddenInput,
    forms.PasswordInput, forms.DateInput, forms.DateTimeInput, forms.TimeInput,
    forms.CheckboxInput, forms.Textarea, DateInput, forms.FileInput,
]


def both(widget, value, attrs=None):
    django = widget.render("field", value, attrs=attrs, renderer=DjangoTemplates())
    fast = widget.render("field", value, attrs=attrs, renderer=FastRenderer())
    return fast, django


@pytest.mark.parametrize("widget_class", WIDGETS, ids=lambda w: w.__name__)
@pytest.mark.parametrize("attrs", ATTRS, ids=["no-attrs", "attrs"])
def test_a_simple_widget_is_written_as_its_template_draws_it(widget_class, attrs):
    for value in VALUES:
        fast, django = both(widget_class(attrs=attrs), value, attrs={"id": "id_field"})
        assert fast == django, value


def test_a_row_of_inputs_is_written_as_the_multiwidget_template_draws_it():
    widget = DateRangeInput(attrs={"class": "x"})
    for value in (None, [date(2026, 1, 1), None], ["31/12/2026", "<x>"]):
        fast, django = both(widget, value, attrs={"id": "id_due"})
        assert fast == django
        assert fast.count("<input") == 2


def test_other_widgets_are_left_to_django():
    """A select, and a row holding one (the month picker), are drawn by Django's templates."""
    select = forms.Select(choices=[(1, "Một"), (2, "Hai")])
    assert both(select, 1) == (select.render("field", 1, renderer=DjangoTemplates()),) * 2
    month = MonthInput()
    fast, django = both(month, date(2026, 3, 1), attrs={"id": "id_month"})
    assert fast == django and "<select" in fast
