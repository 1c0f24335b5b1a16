from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from plans.models import TaskStatus
from plans.tables import status_badge

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
        details = "".join(f"<li>{conditional_escape(line)}</li>" for line in step.details)
        items.append(f"<li>{conditional_escape(step.text)}"
                     + (f'<ul class="ps-3">{details}</ul>' if details else "") + "</li>")
    return mark_safe(  # noqa: S308 (every line escaped)
        f'<ul class="small mb-0 ps-3 working">{"".join(items)}</ul>')
