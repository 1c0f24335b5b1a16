"""The award catalogue and awards, with the rules that stop double rewards."""

from datetime import date
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from emulation.models import Award, AwardType, DecidingBody
from union.models import DocumentKind, Member, OutgoingDocument, Union, UnionGroup
from union.register import document_issue

T, F = AwardType.Kind.TITLE, AwardType.Kind.FORM
IND, COL = AwardType.Recipient.INDIVIDUAL, AwardType.Recipient.COLLECTIVE
BASE, UPPER, PROVINCE, NATIONAL = (AwardType.Level.GRASSROOTS, AwardType.Level.UPPER,
                                   AwardType.Level.PROVINCE, AwardType.Level.NATIONAL)
OVERALL, TOPICAL = AwardType.Scope.OVERALL, AwardType.Scope.TOPICAL
HEAD, BOARD, UPPER_BOARD, FEDERATION, PROVINCE_HEAD, CONFEDERATION = (
    DecidingBody.AGENCY_HEAD, DecidingBody.UNION_BOARD, DecidingBody.UPPER_UNION,
    DecidingBody.FEDERATION, DecidingBody.PROVINCE, DecidingBody.CONFEDERATION)
LAW_80 = "Luật Thi đua, khen thưởng 2022, Điều 80 khoản 1"
QD_999 = "Quy định khen thưởng của tổ chức Công đoàn (QĐ 999/QĐ-TLĐ năm 2024)"
BY_GROUPS = "Tổ công đoàn (đơn vị); Ban Chấp hành công đoàn cơ sở"
BY_BOARD = "Ban Chấp hành công đoàn cơ sở"


class Row(NamedTuple):
    code: str
    name: str
    kind: str
    recipient: str
    level: str
    scope: str
    decided_by: str
    proposed_by: str
    source: str
    ballot: float = 0  # the share of agreeing votes needed; 0: no secret ballot


# The catalogue a union starts from (DOMAIN.md "Who decides"; Luật Thi đua, khen thưởng 2022;
# QĐ 999/QĐ-TLĐ 2024). Every row is the board's to edit or switch off, except the deciding
# body of the state titles, which the law fixes. The CSTĐCS ballot (secret, at least 70 % of
# the council's members) is the common rule of agencies' own regulations: editable.
DEFAULT_TYPES = [
    Row(AwardType.LDTT, "Lao động tiên tiến", T, IND, BASE, OVERALL, HEAD, BY_GROUPS, LAW_80),
    Row(AwardType.CSTDCS, "Chiến sĩ thi đua cơ sở", T, IND, BASE, OVERALL, HEAD, BY_GROUPS,
        f"{LAW_80}; quy chế thi đua, khen thưởng của cơ quan", 70),
    Row(AwardType.DVCDXS, "Đoàn viên công đoàn xuất sắc", T, IND, BASE, OVERALL, BOARD,
        "Tổ công đoàn", QD_999),
    Row(AwardType.STRONG_GROUP, "Tổ công đoàn vững mạnh", T, COL, BASE, OVERALL, BOARD,
        "Tổ công đoàn", QD_999),
    Row("", "Tập thể lao động tiên tiến", T, COL, BASE, OVERALL, HEAD, BY_BOARD, LAW_80),
    Row("", "Tập thể lao động xuất sắc", T, COL, PROVINCE, OVERALL, PROVINCE_HEAD,
        "Thủ trưởng cơ quan", "Luật Thi đua, khen thưởng 2022"),
    Row("", "Giấy khen của Ban Chấp hành công đoàn cơ sở", F, IND, BASE, OVERALL, BOARD,
        "Tổ công đoàn", QD_999),
    Row("", "Giấy khen chuyên đề của Ban Chấp hành công đoàn cơ sở", F, IND, BASE, TOPICAL,
        BOARD, "Tổ công đoàn", QD_999),
    Row("", "Giấy khen của công đoàn cấp trên", F, IND, UPPER, OVERALL, UPPER_BOARD, BY_BOARD,
        QD_999),
    Row("", "Bằng khen của Liên đoàn Lao động tỉnh", F, IND, PROVINCE, OVERALL, FEDERATION,
        "Công đoàn cấp trên", QD_999),
    Row("", "Bằng Lao động sáng tạo của Tổng Liên đoàn Lao động Việt Nam", F, IND, NATIONAL,
        TOPICAL, CONFEDERATION, "Liên đoàn Lao động tỉnh", QD_999),
]


