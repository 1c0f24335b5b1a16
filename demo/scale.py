"""A province-sized data set for benchmarks (issue 6): deterministic, bulk inserts only.

``seed_scale`` builds a provincial federation, upper-level unions under it (one per 300
grassroots unions), the grassroots unions, their groups and members, a current term with its
chair, and for each of the last ``years`` years: the issued plan with its five points, tasks
and their occurrences, confirmed monthly checks with an entry per member, a movement with
registrations, initiatives, awards and the year-end evaluation cycle with its evaluations.

Nothing goes through ``save()`` or the services: rows are built in memory, one batch of
unions at a time, and written with ``COPY`` on PostgreSQL (ids taken from the table's
sequence first, so later rows can point at them) or ``bulk_create`` elsewhere. Every field
that ``save()`` would derive (``Union.path``, ``Member.name_key``/``name_search``, the
scores) is computed here, and every ``union_id`` is set. Random choices come from one
``random.Random(seed)``, drawn in a fixed order, so the same arguments (and the same
``today``) give the same data.
"""

import math
import random
import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache
from operator import attrgetter

from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone

from emulation.models import (
    Award,
    AwardType,
    Candidacy,
    DecidingBody,
    Decision,
    Evaluation,
    EvaluationCycle,
    Initiative,
    Level,
    Movement,
    Registration,
)
from emulation.services.awards import DEFAULT_TYPES
from emulation.services.rules import default_rules
from plans.defaults import FIVE_POINTS, PURPOSE, RECIPIENTS, SUBJECT
from plans.models import ActionPlan, ActionPoint, CheckEntry, MonthlyCheck, Task, TaskOccurrence
from plans.periods import check_window, cutoff_date
from plans.scoring import ScoringRules, compute_score, round_score
from union.bulk import copy_values
from union.models import (
    BoardMembership,
    DocumentKind,
    Member,
    OutgoingDocument,
    Term,
    Union,
    UnionGroup,
)
from union.names import fold, name_sort_key

BATCH = 2000  # rows per INSERT
UNIONS_PER_CHUNK = 50  # grassroots unions generated and written together
UNIONS_PER_UPPER = 300
CHECK_MONTHS = range(1, 11)  # January to October
CUTOFF_DAY = 31

FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
                "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE_NAMES = {
    Member.Gender.MALE: ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thành", "Ngọc", "Xuân",
                         "Văn Hoàng"],
    Member.Gender.FEMALE: ["Thị", "Thị Thu", "Thị Ngọc", "Thị Kim", "Ngọc", "Thu", "Hồng",
                           "Thị Mỹ", "Thanh"],
}
GIVEN_NAMES = {
    Member.Gender.MALE: ["An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Khoa", "Long",
                         "Minh", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Trung", "Tuấn", "Việt",
                         "Huy", "Lộc"],
    Member.Gender.FEMALE: ["Anh", "Châu", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hương", "Lan",
                           "Linh", "Mai", "Ngọc", "Nhung", "Oanh", "Phương", "Thảo", "Trang",
                           "Vân", "Yến", "Ánh"],
}
AGENCIES = ["Trường Tiểu học", "Trường THCS", "Trường THPT", "Trạm Y tế", "Trung tâm Y tế",
            "Ban Quản lý dự án", "Chi cục", "Phòng Tài chính – Kế hoạch", "Văn phòng HĐND và UBND",
            "Trung tâm Văn hóa – Thể thao"]
UPPER_KINDS = ["Công đoàn Viên chức", "Công đoàn ngành Giáo dục", "Công đoàn ngành Y tế",
               "Liên đoàn Lao động huyện"]
DEPARTMENTS = ["Văn phòng", "Phòng Kế hoạch – Tài chính", "Phòng Nghiệp vụ",
               "Phòng Tổ chức – Hành chính", "Bộ phận Một cửa", "Tổ Chuyên môn"]
POSITIONS = ["Chuyên viên", "Chuyên viên", "Chuyên viên chính", "Kế toán", "Giáo viên",
             "Bác sĩ", "Điều dưỡng", "Nhân viên", "Phó trưởng phòng", "Trưởng phòng"]
