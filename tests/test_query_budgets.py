"""Every list page, report and export costs the same number of queries for a few rows as for
many, and no more than 15: a page must not issue more queries when it shows more rows.

Measured elsewhere, flat and within the budget, so not repeated here:
plans:task-list, plans:check-list and plans:dashboard (tests/plans/test_query_counts.py);
emulation:initiative-list and emulation:award-list with their ``?_export=xlsx``
(tests/emulation/test_views_initiatives.py, tests/emulation/test_views_awards.py).

Each case below grows the rows its page shows between the two measurements, and the second
response must contain every row added: a page that stopped showing them cannot pass.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from emulation.models import (
    Absence,
    AgencyLeader,
    Award,
    AwardType,
    Ballot,
    Candidacy,
    CouncilSeat,
    DecidingBody,
    Decision,
    Discipline,
    EvaluationCycle,
    Initiative,
    Level,
    Movement,
    UnionRating,
)
from emulation.services import (
    absence_save,
    award_save,
    award_type_save,
    cycle_open,
    cycle_recompute,
    discipline_save,
    initiative_submit,
    movement_save,
    registration_submit,
)
from plans.models import ActionPlan, CchcDomain, CchcIndex, Task
from plans.services import (
    cchc_save,
    check_open,
    check_refill,
    plan_create,
    progress_report,
    task_save,
)
from reminders.models import Kind, Notification
from tests.factories import (
    BoardMembershipFactory,
    GroupFactory,
    MemberFactory,
    TermFactory,
    UnionFactory,
)
from union.models import DocumentKind, Union
from union.register import document_issue

BUDGET = 15
MANY = 12
TODAY = timezone.localdate()
YEAR = TODAY.year


# What each page shows, grown row by row. ``numbers`` are fresh for each call, so that
# every row added can be told apart on the page.


def person(w, n, group=None, union=None):
    return MemberFactory(union=union or w.union_a, group=group, family_name="Trần",
                         middle_name="Thị", given_name=f"Mười{n:03d}")


def add_members(w, numbers, group=None):
    """Members of a group, by their given name (the exports have it in a column)."""
    return [person(w, n, group or w.group_a2).given_name for n in numbers]


def new_groups(w, numbers):
    """Groups with a leader and a deputy."""
    groups = []
    for n in numbers:
        group = GroupFactory(union=w.union_a, name=f"Tổ thêm {n:03d}")
        group.leader, group.deputy = person(w, n, group), person(w, 500 + n, group)
        group.save()
        groups.append(group)
    return groups


def add_groups(w, numbers):
    """Groups by name, leader and deputy."""
    return [text for group in new_groups(w, numbers)
            for text in (group.name, group.leader.full_name, group.deputy.full_name)]


def add_union_rows(w, numbers):
    """The union's page: groups with their leader, the current board, the unions under it."""
    shown = [text for group in new_groups(w, numbers)
             for text in (group.name, group.leader.full_name)]
    for n in numbers:
        seat = BoardMembershipFactory(member=person(w, 900 + n), term=w.term_a)
        child = UnionFactory(parent=w.union_a, name=f"Công đoàn bộ phận {n:03d}")
        shown += [seat.member.full_name, child.name]
    return shown


def past_term(w, n):
    return TermFactory(union=w.union_a, name=f"Khóa {n:03d}", start_date=date(1900 + n, 1, 1),
                       end_date=date(1900 + n, 12, 31))


def add_terms(w, numbers):
    """Past terms with a seat each, and more seats in the current term."""
    shown = []
    for n in numbers:
        term = past_term(w, n)
        past = BoardMembershipFactory(member=person(w, n), term=term)
        current = BoardMembershipFactory(member=person(w, 500 + n), term=w.term_a)
        shown += [term.name, past.member.full_name, current.member.full_name]
    return shown


def add_seats(w, numbers):
    """The chair's seats in past terms."""
    return [BoardMembershipFactory(member=w.chair, term=past_term(w, n)).term.name
            for n in numbers]


