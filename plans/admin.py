from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from plans.models import (
    ActionPlan,
    ActionPoint,
    CchcDomain,
    CchcIndex,
    CheckEntry,
    MonthlyCheck,
    Task,
    TaskOccurrence,
)


class InlinesInUnionMixin:
    """Rows added inline belong to the parent's union (they carry ``union_id`` too)."""

    def save_formset(self, request, form, formset, change):
        for row in formset.save(commit=False):
            row.union_id = form.instance.union_id
            row.save()
        for row in formset.deleted_objects:
            row.delete()
        formset.save_m2m()


class PointInline(admin.TabularInline):
    model = ActionPoint
    extra = 0
    exclude = ["union"]


@admin.register(ActionPlan)
class ActionPlanAdmin(InlinesInUnionMixin, admin.ModelAdmin):
    list_display = ["year", "union", "code", "subject", "status", "issued_on"]
    list_filter = ["union", "status"]
    raw_id_fields = ["signer"]
    inlines = [PointInline]

    def has_delete_permission(self, request, obj=None):
        # A plan feeds the year's checks and evaluation: it closes, it is not deleted.
        return False


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["title", "union", "point", "lead_group", "due_date", "recurrence"]
    list_filter = ["union", "recurrence"]
    search_fields = ["title", "product"]
    # Assignees and supporting groups are join rows with their union (a through model): the
    # admin form leaves them out; the task page sets them (plans.services.task_save).
    raw_id_fields = ["plan", "point", "lead_group"]


@admin.register(TaskOccurrence)
class TaskOccurrenceAdmin(admin.ModelAdmin):
    """Each period of a task, as the task list shows them (the benchmark compares the two)."""

    list_display = ["task", "union", "period_start", "due_date", "percent", "completed_on"]
    list_filter = ["union", "task__plan__year", "task__lead_group"]
    list_select_related = ["task", "union"]
    raw_id_fields = ["task"]

    def has_add_permission(self, request):
        return False  # a task lays out its own periods (plans.services.task_save)


class EntryInline(admin.TabularInline):
    model = CheckEntry
    extra = 0
    exclude = ["union"]
    raw_id_fields = ["member"]


@admin.register(MonthlyCheck)
class MonthlyCheckAdmin(InlinesInUnionMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "union", "year", "month", "status"]
    list_filter = ["union", "status", "year"]
    raw_id_fields = ["group"]
    inlines = [EntryInline]

    def has_delete_permission(self, request, obj=None):
        return False


class DomainInline(admin.TabularInline):
    model = CchcDomain
    extra = 0
    exclude = ["union"]


@admin.register(CchcIndex)
class CchcIndexAdmin(InlinesInUnionMixin, admin.ModelAdmin):
    list_display = ["year", "union", "band", "rank"]
    list_filter = ["union"]
    inlines = [DomainInline]
