"""The register of outgoing documents (sổ văn bản đi) and the page that issues a document.

The register is read by the board, the officers above and admins; group leaders and members
get a 403, another union's board a 404. Only the board enters a document in it.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from union.filters import OutgoingDocumentFilter
from union.forms import RegisterEntryForm
from union.models import OutgoingDocument
from union.permissions import can_manage_union, can_read_records, get_union_or_404, require_manage
from union.register import document_issue
from union.tables import OutgoingDocumentTable
from union.views.lists import UnionListView


class RegisterListView(UnionListView):
    """Every document the union issued, by year and type, each linked to its source."""

    table_class = OutgoingDocumentTable
    filterset_class = OutgoingDocumentFilter
    template_name = "union/register_list.html"

    def allowed(self, user):
        return can_read_records(user, self.union)

    def get_queryset(self):
        # The sources are fetched one query per type of source, whatever the number of rows.
        return (OutgoingDocument.objects.filter(union=self.union).select_related("union")
                .prefetch_related("source"))

    def export_filename(self):
        return f"so-van-ban-di-{self.union.pk}"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs),
                "can_manage": can_manage_union(self.request.user, self.union)}


def register_create_view(request, union_pk):
    """Enter a document issued outside the tool: it takes the next number of its type."""
    union = get_union_or_404(request.user, union_pk)
    require_manage(request.user, union)
    form = RegisterEntryForm(request.POST or None, union=union)
    if request.method == "POST" and form.is_valid():
        try:
            entry = document_issue(union=union, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã vào sổ văn bản số %(code)s.") % {"code": entry.code})
            return redirect(entry)
    return issue_page(
        request, union=union, form=form, heading=_("Vào sổ văn bản đi"),
        intro=_("Văn bản đã ký ngoài phần mềm (đánh máy, viết tay) được vào sổ tại đây và lấy "
                "số tiếp theo của loại văn bản trong năm ban hành. Số đã cấp không thu hồi."),
        back_url=reverse("union:register", args=[union.pk]), back_label=_("Sổ văn bản đi"),
    )


def issue_page(request, *, union, form, heading, intro, back_url, back_label):
    """The page that issues a document: what will happen, the form, one confirmed button.

    ``form`` is None when the document cannot be issued yet; ``intro`` then says why.
    """
    return render(request, "union/document_issue.html", {
        "union": union, "form": form, "heading": heading, "intro": intro,
        "crumb_url": back_url, "crumb_label": back_label, "cancel_url": back_url,
    })