def add_plans(w, numbers):
    """Plans of earlier years, each linked by its year."""
    return [f">{plan_create(union=w.union_a, year=2000 + n).year}</a>" for n in numbers]


def add_register_entries(w, numbers):
    """Documents in the register: plans of earlier years (each linked to its plan) and
    letters entered by hand."""
    shown = []
    for n in numbers:
        plan = plan_create(union=w.union_a, year=2000 + n)
        document_issue(union=w.union_a, kind=DocumentKind.PLAN, subject=f"Kế hoạch {n:03d}",
                       issued_on=date(2000 + n, 1, 10), signer_name="Nguyễn Văn An",
                       source=plan)
        letter = document_issue(union=w.union_a, kind=DocumentKind.LETTER,
                                subject=f"Công văn {n:03d}", issued_on=date(2000 + n, 3, 1),
                                signer_name="Nguyễn Văn An", drafting_unit="TC")
        shown += [f"Kế hoạch {n:03d}", f"Công văn {n:03d}", letter.code]
    return shown


def add_register_links(w, numbers):
    """As ``add_register_entries``; the page links each plan's entry to the plan."""
    shown = add_register_entries(w, numbers)
    plans = ActionPlan.objects.filter(union=w.union_a, year__in=[2000 + n for n in numbers])
    return shown + [f'href="{plan.get_absolute_url()}"' for plan in plans]


def add_tasks(w, numbers, *, lead_group=None, due=None):
    """Tasks of this year's plan with a lead group, a supporting group and two assignees."""
    shown = []
    for n in numbers:
        group = lead_group or GroupFactory(union=w.union_a, name=f"Tổ chủ trì {n:03d}")
        task = task_save(
            task=Task(union=w.union_a, plan=w.plan, point=w.plan.points.get(number=1 + n % 5),
                      title=f"Nhiệm vụ thêm {n:03d}", product=f"Sản phẩm {n:03d}",
                      lead_group=group, start_date=date(YEAR, 1, 1), due_date=due or TODAY),
            supporting_groups=[w.group_a2], assignees=[w.member, person(w, n, group)],
        )
        shown.append(task.title)
    return shown


def add_reports(w, numbers):
    """Progress reports on the task's occurrence, each with its note."""
    return [progress_report(occurrence=w.occurrence, member=w.member, percent=min(n, 99),
                            note=f"Đã làm phần {n:03d}").note for n in numbers]


def add_checks(w, numbers):
    """Groups with this month's check each."""
    shown = []
    for n in numbers:
        group = GroupFactory(union=w.union_a, name=f"Tổ kiểm tra {n:03d}")
        person(w, n, group)
        check_open(group=group, year=YEAR, month=TODAY.month, by=None)
        shown.append(group.name)
    return shown


def add_check_entries(w, numbers):
    """Members of the leader's group, and products of this month each shared by ``member``
    and someone of the group, brought into this month's check by a refill: a card per
    member and a line per product and person (Nghị định 335)."""
    shown = add_members(w, numbers, w.group_a1) + add_tasks(w, numbers, lead_group=w.group_a1)
    check_refill(check=w.check_a1, by=w.leader.user)
    return shown


def add_my_work(w, numbers):
    """Tasks of the member's, and the group's checks of the earlier months (each a score)."""
    shown = add_tasks(w, numbers)
    for month in (n + 1 for n in numbers if n + 1 < TODAY.month):
        check = check_open(group=w.group_a1, year=YEAR, month=month, by=None)
        shown.append(f'id="score-{check.year}-{check.month:02d}"')
    return shown


def add_cchc(w, numbers):
    """CCHC indexes of earlier years, two domains each."""
    shown = []
    for n in numbers:
        cchc_save(index=CchcIndex(union=w.union_a, year=2000 + n, band=f"Xếp loại {n:03d}"),
                  domains=[CchcDomain(number=d, name=f"Lĩnh vực {n:03d}.{d}", max_points=10,
                                      achieved=5) for d in (1, 2)])
        shown += [f"Xếp loại {n:03d}", f"Lĩnh vực {n:03d}.2"]
    return shown


