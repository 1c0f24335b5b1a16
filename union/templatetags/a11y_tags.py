"""Accessible names for form fields that show no label of their own on the page."""

from django import template

register = template.Library()


@register.filter
def aria_label(bound_field, text):
    """The field, its widget named ``text`` for screen readers: where a table's column or a
    card's heading already says what the box is for, a visible label would repeat it (and a
    hidden <label> is reported as hidden by the axe-core the browser tests run)."""
    bound_field.field.widget.attrs["aria-label"] = str(text)
    return bound_field


@register.filter
def labelled_by(bound_field, element_id):
    """The field's widget (every part of a range) named by the element ``element_id``."""
    return bound_field.as_widget(attrs={"aria-labelledby": element_id})
