import copy
from datetime import datetime
from urllib.parse import urlencode

import django_tables2 as tables
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from union.links import SLOT, link_to
from union.models import Member, OutgoingDocument, Union
from union.templatetags.union_tags import choice_labels, dmy, escaped, vn_number


class DateColumn(tables.DateColumn):
    """dd/mm/yyyy on the page; in exports the date itself (a moment: its local day), which
    the export writes as a date cell or as dd/mm/yyyy text."""

    def __init__(self, **kwargs):
        super().__init__(format="d/m/Y", **kwargs)

    def value(self, value):
        if isinstance(value, datetime):
            return timezone.localtime(value).date()
        return value or None

    def render(self, value):
        # The parent renders a small template per cell; dmy does the same, 10× faster.
        return dmy(value)


class LeanRows:
    """A table whose body is written in Python, a row at a time by ``row_cells(record)``.

    django-tables2 resolves each cell through several layers (accessor, choices, the render
    method's signature, the cell's attributes) and a template row repeats its tags and
    translated labels for every cell: on a list of 50 that cost more than the rest of the page
    (docs/benchmarks.md). The cells are the default rendering's (tests/test_lean_rendering.py):
    each ``<td>`` with its column's attributes and its header as data-label, for the phone's
    cards (templates/django_tables2/cards.html). The head row is written here too, and the
    template (django_tables2/lean.html) is one flat file: no footer, the app's pager."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.base_columns = _CopiedShallow(cls.base_columns)

    def before_render(self, request):
        super().before_render(request)
        self.shown_for = request

    def head_html(self):
        """The head row as django-tables2's template writes it: each column's header, a link
        that sorts by it where it sorts (the page's query with the column's next order)."""
        params = dict(self.shown_for.GET)
        heads = []
        for th, header, next_order, _td in self._cells:
            if next_order is not None:
                query = {**params, self.prefixed_order_by_field: next_order}
                header = f'<a href="{escape("?" + urlencode(query, doseq=True))}">{header}</a>'
            heads.append(f"{th}{header}</th>")
        return mark_safe(f"<thead><tr>{''.join(heads)}</tr></thead>")  # noqa: S308 (escaped)

    def body_html(self):
        heads = [td for *_head, td in self._cells]
        rows = [
            "<tr>" + "".join(f"{head}{'' if cell is None else escaped(cell)}</td>"
                             for head, cell in zip(heads, self.row_cells(row.record),
                                                   strict=True)) + "</tr>"
            for row in self.paginated_rows
        ]
        if not rows and self.empty_text:
            rows = [f'<tr><td colspan="{len(heads)}">{conditional_escape(self.empty_text)}'
                    "</td></tr>"]
        return mark_safe("\n".join(rows))  # noqa: S308 (every cell escaped above)

    def row_cells(self, record):
        raise NotImplementedError

    @cached_property
    def _cells(self):
        """Of each column shown: its head cell's opening tag, its header (escaped), the order
        a click on it asks for (None if it does not sort) and its body cells' opening tag,
        with the header as data-label. django-tables2 works a column's attributes out anew
        on each ask; they are the same for every table of a class in a language and an
        order, so they are worked out once a process for each."""
        key = (type(self), get_language(), tuple(self.order_by or ()), self.orderable)
        if key not in _CELLS:
            cells = []
            for column in self.columns:
                attrs, header = column.attrs, conditional_escape(column.header)
                td = attrs["td"].as_html()
                cells.append((f'<th {attrs["th"].as_html()} scope="col">', header,
                              column.order_by_alias.next if column.orderable else None,
                              f'<td{" " if td else ""}{td} data-label="{header}">'))
            _CELLS[key] = cells
        return _CELLS[key]


_CELLS = {}  # (table class, language, order, orderable) → LeanRows._cells


class _CopiedShallow(dict):
    """A table class's columns, copied one by one for each table (django-tables2 deep-copies
    them, every verbose name and attribute with them, for each table it makes). What a
    table changes of a column (visible, accessor) is set on its own copy."""

    def __deepcopy__(self, memo):
        return {name: copy.copy(column) for name, column in self.items()}


class MemberTable(LeanRows, tables.Table):
    full_name = tables.Column(
        verbose_name=_("Họ và tên"), linkify=True, order_by=("name_key", "pk"),
        accessor="full_name",
    )
    gender = tables.Column(verbose_name=_("Giới tính"))
    date_of_birth = DateColumn(verbose_name=_("Ngày sinh"))
    group = tables.Column(verbose_name=_("Tổ công đoàn"), order_by=("group__name", "name_key"))
    # "Đối tượng", not "loại cán bộ": the list includes contract workers.
    employment_type = tables.Column(verbose_name=pgettext_lazy("member", "Đối tượng"))
    position = tables.Column(verbose_name=_("Chức vụ"))
    card_number = tables.Column(verbose_name=_("Số thẻ"))
    status = tables.Column(verbose_name=_("Tình trạng"))
    # Only in exports: the columns of the import template, so an export imports back.
    family_name = tables.Column(verbose_name=_("Họ"), visible=False)
    middle_name = tables.Column(verbose_name=_("Chữ đệm"), visible=False)
    given_name = tables.Column(verbose_name=_("Tên"), visible=False)
    department = tables.Column(verbose_name=_("Phòng, đơn vị"), visible=False)
    joined_union_on = DateColumn(verbose_name=_("Ngày vào công đoàn"), visible=False)
    phone = tables.Column(verbose_name=_("Điện thoại"), visible=False)
    email = tables.Column(verbose_name=_("Thư điện tử"), visible=False)

    class Meta:
        model = Member
        fields = ()
        sequence = (
            "full_name", "gender", "date_of_birth", "group", "employment_type", "position",
            "card_number", "status",
        )
        order_by = ("full_name",)
        template_name = "django_tables2/lean.html"
        empty_text = _("Không có đoàn viên nào phù hợp.")
        # Empty cells stay empty, also in exports, so that an export imports back as it is.
        default = ""
        attrs = {"class": "table table-sm table-hover align-middle"}

    # What row_cells reads: a page of the list loads these columns only.
    page_fields = ("family_name", "middle_name", "given_name", "gender", "date_of_birth",
                   "employment_type", "position", "card_number", "status", "group__name")
    # Exports list people in import-template order and without the computed name.
    export_title = _("Danh sách đoàn viên")
    export_columns = (
        "family_name", "middle_name", "given_name", "gender", "date_of_birth", "employment_type",
        "position", "department", "group", "joined_union_on", "card_number", "phone", "email",
        "status",
    )

    def row_cells(self, m):
        link, gender, employment, status = self._shown
        return (
            format_html('<a href="{}">{}</a>', link(m.pk), m.full_name),
            gender.get(m.gender, m.gender), dmy(m.date_of_birth),
            m.group.name if m.group else "", employment.get(m.employment_type, m.employment_type),
            m.position, m.card_number, status.get(m.status, m.status),
        )

    @cached_property
    def _shown(self):
        """Once a table: the members' link and the words of their choices."""
        return (link_to("union:member-detail", SLOT), choice_labels(Member, "gender"),
                choice_labels(Member, "employment_type"), choice_labels(Member, "status"))


