"""Writes to plans, tasks, checks and the CCHC index. Atomic and keyword-only; views and
commands call these, nothing else writes."""

from plans.services.cchc import cchc_domains_for, cchc_save
from plans.services.checks import (
    check_confirm,
    check_entries_save,
    check_open,
    check_refill,
    check_reopen,
    check_save,
    check_submit,
    month_counts,
    plan_of_year,
)
from plans.services.plans import (
    plan_create,
    plan_issue,
    plan_save,
    plan_set_status,
    point_save,
)
from plans.services.tasks import occurrence_periods, occurrences_sync, progress_report, task_save

__all__ = [
    "cchc_domains_for", "cchc_save", "check_confirm", "check_entries_save", "check_open",
    "check_refill", "check_reopen", "check_save", "check_submit", "month_counts",
    "occurrence_periods", "occurrences_sync", "plan_create", "plan_issue", "plan_of_year",
    "plan_save", "plan_set_status", "point_save", "progress_report", "task_save",
]
