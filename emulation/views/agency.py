"""The agency the union belongs to: its head and deputies over time, and its emulation
council year by year. Read by everyone of the union and the officers above; kept by the board."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.forms.agency import AgencyForm, AgencyLeaderForm, CouncilForm, seat_formset
from emulation.models import Agency, AgencyLeader, Council
from emulation.services import agency_leader_save, agency_save, council_save, default_seats
from plans.views import form_page
from union.permissions import (
    can_manage_union,
    get_for_user_or_404,
    get_union_or_404,
    require_manage,
)


def agency_view(request, union_pk):
    union = get_union_or_404(request.user, union_pk)
    agency = Agency.objects.filter(union=union).first()
    leaders, serving = [], set()
    if agency is not None:
        leaders = list(agency.leaders.select_related("member"))
        serving = set(agency.leaders.in_office(timezone.localdate()).values_list("pk", flat=True))
    return render(request, "emulation/agency.html", {
        "union": union, "agency": agency, "can_manage": can_manage_union(request.user, union),
        "leaders": [(leader, leader.pk in serving) for leader in leaders],
        "councils": Council.objects.filter(union=union).order_by("-year"),
    })


def agency_edit_view(request, union_pk):
    union = get_union_or_404(request.user, union_pk)
    require_manage(request.user, union)
    agency = Agency.objects.filter(union=union).first() or Agency(
        union=union, name=union.agency, place_name=union.place_name,
        letterhead_name=union.agency.upper())
    form = AgencyForm(request.POST or None, instance=agency, union=union)
    if request.method == "POST" and form.is_valid():
        try:
            agency_save(agency=form.instance, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu thông tin cơ quan."))
            return redirect(agency)
    return form_page(request, union=union, form=form, heading=_("Thông tin cơ quan"),
                     back_url=reverse("emulation:agency", args=[union.pk]),
                     back_label=_("Cơ quan, Hội đồng Thi đua – Khen thưởng"))


def leader_create_view(request, union_pk):
    union = get_union_or_404(request.user, union_pk)
    require_manage(request.user, union)
    agency = Agency.objects.filter(union=union).first()
    if agency is None:
        messages.error(request, _("Ghi thông tin cơ quan trước."))
        return redirect("emulation:agency-edit", union.pk)
    return _leader_form(request, AgencyLeader(agency=agency, union=union))


def leader_edit_view(request, pk):
    leader = get_for_user_or_404(AgencyLeader.objects.select_related("agency", "union"),
                                 request.user, pk=pk)
    require_manage(request.user, leader.union)
    return _leader_form(request, leader)


def _leader_form(request, leader):
    union = leader.union
    form = AgencyLeaderForm(request.POST or None, instance=leader, union=union)
    if request.method == "POST" and form.is_valid():
        try:
            agency_leader_save(leader=form.instance, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu %(leader)s.") % {"leader": leader})
            return redirect(leader)
    return form_page(
        request, union=union, form=form,
        heading=_("Sửa lãnh đạo cơ quan") if leader.pk else _("Thêm lãnh đạo cơ quan"),
        back_url=reverse("emulation:agency", args=[union.pk]),
        back_label=_("Cơ quan, Hội đồng Thi đua – Khen thưởng"),
        intro=_("Ghi cả thời gian giữ chức: quyết định của năm nào ghi tên người đứng đầu năm "
                "đó. Khi thay người, ghi ngày thôi giữ chức của người trước."))


def council_create_view(request, union_pk):
    union = get_union_or_404(request.user, union_pk)
    require_manage(request.user, union)
    agency = Agency.objects.filter(union=union).first()
    if agency is None:
        messages.error(request, _("Ghi thông tin cơ quan trước."))
        return redirect("emulation:agency-edit", union.pk)
    year = timezone.localdate().year
    council = Council(agency=agency, union=union, year=year)
    return _council_form(request, council, default_seats(agency, year))


def council_edit_view(request, pk):
    council = get_for_user_or_404(Council.objects.select_related("agency", "union"),
                                  request.user, pk=pk)
    require_manage(request.user, council.union)
    return _council_form(request, council, list(council.seats.all()))


def _council_form(request, council, seats):
    union = council.union
    form = CouncilForm(request.POST or None, instance=council, union=union)
    formset = seat_formset(request.POST or None, union=union, seats=seats)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            council_save(council=form.instance, seats=formset.seats(), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu %(council)s.") % {"council": council})
            return redirect(council)
    return render(request, "emulation/council_form.html", {
        "union": union, "council": council, "form": form, "formset": formset,
    })


def council_detail_view(request, pk):
    council = get_for_user_or_404(Council.objects.select_related("agency", "union"),
                                  request.user, pk=pk)
    seats = list(council.seats.select_related("member"))
    return render(request, "emulation/council_detail.html", {
        "union": council.union, "council": council, "seats": seats,
        "voting": sum(seat.votes for seat in seats),
        "meetings": council.meetings.select_related("cycle"),
        "can_manage": can_manage_union(request.user, council.union),
    })