def add_movements(w, numbers):
    """This year's movements, each with a registration."""
    shown = []
    for n in numbers:
        movement = movement_save(movement=Movement(
            union=w.union_a, year=YEAR, name=f"Phong trào {n:03d}", starts_on=date(YEAR, 1, 1),
            ends_on=date(YEAR, 12, 31), registration_opens=date(YEAR, 1, 1),
            registration_closes=date(YEAR, 12, 31)))
        registration_submit(movement=movement, member=person(w, n), titles=[w.types["ldtt"]])
        shown.append(movement.name)
    return shown


def add_registrations(w, numbers):
    """Members of new groups registering for the movement, with two titles each."""
    shown = []
    titles = [w.types["ldtt"], w.types["cstdcs"]]
    for n in numbers:
        member = person(w, n, GroupFactory(union=w.union_a, name=f"Tổ đăng ký {n:03d}"))
        registration_submit(movement=w.movement, member=member, titles=titles,
                            targets=f"Cam kết {n:03d}")
        shown += [member.full_name, member.group.name, f"Cam kết {n:03d}"]
    return shown


def add_led_groups(w, numbers):
    """Groups the leader leads, each registered for the movement: the leader's panel lists
    them with their registration."""
    shown = []
    for n in numbers:
        group = GroupFactory(union=w.union_a, name=f"Tổ do tổ trưởng phụ trách {n:03d}",
                             leader=w.leader)
        registration_submit(movement=w.movement, group=group, titles=[w.types["tcdvm"]])
        shown.append(group.name)
    return shown


def add_records(w, numbers):
    """Reprimands and absences of ``other``."""
    shown = []
    for n in numbers:
        discipline_save(discipline=Discipline(
            member=w.other, level=Discipline.Level.REPRIMAND, decided_on=date(2000 + n, 1, 10),
            decision=f"{n:03d}/QĐ-KL"))
        absence_save(absence=Absence(member=w.other, year=2000 + n, months=1,
                                     note=f"Nghỉ ốm {n:03d}"))
        shown += [f"{n:03d}/QĐ-KL", f"Nghỉ ốm {n:03d}"]
    return shown


def add_award_types(w, numbers):
    return [award_type_save(award_type=AwardType(
        union=w.union_a, name=f"Bằng khen {n:03d}", kind=AwardType.Kind.FORM,
        recipient=AwardType.Recipient.INDIVIDUAL, level=AwardType.Level.PROVINCE,
        decided_by=DecidingBody.FEDERATION, order=100 + n)).name for n in numbers]


def add_awards(w, numbers):
    giay_khen = AwardType.objects.get(union=w.union_a,
                                      name="Giấy khen của Ban Chấp hành công đoàn cơ sở")
    return [award_save(award=Award(
        union=w.union_a, award_type=giay_khen, member=person(w, n), year=YEAR - 1,
        achievement=f"Thành tích {n:03d}", decision_number="",
        decision_date=date(YEAR, 1, 5), issuer="BCH CĐCS A")).achievement for n in numbers]


def add_initiatives(w, numbers):
    return [initiative_submit(
        initiative=Initiative(union=w.union_a, year=YEAR, title=f"Sáng kiến {n:03d}",
                              description="Mô tả", value_vnd=1000 * n),
        authors=[person(w, n), w.member]).title for n in numbers]


def add_authors(w, numbers):
    authors = [person(w, n) for n in numbers]
    w.initiative.authors.add(*authors, through_defaults={"union_id": w.initiative.union_id})
    return [author.full_name for author in authors]


def deadlines(year):
    return dict(self_assessment_due=date(year, 12, 10), proposal_due=date(year, 12, 15),
                decision_due=date(year, 12, 20))


def add_cycles(w, numbers):
    """Evaluation cycles of earlier years."""
    return [f"cycle-{cycle_open(union=w.union_a, year=2000 + n, **deadlines(2000 + n)).pk}"
            for n in numbers]