TASK_TITLES = [
    ("Báo cáo tình hình thực hiện nhiệm vụ CCHC", "Báo cáo tháng", Task.Recurrence.MONTHLY),
    ("Cập nhật hồ sơ một cửa trên hệ thống", "Hồ sơ được cập nhật", Task.Recurrence.MONTHLY),
    ("Tuyên truyền về CCHC trên trang thông tin", "Bài viết", Task.Recurrence.QUARTERLY),
    ("Rà soát thủ tục hành chính", "Báo cáo rà soát", Task.Recurrence.ONCE),
    ("Tổ chức tập huấn ứng dụng công nghệ thông tin", "Lớp tập huấn", Task.Recurrence.ONCE),
    ("Đề xuất sáng kiến cải tiến quy trình", "Đề xuất", Task.Recurrence.ONCE),
]
INITIATIVE_TITLES = ["Số hóa hồ sơ lưu trữ", "Quy trình tiếp nhận hồ sơ trực tuyến",
                     "Mẫu báo cáo thống kê dùng chung", "Tra cứu văn bản nội bộ",
                     "Nhắc hạn xử lý hồ sơ tự động"]

ENTRY_COLUMNS = ["union_id", "check_record_id", "member_id", "assigned", "done", "on_time",
                 "quality_passed", "remark", "score"]

RULES = ScoringRules()
RULES_DICT = RULES.as_dict()


@cache
def entry_score(assigned, done, on_time, quality_passed):
    return compute_score(assigned=assigned, done=done, on_time=on_time,
                         quality_passed=quality_passed, rules=RULES).value


def years_of(years: int, today: date) -> list[int]:
    """The ``years`` last years, ending with the current one."""
    return list(range(today.year - years + 1, today.year + 1))


def check_months(year: int, today: date) -> list[int]:
    """January to October, but only months whose window has closed by ``today``."""
    return [m for m in CHECK_MONTHS if check_window(year, m, CUTOFF_DAY)[1] < today]


def upper_count(unions: int) -> int:
    return max(1, math.ceil(unions / UNIONS_PER_UPPER))


def _spread(total: int, parts: int, rng: random.Random, minimum: int) -> list[int]:
    """``total`` split into ``parts`` uneven shares of at least ``minimum``, summing exactly."""
    spare = total - parts * minimum
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    scale = spare / sum(weights)
    shares = [int(w * scale) for w in weights]
    order = sorted(range(parts), key=lambda i: weights[i] * scale - shares[i], reverse=True)
    for i in order[:spare - sum(shares)]:
        shares[i] += 1
    return [minimum + s for s in shares]


def _aware(day: date, hour=9):
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


