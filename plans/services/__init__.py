"""Writes to plans, tasks, checks and the CCHC index. Atomic and keyword-only; views and
commands call these, nothing else writes."""

from plans.services.cchc import cchc_domains_for, cchc_save
from plans.services.checks import (
    ITEM_FIELDS,
    check_confirm,
    check_entries_save,
    check_open,
    check_refill,
    check_reopen,
    check_save,
    check_submit,
    entry_fields,
    month_counts,
    month_products,
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
    "ITEM_FIELDS", "cchc_domains_for", "cchc_save", "check_confirm", "check_entries_save",
    "check_open", "check_refill", "check_reopen", "check_save", "check_submit", "entry_fields",
    "month_counts", "month_products",
    "occurrence_periods", "occurrences_sync", "plan_create", "plan_issue", "plan_of_year",
    "plan_save", "plan_set_status", "point_save", "progress_report", "task_save",
]
