"""Who may do what with plans, tasks and checks; built on the roles of ``union.permissions``."""

from django.core.exceptions import PermissionDenied

from union.permissions import (
    access_for,
    can_list_members,
    can_manage_union,
    can_read_records,
    leads_group,
)


def can_log_check(user, group) -> bool:
    """The group's leader and deputy fill and submit its check (and an administrator)."""
    return access_for(user).is_admin or leads_group(user, group)


def can_list_checks(user, union) -> bool:
    """The board, the officers above, and group leaders (who see their own groups' checks)."""
    return can_list_members(user, union)


def can_read_reports(user, union) -> bool:
    """The board's dashboard: the board, admins, and upper-level officers (read-only)."""
    return can_read_records(user, union)


def is_assignee(user, task) -> bool:
    member = access_for(user).member
    return member is not None and any(m.pk == member.pk for m in task.assignees.all())


def can_report_progress(user, task) -> bool:
    """Assignees report on their own task; the board may report for them."""
    return is_assignee(user, task) or can_manage_union(user, task.union)


def can_see_reports(user, task) -> bool:
    """Progress notes and evidence: the assignees, the lead group's leader, the board."""
    return can_report_progress(user, task) or leads_group(user, task.lead_group)


def require(allowed: bool):
    if not allowed:
        raise PermissionDenied