def add_report_years(w, numbers):
    """Earlier years with a cycle (and a plan) each."""
    shown = []
    for n in numbers:
        cycle_open(union=w.union_a, year=2000 + n, **deadlines(2000 + n))
        plan_create(union=w.union_a, year=2000 + n)
        shown.append(f"Báo cáo năm {2000 + n}")
    return shown


def add_rollup_years(w, numbers):
    """Earlier years in which a union under the upper union had a plan."""
    for n in numbers:
        plan_create(union=w.union_b, year=2000 + n)
    return [f"Tổng hợp năm {2000 + n}" for n in numbers]


def add_evaluated(w, numbers, group=None):
    """Members of a group, brought into this year's cycle by a recompute."""
    shown = add_members(w, numbers, group)
    cycle_recompute(cycle=w.cycle)
    return shown


def add_unions(w, numbers):
    """Unions under the upper union, each with two members and this year's cycle."""
    shown = []
    for n in numbers:
        union = UnionFactory(parent=w.upper, name=f"Công đoàn cơ sở thêm {n:03d}")
        person(w, n, union=union)
        person(w, 500 + n, union=union)
        cycle_open(union=union, year=YEAR, **deadlines(YEAR))
        shown.append(union.name)
    return shown


def add_rated_unions(w, numbers):
    """Unions under the upper union, each with a submitted quality rating to decide."""
    names = add_unions(w, numbers)
    shown = list(names)
    for n, name in zip(numbers, names, strict=True):
        rating = UnionRating.objects.create(
            union=Union.objects.get(name=name), year=YEAR, guide_key="HD1294-2019",
            total=Decimal(50 + n), self_level=Level.DONE, status=UnionRating.Status.SUBMITTED)
        shown += [f"Tự chấm {50 + n}", reverse("emulation:rating-decide", args=[rating.pk])]
    return shown


def add_ratings(w, numbers):
    """Union A's quality ratings of earlier years (rows as the list reads them)."""
    for n in numbers:
        UnionRating.objects.create(union=w.union_a, year=1990 + n, guide_key="HD1294-2019",
                                   total=Decimal(n), self_level=Level.NOT_DONE)
    return [f"Năm {1990 + n}" for n in numbers]


def add_deputies(w, numbers):
    """Deputy heads of the agency over the years."""
    return [AgencyLeader.objects.create(
        union=w.union_a, agency=w.agency_a, role=AgencyLeader.Role.DEPUTY, title="Phó Giám đốc",
        full_name=f"Phó Giám đốc {n:03d}", started_on=date(2000 + n, 1, 1)).full_name
        for n in numbers]


def add_council_seats(w, numbers):
    return [CouncilSeat.objects.create(
        union=w.union_a, council=w.council_a, role=CouncilSeat.Role.MEMBER,
        full_name=f"Ủy viên {n:03d}", position="Trưởng phòng").full_name for n in numbers]


def add_candidates(w, numbers):
    """Members proposed for CSTĐCS (a secret ballot), with this meeting's count for each."""
    shown = add_evaluated(w, numbers)
    cstdcs = AwardType.objects.get(union=w.union_a, code=AwardType.CSTDCS)
    for evaluation in w.cycle.evaluations.filter(member__given_name__in=shown):
        candidacy = Candidacy.objects.create(union=w.union_a, evaluation=evaluation,
                                             award_type=cstdcs)
        Ballot.objects.create(union=w.union_a, meeting=w.meeting, candidacy=candidacy, agree=1,
                              valid=1, members=1, threshold_percent=70, base="members")
    return shown


def add_decided(w, numbers):
    """Members whose level the recorded decision decided."""
    shown = add_evaluated(w, numbers)
    w.cycle.evaluations.filter(member__given_name__in=shown).update(
        level=Level.GOOD, level_decision=w.decision)
    return shown


