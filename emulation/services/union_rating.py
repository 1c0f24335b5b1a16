"""The CĐCS's own quality rating: the board assesses its union, the upper union decides.

draft → submitted → decided, or submitted → returned (a draft again, with the reason).
The board writes and sends (``can_manage_union``); only the officer of the direct upper
union, or an administrator, decides or returns (``can_decide_for``): every other caller gets
a PermissionDenied whose message names who decides.
Every writer locks the row and compares the ``updated_at`` its form was loaded with
(``version``): of two stale forms the second is refused. The rules come from the guidance
the rating was made under (``emulation.rating_guides``), never from today's catalogue.
"""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.models import Level, UnionRating
from emulation.rating_guides import UnionRatingGuide, guide_for_year
from union.models import Union
from union.permissions import can_decide_for, can_manage_union
from union.versions import stale_message

Scores = dict[str, tuple[Decimal | None, str]]  # criterion code → (points or None, note)
TENTH = Decimal("0.1")


def rating_problems(guide: UnionRatingGuide, scores: Scores, level: str, *,
                    complete: bool) -> list[str]:
    """What is wrong with a self-assessment; ``complete``: every criterion and the level
    must be there (to submit), otherwise blanks are allowed (a draft)."""
    problems, missing = [], []
    for criterion in guide.criteria:
        points, _note = scores.get(criterion.code, (None, ""))
        if points is None:
            missing.append(_("Chưa chấm điểm tiêu chí “%(title)s”.") % {
                "title": criterion.title})
        elif not 0 <= points <= criterion.max_points or points != points.quantize(TENTH):
            problems.append(_("Điểm tiêu chí “%(title)s” phải từ 0 đến %(max)s, lẻ đến 0,1 "
                              "điểm.") % {"title": criterion.title,
                                          "max": _number(criterion.max_points)})
    if complete:
        problems += missing
        if not level:
            problems.append(_("Chọn mức tự xếp loại."))
    # The level is checked against a total that means something: every point in range and,
    # in a draft, every criterion scored.
    if level and not problems and not missing:
        problems += level_problems(guide, total_of(scores), level)
    return problems


def level_problems(guide: UnionRatingGuide, total: Decimal, level: str) -> list[str]:
    """The level must be the one the total's band gives, in the guidance's own words."""
    band = guide.band_for(total)
    if level == band.level:
        return []
    return [_("Tổng %(total)s điểm thuộc mức “%(band)s” (%(range)s) theo %(source)s; không xếp "
              "“%(level)s” được.") % {
        "total": _number(total), "band": Level(band.level).label, "range": guide.band_range(band),
        "source": guide.band_source, "level": Level(level).label if level in Level.values
        else level}]


def total_of(scores: Scores) -> Decimal:
    return sum((points for points, _note in scores.values() if points is not None), Decimal(0))


@transaction.atomic
def union_rating_save(*, union: Union, year: int, scores: Scores, self_level: str,
                      self_note: str, by, version: str | None = None,
                      at: datetime | None = None) -> UnionRating:
    """The board's self-assessment, kept as a draft until it is submitted.

    The first save picks the guidance in force for ``year``. ``version`` is "" for a form
    opened before the rating existed, None when the caller does not track versions.
    """
    _require_board(by, union, _(
        "Chỉ Ban Chấp hành %(union)s tự đánh giá, xếp loại công đoàn mình; công đoàn cấp trên "
        "thẩm định và quyết định.") % {"union": union})
    Union.objects.select_for_update().get(pk=union.pk)  # one writer per union: one row a year
    rating = UnionRating.objects.filter(union=union, year=year).first()
    if rating is None:
        rating = UnionRating(union=union, year=year, guide_key=_guide_for(year).key)
    else:
        rating = _current(rating, version)
        _require_draft(rating)
    scores = {c.code: scores.get(c.code, (None, "")) for c in rating.guide.criteria}
    if problems := rating_problems(rating.guide, scores, self_level, complete=False):
        raise ValidationError(problems)
    rating.scores = {code: {"points": "" if points is None else str(points),
                            "note": note.strip()} for code, (points, note) in scores.items()}
    rating.total, rating.self_level = total_of(scores), self_level
    rating.self_note = self_note.strip()
    return _save(rating, by, at=at)


@transaction.atomic
def union_rating_submit(*, rating: UnionRating, by, version: str | None = None,
                        at: datetime | None = None) -> UnionRating:
    """The board sends its complete self-assessment to the upper union."""
    _require_board(by, rating.union, _(
        "Chỉ Ban Chấp hành %(union)s gửi bản tự đánh giá của công đoàn mình.") % {
        "union": rating.union})
    rating = _current(rating, version)
    _require_draft(rating)
    scores = {criterion.code: (points, note) for criterion, points, note in rating.score_rows()}
    if problems := rating_problems(rating.guide, scores, rating.self_level, complete=True):
        raise ValidationError(problems)
    rating.status, rating.submitted_at = UnionRating.Status.SUBMITTED, at or timezone.now()
    rating.return_reason = ""
    return _save(rating, by, at=at)


