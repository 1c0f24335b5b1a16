"""The year-end report: the board's own words in it, and issuing it (its number and date come
from the register)."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.models import EvaluationCycle, YearReportText
from union.models import BOARD_SIGNER_TITLE, DocumentKind, OutgoingDocument, Union
from union.register import document_issue, register_entry
from union.versions import refuse_if_stale

TEXT_PARTS = ("assessment", "reform", "shortcomings", "causes", "direction", "recommendations")


@transaction.atomic
def report_text_save(*, union: Union, year: int, parts: dict, version: str | None,
                     by=None, at: datetime | None = None) -> YearReportText:
    """Write the report's own words (``parts``: any of ``TEXT_PARTS``). Refused once the report
    is in the register (what was filed stays as filed) and when someone saved them since the
    form was opened (``version``: the ``updated_at`` the form carried, "" for a first text)."""
    cycle = EvaluationCycle.objects.filter(union=union, year=year).first()
    entry = register_entry(cycle, DocumentKind.REPORT) if cycle else None
    if entry is not None:
        raise ValidationError(_("Báo cáo năm %(year)s đã vào sổ, số %(code)s: nội dung đã ban "
                                "hành, không sửa được nữa.") % {"year": year, "code": entry.code})
    text = YearReportText.objects.select_for_update().filter(union=union, year=year).first()
    if text is None:
        text = YearReportText(union=union, year=year)
    else:
        refuse_if_stale(version or "-", text.updated_at, _(
            "Nội dung báo cáo vừa được người khác lưu lúc %(time)s, sau khi đồng chí mở trang. "
            "Bên cạnh mỗi ô là nội dung mới; xin xem lại rồi lưu."))
    for name in TEXT_PARTS:
        if name in parts:
            setattr(text, name, parts[name].strip())
    text._history_user = by
    if at is not None:  # the demo's past years only
        text._history_date = at
    text.full_clean()
    text.save()
    return text


def report_earliest_day(cycle: EvaluationCycle) -> date:
    """The first day the year's report may bear: in its year, and not before the results it
    reports were published."""
    first = date(cycle.year, 1, 1)
    if cycle.published_at:
        first = max(first, timezone.localdate(cycle.published_at))
    return first


@transaction.atomic
def report_issue(*, cycle: EvaluationCycle, issued_on: date, subject: str,
                 signer_name: str = "", signer_title: str = BOARD_SIGNER_TITLE,
                 recipients: str = "", by=None) -> OutgoingDocument:
    """Enter the year's report (báo cáo) in the register and give it its number.

    Only a published year is reported: the report filed with the upper union states the
    official results, and published results no longer change, so the numbered report and
    the figures it carries cannot drift apart. A year is reported once; asking again returns
    the entry it already has (``document_issue``).
    """
    cycle = EvaluationCycle.objects.select_related("union").get(pk=cycle.pk)
    if not cycle.is_published:
        raise ValidationError(_(
            "Kết quả năm %(year)s chưa công bố: báo cáo chỉ được vào sổ, cấp số sau khi công "
            "bố kết quả.") % {"year": cycle.year})
    text = YearReportText.objects.filter(union=cycle.union, year=cycle.year).first()
    if missing := (text or YearReportText()).missing():
        raise ValidationError(_("Báo cáo còn thiếu phần: %(parts)s. Xin viết các phần này rồi "
                                "vào sổ.") % {"parts": ", ".join(missing)})
    earliest = report_earliest_day(cycle)
    if issued_on < earliest:
        raise ValidationError(_("Báo cáo năm %(year)s phải mang ngày từ %(day)s trở đi.") % {
            "year": cycle.year, "day": earliest.strftime("%d/%m/%Y")})
    return document_issue(
        union=cycle.union, kind=DocumentKind.REPORT, subject=subject, issued_on=issued_on,
        signer_name=signer_name, signer_title=signer_title, recipients=recipients,
        source=cycle, by=by,
    )
