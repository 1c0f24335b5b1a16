"""Writes to emulation: atomic, keyword-only; views and commands call these."""

from emulation.services.awards import (
    award_problems,
    award_save,
    award_type_save,
    award_types_ensure,
)
from emulation.services.evaluations import (
    Counts,
    cap_allows,
    compute_metrics,
    compute_metrics_of,
    cycle_open,
    cycle_recompute,
    cycle_set_status,
    cycles_open,
    default_rules,
    evaluation_decide,
    evaluation_propose,
    evaluation_self_assess,
    level_problems,
    publish_problems,
    quota_allows,
    title_problems,
)
from emulation.services.movements import (
    absence_save,
    discipline_save,
    initiative_decide,
    initiative_submit,
    movement_save,
    registration_decide,
    registration_submit,
)
from emulation.services.reports import report_earliest_day, report_issue

__all__ = [
    "Counts", "absence_save", "award_problems", "award_save", "award_type_save",
    "award_types_ensure", "cap_allows", "compute_metrics", "compute_metrics_of", "cycle_open",
    "cycle_recompute", "cycles_open",
    "cycle_set_status", "default_rules", "discipline_save", "evaluation_decide",
    "evaluation_propose", "evaluation_self_assess", "initiative_decide", "initiative_submit",
    "level_problems", "movement_save", "publish_problems", "quota_allows",
    "registration_decide", "registration_submit", "report_earliest_day", "report_issue",
    "title_problems",
]