@transaction.atomic
def award_types_ensure(*, union: Union) -> int:
    """Give the union the default catalogue rows it lacks (by name, or by code for the rows
    the evaluation uses: a renamed "Lao động tiên tiến" is still there); returns how many."""
    rows = list(AwardType.objects.filter(union=union).values_list("name", "code"))
    names, codes = {name for name, _code in rows}, {code for _name, code in rows if code}
    missing = [
        AwardType(union=union, code=row.code, name=row.name, kind=row.kind,
                  recipient=row.recipient, level=row.level, scope=row.scope,
                  decided_by=row.decided_by, proposed_by=row.proposed_by, source=row.source,
                  needs_ballot=bool(row.ballot), ballot_threshold_percent=row.ballot, order=i)
        for i, row in enumerate(DEFAULT_TYPES)
        if row.name not in names and row.code not in codes
    ]
    AwardType.objects.bulk_create(missing)
    return len(missing)


@transaction.atomic
def award_type_save(*, award_type: AwardType) -> AwardType:
    """A catalogue row, edited by the board; the law's deciding body of a state title stays."""
    needed = AwardType.STATE_TITLES.get(award_type.code)
    if needed and award_type.decided_by != needed:
        raise ValidationError({"decided_by": _(
            "“%(title)s” do %(body)s quyết định (%(source)s); không đổi được cấp quyết định."
        ) % {"title": award_type.name, "body": DecidingBody(needed).label.lower(),
             "source": LAW_80}})
    if award_type.needs_ballot and not award_type.ballot_threshold_percent:
        raise ValidationError({"ballot_threshold_percent": _(
            "Danh hiệu cần bỏ phiếu kín: ghi tỷ lệ phiếu đồng ý tối thiểu.")})
    award_type.full_clean()
    award_type.save()
    return award_type


def same_achievement(a: Award, b: Award) -> bool:
    """Two rewards of one achievement: of the same kind, over overlapping periods (in the same
    movement, for a movement's achievement). Told by structure, not by the words typed."""
    return (a.achievement_kind == b.achievement_kind
            and (a.achievement_kind != Award.AchievementKind.MOVEMENT
                 or a.movement_id == b.movement_id)
            and a.period_start <= b.period_end and b.period_start <= a.period_end)


# Awards outside the overall/topical rule of one level in one year (the union's award rules:
# a topic's review and a one-off reward are given whatever else the year brought).
OUTSIDE_SCOPE_RULE = {Award.AchievementKind.TOPIC, Award.AchievementKind.ONE_OFF}


def _describe(award: Award) -> str:
    return _("%(type)s năm %(year)s (Quyết định số %(number)s ngày %(date)s của %(issuer)s)") % {
        "type": award.award_type.name, "year": award.year, "number": award.decision_number,
        "date": award.decision_date.strftime("%d/%m/%Y"), "issuer": award.issuer,
    }