class Seeder:
    def __init__(self, *, unions, members, years, seed=1, today=None, stdout=None):
        if unions < 1 or members < 2 * unions or years < 1:
            raise ValueError("Cần ít nhất 1 công đoàn, 2 đoàn viên mỗi công đoàn và 1 năm.")
        self.n_unions, self.n_members, self.n_years = unions, members, years
        self.rng = random.Random(seed)
        self.today = today or timezone.localdate()
        self.years = years_of(years, self.today)
        self.stdout = stdout
        self.counts = defaultdict(int)
        self.serial = 0  # members made so far, for their e-mail addresses
        self.started = time.monotonic()

    # -- output and writing ---------------------------------------------------------------
    def say(self, text):
        if self.stdout is not None:
            self.stdout.write(text)

    def insert(self, model, rows):
        if rows:
            if connection.vendor == "postgresql":
                copy_rows(model, rows)
            else:
                model.objects.bulk_create(rows, batch_size=BATCH)
            self.counts[model._meta.label] += len(rows)
        return rows

    def insert_values(self, model, columns, values):
        """Rows given as tuples of ``columns`` (no model instances: the biggest table)."""
        if connection.vendor == "postgresql":
            copy_values(model._meta.db_table, columns, values)
        else:
            model.objects.bulk_create([model(**dict(zip(columns, v, strict=True)))
                                       for v in values], batch_size=BATCH)
        self.counts[model._meta.label] += len(values)

    # -- the whole run ----------------------------------------------------------------------
    def run(self):
        rng = self.rng
        self.say(f"Tạo dữ liệu quy mô: {self.n_unions} công đoàn cơ sở, {self.n_members} "
                 f"đoàn viên, {self.n_years} năm ({self.years[0]}–{self.years[-1]}).")
        province = self.insert(Union, [Union(
            name="Liên đoàn Lao động tỉnh Gia Lai", short_name="LĐLĐ tỉnh Gia Lai",
            place_name="Gia Lai", document_code="LĐLĐ", path="",
        )])[0]
        uppers = self.insert(Union, [Union(
            name=f"{UPPER_KINDS[i % len(UPPER_KINDS)]} số {i + 1}",
            short_name=f"CĐCT số {i + 1}", parent=province, place_name="Gia Lai",
            upper_union_name=province.name.upper(), document_code="CĐCT", path="",
        ) for i in range(upper_count(self.n_unions))])
        self._set_paths([province], "/")
        for upper in uppers:
            self._set_paths([upper], province.path)
        self.say(f"Đã tạo {1 + len(uppers)} công đoàn cấp trên.")
        member_counts = _spread(self.n_members, self.n_unions, rng, minimum=2)
        for first in range(0, self.n_unions, UNIONS_PER_CHUNK):
            last = min(first + UNIONS_PER_CHUNK, self.n_unions)
            self._chunk(range(first, last), uppers, member_counts)
            self.say(f"  {last}/{self.n_unions} công đoàn cơ sở, "
                     f"{self.counts['union.Member']} đoàn viên, "
                     f"{self.counts['plans.CheckEntry']} kết quả kiểm tra "
                     f"({time.monotonic() - self.started:.1f} giây)")
        return dict(self.counts)

    def _set_paths(self, unions, parent_path):
        for union in unions:
            union.path = f"{parent_path}{union.pk}/"
        Union.objects.bulk_update(unions, ["path"], batch_size=500)

    # -- one batch of grassroots unions -------------------------------------------------------
    def _chunk(self, indexes, uppers, member_counts):
        rng = self.rng
        unions = []
        for i in indexes:
            upper = uppers[i % len(uppers)]
            agency = f"{AGENCIES[i % len(AGENCIES)]} số {i + 1}"
            unions.append(Union(
                name=f"Công đoàn cơ sở {agency}", short_name=f"CĐCS {agency}", agency=agency,
                parent=upper, upper_union_name=upper.name.upper(),
                letterhead_name=f"CĐCS {agency}".upper(), place_name="Gia Lai", path="",
            ))
        self.insert(Union, unions)
        for union in unions:
            union.path = f"{union.parent.path}{union.pk}/"
        Union.objects.bulk_update(unions, ["path"], batch_size=500)

        groups = {}  # union pk → [group]
        rows = []
        for union in unions:
            groups[union.pk] = [UnionGroup(union_id=union.pk, name=f"Tổ công đoàn số {k + 1}")
                                for k in range(rng.randint(3, 8))]
            rows += groups[union.pk]
        self.insert(UnionGroup, rows)

        members = {}  # union pk → [member]
        rows = []
        first_year = self.years[0]
        for union, i in zip(unions, indexes, strict=True):
            members[union.pk] = [self._member(union, groups[union.pk], first_year)
                                 for _ in range(member_counts[i])]
            rows += members[union.pk]
        self.insert(Member, rows)

        led = []
        for union in unions:
            for group in groups[union.pk]:
                people = [m for m in members[union.pk] if m.group_id == group.pk]
                if people:
                    group.leader_id = people[0].pk
                    group.deputy_id = people[1].pk if len(people) > 1 else None
                    led.append(group)
        UnionGroup.objects.bulk_update(led, ["leader", "deputy"], batch_size=500)

        start = date(self.today.year - 2, 7, 1)
        terms = self.insert(Term, [Term(union_id=u.pk, name="Khóa I", start_date=start,
                                        end_date=date(start.year + 5, 6, 30)) for u in unions])
        board = []
        for union, term in zip(unions, terms, strict=True):
            chair, vice = members[union.pk][:2]
            board.append(BoardMembership(union_id=union.pk, term_id=term.pk, member_id=chair.pk,
                                         position=BoardMembership.Position.CHAIR))
            board.append(BoardMembership(union_id=union.pk, term_id=term.pk, member_id=vice.pk,
                                         position=BoardMembership.Position.VICE_CHAIR))
        self.insert(BoardMembership, board)

        types = {}  # union pk → {code or name: AwardType}
        rows = []
        for union in unions:
            catalogue = [AwardType(union_id=union.pk, code=row.code, name=row.name,
                                   kind=row.kind, recipient=row.recipient, level=row.level,
                                   scope=row.scope, decided_by=row.decided_by,
                                   proposed_by=row.proposed_by, source=row.source,
                                   needs_ballot=bool(row.ballot),
                                   ballot_threshold_percent=row.ballot, order=k)
                         for k, row in enumerate(DEFAULT_TYPES)]
            types[union.pk] = {t.code or t.name: t for t in catalogue}
            rows += catalogue
        self.insert(AwardType, rows)

        for year in self.years:
            self._year(year, unions, groups, members, types)

    def _member(self, union, union_groups, first_year):
        rng = self.rng
        gender = rng.choice([Member.Gender.MALE, Member.Gender.FEMALE])
        family = rng.choice(FAMILY_NAMES)
        middle = rng.choice(MIDDLE_NAMES[gender])
        given = rng.choice(GIVEN_NAMES[gender])
        born = date(rng.randint(1966, 2000), rng.randint(1, 12), rng.randint(1, 28))
        earliest = min(max(born.year + 22, 1995), first_year - 1)
        joined = date(rng.randint(earliest, first_year - 1), rng.randint(1, 12), 1)
        self.serial += 1
        return Member(
            union_id=union.pk, group_id=rng.choice(union_groups).pk,
            email=f"doanvien{self.serial}@congdoan.test",
            family_name=family, middle_name=middle, given_name=given,
            name_key=name_sort_key(family_name=family, middle_name=middle, given_name=given),
            name_search=fold(f"{family} {middle} {given}"),
            gender=gender, date_of_birth=born,
            employment_type=rng.choice(Member.EmploymentType.values),
            position=rng.choice(POSITIONS), department=rng.choice(DEPARTMENTS),
            joined_union_on=joined,
        )

    # -- one year of a batch --------------------------------------------------------------
    def _year(self, year, unions, groups, members, types):
        rng, today = self.rng, self.today
        current = year == today.year
        until = min(today, date(year, 12, 31))

        plans = self.insert(ActionPlan, [ActionPlan(
            union_id=u.pk, year=year, subject=str(SUBJECT) % {"year": year},
            purpose=str(PURPOSE), recipients=str(RECIPIENTS),
            signer_id=members[u.pk][0].pk, status=ActionPlan.Status.ISSUED,
            cutoff_day=CUTOFF_DAY,
        ) for u in unions])
        # Issued plans take their number from the register: the year's first kế hoạch.
        self.insert(OutgoingDocument, [OutgoingDocument(
            union_id=plan.union_id, year=year, kind=DocumentKind.PLAN, number=1,
            issued_on=date(year, 1, 15), subject=plan.subject,
            signer_name=members[plan.union_id][0].full_name, recipients=plan.recipients,
            content_type=ContentType.objects.get_for_model(ActionPlan), object_id=plan.pk,
        ) for plan in plans])
        points = {}
        rows = []
        for plan in plans:
            points[plan.union_id] = [
                ActionPoint(union_id=plan.union_id, plan_id=plan.pk, number=k + 1,
                            title=str(title), content=str(content))
                for k, (title, content) in enumerate(FIVE_POINTS)]
            rows += points[plan.union_id]
        self.insert(ActionPoint, rows)

        # Tasks, their assignees and occurrences.
        tasks, assignees = [], {}  # task → [member]
        for plan in plans:
            uid = plan.union_id
            for title, product, recurrence in rng.sample(TASK_TITLES, rng.randint(3, 5)):
                group = rng.choice(groups[uid])
                people = [m for m in members[uid] if m.group_id == group.pk] or members[uid][:1]
                due = (date(year, 12, 31) if recurrence != Task.Recurrence.ONCE
                       else date(year, rng.randint(3, 11), 28))
                task = Task(union_id=uid, plan_id=plan.pk,
                            point_id=rng.choice(points[uid]).pk, title=title, product=product,
                            lead_group_id=group.pk, start_date=date(year, 1, 1), due_date=due,
                            recurrence=recurrence, weight=rng.randint(1, 3))
                tasks.append(task)
                assignees[id(task)] = rng.sample(people, min(len(people), rng.randint(1, 3)))
        self.insert(Task, tasks)
        through = Task.assignees.through
        self.insert(through, [through(union_id=t.union_id, task_id=t.pk, member_id=m.pk)
                              for t in tasks for m in assignees[id(t)]])
        occurrences = []
        task_total, task_on_time = defaultdict(int), defaultdict(int)
        for task in tasks:
            for start, due in self._periods(task):
                occurrence = self._occurrence(task, start, due)
                occurrences.append(occurrence)
                if due <= until:
                    for m in assignees[id(task)]:
                        task_total[m.pk] += 1
                        if occurrence.completed_on and occurrence.completed_on <= due:
                            task_on_time[m.pk] += 1
        self.insert(TaskOccurrence, occurrences)

        # Monthly checks, confirmed, with an entry per member of the group.
        months = check_months(year, today)
        checks, by_group = [], defaultdict(list)
        for union in unions:
            for member in members[union.pk]:
                by_group[member.group_id].append(member)
            for group in groups[union.pk]:
                for month in months:
                    start, end = check_window(year, month, CUTOFF_DAY)
                    checks.append(MonthlyCheck(
                        union_id=union.pk, group_id=group.pk, year=year, month=month,
                        status=MonthlyCheck.Status.CONFIRMED, period_start=start, period_end=end,
                        rules=RULES_DICT, submitted_at=_aware(end + timedelta(days=2)),
                        confirmed_at=_aware(end + timedelta(days=4)),
                    ))
        self.insert(MonthlyCheck, checks)
        scores = defaultdict(list)  # member pk → [score]
        entries = []
        for check in checks:
            for member in by_group[check.group_id]:
                assigned = rng.choices((0, 1, 2, 3, 4), (1, 3, 4, 3, 2))[0]
                done = assigned - (rng.random() < 0.2 and assigned > 0)
                on_time = done - (rng.random() < 0.15 and done > 0)
                quality = done - (rng.random() < 0.1 and done > 0)
                score = entry_score(assigned, done, on_time, quality)
                if score is not None:
                    scores[member.pk].append(score)
                entries.append((check.union_id, check.pk, member.pk, assigned, done, on_time,
                                quality, "", score))
        self.insert_values(CheckEntry, ENTRY_COLUMNS, entries)

        # The movement and its registrations.
        movements = self.insert(Movement, [Movement(
            union_id=u.pk, year=year,
            name=f"Phong trào thi đua “Lao động giỏi, Lao động sáng tạo” năm {year}",
            starts_on=date(year, 1, 1), ends_on=date(year, 12, 31),
            content="Thi đua thực hiện tốt nhiệm vụ chuyên môn và công tác CCHC.",
            registration_opens=date(year, 1, 2), registration_closes=date(year, 2, 28),
        ) for u in unions])
        registrations, titles, registered = [], {}, {}
        for movement in movements:
            uid = movement.union_id
            for member in members[uid]:
                if rng.random() >= 0.85:
                    continue
                codes = [AwardType.LDTT] + ([AwardType.CSTDCS] if rng.random() < 0.2 else [])
                approved = not current or rng.random() < 0.8
                registration = Registration(
                    union_id=uid, movement_id=movement.pk, member_id=member.pk,
                    targets="Hoàn thành xuất sắc nhiệm vụ được giao.",
                    status=(Registration.Status.APPROVED if approved
                            else Registration.Status.SUBMITTED))
                registrations.append(registration)
                titles[id(registration)] = [types[uid][c] for c in codes]
                if approved:
                    registered[member.pk] = sorted(codes)
        self.insert(Registration, registrations)
        through = Registration.titles.through
        self.insert(through, [through(union_id=r.union_id, registration_id=r.pk,
                                      awardtype_id=t.pk)
                              for r in registrations for t in titles[id(r)]])

        # Initiatives: a few per union, most of a past year recognised.
        initiatives, authors, recognised = [], {}, defaultdict(int)
        for union in unions:
            for k in range(rng.randint(1, 3)):
                people = rng.sample(members[union.pk], min(2, rng.randint(1, 2)))
                is_recognised = rng.random() < (0.4 if current else 0.7)
                initiative = Initiative(
                    union_id=union.pk, year=year,
                    title=f"{rng.choice(INITIATIVE_TITLES)} ({k + 1})",
                    description="Cải tiến cách làm để rút ngắn thời gian xử lý công việc.",
                    value_vnd=rng.randint(0, 50) * 1_000_000 or None,
                    status=(Initiative.Status.RECOGNISED if is_recognised
                            else Initiative.Status.SUBMITTED),
                    decision_number=f"{k + 1:02d}/QĐ-CĐCS" if is_recognised else "",
                    decision_date=date(year, 11, 20) if is_recognised else None,
                )
                initiatives.append(initiative)
                authors[id(initiative)] = people
                if is_recognised:
                    for m in people:
                        recognised[m.pk] += 1
        self.insert(Initiative, initiatives)
        through = Initiative.authors.through
        self.insert(through, [through(union_id=i.union_id, initiative_id=i.pk, member_id=m.pk)
                              for i in initiatives for m in authors[id(i)]])

        # The year-end evaluation.
        status = EvaluationCycle.Status.OPEN if current else EvaluationCycle.Status.PUBLISHED
        cycles = self.insert(EvaluationCycle, [EvaluationCycle(
            union_id=u.pk, year=year, self_assessment_due=date(year, 12, 10),
            proposal_due=date(year, 12, 15), decision_due=date(year, 12, 20), status=status,
            rules=default_rules(u, year),
            published_at=None if current else _aware(date(year, 12, 25)),
        ) for u in unions])
        evaluations, awards, decisions, granted = [], [], [], []
        for union, cycle in zip(unions, cycles, strict=True):
            rows = []
            for member in members[union.pk]:
                marks = scores.get(member.pk, [])
                rows.append(Evaluation(
                    union_id=union.pk, cycle_id=cycle.pk, member_id=member.pk,
                    months_checked=len(marks),
                    average_score=round_score(sum(marks) / len(marks)) if marks else None,
                    tasks_total=task_total[member.pk], tasks_on_time=task_on_time[member.pk],
                    initiatives=recognised[member.pk],
                    registered_titles=registered.get(member.pk, []),
                ))
            if not current:
                self._decide(rows, cycle.rules)
                decisions.append(self._decisions(union, cycle, types[union.pk]))
                granted.append(rows)
                awards += self._awards(union, year, groups[union.pk], types[union.pk])
            evaluations += rows
        # The agency head's decisions first (the evaluations and candidacies point at them).
        self.insert(Decision, [d for three in decisions for d in three])
        for (rating, _ldtt, _cstdcs), rows in zip(decisions, granted, strict=True):
            for e in rows:
                e.level_decision_id = rating.pk
        self.insert(Evaluation, evaluations)
        self.insert(Candidacy, [
            Candidacy(union_id=e.union_id, evaluation_id=e.pk, award_type_id=d.award_type_id,
                      decision_id=d.pk)
            for (_rating, ldtt, cstdcs), rows in zip(decisions, granted, strict=True)
            for e in rows for d, flag in ((ldtt, e.title_ldtt), (cstdcs, e.title_cstdcs)) if flag])
        self.insert(Award, awards)

    def _decisions(self, union, cycle, catalogue):
        """The Giám đốc's three decisions of a year: the rating, LĐTT, CSTĐCS."""
        common = {"union_id": union.pk, "cycle_id": cycle.pk, "decided_on":
                  date(cycle.year, 12, 22), "body": DecidingBody.AGENCY_HEAD,
                  "signer_name": "Thủ trưởng cơ quan", "signer_title": "Giám đốc"}
        return (Decision(kind=Decision.Kind.RATING, number="301/QĐ-CQ", **common),
                Decision(kind=Decision.Kind.TITLE, number="302/QĐ-CQ",
                         award_type_id=catalogue[AwardType.LDTT].pk, **common),
                Decision(kind=Decision.Kind.TITLE, number="303/QĐ-CQ",
                         award_type_id=catalogue[AwardType.CSTDCS].pk, **common))

    def _periods(self, task):
        if task.recurrence == Task.Recurrence.ONCE:
            return [(task.start_date, task.due_date)]
        step = 3 if task.recurrence == Task.Recurrence.QUARTERLY else 1
        year = task.start_date.year
        return [(check_window(year, last - step + 1, CUTOFF_DAY)[0],
                 cutoff_date(year, last, CUTOFF_DAY)) for last in range(step, 13, step)]

    def _occurrence(self, task, start, due):
        rng = self.rng
        occurrence = TaskOccurrence(union_id=task.union_id, task_id=task.pk,
                                    period_start=start, due_date=due)
        if due < self.today:
            roll = rng.random()
            if roll < 0.8:
                occurrence.percent = 100
                occurrence.completed_on = due - timedelta(rng.randint(0, 5))
            elif roll < 0.92:
                occurrence.percent = 100
                occurrence.completed_on = min(due + timedelta(rng.randint(1, 10)), self.today)
            else:
                occurrence.percent = rng.choice((0, 30, 50, 80))
        elif start <= self.today:
            occurrence.percent = rng.choice((0, 20, 50, 70))
        return occurrence

    def _decide(self, rows, rules):
        """Levels from the score bands, the HTXSNV quota and the CSTĐCS cap kept."""
        bands = rules["bands"]
        ranked = sorted(rows, key=lambda e: (e.average_score or Decimal(0), e.member_id),
                        reverse=True)
        for e in ranked:
            score = e.average_score or Decimal(0)
            e.level = (Level.EXCELLENT if score >= bands[Level.EXCELLENT]
                       else Level.GOOD if score >= bands[Level.GOOD]
                       else Level.DONE if score >= bands[Level.DONE] else Level.NOT_DONE)
        excellent = [e for e in ranked if e.level == Level.EXCELLENT]
        good = sum(e.level == Level.GOOD for e in ranked)
        quota = rules["excellence_quota_percent"]
        while excellent and len(excellent) > math.floor(good * quota / 100):
            excellent.pop().level = Level.GOOD  # the lowest score steps down
            good += 1
        ldtt = 0
        for e in ranked:
            e.self_level = e.proposed_level = e.board_level = e.level
            e.title_ldtt = e.level in (Level.EXCELLENT, Level.GOOD)
            ldtt += e.title_ldtt
        cap_percent = rules["cstdcs_cap_percent"]  # None: the year sets no cap
        cap = ldtt if cap_percent is None else math.floor(ldtt * cap_percent / 100)
        for e in excellent:
            if cap and e.initiatives and AwardType.CSTDCS in e.registered_titles:
                e.title_cstdcs, cap = True, cap - 1

    def _awards(self, union, year, union_groups, catalogue):
        """The union's own award of the year: one group "vững mạnh" by its board."""
        group = self.rng.choice(union_groups)
        return [Award(award_type_id=catalogue[AwardType.STRONG_GROUP].pk, group_id=group.pk,
                      achievement=f"Tổ công đoàn vững mạnh năm {year}", year=year,
                      period_start=date(year, 1, 1), period_end=date(year, 12, 31),
                      decision_number="17/QĐ-CĐCS", decision_date=date(year, 12, 28),
                      body=DecidingBody.UNION_BOARD, union_id=union.pk,
                      issuer="Ban Chấp hành Công đoàn cơ sở")]