def add_member_years(w, numbers):
    """Earlier years in which the member was rated, each with its decision."""
    shown = []
    for n in numbers:
        cycle = cycle_open(union=w.union_a, year=2000 + n, **deadlines(2000 + n))
        EvaluationCycle.objects.filter(pk=cycle.pk).update(status="published")
        decision = Decision.objects.create(
            union=w.union_a, cycle=cycle, kind=Decision.Kind.RATING,
            body=DecidingBody.AGENCY_HEAD, number=f"{n:03d}/QĐ-SA",
            decided_on=date(2000 + n, 12, 20), signer_name="Giám đốc A", signer_title="Giám đốc")
        cycle.evaluations.filter(member=w.member).update(level=Level.GOOD,
                                                         level_decision=decision)
        shown.append(f"QĐ số {n:03d}/QĐ-SA")
    return shown


def add_notifications(w, numbers):
    """The member's inbox."""
    return [notify(w, n, Notification.Status.INBOX_ONLY).subject for n in numbers]


def add_failed(w, numbers):
    """The outbox's failed mail, shown to the board with its error."""
    return [notify(w, n, Notification.Status.FAILED).last_error for n in numbers]


def notify(w, n, status):
    return Notification.objects.create(
        union=w.union_a, recipient=w.member, kind=Kind.TASK_DUE, target=f"occurrence:{n}",
        period=str(TODAY), subject=f"Sắp đến hạn: Việc {n:03d}", body="Nhiệm vụ đến hạn.",
        url=reverse("plans:my-work"), status=status, last_error=f"Lỗi gửi thư {n:03d}")


# The pages


@dataclass
class Page:
    name: str
    role: str
    args: Callable = lambda w: []
    grow: Callable = add_members
    query: str = ""

    def url(self, w):
        return reverse(self.name, args=self.args(w)) + self.query


def of_union(w):
    return [w.union_a.pk]


def of_year(w):
    return [w.union_a.pk, YEAR]