def award_problems(award: Award, *, issued: bool = True) -> list[str]:
    """The rules an award breaks, each message naming the rule and the earlier award.

    - one achievement, one reward ("không khen thưởng nhiều lần, nhiều hình thức cho một
      thành tích", Luật Thi đua, khen thưởng 2022): two forms of reward for the same
      achievement (kind, period, movement) to the same recipient;
    - a title is given once a year to the same recipient (a form may be given again for
      another achievement: a one-off reward beside the year's);
    - within one level and year, an overall reward excludes a topical one and the other way
      round, except a topic's review and a one-off reward (forms of reward only; titles are
      judged by their own conditions).
    """
    kind = award.award_type
    recipient = award.member or award.group
    if {kind.union_id, recipient.union_id, *([award.movement.union_id] if award.movement_id
                                              else [])} != {award.union_id}:
        return [_("Chỉ khen đoàn viên, tổ công đoàn của công đoàn mình, theo danh mục của "
                  "công đoàn mình.")]
    if (kind.recipient == AwardType.Recipient.INDIVIDUAL) != bool(award.member_id):
        return [_("“%(type)s” dành cho %(who)s.") % {
            "type": kind.name, "who": kind.get_recipient_display().lower()}]
    if award.body != kind.decided_by:
        return [_("“%(type)s” do %(body)s quyết định (%(source)s): ghi quyết định của cấp đó."
                  ) % {"type": kind.name, "body": DecidingBody(kind.decided_by).label.lower(),
                       "source": kind.source or LAW_80}]
    if issued and award.body == DecidingBody.UNION_BOARD and not OutgoingDocument.objects.filter(
            union_id=award.union_id, kind=DocumentKind.DECISION,
            year=award.decision_date.year, issued_on=award.decision_date,
    ).filter(number=_register_number(award.decision_number)).exists():
        return [_("Quyết định số %(number)s ngày %(day)s của Ban Chấp hành chưa có trong sổ văn "
                  "bản đi của công đoàn: vào sổ quyết định trước (Sổ văn bản đi → Vào sổ văn "
                  "bản), rồi ghi khen thưởng theo số và ngày đã cấp.") % {
            "number": award.decision_number, "day": award.decision_date.strftime("%d/%m/%Y")}]
    earlier = Award.objects.filter(union_id=award.union_id, member=award.member,
                                   group=award.group).exclude(pk=award.pk)
    earlier = earlier.select_related("award_type")
    problems = []
    both_forms = kind.kind == AwardType.Kind.FORM
    for other in earlier:
        other_form = other.award_type.kind == AwardType.Kind.FORM
        if both_forms and other_form and same_achievement(other, award):
            problems.append(_(
                "Không khen thưởng nhiều lần, nhiều hình thức cho một thành tích: %(what)s từ "
                "%(start)s đến %(end)s đã được khen bằng %(earlier)s."
            ) % {"what": award.get_achievement_kind_display().lower(),
                 "start": award.period_start.strftime("%d/%m/%Y"),
                 "end": award.period_end.strftime("%d/%m/%Y"), "earlier": _describe(other)})
        elif (other.year == award.year and other.award_type_id == kind.pk
              and kind.kind == AwardType.Kind.TITLE):
            problems.append(_("Mỗi năm chỉ khen một lần “%(type)s”: đã có %(earlier)s.") % {
                "type": kind.name, "earlier": _describe(other)})
        elif (other.year == award.year and both_forms and other_form
              and other.award_type.level == kind.level and other.award_type.scope != kind.scope
              and not {award.achievement_kind, other.achievement_kind} & OUTSIDE_SCOPE_RULE):
            problems.append(_(
                "Trong một năm, ở cùng một cấp khen, đã khen toàn diện thì không khen chuyên đề "
                "và ngược lại (trừ tổng kết chuyên đề, khen đột xuất): đã có %(earlier)s."
            ) % {"earlier": _describe(other)})
    return problems


def _register_number(code: str) -> int:
    """The register's number in a code such as "05/QĐ-CĐCS" (0 when there is none)."""
    head = code.strip().split("/", 1)[0]
    return int(head) if head.isdigit() and len(head) < 6 else 0


@transaction.atomic
def award_save(*, award: Award, by=None) -> Award:
    """Record an award after checking the rules against the recipient's earlier awards.

    The deciding body is the catalogue's when not given; another body is refused. An award of
    the union's own board without a decision number takes one from the union's register (a
    new decision, dated and signed as the form says); one with a number must name a decision
    already in the register."""
    if not award.body and award.award_type_id:
        award.body = award.award_type.decided_by
    issue = award.body == DecidingBody.UNION_BOARD and not award.decision_number.strip()
    if issue:
        award.decision_number = "…"  # the register's, once the award is saved
    # A year's achievement, unless the form says otherwise.
    award.period_start = award.period_start or date(award.year, 1, 1)
    award.period_end = award.period_end or date(award.year, 12, 31)
    if award.achievement_kind == Award.AchievementKind.MOVEMENT and not award.movement_id:
        raise ValidationError({"movement": _("Chọn phong trào thi đua của thành tích.")})
    award.full_clean()
    # Lock the recipient, so that two awards saved at once are checked one after the other.
    if award.member_id:
        list(Member.objects.select_for_update().filter(pk=award.member_id))
    else:
        list(UnionGroup.objects.select_for_update().filter(pk=award.group_id))
    problems = award_problems(award, issued=not issue)
    if problems:
        raise ValidationError(problems)
    award.save()
    if issue:
        entry = document_issue(
            union=award.union, kind=DocumentKind.DECISION, source=award,
            issued_on=award.decision_date, signer_name="",
            subject=f"Về việc tặng {award.award_type.name} năm {award.year}", by=by)
        award.decision_number = entry.code
        award.save(update_fields=["decision_number"])
    return award
