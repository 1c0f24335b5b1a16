from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from union.filters import MemberFilter
from union.forms import MemberForm, MemberLeaveForm, ProfileForm
from union.history import history_entries
from union.models import Member
from union.permissions import (
    access_for,
    can_list_members,
    can_manage_union,
    get_for_user_or_404,
    get_union_or_404,
    require_manage,
)
from union.services import member_mark_left, member_save
from union.tables import MemberTable
from union.views.lists import UnionListView


class MemberListView(UnionListView):
    """Members of one union, in Vietnamese name order."""

    table_class = MemberTable
    filterset_class = MemberFilter
    template_name = "union/member_list.html"

    def allowed(self, user):
        return can_list_members(user, self.union)

    def get_queryset(self):
        return (
            Member.objects.for_user(self.request.user)
            .filter(union=self.union)
            .select_related("group")
        )

    def export_filename(self):
        return f"doan-vien-{self.union.pk}"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "can_manage": can_manage_union(self.request.user, self.union),
        }


# As many as a dropdown shows at once; typing more of the name narrows it.
SEARCH_LIMIT = 20


@require_GET
def member_search_view(request, union_pk):
    """The union's members whose name holds ``q`` (without accents: "ngoc" finds Ngọc), for
    the searching selects of members (union/widgets.py, static/js/inputs.js): at most
    SEARCH_LIMIT, in name order, each with their group. Active members only, unless
    ``all=1`` (a filter of old tasks).

    Whoever may read the union may search it: the pages with these selects (a task's
    assignees, an initiative's authors, the task list's filter) are open to all its members,
    and showed them the same names. Another union is a 404, like its pages."""
    union = get_union_or_404(request.user, union_pk)
    members = Member.objects.filter(union=union)
    if request.GET.get("all") != "1":
        members = members.active()
    text = request.GET.get("q", "").replace("\x00", "")[:100]  # PostgreSQL refuses NUL
    if text.strip():
        members = members.search(text)
    rows = members.in_name_order().select_related("group").only(
        "family_name", "middle_name", "given_name", "group__name")[:SEARCH_LIMIT]
    return JsonResponse({"results": [
        {"value": m.pk, "text": m.full_name, "group": m.group.name if m.group else ""}
        for m in rows
    ]})


def member_detail_view(request, pk):
    member = get_for_user_or_404(Member, request.user, pk=pk)
    return render(request, "union/member_detail.html", {
        "member": member, "union": member.union,
        "seats": member.board_memberships.select_related("term"),
        "history": history_entries(member),
        "can_manage": can_manage_union(request.user, member.union),
    })


def member_create_view(request, union_pk):
    union = get_union_or_404(request.user, union_pk)
    return _member_form(request, union, Member(union=union))


def member_edit_view(request, pk):
    member = get_for_user_or_404(Member, request.user, pk=pk)
    return _member_form(request, member.union, member)


def _member_form(request, union, member):
    require_manage(request.user, union)
    form = MemberForm(request.POST or None, instance=member, union=union)
    if request.method == "POST" and form.is_valid():
        member_save(member=form.instance, by=request.user)
        messages.success(request, _("Đã lưu đoàn viên %(name)s.") % {"name": form.instance})
        return redirect(form.instance)
    return render(request, "union/member_form.html", {
        "union": union, "form": form, "member": member,
    })


def member_leave_view(request, pk):
    member = get_for_user_or_404(Member, request.user, pk=pk)
    require_manage(request.user, member.union)
    if not member.is_active:
        messages.info(request, _("Đoàn viên này đã thôi sinh hoạt."))
        return redirect(member)
    form = MemberLeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member_mark_left(
                member=member, status=form.cleaned_data["status"], on=form.cleaned_data["on"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ghi nhận %(name)s thôi sinh hoạt.") % {"name": member})
            return redirect(member)
    return render(request, "union/member_leave.html", {
        "union": member.union, "member": member, "form": form,
    })


def profile_view(request):
    """"Hồ sơ của tôi": the member's own record, and the contact details they may change."""
    if access_for(request.user).member is None:
        return render(request, "union/profile_missing.html")
    member = get_for_user_or_404(Member, request.user, pk=access_for(request.user).member.pk)
    form = ProfileForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        member_save(member=form.instance, by=request.user)
        messages.success(request, _("Đã cập nhật thông tin liên hệ."))
        return redirect("union:profile")
    return render(request, "union/profile.html", {
        "member": member, "union": member.union, "form": form,
        "seats": member.board_memberships.select_related("term"),
    })