PAGES = [
    Page("union:union-detail", "chair", of_union, add_union_rows),
    Page("union:board", "chair", of_union, add_terms),
    Page("union:group-list", "chair", of_union, add_groups),
    Page("union:group-detail", "leader", lambda w: [w.group_a1.pk],
         lambda w, numbers: add_members(w, numbers, w.group_a1)),
    Page("union:member-detail", "chair", lambda w: [w.chair.pk], add_seats),
    Page("union:member-list", "chair", of_union),
    Page("union:member-list", "chair", of_union, query="?_export=xlsx"),
    Page("union:member-list", "chair", of_union, query="?_export=csv"),
    Page("union:register", "chair", of_union, add_register_links),
    Page("union:register", "officer", of_union, add_register_entries, "?_export=xlsx"),
    Page("union:register", "chair", of_union, add_register_entries, "?_export=csv"),
    Page("plans:plan-list", "chair", of_union, add_plans),
    Page("plans:plan-detail", "chair", lambda w: [w.plan.pk], add_tasks),
    Page("plans:plan-docx", "chair", lambda w: [w.plan.pk], add_tasks),
    Page("plans:plan-pdf", "chair", lambda w: [w.plan.pk], add_tasks),
    Page("plans:task-detail", "chair", lambda w: [w.task.pk], add_reports),
    Page("plans:task-list", "chair", of_union, add_tasks, "?_export=xlsx"),
    Page("plans:task-list", "chair", of_union, add_tasks, "?_export=csv"),
    Page("plans:check-list", "chair", of_union, add_checks, "?_export=xlsx"),
    Page("plans:check-list", "chair", of_union, add_checks, "?_export=csv"),
    Page("plans:check-detail", "leader", lambda w: [w.check_a1.pk], add_check_entries),
    Page("plans:group-work", "leader", lambda w: [w.group_a1.pk],
         lambda w, numbers: add_tasks(w, numbers, lead_group=w.group_a1)),
    Page("plans:my-work", "member", grow=add_my_work),
    Page("plans:cchc-list", "chair", of_union, add_cchc),
    Page("emulation:movement-list", "chair", of_union, add_movements),
    Page("emulation:movement-detail", "chair", lambda w: [w.movement.pk], add_registrations),
    Page("emulation:movement-detail", "chair", lambda w: [w.movement.pk], add_registrations,
         "?_export=xlsx"),
    Page("emulation:movement-detail", "leader", lambda w: [w.movement.pk], add_led_groups),
    Page("emulation:initiative-list", "chair", of_union, add_initiatives, "?_export=csv"),
    Page("emulation:initiative-detail", "chair", lambda w: [w.initiative.pk], add_authors),
    Page("emulation:member-records", "chair", lambda w: [w.other.pk], add_records),
    Page("emulation:awardtype-list", "chair", of_union, add_award_types),
    Page("emulation:award-list", "chair", of_union, add_awards, "?_export=csv"),
    Page("emulation:cycle-list", "chair", of_union, add_cycles),
    Page("emulation:cycle-detail", "chair", lambda w: [w.cycle.pk], add_evaluated),
    Page("emulation:cycle-detail", "leader", lambda w: [w.cycle.pk],
         lambda w, numbers: add_evaluated(w, numbers, w.group_a1)),
    Page("emulation:report-list", "chair", of_union, add_report_years),
    Page("emulation:report", "chair", of_year, add_evaluated),
    Page("emulation:report", "officer", of_year, add_evaluated),
    Page("emulation:report-xlsx", "chair", of_year, add_evaluated),
    Page("emulation:report-docx", "chair", of_year, add_evaluated),
    Page("emulation:report-pdf", "chair", of_year, add_evaluated),
    Page("emulation:report-list", "officer", lambda w: [w.upper.pk], add_rollup_years),
    Page("emulation:rollup", "officer", lambda w: [w.upper.pk, YEAR], add_unions),
    Page("emulation:rollup", "officer", lambda w: [w.upper.pk, YEAR], add_unions,
         "?_export=xlsx"),
    Page("emulation:rollup", "officer", lambda w: [w.upper.pk, YEAR], add_rated_unions),
    Page("emulation:rating-list", "member", of_union, add_ratings),
    Page("emulation:agency", "chair", of_union, add_deputies),
    Page("emulation:council-detail", "chair", lambda w: [w.council_a.pk], add_council_seats),
    Page("emulation:meeting-detail", "chair", lambda w: [w.meeting.pk], add_candidates),
    Page("emulation:decision-create", "chair", lambda w: [w.cycle.pk], add_evaluated),
    Page("emulation:decision-detail", "chair", lambda w: [w.decision.pk], add_decided),
    Page("emulation:member-titles", "member", lambda w: [w.member.pk], add_member_years),
    Page("reminders:inbox", "member", grow=add_notifications),
    Page("reminders:status", "chair", of_union, add_failed),
]


def text_of(response):
    """What a reader sees in the response: the page, the sheet, the document."""
    kind = response["Content-Type"]
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True)
                         for cell in row if cell is not None)
    if "wordprocessingml" in kind:
        document = Document(io.BytesIO(response.content))
        cells = [cell.text for table in document.tables for row in table.rows
                 for cell in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if kind == "application/pdf":
        pages = PdfReader(io.BytesIO(response.content)).pages
        return " ".join(" ".join(page.extract_text() for page in pages).split())
    return response.content.decode("utf-8-sig")


def measure(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), text_of(response)


@pytest.mark.parametrize("page", PAGES, ids=lambda page: f"{page.name}{page.query}-{page.role}")
def test_the_page_costs_the_same_for_many_rows_as_for_few_and_stays_in_budget(emu, login, page):
    client = login(getattr(emu, page.role).user)
    url = page.url(emu)
    page.grow(emu, range(1, 2))
    client.get(url)  # the first request of a session may warm caches
    few, _text = measure(client, url)
    shown = page.grow(emu, range(2, 2 + MANY))
    many, text = measure(client, url)
    assert [row for row in shown if row not in text] == []
    assert many == few
    assert few <= BUDGET
