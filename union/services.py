"""Writes to the union's data. Each is atomic and keyword-only; views call these, nothing else."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from union.models import BoardMembership, Member, UnionGroup


@transaction.atomic
def member_save(*, member: Member, by) -> Member:
    """Create or update a member; the history records ``by`` as the author."""
    member._history_user = by
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def member_mark_left(*, member: Member, status: str, on: date, by) -> Member:
    """Record that a member left (transferred, retired, left): the record stays for history.

    Their login is switched off, and they stop leading a group.
    """
    if status == Member.Status.ACTIVE:
        raise ValidationError(_("Hãy chọn lý do thôi sinh hoạt."))
    if member.joined_union_on and on < member.joined_union_on:
        raise ValidationError(_("Ngày thôi sinh hoạt không thể trước ngày vào công đoàn."))
    member.status, member.status_changed_on = status, on
    member_save(member=member, by=by)
    for group in UnionGroup.objects.filter(union=member.union, leader=member):
        group.leader = None
        group_save(group=group, by=by)
    for group in UnionGroup.objects.filter(union=member.union, deputy=member):
        group.deputy = None
        group_save(group=group, by=by)
    for seat in BoardMembership.objects.serving().in_current_term(member.union, on).filter(
        member=member
    ):
        seat.ended_on = on
        board_membership_save(membership=seat, by=by)
    if member.user_id:
        member.user.is_active = False
        member.user.save(update_fields=["is_active"])
    return member


@transaction.atomic
def group_save(*, group: UnionGroup, by) -> UnionGroup:
    """Save a group; a leader or deputy who belongs to no group joins this one."""
    for person in (group.leader, group.deputy):
        if person is None:
            continue
        if person.union_id != group.union_id:
            raise ValidationError(_("Tổ trưởng, tổ phó phải là đoàn viên của công đoàn này."))
        if person.group_id and person.group_id != group.pk:
            raise ValidationError(
                _("%(name)s đang thuộc %(group)s.") % {"name": person, "group": person.group}
            )
    group._history_user = by
    group.full_clean()
    group.save()
    for person in (group.leader, group.deputy):
        if person is not None and person.group_id is None:
            person.group = group
            member_save(member=person, by=by)
    return group


@transaction.atomic
def board_membership_save(*, membership: BoardMembership, by) -> BoardMembership:
    if membership.member.union_id != membership.term.union_id:
        raise ValidationError(_("Ủy viên BCH phải là đoàn viên của công đoàn này."))
    membership.union_id = membership.term.union_id
    membership._history_user = by
    membership.full_clean()
    membership.save()
    return membership


IMPORTED_FIELDS = (
    "family_name", "middle_name", "given_name", "gender", "date_of_birth", "employment_type",
    "position", "department", "joined_union_on", "phone", "email",
)


@transaction.atomic
def members_import(*, union, rows, by) -> dict:
    """Create or update members from checked import rows: all of them, or none.

    A row matches an existing member of this union by card number, so importing the same
    file twice creates nobody twice. Empty cells never erase what is already recorded,
    and a row that changes nothing writes nothing (no empty history entries).
    """
    existing = {m.card_number: m for m in Member.objects.filter(
        union=union, card_number__in=[row["card_number"] for row in rows]
    )}
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for row in rows:
        member = existing.get(row["card_number"]) or Member(union=union)
        values = {key: row[key] for key in IMPORTED_FIELDS if row.get(key) not in (None, "")}
        if row.get("group"):
            values["group_id"] = row["group"]
        values["date_of_birth"] = _as_date(values.get("date_of_birth"))
        values["joined_union_on"] = _as_date(values.get("joined_union_on"))
        changed = [k for k, v in values.items() if v is not None and getattr(member, k) != v]
        if member.pk and not changed:
            counts["unchanged"] += 1
            continue
        for key in changed:
            setattr(member, key, values[key])
        member.card_number = row["card_number"]
        counts["updated" if member.pk else "created"] += 1
        member_save(member=member, by=by)
    return counts


def _as_date(value):
    return date.fromisoformat(value) if isinstance(value, str) else value
