from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_filters.views import FilterView
from django_tables2 import LazyPaginator, SingleTableMixin

from union.exports import export_response
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

EXPORT_FORMATS = ("xlsx", "csv")


class MemberListView(SingleTableMixin, FilterView):
    """Members of one union, in Vietnamese name order, filterable and exportable.

    Paginated without COUNT(*) so that a large union's list costs the same as a small one's.
    """

    table_class = MemberTable
    filterset_class = MemberFilter
    paginator_class = LazyPaginator
    table_pagination = {"per_page": 50}
    template_name = "union/member_list.html"

    def dispatch(self, request, union_pk):
        self.union = get_union_or_404(request.user, union_pk)
        if not can_list_members(request.user, self.union):
            raise PermissionDenied
        return super().dispatch(request, union_pk)

    def get_queryset(self):
        return (
            Member.objects.for_user(self.request.user)
            .filter(union=self.union)
            .select_related("group")
        )

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "union": self.union}

    def render_to_response(self, context, **kwargs):
        fmt = self.request.GET.get("_export")
        if fmt in EXPORT_FORMATS:
            table = self.get_table_class()(
                self.object_list, order_by=self.request.GET.get("sort") or ("full_name",)
            )
            return export_response(
                table=table, columns=MemberTable.export_columns, fmt=fmt,
                filename=f"doan-vien-{self.union.pk}",
            )
        return super().render_to_response(context, **kwargs)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "union": self.union,
            "can_manage": can_manage_union(self.request.user, self.union),
        }


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
