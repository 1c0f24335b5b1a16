"""Writes to the monthly checks: open, fill, save, submit, confirm, reopen."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.models import (
    GENERAL_CRITERIA,
    ActionPlan,
    CheckEntry,
    CheckItem,
    MonthlyCheck,
    TaskAssignee,
    TaskOccurrence,
)
from plans.periods import check_window, month_label, period_key, period_label
from plans.scoring import GENERAL_LABELS, ScoringRules, entry_score
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
        period_end=end, rules=ScoringRules.of_plan(plan, year).as_dict(),
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


def month_products(*, union_id: int, members, start: date, end: date) -> list[dict]:
    """Per member, each occurrence due in [start, end] assigned to them, with its task's
    title, period, weight and number of people, and when it was done. One query."""
    sharing = (TaskAssignee.objects.filter(task=OuterRef("task")).order_by()
               .values("task").annotate(n=Count("pk")).values("n"))
    return list(
        TaskOccurrence.objects.filter(union_id=union_id, due_date__range=(start, end),
                                      task__assignees__in=members)
        .annotate(shared_by=Subquery(sharing))
        .values("pk", "task__assignees", "task__title", "task__recurrence", "task__weight",
                "task__plan__cutoff_day", "due_date", "completed_on", "shared_by")
        .order_by("due_date", "pk")
    )


def _fill_entries(check: MonthlyCheck):
    """The entries of every member of the group in that month, filled from the month's
    occurrences with a fixed number of queries however many members and tasks.

    Entries that exist keep what the leader judged (remarks, general deductions, failed
    quality checks); a new entry starts with every done product passing.
    """
    members = list(Member.objects.filter(group=check.group).filter(
        Q(status=Member.Status.ACTIVE) | Q(status_changed_on__gte=check.period_start),
        Q(joined_union_on__isnull=True) | Q(joined_union_on__lte=check.period_end),
    ))
    existing = {e.member_id: e for e in check.entries.all()}
    new = [CheckEntry(union_id=check.union_id, check_record=check, member=member)
           for member in members if member.pk not in existing]
    CheckEntry.objects.bulk_create(new)
    entries = {**existing, **{entry.member_id: entry for entry in new}}
    entries = {member.pk: entries[member.pk] for member in members}
    rules = ScoringRules.from_dict(check.rules)
    if rules.is_nd335:
        lines = _fill_items(check, entries, month_products(
            union_id=check.union_id, members=members, start=check.period_start,
            end=check.period_end))
        for entry in entries.values():
            _count(entry, lines.get(entry.pk, []))
            entry.score = entry_score(entry, rules, lines.get(entry.pk, []))
    else:
        counts = month_counts(union_id=check.union_id, members=members,
                              start=check.period_start, end=check.period_end)
        for member_id, entry in entries.items():
            failed = entry.done - entry.quality_passed
            numbers = counts.get(member_id, {"assigned": 0, "done": 0, "on_time": 0})
            entry.assigned, entry.done, entry.on_time = (
                numbers["assigned"], numbers["done"], numbers["on_time"])
            entry.quality_passed = max(0, entry.done - failed)
            entry.score = entry_score(entry, rules)
    CheckEntry.objects.bulk_update(
        entries.values(), ["assigned", "done", "on_time", "quality_passed", "score"])


def _fill_items(check: MonthlyCheck, entries: dict, rows: list[dict]) -> dict:
    """The product lines of the entries (member id → entry) from ``rows`` (``month_products``).

    What the task data says is taken again: the task's label, weight and people, whether the
    product is done, and a delay for a product done late (a line keeps a higher number of
    delays the leader recorded). What the leader judged stays: failed quality checks, the
    objective cause and the note. Lines of products no longer in the month go. Returns the
    lines by entry id.
    """
    existing = {(item.entry_id, item.occurrence_id): item
                for item in CheckItem.objects.filter(entry__check_record=check)}
    new, kept, lines = [], [], {}
    for row in rows:
        entry = entries[row["task__assignees"]]
        item = existing.pop((entry.pk, row["pk"]), None)
        if item is None:
            item = CheckItem(union_id=check.union_id, entry=entry, occurrence_id=row["pk"])
            new.append(item)
        else:
            kept.append(item)
        period = period_label(period_key(row["task__recurrence"], row["due_date"],
                                         row["task__plan__cutoff_day"]))
        done_on = row["completed_on"]
        item.label = f"{row['task__title']} ({period})" if period else row["task__title"]
        item.task_weight, item.shared_by = row["task__weight"], row["shared_by"] or 1
        item.done = done_on is not None
        item.delays = max(item.delays, int(item.done and done_on > row["due_date"]))
        lines.setdefault(entry.pk, []).append(item)
    current = {entry.pk for entry in entries.values()}
    CheckItem.objects.filter(pk__in=[item.pk for (entry_id, _occurrence), item
                                     in existing.items() if entry_id in current]).delete()
    CheckItem.objects.bulk_create(new)
    CheckItem.objects.bulk_update(kept, ["label", "task_weight", "shared_by", "done", "delays"])
    return lines


def _count(entry: CheckEntry, lines):
    """An ``nd335`` entry's counts, from its lines (for lists and the year's figures)."""
    entry.assigned = len(lines)
    entry.done = sum(1 for line in lines if line.done)
    entry.on_time = sum(1 for line in lines if line.done and (
        not line.delays or line.objective_cause))
    entry.quality_passed = sum(1 for line in lines if line.done and (
        not line.failed_checks or line.objective_cause))


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
    check.rules = ScoringRules.of_plan(plan, check.year).as_dict()
    _sign(check, by=by)
    check.save()
    _fill_entries(check)
    return check


# What the leader may change on an entry and on a product line, by scheme; other fields
# given for an entry are not the scheme's and are left alone.
SIMPLE_ENTRY_FIELDS = ("assigned", "done", "on_time", "quality_passed", "remark")
GENERAL_FIELDS = tuple(f"{code}_{name}" for code in GENERAL_CRITERIA
                       for name in ("deduction", "reason"))
ND335_ENTRY_FIELDS = (*GENERAL_FIELDS, "remark")
ITEM_FIELDS = ("done", "failed_checks", "delays", "objective_cause", "note")


def entry_fields(rules: ScoringRules) -> tuple[str, ...]:
    return ND335_ENTRY_FIELDS if rules.is_nd335 else SIMPLE_ENTRY_FIELDS


@transaction.atomic
def check_entries_save(*, check: MonthlyCheck, rows: dict, note: str, version: str,
                       by, at: datetime | None = None, items: dict | None = None
                       ) -> MonthlyCheck:
    """Save the leader's figures and remarks: ``rows`` maps entry id → changed fields,
    ``items`` product line id → changed fields (``nd335``). Every score is worked out again;
    a figure the rules refuse (a deduction without its reason…) saves nothing."""
    check = _locked(check, version)
    _require_editable(check)
    rules = ScoringRules.from_dict(check.rules)
    items = items or {}
    entries = list(check.entries.select_related("member").prefetch_related("items"))
    changed_lines = []
    for entry in entries:
        lines = list(entry.items.all())
        for name, value in rows.get(entry.pk, {}).items():
            if name in entry_fields(rules):
                setattr(entry, name, value)
        for line in lines:
            for name, value in items.get(line.pk, {}).items():
                if name in ITEM_FIELDS:
                    setattr(line, name, value)
            if line.pk in items:
                changed_lines.append(line)
        if entry.pk in rows or any(line.pk in items for line in lines):
            _refuse_wrong(entry, lines, rules)
        if rules.is_nd335:
            _count(entry, lines)
        entry.score = entry_score(entry, rules, lines)
    CheckEntry.objects.bulk_update(
        entries, [*SIMPLE_ENTRY_FIELDS, *GENERAL_FIELDS, "score"])
    CheckItem.objects.bulk_update(changed_lines, ITEM_FIELDS)
    check.note = note
    _sign(check, by=by, at=at)
    check.save()
    return check


def _refuse_wrong(entry: CheckEntry, lines, rules: ScoringRules):
    """A clear message naming the member for the first figure the rules refuse."""
    problems = []
    if rules.is_nd335:
        for code, maximum in rules.general_max.items():
            deduction = getattr(entry, f"{code}_deduction") or 0
            reason = getattr(entry, f"{code}_reason").strip()
            setattr(entry, f"{code}_reason", reason)
            criterion = GENERAL_LABELS[code]
            if not 0 <= deduction <= maximum:
                problems.append(_("điểm trừ tiêu chí “%(criterion)s” phải từ 0 đến %(max)s") % {
                    "criterion": criterion, "max": f"{maximum.normalize():f}".replace(".", ",")})
            elif deduction and not reason:
                problems.append(_("trừ điểm tiêu chí “%(criterion)s” phải ghi lý do") % {
                    "criterion": criterion})
        for line in lines:
            line.note = line.note.strip()
            if line.objective_cause and not line.note:
                problems.append(_("sản phẩm “%(label)s” có lý do khách quan thì phải ghi lý do "
                                  "vào ghi chú") % {"label": line.label})
    if not problems:
        try:
            entry.full_clean(exclude=["union", "check_record", "member"])
        except ValidationError as error:
            problems = error.messages
    if problems:
        raise ValidationError(
            f"{entry.member}: {'; '.join(problem.rstrip('.') for problem in problems)}.")


@transaction.atomic
def check_save(*, check: MonthlyCheck, rows: dict, note: str, version: str, by,
               step: str = "", items: dict | None = None) -> MonthlyCheck:
    """The check page's buttons: save what the leader typed, then take the step pressed with
    it ("refill": the counts again from the tasks; "submit": send to the board). One
    transaction: a refused step saves nothing either, and the page keeps what was typed."""
    check = check_entries_save(check=check, rows=rows, note=note, version=version, by=by,
                               items=items)
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
