"""Movements and registrations for emulation; initiatives."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from emulation.filters import InitiativeFilter
from emulation.forms.movements import (
    InitiativeDecisionForm,
    InitiativeForm,
    MovementForm,
    RegistrationDecisionForm,
    RegistrationForm,
)
from emulation.models import AwardType, Initiative, Movement, Registration
from emulation.services import (
    initiative_decide,
    initiative_submit,
    movement_save,
    registration_decide,
    registration_submit,
)
from emulation.tables import InitiativeTable, RegistrationTable
from plans.permissions import can_read_reports, require
from plans.views import form_page
from plans.views.tasks import chosen_year
from union.exports import export_response
from union.models import Member, UnionGroup
from union.params import query_int
from union.permissions import (
    access_for,
    can_manage_union,
    get_for_user_or_404,
    get_union_or_404,
    leads_group,
    require_manage,
)
from union.views.lists import UnionListView


def member_of(user, union):
    """The user's own member record if they belong to ``union``, else None."""
    member = access_for(user).member
    return member if member is not None and member.union_id == union.pk else None


# Movements


def movement_list_view(request, union_pk):
    union = get_union_or_404(request.user, union_pk)
    years = list(Movement.objects.filter(union=union).order_by("-year")
                 .values_list("year", flat=True).distinct())
    year = chosen_year(request, years)
    movements = list(Movement.objects.filter(union=union, year=year)
                     .annotate(registration_count=Count("registrations")))
    member = member_of(request.user, union)
    mine = {}
    if member:
        mine = {r.movement_id: r for r in Registration.objects.filter(
            movement__in=movements, member=member)}
    return render(request, "emulation/movement_list.html", {
        "union": union, "year": year, "years": years, "today": timezone.localdate(),
        "movements": [(m, mine.get(m.pk)) for m in movements], "can_register": bool(member),
        "can_manage": can_manage_union(request.user, union),
    })


def movement_create_view(request, union_pk):
    union = get_union_or_404(request.user, union_pk)
    return _movement_form(request, union, Movement(union=union))


def movement_edit_view(request, pk):
    movement = get_for_user_or_404(Movement, request.user, pk=pk)
    return _movement_form(request, movement.union, movement)


