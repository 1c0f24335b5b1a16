"""Refusing a stale save: a form carries the ``updated_at`` its record had when the page was
opened; if the record has been saved since, the second save is refused and says when.

A form that comes back *without* its version (an old page, a hand-made request) is refused
too: it cannot show that it was opened after the last save, so saving it could undo that
save unseen. Forms pass what they received ("" when the field is missing); only code that
is not a form (commands, the demo data) passes None, meaning "do not check".

The refused page keeps what the user typed, and beside each field whose saved value now
differs it shows that newer value (``keep_beside``); the form then carries the new version,
so that saving again, knowingly, replaces the newer values with the user's.
"""

from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from union.templatetags.union_tags import vn_number


class StaleEdit(ValidationError):
    """A save refused because someone else saved the record after the form was loaded."""


def stale_message(sent: str | None, current, message: str) -> str | None:
    """Why a save must be refused, or None. ``message`` (with ``%(time)s``) when ``sent``
    is not ``current``'s ISO form; a message of its own when ``sent`` is empty."""
    if sent is None or current is None:
        return None
    if not sent:
        return missing_version_message()
    if sent != current.isoformat():
        return message % {"time": timezone.localtime(current).strftime("%H:%M %d/%m/%Y")}
    return None


def refuse_if_stale(sent: str | None, current, message: str):
    """Raise ``StaleEdit`` with ``stale_message`` when the record moved on since ``sent``."""
    if text := stale_message(sent, current, message):
        raise StaleEdit(text)


def keep_beside(form, newer: dict, version: str | None = None):
    """After a stale refusal: mark each field of the bound ``form`` whose value in ``newer``
    (as a form's initial data) differs from what the user sent; its bound field's ``newer``
    is that value in words. ``version`` replaces the one the form carried."""
    for name, value in newer.items():
        field = form.fields.get(name)
        if name != "version" and field and field.has_changed(value, form[name].data):
            form[name].newer = shown(field, value)
    if version is not None:
        form.data = form.data.copy()
        form.data[form.add_prefix("version")] = version


def shown(field, value) -> str:
    """A field's value as a person reads it: labels for choices, dd/mm/yyyy, 88,79."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(field, forms.ModelMultipleChoiceField):
        keys = [getattr(item, "pk", item) for item in value]
        return ", ".join(str(item) for item in field.queryset.filter(pk__in=keys))
    if isinstance(field, forms.ModelChoiceField):
        return str(field.queryset.filter(pk=getattr(value, "pk", value)).first() or "—")
    if isinstance(field, forms.MultipleChoiceField):
        labels = dict(field.choices)
        return ", ".join(str(labels.get(item, item)) for item in value)
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    if isinstance(field, forms.BooleanField):
        return _("Có") if value else _("Không")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int | float | Decimal):
        return vn_number(value)
    return str(value)


def missing_version_message() -> str:
    return _(
        "Chưa lưu: trang bạn gửi không cho biết bạn đã mở bản nào của hồ sơ này, nên có thể "
        "ghi đè lên thay đổi người khác vừa lưu. Xin tải lại trang rồi làm lại."
    )
