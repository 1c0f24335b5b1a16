from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from union.forms import GroupForm
from union.history import history_entries
from union.models import Member, UnionGroup
from union.permissions import (
    can_manage_union,
    can_see_group_members,
    get_for_user_or_404,
    get_union_or_404,
    require_manage,
)
from union.services import group_save


def group_list_view(request, union_pk):
    union = get_union_or_404(request.user, union_pk)
    groups = UnionGroup.objects.filter(union=union).annotate(
        active_members=Count("members", filter=Q(members__status=Member.Status.ACTIVE))
    ).select_related("leader", "deputy").order_by("-is_active", "name")
    return render(request, "union/group_list.html", {
        "union": union, "groups": groups, "can_manage": can_manage_union(request.user, union),
    })


def group_detail_view(request, pk):
    group = get_for_user_or_404(UnionGroup, request.user, pk=pk)
    show_members = can_see_group_members(request.user, group)
    members = (
        group.members.active().in_name_order() if show_members else Member.objects.none()
    )
    return render(request, "union/group_detail.html", {
        "group": group, "union": group.union, "members": members, "show_members": show_members,
        "can_manage": can_manage_union(request.user, group.union),
        "history": history_entries(group) if show_members else [],
    })


def group_create_view(request, union_pk):
    union = get_union_or_404(request.user, union_pk)
    return _group_form(request, union, UnionGroup(union=union))


def group_edit_view(request, pk):
    group = get_for_user_or_404(UnionGroup, request.user, pk=pk)
    return _group_form(request, group.union, group)


def _group_form(request, union, group):
    require_manage(request.user, union)
    form = GroupForm(request.POST or None, instance=group, union=union)
    if request.method == "POST" and form.is_valid():
        try:
            group_save(group=form.instance, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu tổ công đoàn."))
            return redirect(form.instance)
    return render(request, "union/group_form.html", {"union": union, "form": form, "group": group})
