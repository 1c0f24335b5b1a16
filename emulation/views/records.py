"""Discipline, absence and months at a previous agency: what decides a member's eligibility
at year end."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from emulation.forms.records import AbsenceForm, DisciplineForm, PriorServiceForm
from emulation.models import Absence, Discipline, PriorService
from emulation.permissions import can_read_member_records
from emulation.services import absence_save, discipline_save, prior_service_save
from plans.permissions import require
from plans.views import form_page
from union.models import Member
from union.permissions import can_manage_union, get_for_user_or_404, require_manage


def get_member_or_404(user, pk):
    return get_for_user_or_404(Member.objects.select_related("union", "group"), user, pk=pk)


def member_records_view(request, pk):
    member = get_member_or_404(request.user, pk)
    require(can_read_member_records(request.user, member))
    return render(request, "emulation/records_member.html", {
        "member": member, "union": member.union,
        "disciplines": Discipline.objects.for_user(request.user).filter(member=member),
        "absences": Absence.objects.for_user(request.user).filter(member=member),
        "prior_services": PriorService.objects.for_user(request.user).filter(member=member),
        "can_manage": can_manage_union(request.user, member.union),
    })


def discipline_create_view(request, pk):
    member = get_member_or_404(request.user, pk)
    return _record_form(
        request, member, DisciplineForm(request.POST or None, instance=Discipline(member=member)),
        lambda record: discipline_save(discipline=record),
        heading=_("Ghi kỷ luật: %(name)s"), done=_("Đã ghi quyết định kỷ luật của %(name)s."),
    )


def absence_create_view(request, pk):
    member = get_member_or_404(request.user, pk)
    return _record_form(
        request, member, AbsenceForm(request.POST or None, instance=Absence(member=member)),
        lambda record: absence_save(absence=record),
        heading=_("Ghi thời gian không làm việc: %(name)s"),
        done=_("Đã ghi thời gian không làm việc của %(name)s."),
    )


def prior_service_create_view(request, pk):
    member = get_member_or_404(request.user, pk)
    return _record_form(
        request, member,
        PriorServiceForm(request.POST or None, instance=PriorService(member=member)),
        lambda record: prior_service_save(prior_service=record),
        heading=_("Ghi thời gian công tác ở cơ quan cũ: %(name)s"),
        done=_("Đã ghi thời gian công tác ở cơ quan cũ của %(name)s."),
    )


def _record_form(request, member, form, save, *, heading, done):
    """Both records are entered by the board through the same steps."""
    require_manage(request.user, member.union)
    name = {"name": member.full_name}
    if request.method == "POST" and form.is_valid():
        try:
            save(form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done % name)
            return redirect("emulation:member-records", member.pk)
    return form_page(request, union=member.union, form=form, heading=heading % name,
                     back_url=reverse("emulation:member-records", args=[member.pk]),
                     back_label=member.full_name)
