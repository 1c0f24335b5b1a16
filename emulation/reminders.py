"""Reminder rules over registration windows and the year-end evaluation's deadlines
(collected by ``reminders``). A fixed number of queries per rule, whatever the size."""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation.models import Evaluation, EvaluationCycle, Movement, Registration
from plans.reminders import board_members
from union.models import Member, UnionGroup
from union.reminders import Reminder

REGISTRATION_OPEN = "registration_open"
EVALUATION_SELF, EVALUATION_PROPOSAL, EVALUATION_DECISION = (
    "evaluation_self", "evaluation_proposal", "evaluation_decision")
# A deadline is near from this many days before it, and stays so once passed.
DEADLINE_NEAR_DAYS = 3


def registrations_open(*, today, settings):
    """A registration window open today → every active member who has not registered."""
    movements = list(Movement.objects.filter(registration_opens__lte=today,
                                             registration_closes__gte=today))
    registered = set(Registration.objects.filter(
        movement__in=movements, member__isnull=False).values_list("movement_id", "member_id"))
    members = Member.objects.active().filter(union_id__in={m.union_id for m in movements})
    by_union = {}
    for member_id, union_id in members.values_list("pk", "union_id"):
        by_union.setdefault(union_id, []).append(member_id)
    for movement in movements:
        if not settings[movement.union_id].on(REGISTRATION_OPEN):
            continue
        for member_id in by_union.get(movement.union_id, ()):
            if (movement.pk, member_id) in registered:
                continue
            yield Reminder(
                union_id=movement.union_id, recipient_id=member_id, kind=REGISTRATION_OPEN,
                target=f"movement:{movement.pk}", period="open",
                subject=_("Đăng ký thi đua: %(movement)s") % {"movement": movement.name},
                body=_("Phong trào “%(movement)s” nhận đăng ký thi đua đến hết ngày "
                       "%(closes)s; đồng chí chưa đăng ký.") % {
                    "movement": movement.name,
                    "closes": movement.registration_closes.strftime("%d/%m/%Y")},
                url=reverse("emulation:registration-create", args=[movement.pk]),
            )


def evaluation_deadlines(*, today, settings):
    """A step's deadline within three days or passed → whoever still owes that step."""
    near = today + timedelta(days=DEADLINE_NEAR_DAYS)
    cycles = {c.pk: c for c in EvaluationCycle.objects.filter(
        status=EvaluationCycle.Status.OPEN).filter(
        Q(self_assessment_due__lte=near) | Q(proposal_due__lte=near)
        | Q(decision_due__lte=near))}
    if not cycles:
        return
    owing = Evaluation.objects.filter(
        cycle__in=cycles.keys(), member__status=Member.Status.ACTIVE).filter(
        Q(self_assessment="") | Q(proposed_level="") | Q(level=""))
    leaders = {g.pk: (g.leader_id, g.deputy_id) for g in UnionGroup.objects.filter(
        union_id__in={c.union_id for c in cycles.values()})}
    board = board_members(today)
    seen = set()
    texts = {}  # (cycle, step) → subject, body and link: the same for everyone who owes it
    for cycle_id, member_id, group_id, self_text, proposed, level in owing.values_list(
        "cycle_id", "member_id", "member__group_id", "self_assessment", "proposed_level", "level",
    ):
        cycle = cycles[cycle_id]
        steps = []
        if not self_text and cycle.self_assessment_due <= near:
            steps.append((EVALUATION_SELF, [member_id], cycle.self_assessment_due))
        if not proposed and cycle.proposal_due <= near:
            steps.append((EVALUATION_PROPOSAL, leaders.get(group_id, ()), cycle.proposal_due))
        if not level and cycle.decision_due <= near:
            steps.append((EVALUATION_DECISION, board.get(cycle.union_id, ()),
                          cycle.decision_due))
        for kind, people, due in steps:
            for person in people:
                if person is None or (kind, person, cycle_id) in seen:
                    continue
                if not settings[cycle.union_id].on(kind):
                    continue
                seen.add((kind, person, cycle_id))
                if (cycle_id, kind) not in texts:
                    texts[cycle_id, kind] = _evaluation_texts(cycle, kind, due,
                                                              passed=due < today)
                yield Reminder(union_id=cycle.union_id, recipient_id=person, kind=kind,
                               target=f"cycle:{cycle_id}", period=kind,
                               **texts[cycle_id, kind])


STEP_NAMES = {
    EVALUATION_SELF: (gettext_lazy("tự đánh giá"), "emulation:my-evaluation"),
    EVALUATION_PROPOSAL: (gettext_lazy("tổ đề xuất xếp loại"), "emulation:cycle-detail"),
    EVALUATION_DECISION: (gettext_lazy("Ban Chấp hành đề xuất xếp loại"),
                          "emulation:cycle-detail"),
}


def _evaluation_texts(cycle, kind, due, *, passed) -> dict:
    step, url_name = STEP_NAMES[kind]
    numbers = {"year": cycle.year, "step": step, "due": due.strftime("%d/%m/%Y")}
    if passed:
        body = _("Đánh giá, xếp loại năm %(year)s: hạn %(step)s (%(due)s) đã qua mà phần việc "
                 "của đồng chí chưa xong; xin liên hệ Ban Chấp hành công đoàn.") % numbers
    else:
        body = _("Đánh giá, xếp loại năm %(year)s: hạn %(step)s là ngày %(due)s; phần việc của "
                 "đồng chí chưa xong.") % numbers
    args = [] if kind == EVALUATION_SELF else [cycle.pk]
    return {"subject": _("Hạn %(step)s năm %(year)s: %(due)s") % numbers, "body": body,
            "url": reverse(url_name, args=args)}


RULES = [registrations_open, evaluation_deadlines]
