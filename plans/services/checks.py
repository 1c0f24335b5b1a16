"""Writes to the monthly checks: open, fill, save, submit, confirm, reopen."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.models import (
    ActionPlan,
    CheckEntry,
    MonthlyCheck,
    TaskOccurrence,
)
from plans.periods import check_window, month_label
from plans.scoring import ScoringRules, compute_score
from union.models import Member, UnionGroup
from union.versions import refuse_if_stale


def plan_of_year(union_id: int, year: int) -> ActionPlan | None:
    return ActionPlan.objects.filter(union_id=union_id, year=year).first()


@transaction.atomic
def check_open(*, group: UnionGroup, year: int, month: int, by,
               today: date | None = None, at: datetime | None = None) -> MonthlyCheck:
    """Open a group's check for a month, pre-filled from the month's task occurrences."""
    today = today or timezone.localdate()
    plan = plan_of_year(group.union_id, year)
    cutoff = plan.cutoff_day if plan else ActionPlan._meta.get_field("cutoff_day").default
    start, end = check_window(year, month, cutoff)
    if start > today:
        raise ValidationError(_("Tháng %(month)s chưa bắt đầu; chưa thể kiểm tra.") % {
            "month": month_label(year, month)})
    check = MonthlyCheck(
        union_id=group.union_id, group=group, year=year, month=month, period_start=start,
        period_end=end, rules=ScoringRules.of_plan(plan).as_dict(),
    )
    _sign(check, by=by, at=at)
    try:
        with transaction.atomic():
            check.save()
    except IntegrityError:
        raise ValidationError(_("Tổ %(group)s đã có phiếu kiểm tra tháng %(month)s.") % {
            "group": group, "month": month_label(year, month)}) from None
    _fill_entries(check)
    return check


def month_counts(*, union_id: int, members, start: date, end: date) -> dict:
    """Per member: occurrences due in [start, end] assigned, done, done on time. One query."""
    rows = (
        TaskOccurrence.objects.filter(union_id=union_id, due_date__range=(start, end),
                                      task__assignees__in=members)
        .values("task__assignees")
        .annotate(
            assigned=Count("pk"),
            done=Count("pk", filter=Q(completed_on__isnull=False)),
            on_time=Count("pk", filter=Q(completed_on__lte=F("due_date"))),
        )
    )
    return {row.pop("task__assignees"): row for row in rows}


def _fill_entries(check: MonthlyCheck):
    """Counts from the month's occurrences for every member of the group in that month.

    Entries that exist keep their remarks and the number of quality failures the leader
    judged; a new entry starts with every done product passing.
    """
    members = list(Member.objects.filter(group=check.group).filter(
        Q(status=Member.Status.ACTIVE) | Q(status_changed_on__gte=check.period_start),
        Q(joined_union_on__isnull=True) | Q(joined_union_on__lte=check.period_end),
    ))
    counts = month_counts(union_id=check.union_id, members=members,
                          start=check.period_start, end=check.period_end)
    existing = {e.member_id: e for e in check.entries.all()}
    rules = ScoringRules.from_dict(check.rules)
    new = []
    for member in members:
        entry = existing.get(member.pk)
        if entry is None:
            entry = CheckEntry(union_id=check.union_id, check_record=check, member=member)
            new.append(entry)
        failed = entry.done - entry.quality_passed
        numbers = counts.get(member.pk, {"assigned": 0, "done": 0, "on_time": 0})
        entry.assigned, entry.done, entry.on_time = (
            numbers["assigned"], numbers["done"], numbers["on_time"])
        entry.quality_passed = max(0, entry.done - failed)
        entry.score = _score(entry, rules)
    CheckEntry.objects.bulk_create(new)
    CheckEntry.objects.bulk_update(
        existing.values(), ["assigned", "done", "on_time", "quality_passed", "score"])


def _score(entry, rules):
    return compute_score(assigned=entry.assigned, done=entry.done, on_time=entry.on_time,
                         quality_passed=entry.quality_passed, rules=rules).value


def _sign(check, *, by, at=None, reason=""):
    """Who made the next save, why, and (for the demo's past years only) when."""
    check._history_user, check._change_reason = by, reason
    if at is not None:
        check._history_date = at


def _locked(check: MonthlyCheck, version: str | None = None) -> MonthlyCheck:
    """The check, locked for this transaction; refused if someone saved since ``version``."""
    current = MonthlyCheck.objects.select_for_update().get(pk=check.pk)
    refuse_if_stale(version, current.updated_at, _(
        "Phiếu kiểm tra này vừa được người khác lưu (lúc %(time)s) sau khi đồng chí mở trang "
        "nên thay đổi của đồng chí chưa được lưu. Nội dung đồng chí nhập vẫn ở trên trang, "
        "bản vừa lưu ghi dưới những ô khác nhau: lưu lần nữa để ghi đè bằng nội dung của "
        "đồng chí, hoặc tải lại trang để lấy bản mới."
    ))
    return current


def _require_editable(check: MonthlyCheck):
    if not check.is_editable:
        raise ValidationError(_(
            "Phiếu kiểm tra đang ở trạng thái “%(status)s”, không sửa được. Chỉ Ban Chấp hành "
            "mở lại được phiếu đã gửi hoặc đã xác nhận."
        ) % {"status": check.get_status_display()})


@transaction.atomic
def check_refill(*, check: MonthlyCheck, by, version: str | None = None) -> MonthlyCheck:
    """Take the counts again from the tasks (after late progress reports), keeping remarks."""
    check = _locked(check, version)
    _require_editable(check)
    plan = plan_of_year(check.union_id, check.year)
    check.rules = ScoringRules.of_plan(plan).as_dict()
    _sign(check, by=by)
    check.save()
    _fill_entries(check)
    return check


@transaction.atomic
def check_entries_save(*, check: MonthlyCheck, rows: dict, note: str, version: str,
                       by, at: datetime | None = None) -> MonthlyCheck:
    """Save the leader's figures and remarks; ``rows`` maps entry id → changed fields."""
    check = _locked(check, version)
    _require_editable(check)
    rules = ScoringRules.from_dict(check.rules)
    for entry in check.entries.select_related("member"):
        if entry.pk not in rows:
            continue
        for name, value in rows[entry.pk].items():
            setattr(entry, name, value)
        entry.score = _score(entry, rules)
        try:
            entry.full_clean(exclude=["union", "check_record", "member"])
        except ValidationError as error:
            raise ValidationError(f"{entry.member}: {' '.join(error.messages)}") from None
        entry.save()
    check.note = note
    _sign(check, by=by, at=at)
    check.save()
    return check


@transaction.atomic
def check_save(*, check: MonthlyCheck, rows: dict, note: str, version: str, by,
               step: str = "") -> MonthlyCheck:
    """The check page's buttons: save what the leader typed, then take the step pressed with
    it ("refill": the counts again from the tasks; "submit": send to the board). One
    transaction: a refused step saves nothing either, and the page keeps what was typed."""
    check = check_entries_save(check=check, rows=rows, note=note, version=version, by=by)
    if step == "refill":
        return check_refill(check=check, by=by)
    if step == "submit":
        return check_submit(check=check, by=by)
    return check


def _step(check, *, allowed, status, by, version=None, reason="", at=None, **fields):
    """Move the check to ``status``; ``at`` back-dates the step (the demo's past years)."""
    check = _locked(check, version)
    if check.status not in allowed:
        raise ValidationError(_(
            "Không thể chuyển phiếu từ “%(from)s” sang “%(to)s”."
        ) % {"from": check.get_status_display(), "to": MonthlyCheck.Status(status).label})
    check.status = status
    for name, value in fields.items():
        setattr(check, name, value)
    _sign(check, by=by, at=at, reason=reason)
    check.save()
    return check


@transaction.atomic
def check_submit(*, check: MonthlyCheck, by, version: str | None = None,
                 at: datetime | None = None) -> MonthlyCheck:
    """The leader sends the check to the board."""
    if not check.entries.exists():
        raise ValidationError(_("Phiếu chưa có đoàn viên nào để gửi."))
    return _step(check, allowed=(MonthlyCheck.Status.DRAFT, MonthlyCheck.Status.REOPENED),
                 status=MonthlyCheck.Status.SUBMITTED, by=by, version=version, at=at,
                 submitted_at=at or timezone.now())


@transaction.atomic
def check_confirm(*, check: MonthlyCheck, by, version: str | None = None,
                  at: datetime | None = None) -> MonthlyCheck:
    """The board confirms a submitted check; it is read-only from then on."""
    return _step(check, allowed=(MonthlyCheck.Status.SUBMITTED,),
                 status=MonthlyCheck.Status.CONFIRMED, by=by, version=version, at=at,
                 confirmed_at=at or timezone.now())


@transaction.atomic
def check_reopen(*, check: MonthlyCheck, reason: str, by,
                 at: datetime | None = None) -> MonthlyCheck:
    """The board hands a submitted or confirmed check back to the leader, saying why."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Cần ghi lý do mở lại phiếu kiểm tra."))
    return _step(check, allowed=(MonthlyCheck.Status.SUBMITTED, MonthlyCheck.Status.CONFIRMED),
                 status=MonthlyCheck.Status.REOPENED, by=by, reason=reason, at=at,
                 reopen_reason=reason, confirmed_at=None)
