from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plans import documents
from plans.forms import PlanCreateForm, PlanForm, PlanIssueForm, PointForm
from plans.models import ActionPlan, ActionPoint, Task
from plans.queries import point_progress
from plans.services import plan_create, plan_issue, plan_save, plan_set_status, point_save
from plans.views import form_page
from union.models import DocumentKind
from union.permissions import (
    can_manage_union,
    can_read_records,
    get_for_user_or_404,
    get_union_or_404,
    require_manage,
)
from union.register import register_entries
from union.views.register import issue_page


def plan_list_view(request, union_pk):
    union = get_union_or_404(request.user, union_pk)
    # Each row shows the plan's code, which names the union.
    plans = list(ActionPlan.objects.filter(union=union).select_related("union").annotate(
        task_count=Count("tasks")))
    entries = register_entries(plans, DocumentKind.PLAN)
    for plan in plans:
        plan.register_entry = entries.get(plan.pk)
    return render(request, "plans/plan_list.html", {
        "union": union, "plans": plans, "can_manage": can_manage_union(request.user, union),
    })


def plan_create_view(request, union_pk):
    union = get_union_or_404(request.user, union_pk)
    require_manage(request.user, union)
    form = PlanCreateForm(request.POST or None, union=union)
    if request.method == "POST" and form.is_valid():
        try:
            plan = plan_create(union=union, year=form.cleaned_data["year"],
                               copy_from=form.cleaned_data["copy_from"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã tạo dự thảo kế hoạch năm %(year)s.") % {
                "year": plan.year})
            return redirect(plan)
    return form_page(request, union=union, form=form, heading=_("Lập kế hoạch mới"),
                     back_url=reverse("plans:plan-list", args=[union.pk]),
                     back_label=_("Kế hoạch"), submit_label=_("Tạo dự thảo"))


def plan_detail_view(request, pk):
    plan = get_for_user_or_404(ActionPlan, request.user, pk=pk)
    tasks = Task.objects.select_related("lead_group").prefetch_related(
        "supporting_groups", "assignees",
    ).order_by("due_date", "pk")
    points = plan.points.prefetch_related(Prefetch("tasks", queryset=tasks))
    progress = {pk: p for (_number, pk, _title), p in point_progress(plan).items()}
    return render(request, "plans/plan_detail.html", {
        "plan": plan, "union": plan.union, "can_manage": can_manage_union(request.user, plan.union),
        "can_read_register": can_read_records(request.user, plan.union),
        "points": [(point, progress.get(point.pk)) for point in points],
    })


def plan_edit_view(request, pk):
    plan = get_for_user_or_404(ActionPlan, request.user, pk=pk)
    require_manage(request.user, plan.union)
    form = PlanForm(request.POST or None, instance=plan, union=plan.union)
    if request.method == "POST" and form.is_valid():
        try:
            plan_save(plan=form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu kế hoạch."))
            return redirect(plan)
    return form_page(request, union=plan.union, form=form,
                     heading=_("Sửa kế hoạch năm %(year)s") % {"year": plan.year},
                     back_url=plan.get_absolute_url(), back_label=plan.label)


def plan_issue_view(request, pk):
    """Issue a draft plan: the date and signer, then its number from the register."""
    plan = get_for_user_or_404(ActionPlan.objects.select_related("union", "signer"),
                               request.user, pk=pk)
    require_manage(request.user, plan.union)
    if plan.status != ActionPlan.Status.DRAFT:
        messages.info(request, _("Kế hoạch đã được ban hành với số %(code)s.") % {
            "code": plan.code})
        return redirect(plan)
    form = PlanIssueForm(request.POST or None, union=plan.union,
                         initial={"signer_name": plan.signer.full_name if plan.signer else ""})
    if request.method == "POST" and form.is_valid():
        try:
            plan = plan_issue(plan=plan, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ban hành kế hoạch, số %(code)s.") % {
                "code": plan.code})
            return redirect(plan)
    return issue_page(
        request, union=plan.union, form=form,
        heading=_("Ban hành kế hoạch năm %(year)s") % {"year": plan.year},
        intro=_("Kế hoạch được vào sổ văn bản đi và lấy số tiếp theo của loại “Kế hoạch” trong "
                "năm ban hành, với trích yếu và nơi nhận ghi trong kế hoạch. Sau đó văn bản tải "
                "về in số, ngày và người ký; số đã cấp không thu hồi."),
        back_url=plan.get_absolute_url(), back_label=plan.label,
    )


@require_POST
def plan_status_view(request, pk):
    plan = get_for_user_or_404(ActionPlan, request.user, pk=pk)
    require_manage(request.user, plan.union)
    status = request.POST.get("status")
    try:
        plan_set_status(plan=plan, status=status)
    except (ValidationError, ValueError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [_("Thao tác không hợp lệ.")])))
    else:
        messages.success(request, _("Kế hoạch đã chuyển sang “%(status)s”.") % {
            "status": ActionPlan.Status(status).label})
    return redirect(plan)


def point_edit_view(request, pk):
    point = get_for_user_or_404(ActionPoint, request.user, pk=pk)
    require_manage(request.user, point.union)
    form = PointForm(request.POST or None, instance=point)
    if request.method == "POST" and form.is_valid():
        try:
            point_save(point=form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu nội dung %(number)s.") % {"number": point.number})
            return redirect(point)
    return form_page(request, union=point.union, form=form,
                     heading=_("Sửa nội dung %(number)s") % {"number": point.number},
                     back_url=point.plan.get_absolute_url(), back_label=point.plan.label)


def plan_docx_view(request, pk):
    plan = get_for_user_or_404(ActionPlan, request.user, pk=pk)
    return documents.plan_docx_response(plan)


def plan_pdf_view(request, pk):
    plan = get_for_user_or_404(ActionPlan, request.user, pk=pk)
    return documents.plan_pdf_response(plan)
