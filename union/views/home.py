from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.templatetags.static import static

from union.models import BoardMembership, Member, UnionGroup
from union.permissions import access_for
from union.views.directory import grassroots_unions

HOME_UNIONS = 10


def home_context(request):
    """The home page's union part, a section for each role the user holds; the plans app
    adds the year's work to it and renders it."""
    access = access_for(request.user)
    context = {"access": access}
    member = access.member
    if access.is_admin or access.is_officer:
        # A province has some 1,500 unions: the home page shows the first few, the
        # directory the rest. Counting unions is cheap; their members are counted per row.
        unions = grassroots_unions(request.user)
        if member is not None:
            unions = unions.exclude(pk=member.union_id)
        context["unions"] = unions.order_by("path")[:HOME_UNIONS]
        context["union_count"] = unions.count()
    if access.board_union_id:
        context["board_union"] = member.union
        context["union_stats"] = union_stats(member.union)
    if access.led_group_ids:
        context["led_groups"] = UnionGroup.objects.filter(pk__in=access.led_group_ids).annotate(
            active_members=Count("members", filter=Q(members__status=Member.Status.ACTIVE)),
        ).select_related("leader", "deputy")
    if member is not None:
        context["my_group"] = (
            UnionGroup.objects.select_related("leader", "deputy").filter(pk=member.group_id).first()
        )
        context["my_seats"] = BoardMembership.objects.filter(member=member).select_related("term")
    return context


def union_stats(union):
    """Head counts for the board's dashboard, in one query."""
    active = Q(status=Member.Status.ACTIVE)
    return Member.objects.filter(union=union).aggregate(
        active=Count("pk", filter=active),
        women=Count("pk", filter=active & Q(gender=Member.Gender.FEMALE)),
        civil_servants=Count("pk", filter=active & Q(employment_type="cong_chuc")),
        public_employees=Count("pk", filter=active & Q(employment_type="vien_chuc")),
        contract=Count("pk", filter=active & Q(employment_type="hop_dong")),
        without_group=Count("pk", filter=active & Q(group__isnull=True)),
        left=Count("pk", filter=~active),
    )


@login_not_required
def favicon_view(request):
    """Browsers ask for /favicon.ico whatever the page links: send them the static one."""
    return redirect(static("img/favicon.ico"), permanent=True)