def _movement_form(request, union, movement):
    require_manage(request.user, union)
    form = MovementForm(request.POST or None, instance=movement, union=union)
    if request.method == "POST" and form.is_valid():
        try:
            movement_save(movement=form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu phong trào “%(name)s”.") % {"name": movement.name})
            return redirect(movement)
    back = movement if movement.pk else None
    return form_page(
        request, union=union, form=form,
        heading=_("Sửa phong trào thi đua") if back else _("Phát động phong trào thi đua"),
        back_url=back.get_absolute_url() if back else reverse("emulation:movement-list",
                                                              args=[union.pk]),
        back_label=back.name if back else _("Phong trào thi đua"),
    )


def movement_registrations(user, movement):
    """The registrations the user may read, in the order of the printed list: the groups,
    then the members in Vietnamese name order."""
    return (
        Registration.objects.for_user(user).filter(movement=movement)
        .select_related("member__group", "group")
        .prefetch_related(Prefetch("titles", queryset=AwardType.objects.order_by("order")))
        .order_by(F("group__name").asc(nulls_last=True), "member__name_key", "pk")
    )


def movement_detail_view(request, pk):
    movement = get_for_user_or_404(Movement.objects.select_related("union"), request.user, pk=pk)
    union, user = movement.union, request.user
    registrations = movement_registrations(user, movement)
    if request.GET.get("_export") == "xlsx":
        return export_response(
            table=RegistrationTable(registrations), columns=RegistrationTable.export_columns,
            fmt="xlsx", filename=f"dang-ky-thi-dua-{movement.year}-{movement.pk}",
            caption=_("%(union)s – Đăng ký thi đua: %(movement)s") % {
                "union": union.name, "movement": movement.name},
        )
    can_manage = can_manage_union(user, union)
    member = member_of(user, union)
    led_groups = UnionGroup.objects.active().filter(
        union=union, pk__in=access_for(user).led_group_ids)
    by_group = {r.group_id: r for r in Registration.objects.filter(
        movement=movement, group__in=led_groups)}
    today = timezone.localdate()
    return render(request, "emulation/movement_detail.html", {
        "movement": movement, "union": union, "can_manage": can_manage, "today": today,
        "table": RegistrationTable(registrations, can_decide=can_manage),
        "is_open": movement.is_open_on(today),
        "criteria": [line for line in movement.criteria.splitlines() if line.strip()],
        "own": member and Registration.objects.filter(movement=movement, member=member).first(),
        "can_register": bool(member),
        "groups": [(g, by_group.get(g.pk)) for g in led_groups],
    })


# Registrations


def registrant_for(request, movement):
    """Who registers: the user themself, or with ``?group=`` a group the user leads (the
    board may register any group of its union)."""
    if "group" in request.GET:
        group_pk = query_int(request.GET, "group")
        if group_pk is None:
            raise Http404
        group = get_object_or_404(UnionGroup.objects.active().filter(union=movement.union_id),
                                  pk=group_pk)
        require(leads_group(request.user, group)
                or can_manage_union(request.user, movement.union))
        return None, group
    member = member_of(request.user, movement.union)
    require(member is not None)
    return member, None


def registration_create_view(request, pk):
    movement = get_for_user_or_404(Movement.objects.select_related("union"), request.user, pk=pk)
    member, group = registrant_for(request, movement)
    registration = Registration.objects.filter(
        movement=movement, member=member, group=group).prefetch_related("titles").first()
    recipient = AwardType.Recipient.INDIVIDUAL if member else AwardType.Recipient.COLLECTIVE
    locked = registration is not None and registration.status == Registration.Status.APPROVED
    initial = {}
    if registration:
        initial = {"titles": list(registration.titles.all()), "targets": registration.targets}
    form = RegistrationForm(None if locked else request.POST or None, initial=initial,
                            movement=movement, recipient=recipient)
    if request.method == "POST" and not locked and form.is_valid():
        try:
            registration = registration_submit(movement=movement, member=member, group=group,
                                               **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _(
                "Đã gửi bản đăng ký thi đua của %(who)s; chờ Ban Chấp hành duyệt."
            ) % {"who": registration.registrant})
            return redirect(registration)
    return render(request, "emulation/registration_form.html", {
        "movement": movement, "union": movement.union, "form": form,
        "registration": registration, "registrant": member or group, "locked": locked,
        "is_open": movement.is_open_on(timezone.localdate()),
    })


def registration_decide_view(request, pk):
    registration = get_for_user_or_404(
        Registration.objects.select_related("movement__union", "member__group", "group")
        .prefetch_related("titles"),
        request.user, pk=pk,
    )
    movement = registration.movement
    require_manage(request.user, movement.union)
    if registration.status != Registration.Status.SUBMITTED:
        messages.info(request, _("Bản đăng ký này đã được xử lý (%(status)s).") % {
            "status": registration.get_status_display()})
        return redirect(registration)
    # Reached from the "Trả lại" button (approving is one click on the list).
    form = RegistrationDecisionForm(request.POST or None,
                                    initial={"decision": RegistrationDecisionForm.RETURN})
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == form.APPROVE
        try:
            registration_decide(registration=registration, approve=approve,
                                reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = _("Đã duyệt bản đăng ký của %(who)s.") if approve else _(
                "Đã trả lại bản đăng ký của %(who)s.")
            messages.success(request, done % {"who": registration.registrant})
            return redirect(registration)
    return render(request, "emulation/registration_decide.html", {
        "registration": registration, "movement": movement, "union": movement.union,
        "form": form,
    })


# Initiatives


def visible_initiatives(user, union):
    """The board, administrators and the officers above read every initiative of the
    union; a member reads the ones they (co-)authored and the recognised ones."""
    initiatives = Initiative.objects.for_user(user).filter(union=union)
    if can_read_reports(user, union):
        return initiatives
    member = access_for(user).member
    authored = Initiative.authors.through.objects.filter(member=member).values("initiative_id")
    return initiatives.filter(Q(status=Initiative.Status.RECOGNISED) | Q(pk__in=authored))


def get_initiative_or_404(user, pk):
    initiative = get_for_user_or_404(Initiative.objects.select_related("union"), user, pk=pk)
    if not visible_initiatives(user, initiative.union).filter(pk=pk).exists():
        raise Http404
    return initiative


def can_submit_initiative(user, union):
    return member_of(user, union) is not None or can_manage_union(user, union)


def can_edit_initiative(user, initiative):
    member = access_for(user).member
    is_author = member is not None and initiative.authors.filter(pk=member.pk).exists()
    return is_author or can_manage_union(user, initiative.union)


class InitiativeListView(UnionListView):
    table_class = InitiativeTable
    filterset_class = InitiativeFilter
    template_name = "emulation/initiative_list.html"

    @cached_property
    def sees_all(self):
        return can_read_reports(self.request.user, self.union)

    def get_queryset(self):
        return visible_initiatives(self.request.user, self.union).prefetch_related(
            Prefetch("authors", queryset=Member.objects.in_name_order()))

    def export_filename(self):
        return f"sang-kien-{self.union.pk}"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs), "sees_all": self.sees_all,
            "can_submit": can_submit_initiative(self.request.user, self.union),
        }