class UnionTable(LeanRows, tables.Table):
    short_name = tables.Column(
        verbose_name=_("Công đoàn"), linkify=True, order_by=("short_name", "path"),
    )
    agency = tables.Column(verbose_name=_("Cơ quan, đơn vị"), order_by=("agency", "path"))
    parent = tables.Column(
        verbose_name=_("Công đoàn cấp trên"), order_by=("parent__short_name", "path"),
    )
    # Not sortable: sorting by it would count every union's members to show a page of them.
    active_members = tables.Column(
        verbose_name=_("Đoàn viên"), orderable=False,
        attrs={"th": {"class": "text-end"}, "td": {"class": "text-end"}},
    )
    # Only in exports.
    name = tables.Column(verbose_name=_("Tên công đoàn"), visible=False)

    class Meta:
        model = Union
        fields = ()
        sequence = ("short_name", "agency", "parent", "active_members")
        template_name = "django_tables2/lean.html"
        empty_text = _("Không có công đoàn nào phù hợp.")
        default = ""
        attrs = {"class": "table table-sm table-hover align-middle"}

    export_title = _("Công đoàn cơ sở")
    export_columns = ("short_name", "name", "agency", "parent", "active_members")

    def row_cells(self, u):
        return (
            format_html('<a href="{}">{}</a>', self._link(u.pk), u.short_name), u.agency,
            str(u.parent) if u.parent else "", vn_number(u.active_members),
        )

    @cached_property
    def _link(self):
        return link_to("union:union-detail", SLOT)

    def render_active_members(self, value):
        return vn_number(value)

    def value_active_members(self, value):
        return value


