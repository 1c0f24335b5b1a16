"""Writes to the year's plan and its points."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plans import defaults
from plans.models import (
    ActionPlan,
    ActionPoint,
    ScoringScheme,
    Task,
)
from plans.scoring import PLAN_FIELDS
from plans.services.tasks import task_save
from union.models import BOARD_SIGNER_TITLE, DocumentKind, Union, UnionGroup
from union.register import document_issue


@transaction.atomic
def plan_create(*, union: Union, year: int, copy_from: ActionPlan | None = None) -> ActionPlan:
    """A new plan for ``year``: the seed article's five points, or a copy of an earlier plan.

    A copy takes the points, the rules, the grounds and every task (moved by the years
    between), with its assignees who are still active members and groups still active; the
    scoring scheme is the new year's default (``ScoringScheme.for_year``). Either way the plan
    is a draft without a number: it takes one from the register when it is issued.
    """
    if ActionPlan.objects.filter(union=union, year=year).exists():
        raise ValidationError(_("Công đoàn đã có kế hoạch cho năm %(year)s.") % {"year": year})
    # The scheme follows the year, a copy's too: a 2026 copy of 2019 scores by Nghị định 335.
    plan = ActionPlan(union=union, year=year, subject=defaults.SUBJECT % {"year": year},
                      scoring_scheme=ScoringScheme.for_year(year))
    if copy_from is None:
        plan.purpose, plan.recipients = str(defaults.PURPOSE), str(defaults.RECIPIENTS)
        plan.grounds = defaults.plan_grounds(union, year)
        plan.save()
        ActionPoint.objects.bulk_create(
            ActionPoint(union=union, plan=plan, number=i, title=str(title), content=str(text))
            for i, (title, text) in enumerate(defaults.FIVE_POINTS, start=1)
        )
        return plan
    for name in ("purpose", "recipients", *PLAN_FIELDS, "cutoff_day"):
        setattr(plan, name, getattr(copy_from, name))
    plan.grounds = defaults.grounds_moved(copy_from.grounds, from_year=copy_from.year,
                                          to_year=year)
    if copy_from.signer and copy_from.signer.is_active:
        plan.signer = copy_from.signer
    plan.save()
    _copy_tasks(source=copy_from, plan=plan)
    return plan


def _copy_tasks(*, source: ActionPlan, plan: ActionPlan):
    years = plan.year - source.year
    points = {}
    for point in source.points.all():
        points[point.pk] = ActionPoint.objects.create(
            union=plan.union, plan=plan, number=point.number, title=point.title,
            content=point.content,
        )
    active_groups = set(UnionGroup.objects.active().filter(union=plan.union)
                        .values_list("pk", flat=True))
    tasks = source.tasks.filter(lead_group__in=active_groups).prefetch_related(
        "supporting_groups", "assignees",
    )
    for old in tasks:
        task = Task(
            union=plan.union, plan=plan, point=points[old.point_id], title=old.title,
            product=old.product, lead_group_id=old.lead_group_id,
            start_date=_shift_years(old.start_date, years),
            due_date=_shift_years(old.due_date, years), recurrence=old.recurrence,
            weight=old.weight,
        )
        task_save(
            task=task,
            supporting_groups=[g for g in old.supporting_groups.all() if g.pk in active_groups],
            assignees=[m for m in old.assignees.all() if m.is_active],
        )


def _shift_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def plan_save(*, plan: ActionPlan) -> ActionPlan:
    if plan.pk and not ActionPlan.objects.get(pk=plan.pk).is_editable:
        raise ValidationError(_("Kế hoạch đã kết thúc, không sửa được nữa."))
    plan.full_clean()
    plan.save()
    return plan


PLAN_STEPS = {
    ActionPlan.Status.ISSUED: (ActionPlan.Status.DRAFT,),
    ActionPlan.Status.CLOSED: (ActionPlan.Status.ISSUED,),
}


@transaction.atomic
def plan_issue(*, plan: ActionPlan, issued_on: date | None = None, signer_name: str = "",
               signer_title: str = BOARD_SIGNER_TITLE, by=None) -> ActionPlan:
    """Issue a draft plan: it takes the next KH number of ``issued_on``'s year (today by
    default) from the register, with its signer (the plan's, else the chair in office that
    day), subject and recipients; its document then prints them. Irreversible."""
    plan = (ActionPlan.objects.select_for_update(of=("self",))
            .select_related("union", "signer").get(pk=plan.pk))
    if plan.status != ActionPlan.Status.DRAFT:
        raise ValidationError(_("Kế hoạch đã được ban hành: mỗi kế hoạch chỉ cấp số một lần."))
    if not plan.tasks.exists():
        raise ValidationError(_("Kế hoạch chưa có nhiệm vụ nào; hãy giao nhiệm vụ trước "
                                "khi ban hành."))
    entry = document_issue(
        union=plan.union, kind=DocumentKind.PLAN, subject=plan.subject,
        issued_on=issued_on or timezone.localdate(),
        signer_name=signer_name or (plan.signer.full_name if plan.signer else ""),
        signer_title=signer_title, recipients=plan.recipients, source=plan, by=by,
    )
    plan.status = ActionPlan.Status.ISSUED
    plan.save(update_fields=["status", "updated_at"])
    plan.register_entry = entry
    return plan


PLAN_STEPS = {
    ActionPlan.Status.ISSUED: (ActionPlan.Status.DRAFT,),
    ActionPlan.Status.CLOSED: (ActionPlan.Status.ISSUED,),
}


@transaction.atomic
def plan_set_status(*, plan: ActionPlan, status: str, today: date | None = None,
                    by=None) -> ActionPlan:
    """Issue a draft plan (``plan_issue``, dated ``today``) or close an issued one."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status not in PLAN_STEPS.get(status, ()):
        raise ValidationError(_("Không thể chuyển kế hoạch từ “%(from)s” sang “%(to)s”.") % {
            "from": plan.get_status_display(), "to": ActionPlan.Status(status).label,
        })
    if status == ActionPlan.Status.ISSUED:
        return plan_issue(plan=plan, issued_on=today, by=by)
    plan.status = status
    plan.save(update_fields=["status", "updated_at"])
    return plan


@transaction.atomic
def point_save(*, point: ActionPoint) -> ActionPoint:
    if not point.plan.is_editable:
        raise ValidationError(_("Kế hoạch đã kết thúc, không sửa được nữa."))
    point.full_clean()
    point.save()
    return point
