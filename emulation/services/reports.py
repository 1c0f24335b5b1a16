"""Issuing the year-end report: its number and date come from the register."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.models import EvaluationCycle
from union.models import BOARD_SIGNER_TITLE, DocumentKind, OutgoingDocument
from union.register import document_issue


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
    earliest = report_earliest_day(cycle)
    if issued_on < earliest:
        raise ValidationError(_("Báo cáo năm %(year)s phải mang ngày từ %(day)s trở đi.") % {
            "year": cycle.year, "day": earliest.strftime("%d/%m/%Y")})
    return document_issue(
        union=cycle.union, kind=DocumentKind.REPORT, subject=subject, issued_on=issued_on,
        signer_name=signer_name, signer_title=signer_title, recipients=recipients,
        source=cycle, by=by,
    )
