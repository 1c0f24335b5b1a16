from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from emulation.models import (
    Absence,
    Agency,
    AgencyLeader,
    Award,
    AwardType,
    Council,
    CouncilMeeting,
    Decision,
    Discipline,
    Evaluation,
    EvaluationCycle,
    Initiative,
    Movement,
    Registration,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """For looking only. These rows are written by the app's services, which check the
    rules a hand edit here would skip (one award per achievement, the registration and
    evaluation steps with their deadlines and quotas, the lock of a published year)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    """The union's catalogue of titles and forms: editable, like on its page in the app."""

    list_display = ["name", "union", "code", "kind", "recipient", "level", "is_active"]
    list_filter = ["union", "kind", "recipient", "level", "is_active"]
    search_fields = ["name"]

    def has_delete_permission(self, request, obj=None):
        # Awards and registrations name it: it is switched off (is_active), not deleted.
        return False


@admin.register(Movement)
class MovementAdmin(admin.ModelAdmin):
    list_display = ["name", "union", "year", "registration_opens", "registration_closes"]
    list_filter = ["union", "year"]
    search_fields = ["name"]

    def has_delete_permission(self, request, obj=None):
        return False  # its registrations feed the year's evaluation


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "union", "movement", "status", "submitted_at"]
    list_filter = ["union", "status", "movement__year"]
    list_select_related = ["movement", "member", "group", "union"]


@admin.register(Initiative)
class InitiativeAdmin(ReadOnlyAdmin):
    list_display = ["title", "union", "year", "status", "decision_number", "decision_date"]
    list_filter = ["union", "year", "status"]
    search_fields = ["title"]


@admin.register(Award)
class AwardAdmin(ReadOnlyAdmin):
    list_display = ["award_type", "member", "group", "union", "year", "decision_number",
                    "decision_date"]
    list_filter = ["union", "year"]
    list_select_related = ["award_type", "member", "group", "union"]
    search_fields = ["decision_number", "member__name_search"]


@admin.register(Discipline)
class DisciplineAdmin(ReadOnlyAdmin):
    list_display = ["member", "union", "level", "decided_on", "decision"]
    list_filter = ["union", "level"]
    list_select_related = ["member", "union"]


@admin.register(Absence)
class AbsenceAdmin(ReadOnlyAdmin):
    list_display = ["member", "union", "year", "months", "maternity"]
    list_filter = ["union", "year", "maternity"]
    list_select_related = ["member", "union"]


@admin.register(EvaluationCycle)
class EvaluationCycleAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "union", "year", "status", "published_at"]
    list_filter = ["union", "year", "status"]


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["member", "union", "cycle", "self_level", "proposed_level", "board_level",
                    "level"]
    list_filter = ["union", "cycle__year", "level"]
    list_select_related = ["member", "union", "cycle"]
    search_fields = ["member__name_search"]


@admin.register(Agency)
class AgencyAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["name", "union", "superior_name", "document_code"]


@admin.register(AgencyLeader)
class AgencyLeaderAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["full_name", "union", "role", "title", "started_on", "ended_on"]
    list_filter = ["union", "role"]


@admin.register(Council)
class CouncilAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "union", "year", "established_by"]
    list_filter = ["union", "year"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    """The decisions of the bodies that decide, as the board recorded them."""

    list_display = ["number", "union", "decided_on", "kind", "body", "signer_name"]
    list_filter = ["union", "body", "kind"]
    list_select_related = ["union"]
    search_fields = ["number"]


@admin.register(CouncilMeeting)
class CouncilMeetingAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "union", "cycle", "held_on"]
    list_filter = ["union"]
    list_select_related = ["union", "cycle"]
