from functools import cache

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from emulation.documents import label_of
from emulation.models import UnionRating
from emulation.reports import LEVEL_FIELDS, TITLE_FIELDS
from union.links import SLOT, link_to
from union.templatetags.union_tags import dmy, escaped, vn_number

register = template.Library()


# A tally's count columns after "evaluated", in order: the levels, then the titles.
COUNTED = (*LEVEL_FIELDS.values(), "undecided", *TITLE_FIELDS)


@register.simple_tag
def tally_cells(tally):
    """A tally's ten count cells (the year report's groups, the roll-up's unions), each with
    its label for the phone's cards. Written in Python: the roll-up draws a hundred rows of
    them, which a template include per row made the larger part of the page's time."""
    return mark_safe("".join(  # noqa: S308 (labels escaped, numbers formatted)
        f"{head}{vn_number(getattr(tally, name))}</td>"
        for name, head in _tally_heads(get_language())))


@register.simple_tag
def rollup_rows(table, decidable):
    """The roll-up's rows, a union each: its name (a link to its report), its published
    counts or why they are withheld, its year's cycle, and its quality rating with the way to
    decide it (``decidable``: the unions whose rating this reader records). Written in Python
    like ``tally_cells``: a page shows a hundred unions."""
    words = _rollup_words(get_language())
    decide_url = link_to("emulation:rating-decide", SLOT)
    rows = []
    for row in table.rows:
        name = escaped(row.union.name)
        if row.has_report:
            name = f'<a href="{escaped(row.report_url)}">{name}</a>'
        withheld = words["withheld"] if row.cycle_status else "—"
        counts = (tally_cells(row.tally) if row.tally else
                  f'<td colspan="10" class="text-center text-muted withheld">{withheld}</td>')
        status = escaped(row.get_cycle_status_display())
        cycle = (f'<span class="badge text-bg-success">{status}</span>' if row.published else
                 f'<span class="badge text-bg-warning">{words["withheld"]}</span> '
                 f'<span class="small">{status}</span>' if row.cycle_status else
                 f'<span class="text-muted">{words["no_cycle"]}</span>')
        muted = "" if row.published else ' class="text-body-secondary"'
        rows.append(
            f'<tr{muted}><td class="wrap name" data-label="{words["union"]}">{name}</td>'
            f'{counts}<td data-label="{words["cycle"]}">{cycle}</td>'
            f'<td class="wrap rating" data-label="{words["rating"]}">'
            f"{_rating_cell(row.rating, row.union.pk in decidable, decide_url, words)}</td></tr>")
    return mark_safe("\n".join(rows))  # noqa: S308 (names escaped, labels escaped once)


def _rating_cell(rating, decidable, decide_url, words):
    """A union's own quality rating: not sent, or its self-score and level with the upper
    union's decision, the button to record it, or that it waits for one."""
    if rating is None or rating.status == UnionRating.Status.DRAFT:
        return f'<span class="text-muted">{words["not_sent"]}</span>'
    scored = escape(_("Tự chấm %(points)s") % {"points": vn_number(rating.total)})
    if rating.status == UnionRating.Status.DECIDED:
        decision = escape(_("QĐ số %(number)s ngày %(day)s") % {
            "number": rating.decision_number, "day": dmy(rating.decision_date)})
        outcome = (f'<span class="badge text-bg-success">{words["upper"]} '
                   f'{escape(rating.get_level_display())}</span> '
                   f'<span class="small">{decision}</span>')
    elif decidable:
        outcome = (f'<a class="btn btn-sm btn-primary no-print" href="'
                   f'{decide_url(rating.pk)}">{words["decide"]}</a>')
    else:
        outcome = f'<span class="badge text-bg-primary">{words["waiting"]}</span>'
    return (f'<a href="{escape(rating.get_absolute_url())}">{scored}</a> · '
            f"{escape(rating.get_self_level_display())}\n<div>{outcome}</div>")


@cache
def _rollup_words(language):
    """The roll-up rows' words in ``language`` (the active one when first asked), escaped."""
    return {key: escape(text) for key, text in {
        "union": _("Công đoàn"), "cycle": _("Đánh giá, xếp loại"),
        "rating": _("Xếp loại chất lượng CĐCS"), "withheld": _("Chưa công bố"),
        "no_cycle": _("Chưa mở đánh giá"), "not_sent": _("Chưa gửi"), "upper": _("Cấp trên:"),
        "decide": _("Ghi quyết định"), "waiting": _("Chờ cấp trên quyết định"),
    }.items()}


@register.simple_tag
def evaluation_rows(evaluations):
    """The year report's list of members: number, name, group, level (or "not decided") and
    titles, a row each, as the filed annex (documents.member_rows) words them; written in
    Python like ``tally_cells``: a union lists a hundred."""
    labels = _labels(get_language())
    rows = []
    for number, e in enumerate(evaluations, 1):
        level = (labels[LEVEL_FIELDS[e.level]] if e.level
                 else f'<span class="text-muted">{labels["undecided"]}</span>')
        titles = ", ".join(labels[name] for name in TITLE_FIELDS if getattr(e, f"title_{name}"))
        rows.append(f'<tr><td class="text-end">{number}</td><td class="wrap">'
                    f"{escaped(e.full_name)}</td><td class=\"wrap\">"
                    f'{escaped(e.group_name)}</td><td class="wrap">{level}</td>'
                    f'<td class="wrap">{titles}</td></tr>')
    return mark_safe("\n".join(rows))  # noqa: S308 (names escaped, labels escaped once)


@register.simple_tag
def summary_rows(summary, previous):
    """The year report's levels and titles (views.reports._summary_rows): this year's count,
    its share of the members rated, and beside it, if there was a ``previous`` year, that
    year's count and the change."""
    rows = []
    for label, then, now, share, change in summary:
        was = (f'<td class="text-end">{vn_number(then)}</td>', f'<td class="text-end">'
               f'{"+" if change > 0 else ""}{vn_number(change)}</td>') if previous else ("", "")
        rows.append(f'<tr><th scope="row" class="fw-normal wrap">{escaped(label)}</th>{was[0]}'
                    f'<td class="text-end fw-semibold">{vn_number(now)}</td><td class="text-end">'
                    f'{f"{vn_number(share)}%" if share is not None and now else ""}</td>'
                    f"{was[1]}</tr>")
    return mark_safe("\n".join(rows))  # noqa: S308 (labels escaped, numbers formatted)


@register.simple_tag
def point_rows(points):
    """The year report's action points: number and title, then the plan's occurrences of
    each, done, on time, late, overdue, and the completion."""
    rows = []
    for row in points:
        p = row.progress
        counts = "".join(f'<td class="text-end">{vn_number(n)}</td>'
                         for n in (p.total, p.done, p.on_time, p.late, p.overdue))
        rows.append(f'<tr><td class="wrap">{escaped(row.number)}. {escaped(row.title)}</td>'
                    f'{counts}<td class="text-end">{p.percent}%</td></tr>')
    return mark_safe("\n".join(rows))  # noqa: S308 (titles escaped, numbers formatted)


@cache
def _tally_heads(language):
    """(field, its opening ``<td>`` with the field's words as data-label), in column order."""
    labels = _labels(language)
    return tuple((name, f'<td class="text-end" data-label="{labels[name]}">')
                 for name in ("total", *COUNTED))


@cache
def _labels(language):
    """The words of each tally field (documents.label_of), escaped, in ``language`` (the
    active one when first asked)."""
    return {"total": escape(_("Được đánh giá")),
            **{name: escape(label_of(name)) for name in COUNTED}}
