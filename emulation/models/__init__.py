"""Emulation: movements, registrations, initiatives, the award catalogue and awards,
discipline and absence records, and the year-end evaluation."""

from emulation.models.awards import Award, AwardType
from emulation.models.evaluations import (
    LEVEL_RANK,
    LEVEL_SHORT,
    Evaluation,
    EvaluationCycle,
    Level,
)
from emulation.models.movements import (
    Initiative,
    InitiativeAuthor,
    Movement,
    Registration,
    RegistrationTitle,
)
from emulation.models.records import Absence, Discipline
from emulation.models.union_rating import UnionRating

__all__ = [
    "LEVEL_RANK", "LEVEL_SHORT", "Absence", "Award", "AwardType", "Discipline", "Evaluation",
    "EvaluationCycle", "Initiative", "InitiativeAuthor", "Level", "Movement", "Registration",
    "RegistrationTitle", "UnionRating",
]
