from functools import cache

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from emulation.documents import label_of
from emulation.reports import LEVEL_FIELDS, TITLE_FIELDS
from union.templatetags.union_tags import vn_number

register = template.Library()


# A tally's count columns after "evaluated", in order: the levels, then the titles.
COUNTED = (*LEVEL_FIELDS.values(), "undecided", *TITLE_FIELDS)


@register.simple_tag
def tally_cells(tally):
    """A tally's ten count cells (the year report's groups, the roll-up's unions), each with
    its label for the phone's cards. Written in Python: the roll-up draws a hundred rows of
    them, which a template include per row made the larger part of the page's time."""
    labels = _labels(get_language())
    return mark_safe("".join(  # noqa: S308 (labels escaped, numbers formatted)
        f'<td class="text-end" data-label="{labels[name]}">{vn_number(getattr(tally, name))}'
        "</td>" for name in ("total", *COUNTED)))


@register.simple_tag
def evaluation_rows(evaluations):
    """The year report's list of members: number, name, group, level (or "not decided") and
    titles, a row each, as the filed annex (documents.member_rows) words them; written in
    Python like ``tally_cells``: a union lists a hundred."""
    labels = _labels(get_language())
    rows = []
    for number, e in enumerate(evaluations, 1):
        group = e.member.group
        level = (labels[LEVEL_FIELDS[e.level]] if e.level
                 else f'<span class="text-muted">{labels["undecided"]}</span>')
        titles = ", ".join(labels[name] for name in TITLE_FIELDS if getattr(e, f"title_{name}"))
        rows.append(f'<tr><td class="text-end">{number}</td><td class="wrap">'
                    f"{escape(e.member.full_name)}</td><td class=\"wrap\">"
                    f'{escape(group.name) if group else ""}</td><td class="wrap">{level}</td>'
                    f'<td class="wrap">{titles}</td></tr>')
    return mark_safe("\n".join(rows))  # noqa: S308 (names escaped, labels escaped once)


@cache
def _labels(language):
    """The words of each tally field (documents.label_of), escaped, in ``language`` (the
    active one when first asked)."""
    return {"total": escape(_("Được đánh giá")),
            **{name: escape(label_of(name)) for name in COUNTED}}
