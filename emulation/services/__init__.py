"""Writes to emulation: atomic, keyword-only; views and commands call these."""

from emulation.services.agency import (
    agency_leader_save,
    agency_save,
    council_save,
    default_seats,
)
from emulation.services.awards import (
    award_problems,
    award_save,
    award_type_save,
    award_types_ensure,
)
from emulation.services.decisions import (
    ballots_record,
    council_meeting_save,
    deciding_body_name,
    decision_record,
    decision_revoke,
    group_meeting_save,
    proposal_submit,
    proposal_withdraw,
)
from emulation.services.evaluations import (
    compute_metrics,
    compute_metrics_of,
    cycle_open,
    cycle_recompute,
    cycle_set_status,
    cycles_open,
    evaluation_board_propose,
    evaluation_propose,
    evaluation_self_assess,
)
from emulation.services.movements import (
    absence_save,
    discipline_save,
    initiative_decide,
    initiative_submit,
    movement_save,
    prior_service_save,
    registration_decide,
    registration_submit,
)
from emulation.services.reports import report_earliest_day, report_issue, report_text_save
from emulation.services.rules import (
    CycleState,
    cap_limit,
    default_rules,
    level_problems,
    proposal_problems,
    publish_problems,
    quota_limits,
    suggested_level,
    title_problems,
)
from emulation.services.union_rating import (
    union_rating_decide,
    union_rating_return,
    union_rating_save,
    union_rating_submit,
)

__all__ = [
    "CycleState", "absence_save", "agency_leader_save", "agency_save", "award_problems",
    "award_save", "award_type_save", "award_types_ensure", "ballots_record", "cap_limit",
    "compute_metrics", "compute_metrics_of", "council_meeting_save", "council_save",
    "cycle_open", "cycle_recompute", "cycle_set_status", "cycles_open", "deciding_body_name",
    "decision_record", "decision_revoke", "default_rules", "default_seats", "discipline_save",
    "evaluation_board_propose", "evaluation_propose", "evaluation_self_assess",
    "group_meeting_save", "initiative_decide", "initiative_submit", "level_problems",
    "movement_save", "prior_service_save", "proposal_problems", "proposal_submit",
    "proposal_withdraw", "publish_problems", "quota_limits", "registration_decide",
    "registration_submit", "report_earliest_day", "report_issue", "report_text_save",
    "suggested_level", "title_problems", "union_rating_decide", "union_rating_return",
    "union_rating_save", "union_rating_submit",
]
