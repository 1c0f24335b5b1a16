"""The directory of grassroots unions, for the system admin and the officers above them."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from union.filters import UnionFilter
from union.models import Member, Union
from union.permissions import access_for
from union.tables import UnionTable
from union.views.lists import TableListView


def grassroots_unions(user):
    """The unions with none under them that the user may read, each with its active members
    counted. The count is a correlated subquery, so only the rows fetched are counted: a page
    of 50 does not aggregate a province's 100,000 members, as a JOIN and GROUP BY would."""
    active = (
        Member.objects.active().filter(union=OuterRef("pk"))
        .order_by().values("union").annotate(count=Count("pk")).values("count")
    )
    return (
        Union.objects.for_user(user).exclude(children__isnull=False)
        .annotate(active_members=Coalesce(Subquery(active), 0))
    )


class UnionDirectoryView(TableListView):
    """Grassroots unions, a page at a time: every one for the system admin, those under them
    for an upper-level officer; anyone else may not list unions."""

    table_class = UnionTable
    filterset_class = UnionFilter
    template_name = "union/union_list.html"

    def dispatch(self, request, *args, **kwargs):
        access = access_for(request.user)
        if not (access.is_admin or access.is_officer):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return grassroots_unions(self.request.user).select_related("parent").order_by("path")

    def export_filename(self):
        return "cong-doan-co-so"
