"""The year's plan, its tasks and their occurrences, the monthly checks, the CCHC index."""

from plans.models.cchc import CchcDomain, CchcIndex
from plans.models.checks import GENERAL_CRITERIA, CheckEntry, CheckItem, MonthlyCheck
from plans.models.plans import (
    GENERAL_POINT_FIELDS,
    ND335_FIRST_YEAR,
    ActionPlan,
    ActionPoint,
    ScoringScheme,
)
from plans.models.tasks import (
    ProgressReport,
    Task,
    TaskAssignee,
    TaskOccurrence,
    TaskStatus,
    TaskSupportingGroup,
    evidence_path,
)

__all__ = [
    "GENERAL_CRITERIA", "GENERAL_POINT_FIELDS", "ND335_FIRST_YEAR", "ActionPlan", "ActionPoint",
    "CchcDomain", "CchcIndex", "CheckEntry", "CheckItem", "MonthlyCheck", "ProgressReport",
    "ScoringScheme", "Task", "TaskAssignee", "TaskOccurrence", "TaskStatus",
    "TaskSupportingGroup", "evidence_path",
]
