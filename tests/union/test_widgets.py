"""The app's own inputs (union/widgets.py): dates as dd/mm/yyyy in every language, the month
as two selects, members chosen by searching."""

import importlib
import inspect
import pkgutil
from datetime import date

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

import emulation.forms
from plans.forms import CheckOpenForm
from union.forms import MemberForm, UnionScopedForm
from union.widgets import DateInput, MemberSelect


class DateForm(forms.Form):
    day = forms.DateField(widget=DateInput())


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(("typed", "day"), [
    ("02/12/2026", date(2026, 12, 2)),
    ("2/12/2026", date(2026, 12, 2)),
    ("02/12/26", date(2026, 12, 2)),
    ("02-12-2026", date(2026, 12, 2)),
    ("02.12.2026", date(2026, 12, 2)),
    ("2026-12-02", date(2026, 12, 2)),  # ISO, as links and older forms send it
])
def test_a_date_is_read_day_first_in_every_language(language, typed, day):
    with translation.override(language):
        form = DateForm({"day": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == day


def test_a_day_that_does_not_exist_is_refused_in_vietnamese_with_the_text_kept():
    with translation.override("vi"):
        form = DateForm({"day": "31/02/2026"})
        assert not form.is_valid()
        assert form.errors["day"] == ["Nhập một ngày hợp lệ."]
        assert 'value="31/02/2026"' in str(form["day"])


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_date_is_shown_day_first_in_a_text_field_with_a_calendar(language):
    with translation.override(language):
        html = str(DateForm(initial={"day": date(2026, 3, 5)})["day"])
    assert 'type="text"' in html
    assert 'value="05/03/2026"' in html
    assert "data-datepicker" in html
    assert 'placeholder="dd/mm/yyyy"' in html


def test_an_iso_date_from_a_link_is_shown_day_first():
    assert 'value="01/11/2026"' in str(DateForm({"day": "2026-11-01"})["day"])


def test_the_edit_form_shows_the_saved_dates_day_first(world):
    world.member.date_of_birth = date(1985, 9, 5)
    form = MemberForm(instance=world.member, union=world.union_a)
    html = str(form["date_of_birth"])
    assert 'value="05/09/1985"' in html
    assert "required" not in html  # a birth date may be left blank


def test_a_required_date_says_so_to_the_browser(world):
    from union.forms import TermForm
    assert " required" in str(TermForm(union=world.union_a)["start_date"])


def _form_classes():
    modules = ["union.forms", "plans.forms", "reminders.forms"] + [
        f"emulation.forms.{info.name}" for info in pkgutil.iter_modules(emulation.forms.__path__)]
    for name in modules:
        module = importlib.import_module(name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == name and issubclass(cls, forms.BaseForm):
                yield cls


def test_every_date_field_of_the_app_is_typed_day_first_with_a_calendar():
    """A DateField either has the app's DateInput or sits in a UnionScopedForm, which gives
    it one; none shows the browser's own date input."""
    found = []
    for cls in _form_classes():
        for name, field in cls.base_fields.items():
            if not isinstance(field, forms.DateField) or isinstance(field.widget, DateInput):
                continue
            if issubclass(cls, UnionScopedForm) and type(field.widget) is forms.DateInput:
                continue
            if cls is CheckOpenForm:  # a month: MonthInput
                continue
            found.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert not found, f"dates without the app's DateInput: {found}"


def test_the_month_is_two_selects_with_the_month_due_chosen():
    with translation.override("vi"):
        html = str(CheckOpenForm(initial={"month": date(2026, 11, 1)})["month"])
    assert 'type="month"' not in html
    assert '<select name="month_month"' in html and 'id="id_month"' in html
    assert '<option value="11" selected>Tháng 11</option>' in html
    assert '<select name="month_year"' in html and 'aria-label="Năm"' in html
    assert '<option value="2026" selected>2026</option>' in html


@pytest.mark.parametrize(("data", "month"), [
    ({"month_month": "3", "month_year": "2026"}, date(2026, 3, 1)),
    ({"month_month": "12", "month_year": "2025"}, date(2025, 12, 1)),
    ({"month": "2026-03"}, date(2026, 3, 1)),  # a link, or a form of before
])
def test_the_month_is_read_from_its_selects(data, month):
    form = CheckOpenForm(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["month"] == month


@pytest.mark.parametrize("data", [
    {"month_month": "13", "month_year": "2026"},
    {"month_month": "x", "month_year": "2026"},
    {"month_month": "²", "month_year": "2026"},
    {"month_month": "3"},
    {},
])
def test_a_month_that_is_not_one_is_refused_in_vietnamese(data):
    with translation.override("vi"):
        form = CheckOpenForm(data)
        assert not form.is_valid()
        str(form["month"])  # and the form shows again
    assert form.errors["month"]


def test_a_member_field_searches_the_union_and_writes_only_the_chosen_members(world):
    from plans.forms import TaskForm
    from plans.services import plan_create
    plan = plan_create(union=world.union_a, year=2026)
    form = TaskForm(instance=plan.tasks.model(plan=plan), union=world.union_a,
                    initial={"assignees": [world.member.pk]})
    html = str(form["assignees"])
    search = reverse("union:member-search", args=[world.union_a.pk])
    assert f'data-search="{search}"' in html and "multiple" in html
    assert world.member.full_name in html
    assert world.leader.full_name not in html and world.other.full_name not in html
    # What may be chosen is still the union's active members, whatever the page shows.
    form = TaskForm({"assignees": [world.leader.pk, world.b_member.pk]},
                    instance=plan.tasks.model(plan=plan), union=world.union_a)
    form.is_valid()
    assert "assignees" in form.errors


def test_a_member_select_ignores_chosen_values_that_are_not_ids(world):
    field = forms.ModelChoiceField(queryset=world.union_a.members.all(),
                                   widget=MemberSelect(search_url="/x/"))
    html = field.widget.render("member", ["abc", "9" * 30, str(world.member.pk)])
    assert world.member.full_name in html
