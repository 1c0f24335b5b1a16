from functools import cache

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from plans.models import TaskStatus
from plans.tables import status_badge
from union.templatetags.union_tags import escaped, vn_number

register = template.Library()


@register.filter
def task_status(value):
    """A task occurrence's status as the task list's coloured badge."""
    return status_badge(value, TaskStatus(value).label)


@register.simple_tag
def working(steps):
    """A score's working (plans.scoring.Step): each line, and the lines under it. Written in
    Python: a check draws one for each of its thirty members."""
    items = []
    for step in steps:
        details = "".join(f"<li>{escaped(line)}</li>" for line in step.details)
        items.append(f"<li>{escaped(step.text)}"
                     + (f'<ul class="ps-3">{details}</ul>' if details else "") + "</li>")
    return mark_safe(  # noqa: S308 (every line escaped)
        f'<ul class="small mb-0 ps-3 working">{"".join(items)}</ul>')


# An equal-share check's counts, in the order of its columns.
COUNTS = ("assigned", "done", "on_time", "quality_passed")


@register.simple_tag
def check_rows(rows):
    """The rows of an equal-share check nobody may change now (CheckForms.members(): a
    member's saved line, its products, its working): the member, the counts, the remark and
    the score with its working. Written in Python like ``working``: a template pass per cell
    of thirty members cost more than the rest of the page."""
    words = _check_words(get_language())
    html = []
    for line, _items, steps, _band in rows:
        entry = line.instance
        counts = "".join(f'<td data-label="{words[name]}">{vn_number(getattr(entry, name))}</td>'
                         for name in COUNTS)
        score = "—" if entry.score is None else vn_number(entry.score)
        html.append(
            f'<tr id="entry-{entry.pk}" data-entry><td data-label="{words["member"]}">'
            f"{escaped(entry.member.full_name)}</td>{counts}"
            f'<td class="wrap" data-label="{words["remark"]}">{escaped(entry.remark)}</td>'
            f'<td class="text-end" data-label="{words["score"]}"><details><summary '
            f'class="check-score" aria-live="polite"><span data-score>{score}</span></summary>'
            f'<div class="text-start">{working(steps)}</div></details></td></tr>')
    return mark_safe("\n".join(html))  # noqa: S308 (names, remarks escaped; words once)


@cache
def _check_words(language):
    """The check table's column words in ``language`` (the active one when first asked)."""
    return {key: escape(text) for key, text in {
        "member": _("Đoàn viên"), "assigned": _("Được giao"), "done": _("Hoàn thành"),
        "on_time": _("Đúng hạn"), "quality_passed": _("Đạt chất lượng"),
        "remark": _("Nhận xét tác phong, ý thức"), "score": _("Điểm"),
    }.items()}


@register.simple_tag
def month_rows(by_month, union, year, chart_max):
    """The dashboard's months: each month's tasks (a link to them), a bar of on time, late,
    overdue and pending, and the counts, the overdue ones a link too. Written in Python: a
    template pass per number of twelve months was most of the page's time. The bar's numbers
    are plain (an SVG length takes no thousands separator); the counts are shown in Vietnamese."""
    tasks = reverse("plans:task-list", args=[union.pk])
    html = []
    for (month_year, month), p, (start, end) in by_month:
        window = f"{tasks}?year={year}&due_min={start:%Y-%m-%d}&due_max={end:%Y-%m-%d}"
        overdue = (f'<a class="text-danger" href="{tasks}?year={year}&status=overdue'
                   f'&due_min={start:%Y-%m-%d}&due_max={end:%Y-%m-%d}">{vn_number(p.overdue)}</a>'
                   if p.overdue else "0")
        html.append(
            f'<tr><td><a href="{window}">{month:02d}/{month_year}</a></td>\n'
            f'      <td><svg width="100%" height="14" viewBox="0 0 {chart_max} 1" '
            f'preserveAspectRatio="none" role="img" aria-label="{p.on_time}/{p.total}">\n'
            f'        <rect x="0" y="0" width="{p.on_time}" height="1" fill="#198754"/>\n'
            f'        <rect x="{p.on_time}" y="0" width="{p.late}" height="1" fill="#ffc107"/>\n'
            f'        <rect x="{p.done}" y="0" width="{p.overdue}" height="1" fill="#dc3545"/>\n'
            f'        <rect x="{p.settled}" y="0" width="{p.pending}" height="1" fill="#dee2e6"/>\n'
            "      </svg></td>\n"
            f'      <td class="text-end">{vn_number(p.total)}</td><td class="text-end">'
            f'{vn_number(p.on_time)}</td><td class="text-end">{vn_number(p.late)}</td>'
            f'<td class="text-end">{overdue}</td></tr>')
    return mark_safe("\n    ".join(html))  # noqa: S308 (numbers, dates and a reversed URL)
