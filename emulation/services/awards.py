"""The award catalogue and awards, with the rules that stop double rewards."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from emulation.models import Award, AwardType
from union.models import Member, Union, UnionGroup

T, F = AwardType.Kind.TITLE, AwardType.Kind.FORM
IND, COL = AwardType.Recipient.INDIVIDUAL, AwardType.Recipient.COLLECTIVE
BASE, UPPER, PROVINCE, NATIONAL = (AwardType.Level.GRASSROOTS, AwardType.Level.UPPER,
                                   AwardType.Level.PROVINCE, AwardType.Level.NATIONAL)
OVERALL, TOPICAL = AwardType.Scope.OVERALL, AwardType.Scope.TOPICAL

# The catalogue a union starts from (DOMAIN.md; Luật Thi đua, khen thưởng 2022; QĐ 999/QĐ-TLĐ
# 2024). Every row is the board's to edit or switch off.
DEFAULT_TYPES = [
    (AwardType.LDTT, "Lao động tiên tiến", T, IND, BASE, OVERALL),
    (AwardType.CSTDCS, "Chiến sĩ thi đua cơ sở", T, IND, BASE, OVERALL),
    (AwardType.DVCDXS, "Đoàn viên công đoàn xuất sắc", T, IND, BASE, OVERALL),
    (AwardType.STRONG_GROUP, "Tổ công đoàn vững mạnh", T, COL, BASE, OVERALL),
    ("", "Tập thể lao động tiên tiến", T, COL, BASE, OVERALL),
    ("", "Tập thể lao động xuất sắc", T, COL, PROVINCE, OVERALL),
    ("", "Giấy khen của Ban Chấp hành công đoàn cơ sở", F, IND, BASE, OVERALL),
    ("", "Giấy khen chuyên đề của Ban Chấp hành công đoàn cơ sở", F, IND, BASE, TOPICAL),
    ("", "Giấy khen của công đoàn cấp trên", F, IND, UPPER, OVERALL),
    ("", "Bằng khen của Liên đoàn Lao động tỉnh", F, IND, PROVINCE, OVERALL),
    ("", "Bằng Lao động sáng tạo của Tổng Liên đoàn Lao động Việt Nam", F, IND, NATIONAL,
     TOPICAL),
]


@transaction.atomic
def award_types_ensure(*, union: Union) -> int:
    """Give the union the default catalogue rows it lacks (by name, or by code for the rows
    the evaluation uses: a renamed "Lao động tiên tiến" is still there); returns how many."""
    rows = list(AwardType.objects.filter(union=union).values_list("name", "code"))
    names, codes = {name for name, _code in rows}, {code for _name, code in rows if code}
    missing = [
        AwardType(union=union, code=code, name=name, kind=kind, recipient=recipient,
                  level=level, scope=scope, order=i)
        for i, (code, name, kind, recipient, level, scope) in enumerate(DEFAULT_TYPES)
        if name not in names and code not in codes
    ]
    AwardType.objects.bulk_create(missing)
    return len(missing)


@transaction.atomic
def award_type_save(*, award_type: AwardType) -> AwardType:
    award_type.full_clean()
    award_type.save()
    return award_type


def _same_achievement(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _describe(award: Award) -> str:
    return _("%(type)s năm %(year)s (Quyết định số %(number)s ngày %(date)s của %(issuer)s)") % {
        "type": award.award_type.name, "year": award.year, "number": award.decision_number,
        "date": award.decision_date.strftime("%d/%m/%Y"), "issuer": award.issuer,
    }


def award_problems(award: Award) -> list[str]:
    """The rules an award breaks, each message naming the rule and the earlier award.

    - one recipient, one achievement, one reward ("không khen thưởng nhiều lần, nhiều hình
      thức cho một thành tích");
    - a title or form is given once a year to the same recipient;
    - within one level and year, an overall reward excludes a topical one and the other way
      round (this is about forms of reward; titles are judged by their own conditions).
    """
    kind = award.award_type
    recipient = award.member or award.group
    if {kind.union_id, recipient.union_id} != {award.union_id}:
        return [_("Chỉ khen đoàn viên, tổ công đoàn của công đoàn mình, theo danh mục của "
                  "công đoàn mình.")]
    if (kind.recipient == AwardType.Recipient.INDIVIDUAL) != bool(award.member_id):
        return [_("“%(type)s” dành cho %(who)s.") % {
            "type": kind.name, "who": kind.get_recipient_display().lower()}]
    earlier = Award.objects.filter(union_id=award.union_id, member=award.member,
                                   group=award.group).exclude(pk=award.pk)
    earlier = earlier.select_related("award_type")
    problems = []
    for other in earlier:
        if _same_achievement(other.achievement, award.achievement):
            problems.append(_(
                "Không khen thưởng nhiều lần, nhiều hình thức cho một thành tích: thành tích "
                "này đã được khen bằng %(earlier)s."
            ) % {"earlier": _describe(other)})
        elif other.year == award.year and other.award_type_id == kind.pk:
            problems.append(_("Mỗi năm chỉ khen một lần “%(type)s”: đã có %(earlier)s.") % {
                "type": kind.name, "earlier": _describe(other)})
        elif (other.year == award.year and kind.kind == AwardType.Kind.FORM
              and other.award_type.kind == AwardType.Kind.FORM
              and other.award_type.level == kind.level and other.award_type.scope != kind.scope):
            problems.append(_(
                "Trong một năm, ở cùng một cấp khen, đã khen toàn diện thì không khen chuyên đề "
                "và ngược lại: đã có %(earlier)s."
            ) % {"earlier": _describe(other)})
    return problems


@transaction.atomic
def award_save(*, award: Award) -> Award:
    """Record an award after checking the rules against the recipient's earlier awards."""
    award.full_clean()
    # Lock the recipient, so that two awards saved at once are checked one after the other.
    if award.member_id:
        list(Member.objects.select_for_update().filter(pk=award.member_id))
    else:
        list(UnionGroup.objects.select_for_update().filter(pk=award.group_id))
    problems = award_problems(award)
    if problems:
        raise ValidationError(problems)
    award.save()
    return award
