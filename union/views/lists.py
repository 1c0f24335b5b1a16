"""The base of every table page: filterable, sortable, exportable, and paginated without
COUNT(*), so that a large list costs what a small one's does."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage
from django.db.models import QuerySet
from django_filters.views import FilterView
from django_tables2 import LazyPaginator, SingleTableMixin

from union.exports import export_response
from union.permissions import get_union_or_404

# No list holds this many rows: a page starting further on is past the end, whatever
# its number, and never reaches SQL (a 20-digit OFFSET overflows its integer).
MAX_OFFSET = 10**9


class BoundedPaginator(LazyPaginator):
    """LazyPaginator for page numbers and sizes typed into the address bar.

    A size outside ``1..max_per_page`` is the default size; a page number below 1 is the
    first page; a page past the end is the last one (found with the one COUNT(*) this
    paginator ever runs, on that rare path only).
    """

    default_per_page = 50
    max_per_page = 500

    def __init__(self, object_list, per_page, **kwargs):
        if not 1 <= per_page <= self.max_per_page:
            per_page = self.default_per_page
        super().__init__(object_list, per_page, **kwargs)

    def page(self, number):
        try:
            number = self.validate_number(number or 1)
        except EmptyPage:  # below 1
            number = 1
        if (number - 1) * self.per_page < MAX_OFFSET:
            try:
                return super().page(number)
            except EmptyPage:
                pass
        rows = self.object_list
        total = rows.count() if isinstance(rows, QuerySet) else len(rows)
        return super().page(max(1, -(-total // self.per_page)))


class TableListView(SingleTableMixin, FilterView):
    """The table class names its ``export_columns`` and the view its ``export_filename()``;
    ``?_export=xlsx`` (or ``csv``) exports the filtered rows, all of them, the XLSX under a
    title row (``export_caption``)."""

    paginator_class = BoundedPaginator
    table_pagination = {"per_page": BoundedPaginator.default_per_page}
    export_formats = ("xlsx", "csv")

    def get_table_data(self):
        # A page reads the columns its rows show (``page_fields`` of the table); an export
        # (render_to_response) reads whole rows.
        rows = super().get_table_data()
        fields = getattr(self.get_table_class(), "page_fields", ())
        return rows.only(*fields) if fields else rows

    def render_to_response(self, context, **kwargs):
        fmt = self.request.GET.get("_export")
        if fmt not in self.export_formats:
            return super().render_to_response(context, **kwargs)
        table_class = self.get_table_class()
        table = table_class(self.object_list, order_by=self.request.GET.get("sort") or None)
        return export_response(table=table, columns=table_class.export_columns, fmt=fmt,
                               filename=self.export_filename(),
                               caption=self.export_caption(table))

    def export_caption(self, table):
        return str(getattr(table, "export_title", ""))


class UnionListView(TableListView):
    """A table of one union's rows, the union loaded from the URL through the access check;
    ``allowed(user)`` says who may list."""

    def dispatch(self, request, union_pk):
        self.union = get_union_or_404(request.user, union_pk)
        if not self.allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, union_pk)

    def allowed(self, user):
        return True

    def export_caption(self, table):
        """"Công đoàn cơ sở Sở … – Danh sách đoàn viên": whose list, and which."""
        return f"{self.union.name} – {super().export_caption(table)}"

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "union": self.union}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "union": self.union}