initiative_list_view = InitiativeListView.as_view()


def initiative_create_view(request, union_pk):
    union = get_union_or_404(request.user, union_pk)
    require(can_submit_initiative(request.user, union))
    member = member_of(request.user, union)
    return _initiative_form(request, union, Initiative(union=union),
                            authors=[member] if member else [])


def initiative_edit_view(request, pk):
    initiative = get_initiative_or_404(request.user, pk)
    require(can_edit_initiative(request.user, initiative))
    if initiative.status != Initiative.Status.SUBMITTED:
        messages.info(request, _("Hội đồng đã xét sáng kiến này; không sửa được nữa."))
        return redirect(initiative)
    return _initiative_form(request, initiative.union, initiative,
                            authors=list(initiative.authors.all()))


def _initiative_form(request, union, initiative, authors):
    form = InitiativeForm(request.POST or None, instance=initiative, union=union,
                          initial={"authors": authors})
    if request.method == "POST" and form.is_valid():
        try:
            initiative_submit(initiative=form.instance, authors=form.cleaned_data["authors"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã gửi sáng kiến “%(title)s”.") % {
                "title": initiative.title})
            return redirect(initiative)
    back = initiative if initiative.pk else None
    return form_page(
        request, union=union, form=form,
        heading=_("Sửa sáng kiến") if back else _("Đăng ký sáng kiến"),
        back_url=back.get_absolute_url() if back else reverse("emulation:initiative-list",
                                                              args=[union.pk]),
        back_label=back.title if back else _("Sáng kiến"),
        submit_label=_("Lưu") if back else _("Gửi sáng kiến"),
    )


def initiative_detail_view(request, pk):
    initiative = get_initiative_or_404(request.user, pk)
    union = initiative.union
    return render(request, "emulation/initiative_detail.html", {
        "initiative": initiative, "union": union,
        "authors": initiative.authors.select_related("group").in_name_order(),
        "can_edit": initiative.status == Initiative.Status.SUBMITTED
        and can_edit_initiative(request.user, initiative),
        "can_decide": can_manage_union(request.user, union),
    })


def initiative_decide_view(request, pk):
    initiative = get_initiative_or_404(request.user, pk)
    require_manage(request.user, initiative.union)
    decided = initiative.status != Initiative.Status.SUBMITTED
    form = InitiativeDecisionForm(request.POST or None, initial={
        "status": initiative.status if decided else Initiative.Status.RECOGNISED,
        "decision_number": initiative.decision_number,
        "decision_date": initiative.decision_date, "council_note": initiative.council_note,
    })
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            initiative_decide(initiative=initiative, status=data["status"],
                              decision_number=data["decision_number"].strip(),
                              decision_date=data["decision_date"], note=data["council_note"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ghi kết quả xét sáng kiến: %(status)s.") % {
                "status": initiative.get_status_display()})
            return redirect(initiative)
    authors = ", ".join(a.full_name for a in initiative.authors.in_name_order())
    return form_page(
        request, union=initiative.union, form=form,
        heading=_("Kết quả xét sáng kiến “%(title)s”") % {"title": initiative.title},
        intro=_("Tác giả: %(authors)s. Năm %(year)s.") % {"authors": authors,
                                                          "year": initiative.year},
        back_url=initiative.get_absolute_url(), back_label=initiative.title,
        submit_label=_("Ghi kết quả"),
    )
