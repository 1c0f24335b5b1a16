"""Sổ văn bản đi: the register of the documents a union issues, and where numbers come from.

Nghị định 30/2020/NĐ-CP, Điều 15 and Phụ lục I–III: a document takes its number when it is
signed and registered; numbers restart on 1 January; a number and symbol are never given
twice in a year. Numbers here run per type of document (KH, BC, TTr…), so "05/KH-CĐCS" and
"05/BC-CĐCS" may both exist; the pair number + symbol is what stays unique. Entries are never
edited or deleted: a mistaken document is withdrawn by another document, as on paper.
Writes go through ``union.register.document_issue``.
"""

import operator
from functools import reduce

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from union.models.organisation import Union, UnionScopedQuerySet

# Board documents are signed on behalf of the board by its chair (Nghị định 30/2020, Phụ lục
# I: "TM." then the signer's title); one line each.
BOARD_SIGNER_TITLE = "TM. BAN CHẤP HÀNH\nCHỦ TỊCH"
# Non-breaking, so that the blank left for a handwritten number survives in the PDF too.
BLANK_NUMBER = "\u00a0" * 8


class DocumentKind(models.TextChoices):
    """The documents a CĐCS issues; their symbols are in ``ABBREVIATIONS``."""

    PLAN = "plan", _("Kế hoạch")
    REPORT = "report", _("Báo cáo")
    PROPOSAL = "proposal", _("Tờ trình")
    MINUTES = "minutes", _("Biên bản")
    DECISION = "decision", _("Quyết định")
    NOTICE = "notice", _("Thông báo")
    LETTER = "letter", _("Công văn")


# Nghị định 30/2020, Phụ lục III (abbreviations of the types of administrative documents).
# A công văn has none: its symbol is the issuer's abbreviation, then that of the drafting
# unit or the field it deals with (Phụ lục I, Phần I, mục II, khoản 3), e.g. "05/CĐCS-TC".
ABBREVIATIONS = {
    DocumentKind.PLAN: "KH",
    DocumentKind.REPORT: "BC",
    DocumentKind.PROPOSAL: "TTr",
    DocumentKind.MINUTES: "BB",
    DocumentKind.DECISION: "QĐ",
    DocumentKind.NOTICE: "TB",
    DocumentKind.LETTER: "",
}


def document_symbol(union: Union, kind: str, drafting_unit: str = "") -> str:
    """"KH-CĐCS" for a kế hoạch; "CĐCS" or "CĐCS-TC" for a công văn."""
    if kind == DocumentKind.LETTER:
        return "-".join(part for part in (union.document_code, drafting_unit) if part)
    return f"{ABBREVIATIONS[DocumentKind(kind)]}-{union.document_code}"


def draft_code(union: Union, kind: str) -> str:
    """What a draft prints after "Số:": a blank for the number, then the symbol."""
    return f"{BLANK_NUMBER}/{document_symbol(union, kind)}"


class OutgoingDocumentQuerySet(UnionScopedQuerySet):
    def of_source(self, source, kind=None):
        return self.of_sources((source, kind))

    def of_sources(self, *sources):
        """The entries of any of ``sources``, pairs (source, kind; None for any kind), in one
        filter."""
        return self.filter(reduce(operator.or_, (
            Q(content_type=ContentType.objects.get_for_model(source), object_id=source.pk,
              **({} if kind is None else {"kind": kind})) for source, kind in sources)))


class OutgoingDocument(models.Model):
    """One line of the register: a document the union issued, with the number it took."""

    Kind = DocumentKind

    union = models.ForeignKey(Union, verbose_name=_("công đoàn"), on_delete=models.PROTECT,
                              related_name="outgoing_documents")
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("loại văn bản"), max_length=20, choices=DocumentKind.choices)
    number = models.PositiveIntegerField(_("số"), validators=[MinValueValidator(1)])
    drafting_unit = models.CharField(
        _("đơn vị soạn thảo hoặc lĩnh vực (công văn)"), max_length=20, blank=True,
        help_text=_("Chỉ dùng cho công văn, ví dụ “TC” trong “Số: 05/CĐCS-TC”."),
    )
    issued_on = models.DateField(_("ngày ban hành"))
    subject = models.CharField(_("trích yếu nội dung"), max_length=500)
    signer_name = models.CharField(_("người ký"), max_length=150)
    signer_title = models.CharField(
        _("thẩm quyền, chức vụ người ký"), max_length=255, default=BOARD_SIGNER_TITLE,
        help_text=_("Mỗi dòng một dòng in trên văn bản, ví dụ “TM. BAN CHẤP HÀNH” rồi "
                    "“CHỦ TỊCH”."),
    )
    recipients = models.TextField(_("nơi nhận"), blank=True,
                                  help_text=_("Mỗi dòng một nơi nhận."))
    # What the document was issued for (a plan, a year's evaluation…); none for the
    # documents registered by hand.
    content_type = models.ForeignKey(ContentType, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("content_type", "object_id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người vào sổ"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm vào sổ"), auto_now_add=True)

    objects = OutgoingDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản đi")
        verbose_name_plural = _("sổ văn bản đi")
        ordering = ["-year", "kind", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["union", "kind", "year", "number"], name="register_number_once_a_year",
                violation_error_message=_("Số này đã được cấp cho văn bản khác trong năm."),
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind"],
                condition=Q(content_type__isnull=False), name="register_source_issued_once",
                violation_error_message=_("Văn bản này đã được vào sổ."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="register_number_positive",
            ),
            models.CheckConstraint(
                condition=Q(content_type__isnull=True, object_id__isnull=True)
                | Q(content_type__isnull=False, object_id__isnull=False),
                name="register_source_whole_or_none",
            ),
            models.CheckConstraint(
                condition=Q(kind=DocumentKind.LETTER) | Q(drafting_unit=""),
                name="register_drafting_unit_only_for_letters",
            ),
        ]

    def __str__(self):
        return f"{self.code} – {self.subject}"

    def get_absolute_url(self):
        url = reverse("union:register", args=[self.union_id])
        return f"{url}?year={self.year}&kind={self.kind}#doc-{self.pk}"

    def clean(self):
        # The year of the register the number belongs to is the year of issue, always.
        if self.issued_on and self.year != self.issued_on.year:
            raise ValidationError({"year": _("Năm của số phải là năm ban hành.")})

    @property
    def symbol(self):
        return document_symbol(self.union, self.kind, self.drafting_unit)

    @property
    def code(self):
        """"05/KH-CĐCS": numbers under 10 padded (Nghị định 30/2020, Phụ lục I)."""
        return f"{self.number:02d}/{self.symbol}"

    @property
    def signer_lines(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.signer_title.splitlines() if line.strip())

    @property
    def recipient_list(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]
