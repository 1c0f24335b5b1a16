from functools import cache

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from emulation.models import Level
from emulation.reports import LEVEL_FIELDS
from union.templatetags.union_tags import vn_number

register = template.Library()


@register.simple_tag
def tally_cells(tally):
    """A tally's ten count cells (the year report's groups, the roll-up's unions), each with
    its label for the phone's cards. Written in Python: the roll-up draws a hundred rows of
    them, which a template include per row made the larger part of the page's time."""
    values = (tally.total, *(n for _level, n in tally.levels()), tally.undecided,
              *(n for _title, n in tally.titles()))
    return mark_safe("".join(  # noqa: S308 (labels escaped, numbers formatted)
        f'<td class="text-end" data-label="{label}">{vn_number(n)}</td>'
        for label, n in zip(_tally_labels(get_language()), values, strict=True)))


@cache
def _tally_labels(language):
    """The cells' labels in ``language`` (the active one when first asked)."""
    return tuple(escape(label) for label in (
        _("Được đánh giá"), *(level.label for level in LEVEL_FIELDS), _("Chưa quyết định"),
        _("Lao động tiên tiến"), _("Chiến sĩ thi đua cơ sở"), _("Đoàn viên công đoàn xuất sắc"),
    ))


@register.simple_tag
def evaluation_rows(evaluations):
    """The year report's list of members: number, name, group, level (or "not decided") and
    titles, a row each, written in Python like ``tally_cells``: a union lists a hundred."""
    labels = _evaluation_labels(get_language())
    rows = []
    for number, e in enumerate(evaluations, 1):
        group = e.member.group
        level = (labels["levels"][e.level] if e.level
                 else f'<span class="text-muted">{labels["undecided"]}</span>')
        titles = ", ".join(labels[name] for name in ("ldtt", "cstdcs", "dvcdxs")
                           if getattr(e, f"title_{name}"))
        rows.append(f'<tr><td class="text-end">{number}</td><td class="wrap">'
                    f"{escape(e.member.full_name)}</td><td class=\"wrap\">"
                    f'{escape(group.name) if group else ""}</td><td class="wrap">{level}</td>'
                    f'<td class="wrap">{titles}</td></tr>')
    return mark_safe("\n".join(rows))  # noqa: S308 (names escaped, labels escaped once)


@cache
def _evaluation_labels(language):
    return {"levels": {level: escape(level.label) for level in Level},
            "undecided": escape(_("Chưa quyết định")), "ldtt": escape(_("Lao động tiên tiến")),
            "cstdcs": escape(_("Chiến sĩ thi đua cơ sở")),
            "dvcdxs": escape(_("Đoàn viên công đoàn xuất sắc"))}
