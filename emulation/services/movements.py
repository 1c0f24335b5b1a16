"""Movements, registrations for emulation, initiatives, and the discipline and absence
records that decide eligibility."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.models import (
    Absence,
    AwardType,
    Discipline,
    Initiative,
    Movement,
    PriorService,
    Registration,
)
from union.models import Member, UnionGroup


@transaction.atomic
def movement_save(*, movement: Movement) -> Movement:
    movement.full_clean()
    movement.save()
    return movement


@transaction.atomic
def registration_submit(
    *, movement: Movement, titles, targets: str = "", member: Member | None = None,
    group: UnionGroup | None = None, today: date | None = None,
) -> Registration:
    """A member's (or a group's) registration, inside the movement's window only.

    A returned registration may be corrected and sent again; an approved one stays.
    """
    today = today or timezone.localdate()
    if not movement.is_open_on(today):
        raise ValidationError(_(
            "Phong trào “%(movement)s” nhận đăng ký từ %(opens)s đến %(closes)s; hôm nay không "
            "đăng ký được."
        ) % {"movement": movement.name, "opens": movement.registration_opens.strftime("%d/%m/%Y"),
             "closes": movement.registration_closes.strftime("%d/%m/%Y")})
    wanted = AwardType.Recipient.INDIVIDUAL if member else AwardType.Recipient.COLLECTIVE
    titles = list(titles)
    if not titles:
        raise ValidationError(_("Hãy chọn ít nhất một danh hiệu đăng ký."))
    if any(t.recipient != wanted or t.kind != AwardType.Kind.TITLE
           or t.union_id != movement.union_id for t in titles):
        raise ValidationError(_("Danh hiệu đã chọn không dành cho đối tượng này."))
    registrant = member or group
    if registrant.union_id != movement.union_id:
        raise ValidationError(_("Chỉ đoàn viên và tổ của công đoàn mình được đăng ký."))
    registration = Registration.objects.select_for_update(of=("self",)).filter(
        movement=movement, member=member, group=group).order_by("pk").first()
    if registration and registration.status == Registration.Status.APPROVED:
        raise ValidationError(_("Bản đăng ký đã được duyệt; không sửa được nữa."))
    registration = registration or Registration(
        union_id=movement.union_id, movement=movement, member=member, group=group)
    registration.targets, registration.status = targets, Registration.Status.SUBMITTED
    registration.return_reason = ""
    registration.save()
    registration.titles.set(titles, through_defaults={"union_id": registration.union_id})
    return registration


@transaction.atomic
def registration_decide(*, registration: Registration, approve: bool,
                        reason: str = "") -> Registration:
    """The board approves a registration, or returns it with a reason."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Registration.Status.SUBMITTED:
        raise ValidationError(_("Bản đăng ký này đã được xử lý (%(status)s).") % {
            "status": registration.get_status_display()})
    if not approve and not reason.strip():
        raise ValidationError(_("Cần ghi lý do trả lại bản đăng ký."))
    registration.status = (Registration.Status.APPROVED if approve
                           else Registration.Status.RETURNED)
    registration.return_reason = "" if approve else reason.strip()
    registration.save(update_fields=["status", "return_reason", "updated_at"])
    return registration


@transaction.atomic
def initiative_submit(*, initiative: Initiative, authors) -> Initiative:
    """A member submits an initiative (one or several authors, all of this union)."""
    authors = list(authors)
    if not authors:
        raise ValidationError(_("Sáng kiến cần ít nhất một tác giả."))
    if any(a.union_id != initiative.union_id for a in authors):
        raise ValidationError(_("Tác giả phải là đoàn viên của công đoàn mình."))
    if initiative.pk and Initiative.objects.get(pk=initiative.pk).status != \
            Initiative.Status.SUBMITTED:
        raise ValidationError(_("Hội đồng đã xét sáng kiến này; không sửa được nữa."))
    initiative.full_clean()
    initiative.save()
    initiative.authors.set(authors, through_defaults={"union_id": initiative.union_id})
    return initiative


@transaction.atomic
def initiative_decide(*, initiative: Initiative, status: str, decision_number: str = "",
                      decision_date: date | None = None, note: str = "") -> Initiative:
    """Record the initiative council's decision."""
    initiative.status, initiative.council_note = status, note
    initiative.decision_number, initiative.decision_date = decision_number, decision_date
    initiative.full_clean()
    initiative.save()
    return initiative


@transaction.atomic
def discipline_save(*, discipline: Discipline) -> Discipline:
    discipline.union_id = discipline.member.union_id
    discipline.full_clean()
    discipline.save()
    return discipline


@transaction.atomic
def prior_service_save(*, prior_service: PriorService) -> PriorService:
    """Months worked at the previous agency in the year of a transfer: the new agency rates
    the whole year (Nghị định 90/2020, Điều 20 khoản 1)."""
    prior_service.union_id = prior_service.member.union_id
    prior_service.full_clean()
    prior_service.save()
    return prior_service


def absence_save(*, absence: Absence) -> Absence:
    absence.union_id = absence.member.union_id
    absence.full_clean()
    absence.save()
    return absence
