"""The year's plan, its tasks and their occurrences, the monthly checks, the CCHC index."""

from plans.models.cchc import CchcDomain, CchcIndex
from plans.models.checks import CheckEntry, MonthlyCheck
from plans.models.plans import ActionPlan, ActionPoint
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
    "ActionPlan", "ActionPoint", "CchcDomain", "CchcIndex", "CheckEntry", "MonthlyCheck",
    "ProgressReport", "Task", "TaskAssignee", "TaskOccurrence", "TaskStatus",
    "TaskSupportingGroup", "evidence_path",
]
