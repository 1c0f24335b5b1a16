"""Emulation: movements, registrations, initiatives, the award catalogue and awards,
discipline and absence records, the year-end evaluation, and the agency whose head decides
with its council."""

from emulation.models.agency import Agency, AgencyLeader, Council, CouncilSeat
from emulation.models.awards import Award, AwardType, BallotBase, DecidingBody
from emulation.models.decisions import (
    Ballot,
    Candidacy,
    CouncilAttendance,
    CouncilMeeting,
    Decision,
    GroupMeeting,
)
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
from emulation.models.records import Absence, Discipline, PriorService
from emulation.models.report_text import YearReportText
from emulation.models.union_rating import UnionRating

__all__ = [
    "LEVEL_RANK", "LEVEL_SHORT", "Absence", "Agency", "AgencyLeader", "Award", "AwardType",
    "Ballot", "BallotBase", "Candidacy", "Council", "CouncilAttendance", "CouncilMeeting",
    "CouncilSeat", "DecidingBody", "Decision", "Discipline", "Evaluation", "EvaluationCycle",
    "GroupMeeting", "Initiative", "InitiativeAuthor", "Level", "Movement", "PriorService",
    "Registration", "RegistrationTitle", "UnionRating", "YearReportText",
]
