from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from plans.filters import OccurrenceFilter
from plans.forms import ProgressForm, TaskForm
from plans.models import ActionPlan, ProgressReport, Task, TaskOccurrence
from plans.permissions import can_report_progress, can_see_reports, require
from plans.services import progress_report, task_save
from plans.tables import OccurrenceTable
from plans.views import form_page
from union.models import Member
from union.params import query_int
from union.permissions import (
    access_for,
    can_manage_union,
    get_for_user_or_404,
    require_manage,
)
from union.views.lists import UnionListView


def union_plans(union, only=()):
    """The union's plans, latest first: one per year, a handful in all (``only`` these
    columns, if given)."""
    plans = ActionPlan.objects.filter(union=union).order_by("-year")
    return list(plans.only(*only) if only else plans)


def chosen_year(request, years):
    """?year= if the union has a plan that year; else this year's plan, else the latest."""
    asked = query_int(request.GET, "year")
    today = timezone.localdate().year
    if asked in years:
        return asked
    return today if today in years or not years else years[0]


def chosen_plan(request, plans):
    year = chosen_year(request, [p.year for p in plans])
    return next((p for p in plans if p.year == year), None)


OCCURRENCE_LIST_FIELDS = (
    "union_id", "period_start", "due_date", "percent", "completed_on", "task__title",
    "task__product", "task__recurrence", "task__point__number", "task__lead_group__name",
    "task__plan__year", "task__plan__cutoff_day",
)


class TaskListView(UnionListView):
    """A year's tasks, one row per occurrence (each period is tracked on its own)."""

    table_class = OccurrenceTable
    filterset_class = OccurrenceFilter
    template_name = "plans/task_list.html"

    @cached_property
    def plans(self):
        return union_plans(self.union, only=("union", "year"))  # years, a link: not texts

    @cached_property
    def plan(self):
        return chosen_plan(self.request, self.plans)

    @cached_property
    def year(self):
        return self.plan.year if self.plan else timezone.localdate().year

    def get_queryset(self):
        return (
            TaskOccurrence.objects.for_user(self.request.user)
            .filter(union=self.union, task__plan__year=self.year)
            .with_status()
            .select_related("task__point", "task__lead_group", "task__plan")
            # What the rows and the export show (plans.tables.OccurrenceTable): a page reads
            # a quarter of the columns of four tables otherwise.
            .only(*OCCURRENCE_LIST_FIELDS)
            .prefetch_related(Prefetch("task__assignees", queryset=Member.objects.only(
                "family_name", "middle_name", "given_name")))
        )

    def export_filename(self):
        return f"nhiem-vu-{self.year}"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "year": self.year, "years": [p.year for p in self.plans],
            "plan": self.plan,
            "can_manage": can_manage_union(self.request.user, self.union),
        }


def task_create_view(request, plan_pk):
    plan = get_for_user_or_404(ActionPlan, request.user, pk=plan_pk)
    point = plan.points.filter(number=query_int(request.GET, "point") or 0).first()
    task = Task(union=plan.union, plan=plan, point=point)
    return _task_form(request, plan, task)


def task_edit_view(request, pk):
    task = get_for_user_or_404(Task, request.user, pk=pk)
    return _task_form(request, task.plan, task)


def _task_form(request, plan, task):
    require_manage(request.user, plan.union)
    form = TaskForm(request.POST or None, instance=task, union=plan.union)
    if request.method == "POST" and form.is_valid():
        try:
            task_save(task=form.instance, supporting_groups=form.cleaned_data["supporting_groups"],
                      assignees=form.cleaned_data["assignees"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu nhiệm vụ “%(task)s”.") % {"task": task})
            return redirect(task)
    heading = _("Sửa nhiệm vụ") if task.pk else _("Giao nhiệm vụ mới")
    back = task if task.pk else plan
    return form_page(request, union=plan.union, form=form, heading=heading,
                     back_url=back.get_absolute_url(), back_label=str(back))


def task_detail_view(request, pk):
    task = get_for_user_or_404(
        Task.objects.select_related("point", "lead_group", "plan").prefetch_related(
            "assignees", "supporting_groups"),
        request.user, pk=pk,
    )
    show_reports = can_see_reports(request.user, task)
    reports = ProgressReport.objects.select_related("member") if show_reports else \
        ProgressReport.objects.none()
    occurrences = task.occurrences.with_status().prefetch_related(
        Prefetch("reports", queryset=reports))
    return render(request, "plans/task_detail.html", {
        "task": task, "union": task.union, "plan": task.plan, "occurrences": occurrences,
        "show_reports": show_reports,
        "can_report": can_report_progress(request.user, task),
        "can_manage": can_manage_union(request.user, task.union),
    })


def progress_view(request, pk):
    occurrence = get_for_user_or_404(
        TaskOccurrence.objects.select_related("task__plan", "task__union"), request.user, pk=pk,
    )
    task = occurrence.task
    require(can_report_progress(request.user, task))
    member = access_for(request.user).member
    require(member is not None)
    form = ProgressForm(request.POST or None, request.FILES or None,
                        initial={"percent": occurrence.percent})
    if request.method == "POST" and form.is_valid():
        try:
            progress_report(occurrence=occurrence, member=member, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ghi nhận tiến độ %(percent)s%%.") % {
                "percent": form.cleaned_data["percent"]})
            return redirect(occurrence)
    return form_page(
        request, union=task.union, form=form, back_url=occurrence.get_absolute_url(),
        back_label=task.title, heading=_("Báo cáo tiến độ: %(task)s") % {"task": occurrence},
        intro=_("Thời hạn %(due)s. Sản phẩm: %(product)s.") % {
            "due": occurrence.due_date.strftime("%d/%m/%Y"), "product": task.product},
    )


def evidence_view(request, pk):
    report = get_for_user_or_404(
        ProgressReport.objects.select_related("occurrence__task"), request.user, pk=pk,
    )
    require(can_see_reports(request.user, report.occurrence.task))
    if not report.evidence_file:
        raise Http404
    try:
        handle = report.evidence_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True,
                        filename=report.evidence_file.name.rsplit("/", 1)[-1])
