from django import template

from plans.models import TaskStatus
from plans.tables import status_badge

register = template.Library()


@register.filter
def task_status(value):
    """A task occurrence's status as the task list's coloured badge."""
    return status_badge(value, TaskStatus(value).label)
