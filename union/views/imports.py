"""Member import: upload → preview naming every bad row → commit all rows or none."""

import uuid
from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from union.exports import XLSX_TYPE, workbook_bytes, write_sheet
from union.importing import TEMPLATE_HEADER, ImportFileError, read_member_file
from union.models import Member
from union.permissions import get_union_or_404, require_manage
from union.services import members_import

SESSION_KEY = "member_import"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp danh sách đoàn viên (.xlsx hoặc .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


def member_import_view(request, union_pk):
    union = get_union_or_404(request.user, union_pk)
    require_manage(request.user, union)
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"union": union, "form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = read_member_file(upload, union=union)
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            context.update(result=result, preview=_preview(result, union), filename=upload.name,
                           changed=len(result.changes))
            if not result.errors:
                context["token"] = uuid.uuid4().hex
                request.session[SESSION_KEY] = {
                    "union": union.pk, "token": context["token"], "rows": result.rows,
                    "filename": upload.name,
                }
    return render(request, "union/member_import.html", context)


@require_POST
def member_import_confirm_view(request, union_pk):
    union = get_union_or_404(request.user, union_pk)
    require_manage(request.user, union)
    pending = request.session.get(SESSION_KEY)
    if not pending or pending["union"] != union.pk or pending["token"] != request.POST.get("token"):
        messages.error(request, _("Phiên nhập dữ liệu đã hết hạn hoặc đã được thực hiện. "
                                  "Xin tải tệp lên lại."))
        return redirect("union:member-import", union.pk)
    try:
        counts = members_import(union=union, rows=pending["rows"], by=request.user)
    except ValidationError as error:
        messages.error(request, _("Không nhập được, chưa có gì thay đổi: %(error)s")
                       % {"error": "; ".join(error.messages)})
        return redirect("union:member-import", union.pk)
    del request.session[SESSION_KEY]
    messages.success(request, _(
        "Đã nhập %(file)s: thêm mới %(created)s, cập nhật %(updated)s, không đổi %(unchanged)s."
    ) % {"file": pending["filename"], **counts})
    return redirect("union:member-list", union.pk)


def member_import_template_view(request, union_pk):
    """An empty list with the expected columns and one example row."""
    union = get_union_or_404(request.user, union_pk)
    require_manage(request.user, union)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Đoàn viên"
    group = union.groups.active().first()
    write_sheet(sheet, TEMPLATE_HEADER, [[
        "Nguyễn", "Thị Minh", "Anh", "Nữ", date(1985, 3, 5), "Viên chức", "Chuyên viên",
        "Văn phòng", group.name if group else "", date(2010, 6, 1), "GL-0001", "0905123456",
        "anh.ntm@example.vn",
    ]])
    response = HttpResponse(workbook_bytes(workbook), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-doan-vien.xlsx"'
    return response


def _preview(result, union):
    """Each row with what will happen to it: new, update, or the errors it has."""
    existing = set(Member.objects.filter(
        union=union, card_number__in=[row["card_number"] for row in result.rows]
    ).values_list("card_number", flat=True))
    errors, changes = {}, {}
    for number, column, message in result.errors:
        errors.setdefault(number, []).append(f"{column}: {message}")
    for number, column, before, after in result.changes:
        changes.setdefault(number, []).append(_("%(column)s: bỏ dấu “=” ở đầu, “%(before)s” "
                                                "thành “%(after)s”") % {
            "column": column, "before": before, "after": after})
    return [
        {**row, "errors": errors.get(row["row_number"], []),
         "changes": changes.get(row["row_number"], []),
         "born": date.fromisoformat(row["date_of_birth"]) if row["date_of_birth"] else None,
         "action": "update" if row["card_number"] in existing else "create"}
        for row in result.rows
    ]