def copy_rows(model, rows):
    """Write model instances with PostgreSQL's COPY, their ids drawn from the sequence first.

    Values are what ``bulk_create`` would write; only the fields psycopg cannot take as they
    are (JSON, files, ``auto_now``) go through Django's preparation."""
    meta, db = model._meta, connections[DEFAULT_DB_ALIAS]
    with db.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) "
                       "FROM generate_series(1, %s)", [meta.db_table, meta.pk.column, len(rows)])
        for row, (pk,) in zip(rows, cursor.fetchall(), strict=True):
            row.pk = pk
            row._state.adding, row._state.db = False, db.alias
    fields = meta.concrete_fields
    prepared = [f for f in fields
                if f.get_internal_type() in ("JSONField", "FileField")
                or getattr(f, "auto_now", False)
                or getattr(f, "auto_now_add", False)]
    getters = [(lambda row, f=f: f.get_db_prep_save(f.pre_save(row, True), db))
               if f in prepared else attrgetter(f.attname) for f in fields]
    copy_values(meta.db_table, [f.column for f in fields],
                ([get(row) for get in getters] for row in rows))


def seed_scale(*, unions, members, years, seed=1, today=None, stdout=None) -> dict:
    """Build the data set (call it inside a transaction); returns rows written per model."""
    return Seeder(unions=unions, members=members, years=years, seed=seed, today=today,
                  stdout=stdout).run()