# On a phone a row keeps its number (which names the type), date and subject.
WIDE_ONLY = {"th": {"class": "d-none d-lg-table-cell"}, "td": {"class": "d-none d-lg-table-cell"}}


class OutgoingDocumentTable(tables.Table):
    """The register of outgoing documents (sổ văn bản đi), one document a row."""

    code = tables.Column(verbose_name=_("Số, ký hiệu"), accessor="number",
                         order_by=("-year", "kind", "number"))
    issued_on = DateColumn(verbose_name=_("Ngày ban hành"), order_by=("issued_on", "pk"))
    kind = tables.Column(verbose_name=_("Loại văn bản"), order_by=("kind", "-year", "number"),
                         attrs=WIDE_ONLY)
    subject = tables.Column(verbose_name=_("Trích yếu nội dung"), attrs={"td": {"class": "wrap"}})
    signer_name = tables.Column(verbose_name=_("Người ký"), attrs=WIDE_ONLY)
    recipients = tables.Column(
        verbose_name=_("Nơi nhận"), orderable=False,
        attrs={"th": WIDE_ONLY["th"], "td": {"class": "wrap small d-none d-lg-table-cell"}},
    )
    # Only in exports.
    year = tables.Column(verbose_name=_("Năm"), visible=False)
    signer_title = tables.Column(verbose_name=_("Thẩm quyền, chức vụ người ký"), visible=False)

    class Meta:
        model = OutgoingDocument
        fields = ()
        sequence = ("code", "issued_on", "kind", "subject", "signer_name", "recipients")
        order_by = ("code",)
        empty_text = _("Sổ chưa có văn bản nào phù hợp.")
        default = ""
        attrs = {"class": "table table-sm table-hover align-middle"}
        row_attrs = {"id": lambda record: f"doc-{record.pk}"}

    export_title = _("Sổ văn bản đi")
    export_columns = ("year", "code", "issued_on", "kind", "subject", "signer_name",
                      "signer_title", "recipients")

    def render_code(self, record):
        return record.code

    def value_code(self, record):
        return record.code

    def render_subject(self, record, value):
        """The subject links to what the document was issued for, when it was."""
        url = source_url(record)
        return format_html('<a href="{}">{}</a>', url, value) if url else value

    def render_recipients(self, record):
        return "; ".join(line.rstrip(";,.") for line in record.recipient_list)

    def value_recipients(self, record):
        return "\n".join(record.recipient_list)

    def value_signer_title(self, record):
        return " / ".join(record.signer_lines)


def source_url(entry) -> str:
    """Where the register links a document to: the page of what it was issued for (the
    source may name the page of that document with ``get_document_url(kind)``)."""
    source = entry.source
    if source is None:
        return ""
    page = getattr(source, "get_document_url", None)
    return page(entry.kind) if page else source.get_absolute_url()