@transaction.atomic
def union_rating_return(*, rating: UnionRating, reason: str, by, version: str | None = None,
                        at: datetime | None = None) -> UnionRating:
    """The upper union sends a submission back to the board, saying why."""
    _require_decider(by, rating.union)
    rating = _current(rating, version)
    _require_submitted(rating)
    if not reason.strip():
        raise ValidationError(_("Ghi lý do trả lại để Ban Chấp hành biết cần sửa gì."))
    rating.status, rating.submitted_at = UnionRating.Status.DRAFT, None
    rating.return_reason = reason.strip()
    return _save(rating, by, reason=rating.return_reason, at=at)


@transaction.atomic
def union_rating_decide(*, rating: UnionRating, total: Decimal, level: str, note: str,
                        decision_number: str, decision_date: date, by,
                        version: str | None = None, at: datetime | None = None,
                        today: date | None = None) -> UnionRating:
    """The upper union's decision: its checked total, the level that total gives, and the
    decision's number and date (after the submission, not in the future)."""
    _require_decider(by, rating.union)
    rating = _current(rating, version)
    _require_submitted(rating)
    guide, problems = rating.guide, []
    if not 0 <= total <= guide.max_total or total != total.quantize(TENTH):
        problems.append(_("Điểm thẩm định phải từ 0 đến %(max)s, lẻ đến 0,1 điểm.") % {
            "max": _number(guide.max_total)})
    else:
        problems += level_problems(guide, total, level)
    if not decision_number.strip():
        problems.append(_("Ghi số quyết định của công đoàn cấp trên."))
    submitted_on = timezone.localdate(rating.submitted_at)
    if decision_date < submitted_on:
        problems.append(_("Ngày quyết định không được trước ngày công đoàn cơ sở gửi bản tự "
                          "đánh giá (%(day)s).") % {"day": submitted_on.strftime("%d/%m/%Y")})
    elif decision_date > (today or timezone.localdate()):
        problems.append(_("Ngày quyết định không được sau hôm nay."))
    if problems:
        raise ValidationError(problems)
    rating.status, rating.decided_total, rating.level = UnionRating.Status.DECIDED, total, level
    rating.decision_note, rating.decision_number = note.strip(), decision_number.strip()
    rating.decision_date, rating.decided_by = decision_date, by
    return _save(rating, by, reason=rating.decision_note, at=at)


def _guide_for(year: int) -> UnionRatingGuide:
    guide = guide_for_year(year)
    if guide is None:
        raise ValidationError(_("Chưa có hướng dẫn đánh giá, xếp loại công đoàn cơ sở nào áp "
                                "dụng cho năm %(year)s trong hệ thống.") % {"year": year})
    if year > timezone.localdate().year:
        raise ValidationError(_("Chưa đến năm %(year)s; chưa tự đánh giá được.") % {
            "year": year})
    return guide


def _require(allowed: bool, message: str):
    if not allowed:
        raise PermissionDenied(message)


def _require_board(by, union: Union, message: str):
    """The board's own steps; ``by`` None is a system write (the demo's past years, whose
    board had no login). The upper union's steps always name a user."""
    _require(by is None or can_manage_union(by, union), message)


def _require_decider(user, union: Union):
    """Only the upper union decides: the board of the union itself is told who does."""
    _require(can_decide_for(user, union), _(
        "Xếp loại chất lượng của %(union)s do công đoàn cấp trên trực tiếp (%(upper)s) thẩm "
        "định và quyết định; Ban Chấp hành công đoàn cơ sở chỉ tự đánh giá và gửi lên.") % {
        "union": union, "upper": union.parent or _("công đoàn cấp trên")})


def _require_draft(rating: UnionRating):
    if rating.status == UnionRating.Status.SUBMITTED:
        raise ValidationError(_("Bản tự đánh giá năm %(year)s đã gửi công đoàn cấp trên; chỉ "
                                "sửa được khi công đoàn cấp trên trả lại.") % {
            "year": rating.year})
    if rating.status == UnionRating.Status.DECIDED:
        raise ValidationError(_decided_text(rating))


def _require_submitted(rating: UnionRating):
    if rating.status == UnionRating.Status.DRAFT:
        raise ValidationError(_("Công đoàn cơ sở chưa gửi bản tự đánh giá năm %(year)s (hoặc "
                                "đã được trả lại để sửa).") % {"year": rating.year})
    if rating.status == UnionRating.Status.DECIDED:
        raise ValidationError(_decided_text(rating))


def _decided_text(rating: UnionRating) -> str:
    return _("Công đoàn cấp trên đã quyết định xếp loại năm %(year)s (quyết định số "
             "%(number)s); không thay đổi được nữa.") % {
        "year": rating.year, "number": rating.decision_number}


def _current(rating: UnionRating, version: str | None) -> UnionRating:
    """The row, locked, refused if saved since the form was loaded with ``version``."""
    current = UnionRating.objects.select_related("union__parent").select_for_update(
        of=("self",)).get(pk=rating.pk)
    if version is not None and version != current.updated_at.isoformat():
        raise ValidationError(stale_message(version or "-", current.updated_at, _(
            "Bản xếp loại này vừa được người khác lưu (lúc %(time)s) sau khi đồng chí mở trang. "
            "Thay đổi của đồng chí chưa được lưu; xin tải lại trang để xem bản mới rồi làm lại.")))
    return current


def _save(rating: UnionRating, by, *, reason: str = "", at: datetime | None = None):
    rating._history_user, rating._change_reason = by, reason
    if at is not None:  # the demo's past years only
        rating._history_date = at
    rating.full_clean()
    rating.save()
    return rating


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")
