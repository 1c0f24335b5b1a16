"""The agency, its leaders over time and its emulation council, as the board records them."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from emulation.models import Agency, AgencyLeader, Council, CouncilSeat
from union.models import BoardMembership, Member


@transaction.atomic
def agency_save(*, agency: Agency, by) -> Agency:
    agency.full_clean()
    agency._history_user = by
    agency.save()
    return agency


@transaction.atomic
def agency_leader_save(*, leader: AgencyLeader, by) -> AgencyLeader:
    """A head or deputy for a period; two heads may not overlap (one signs at a time)."""
    leader.union_id = leader.agency.union_id
    leader.full_clean()
    if leader.member_id and leader.member.union_id != leader.union_id:
        raise ValidationError(_("Chỉ chọn đoàn viên của công đoàn mình."))
    if leader.role == AgencyLeader.Role.HEAD:
        # Lock the agency so that two heads saved at once are checked one after the other.
        Agency.objects.select_for_update().get(pk=leader.agency_id)
        ends = leader.ended_on
        overlap = AgencyLeader.objects.filter(
            agency=leader.agency, role=AgencyLeader.Role.HEAD,
        ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=leader.started_on))
        if ends is not None:
            overlap = overlap.filter(started_on__lte=ends)
        if other := overlap.exclude(pk=leader.pk).first():
            raise ValidationError(_(
                "Cùng thời gian đã có Thủ trưởng %(name)s (từ %(start)s). Ghi ngày thôi giữ "
                "chức của người trước rồi thêm người mới.") % {
                "name": other.full_name, "start": other.started_on.strftime("%d/%m/%Y")})
    leader._history_user = by
    leader.save()
    return leader


@transaction.atomic
def council_save(*, council: Council, seats: list[CouncilSeat], by) -> Council:
    """The council of a year with its seats (replaced as a whole: the form edits them all).

    One chair, and the chair is the head (the council advises the head, who chairs it);
    members chosen from the union must be its own.
    """
    council.union_id = council.agency.union_id
    council.full_clean()
    if council.pk and council.meetings.exists():
        raise ValidationError(_("Hội đồng đã họp: không sửa danh sách thành viên được nữa "
                                "(biên bản và kết quả bỏ phiếu dựa trên danh sách này)."))
    chairs = [seat for seat in seats if seat.role == CouncilSeat.Role.CHAIR]
    if len(chairs) != 1:
        raise ValidationError(_("Hội đồng cần đúng một Chủ tịch Hội đồng (Thủ trưởng cơ quan)."))
    heads = {leader.full_name for leader in council.agency.leaders.filter(
        role=AgencyLeader.Role.HEAD, started_on__lte=date(council.year, 12, 31),
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=date(council.year, 1, 1)))}
    if heads and chairs[0].full_name not in heads:
        raise ValidationError(_("Chủ tịch Hội đồng là Thủ trưởng cơ quan trong năm %(year)s "
                                "(%(names)s).") % {"year": council.year,
                                                   "names": ", ".join(sorted(heads))})
    if not any(seat.votes for seat in seats):
        raise ValidationError(_("Hội đồng cần ít nhất một thành viên có quyền biểu quyết."))
    if any(seat.member_id and seat.member.union_id != council.union_id for seat in seats):
        raise ValidationError(_("Chỉ chọn đoàn viên của công đoàn mình."))
    council._history_user = by
    council.save()
    council.seats.all().delete()
    for order, seat in enumerate(seats):
        seat.pk, seat.union_id, seat.council, seat.order = None, council.union_id, council, order
    CouncilSeat.objects.bulk_create(seats)
    return council


def default_seats(agency: Agency, year: int) -> list[CouncilSeat]:
    """A new council's seats as the practice sets them: the head chairs; the deputies and
    the union's chair are vice-chairs; the rest the board fills in."""
    day = date(year, 1, 1)
    seats = []
    for leader in agency.leaders.in_office(day).order_by("role", "started_on"):
        role = (CouncilSeat.Role.CHAIR if leader.role == AgencyLeader.Role.HEAD
                else CouncilSeat.Role.VICE_CHAIR)
        seats.append(CouncilSeat(role=role, full_name=leader.full_name, member=leader.member,
                                 position=leader.title))
    chair = (BoardMembership.objects.filter(union_id=agency.union_id)
             .in_current_term(agency.union, day).filter(position=BoardMembership.Position.CHAIR)
             .serving().select_related("member").first())
    if chair and not any(seat.member_id == chair.member_id for seat in seats):
        seats.append(CouncilSeat(role=CouncilSeat.Role.VICE_CHAIR, full_name=chair.member.full_name,
                                 member=chair.member, position=_("Chủ tịch Công đoàn cơ sở")))
    elif chair:
        # The union's chair is already a deputy head: say so in the seat's position.
        seat = next(s for s in seats if s.member_id == chair.member_id)
        seat.position = _("%(position)s, Chủ tịch Công đoàn cơ sở") % {"position": seat.position}
    return seats


def member_choices(union):
    return Member.objects.filter(union=union).active().in_name_order()
