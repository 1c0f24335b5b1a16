"""Issuing documents: the number from the register (sổ văn bản đi), the signer, the date.

Every document a union issues (plan, report, proposal, minutes, decision…) calls
``document_issue`` once, when it is signed; its printed form then reads number, date,
signer and recipients from the entry (``issued_fields``) and, until then, is a draft
(``draft_fields``): "DỰ THẢO" on top and no number. See ``union.models.register``.
"""

from collections.abc import Iterable
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from union.models import (
    BOARD_SIGNER_TITLE,
    BoardMembership,
    DocumentKind,
    Member,
    OutgoingDocument,
    Term,
    Union,
    draft_code,
)


def chair_on(union: Union, day: date) -> Member | None:
    """The chair of the term in force on ``day`` (the latest term started by then) whose seat
    had not ended by then: who signs the union's documents of that day.

    Seats carry no start date; when a chair left during the term and a successor took the
    seat, the seat that ended after ``day`` is the one that was held on ``day``.
    """
    term = Term.objects.filter(union=union).current(day).values("pk")[:1]
    seat = (BoardMembership.objects.filter(term=Subquery(term),
                                           position=BoardMembership.Position.CHAIR)
            .exclude(ended_on__lte=day).select_related("member")
            .order_by(F("ended_on").asc(nulls_last=True), "pk").first())
    return seat.member if seat else None


def register_entry(source, kind: str) -> OutgoingDocument | None:
    """The register's entry for the document of ``kind`` issued for ``source``, if any."""
    return OutgoingDocument.objects.of_source(source, kind).select_related("union").first()


def register_entries(sources, kind: str) -> dict[int, OutgoingDocument]:
    """The entries of ``kind`` for many sources of one model, by the source's pk: one query."""
    sources = list(sources)
    if not sources:
        return {}
    entries = OutgoingDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(sources[0]), kind=kind,
        object_id__in=[source.pk for source in sources],
    ).select_related("union")
    return {entry.object_id: entry for entry in entries}


def _lines(text: str | Iterable[str]) -> str:
    lines = text.splitlines() if isinstance(text, str) else text
    return "\n".join(line.strip() for line in lines if line and line.strip())


@transaction.atomic
def document_issue(*, union: Union, kind: str, subject: str, issued_on: date,
                   signer_name: str = "", signer_title: str | Iterable[str] = BOARD_SIGNER_TITLE,
                   recipients: str | Iterable[str] = "", source=None, drafting_unit: str = "",
                   by=None) -> OutgoingDocument:
    """Register a document the union issues and give it the next number of its type and year.

    Numbers run per (union, type, year of ``issued_on``), from 1 each year, and are never
    given twice: the union's row is locked (``SELECT … FOR UPDATE``) while the last number
    is read and the next inserted, so two documents issued at the same moment queue up, and
    the unique constraint on (union, type, year, number) is the last guard.

    A document is issued once: for a ``source`` already registered under ``kind`` the
    existing entry is returned unchanged. ``issued_on`` may lie in the past (a document
    signed on paper and registered late) but not in the future (a number is given after
    signing, Nghị định 30/2020, Điều 15); its number still follows the order of the
    register, so a late entry may carry a higher number than one dated after it: the
    register records the order in which numbers were given, which is what the decree asks
    the clerk to keep. A blank ``signer_name`` means the chair in office on ``issued_on``.
    ``signer_title`` and ``recipients`` are lines (a string with newlines, or a list).
    """
    Union.objects.select_for_update().get(pk=union.pk)
    if source is not None:
        if getattr(source, "union_id", union.pk) != union.pk:
            raise ValidationError(_("Văn bản này thuộc công đoàn khác."))
        existing = OutgoingDocument.objects.of_source(source, kind).first()
        if existing is not None:
            return existing
    _check_issue(union=union, kind=kind, subject=subject, issued_on=issued_on,
                 drafting_unit=drafting_unit)
    if not signer_name.strip():
        chair = chair_on(union, issued_on)
        if chair is None:
            raise ValidationError(_(
                "Ngày %(day)s công đoàn chưa có Chủ tịch trong nhiệm kỳ: hãy ghi tên người "
                "ký.") % {"day": issued_on.strftime("%d/%m/%Y")})
        signer_name = chair.full_name
    last = OutgoingDocument.objects.filter(
        union=union, kind=kind, year=issued_on.year).aggregate(n=Max("number"))["n"]
    entry = OutgoingDocument(
        union=union, kind=kind, year=issued_on.year, number=(last or 0) + 1,
        drafting_unit=drafting_unit.strip().upper(), issued_on=issued_on,
        subject=subject.strip(), signer_name=signer_name.strip(),
        signer_title=_lines(signer_title) or BOARD_SIGNER_TITLE,
        recipients=_lines(recipients), source=source, created_by=by,
    )
    entry.full_clean(validate_constraints=False)
    entry.save()
    return entry


def _check_issue(*, union, kind, subject, issued_on, drafting_unit):
    if kind not in DocumentKind.values:
        raise ValidationError(_("Loại văn bản không hợp lệ."))
    if not subject.strip():
        raise ValidationError(_("Hãy ghi trích yếu nội dung văn bản."))
    if issued_on > timezone.localdate():
        raise ValidationError(_("Ngày ban hành không được sau hôm nay: văn bản chỉ được cấp "
                                "số sau khi đã ký."))
    if drafting_unit.strip() and kind != DocumentKind.LETTER:
        raise ValidationError(_("Chỉ công văn mới ghi đơn vị soạn thảo trong ký hiệu."))


# ---------------------------------------------------------------- the printed form


def issued_fields(entry: OutgoingDocument) -> dict:
    """The ``OfficialDocument`` fields an issued document takes from its register entry."""
    return {
        "number": entry.code, "issued_on": entry.issued_on, "year": entry.year,
        "signer_lines": entry.signer_lines, "signer_name": entry.signer_name,
        "recipients": entry.recipient_list, "draft": False,
    }


def draft_fields(*, union: Union, kind: str, year: int) -> dict:
    """The ``OfficialDocument`` fields of a draft: no number, no date, "DỰ THẢO" on top."""
    return {"number": draft_code(union, kind), "issued_on": None, "year": year, "draft": True}
