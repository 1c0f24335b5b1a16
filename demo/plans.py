"""Demo plans of the CĐCS of Sở TT&TT Gia Lai: 2019 as the seed article shows it, and the
current year as it stands on the day of seeding.

2019 stands as it did when the article appeared (31/10/2019): the plan issued in January,
the occurrences due up to October reported (most on time, some late, a few left overdue),
the monthly checks of January to October confirmed (Tổ Văn phòng's September one reopened
with a reason and confirmed again); the year's two emulation tasks
(point 5: the January registration, the year-end rating) done, the plan closed. The CCHC
index of 2016–2018 is the one the article quotes.

The current year (the year of ``today``, the day of seeding) copies 2019: the plan issued in
January, the occurrences due before ``today`` reported, the checks confirmed up to the month
before last and last month's submitted by some groups and in draft in others (last month is
the one before the month of ``today``: the month due until the union's deadline day, the
month whose deadline has passed after it; see ``plans.periods.month_due_on``), nothing for
this month. A few tasks of Tổ Văn phòng fall due in the days after ``today``, for the
reminders. Nothing is dated on or after ``today`` but deadlines.

Idempotent like ``seed_union``: rows are looked up by their natural key (plan by union and
year, task by plan and title, check by group, year and month, CCHC index by union and year)
and only the missing ones are created, always through ``plans.services``; the current year is
built by the run that creates its plan, so a run on a later day of the year finds it and
writes nothing. Nothing is random: an outcome comes from a checksum of the row's natural
key, so every database seeded on the same day gets the same demo.
"""

import zlib
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone

from plans import services
from plans.models import (
    ActionPlan,
    CchcIndex,
    MonthlyCheck,
    ProgressReport,
    Task,
    TaskOccurrence,
)
from plans.periods import month_due_on, month_label, month_late_on
from plans.scoring import ScoringRules
from union.models import BoardMembership, Union
from union.templatetags.union_tags import vn_number

UNION = "CĐCS Sở TT&TT Gia Lai"
GROUPS = {
    "VP": "Tổ Văn phòng",
    "TTr": "Tổ Thanh tra",
    "KHTC": "Tổ Kế hoạch - Tài chính",
    "BCVT": "Tổ Bưu chính, Viễn thông và Công nghệ thông tin",
    "TTBC": "Tổ Thông tin - Báo chí - Xuất bản",
    "TT": "Tổ Trung tâm Công nghệ thông tin và Truyền thông",
}
OTHER_GROUPS = ("TTr", "KHTC", "BCVT", "TTBC", "TT")
ONCE, MONTHLY, QUARTERLY = Task.Recurrence.ONCE, Task.Recurrence.MONTHLY, Task.Recurrence.QUARTERLY
PORTAL = "https://dichvucong.gialai.gov.vn"
SITE = "https://stttt.gialai.gov.vn"


class TaskSpec(NamedTuple):
    point: int
    title: str
    product: str
    lead: str
    supporting: tuple[str, ...]
    assignees: tuple[str, ...]
    start: str  # "MM-DD" of the plan's year
    due: str
    recurrence: str
    weight: int
    note: str  # what the report says when the occurrence is done
    link: str = ""


TASKS = (
    TaskSpec(1, "Tuyên truyền Nghị quyết, văn bản mới về CCHC trên Trang thông tin điện tử của "
             "Sở", "Tin, bài đăng tải", "TTBC", ("TT",),
             ("Đoàn Thị Uyên", "Nguyễn Thị Hoàng Yến"), "01-15", "12-31", MONTHLY, 2,
             "Đã đăng tải 04 tin, bài về CCHC trong tháng.", SITE),
    TaskSpec(1, "Đưa tin hoạt động CCHC của cơ quan lên bản tin nội bộ và bảng tin công đoàn",
             "Bản tin nội bộ hằng tháng", "VP", (), ("Phan Thị Ngọc", "Đỗ Thị Kim Oanh"),
             "01-15", "12-31", MONTHLY, 1, "Đã phát hành bản tin nội bộ, cập nhật bảng tin."),
    TaskSpec(1, "Tổ chức hội nghị quán triệt Kế hoạch CCHC của cơ quan cho đoàn viên",
             "Biên bản hội nghị, danh sách đoàn viên dự", "VP", OTHER_GROUPS,
             ("Bùi Thị Thu Hà", "Phan Thị Ngọc"), "01-16", "02-28", ONCE, 2,
             "Đã tổ chức hội nghị, 41/43 đoàn viên dự; có biên bản kèm theo."),
    TaskSpec(2, "Nắm bắt tâm tư, nguyện vọng của đoàn viên khi sắp xếp tổ chức bộ máy theo "
             "Nghị quyết 18, 19", "Báo cáo tình hình tư tưởng đoàn viên", "VP", ("TT",),
             ("Lê Thị Ánh", "Nguyễn Văn Anh"), "01-15", "12-31", QUARTERLY, 2,
             "Đã tổng hợp ý kiến của các tổ, báo cáo Ban Chấp hành."),
    TaskSpec(2, "Góp ý dự thảo Đề án sắp xếp, kiện toàn Trung tâm Công nghệ thông tin và "
             "Truyền thông", "Văn bản góp ý của tổ công đoàn", "TT", (),
             ("Huỳnh Tấn Phát", "Nguyễn Thị Hạnh"), "03-01", "05-31", ONCE, 2,
             "Đã gửi văn bản góp ý của tổ đến Lãnh đạo Sở."),
    TaskSpec(3, "Tổ chức lớp tập huấn nghiệp vụ CCHC cho đoàn viên",
             "Lớp tập huấn: tài liệu, danh sách học viên", "VP", ("BCVT", "TT"),
             ("Bùi Thị Thu Hà", "Phan Thị Ngọc"), "04-01", "06-30", ONCE, 3,
             "Đã tổ chức 01 lớp tập huấn cho 38 đoàn viên."),
    TaskSpec(3, "Đăng ký và triển khai sáng kiến cải tiến lề lối làm việc",
             "Đơn đăng ký, báo cáo kết quả áp dụng sáng kiến", "BCVT", ("TT",),
             ("Phùng Văn Long", "Trịnh Văn Khoa"), "02-01", "09-30", ONCE, 2,
             "Sáng kiến đã áp dụng thử tại Văn phòng Sở, có báo cáo kết quả."),
    TaskSpec(4, "Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền của Sở",
             "Báo cáo rà soát TTHC", "TTr", ("VP",),
             ("Hồ Thị Thanh Hà", "Ksor Phú", "Lý Thị Mỹ Duyên"), "01-15", "12-31", QUARTERLY, 2,
             "Đã rà soát các TTHC trong quý, đề xuất phương án đơn giản hóa."),
    TaskSpec(4, "Vận hành bộ phận một cửa, cập nhật hồ sơ trên Hệ thống thông tin giải quyết "
             "TTHC", "Hồ sơ TTHC được cập nhật đầy đủ, đúng hạn", "VP", (),
             ("Phan Thị Ngọc", "Nguyễn Văn Anh"), "01-15", "12-31", MONTHLY, 3,
             "Đã cập nhật đủ hồ sơ tiếp nhận trong tháng, không có hồ sơ trễ hạn.", PORTAL),
    TaskSpec(4, "Tiếp nhận, xử lý phản ánh, kiến nghị của tổ chức, cá nhân về TTHC",
             "Sổ theo dõi phản ánh, kiến nghị", "TTr", (), ("Đinh Văn Đạt", "Lý Thị Mỹ Duyên"),
             "01-15", "12-31", MONTHLY, 1,
             "Đã xử lý, trả lời các phản ánh, kiến nghị trong tháng."),
    TaskSpec(4, "Nâng cấp dịch vụ công trực tuyến mức độ 3, 4",
             "Dịch vụ công trực tuyến mức độ 3, 4 đưa vào vận hành", "TT", ("BCVT",),
             ("Lê Văn Đạt", "Trần Quốc Bảo", "Đỗ Văn Hải"), "03-01", "09-30", ONCE, 3,
             "Đã đưa các dịch vụ công mức độ 3, 4 lên Cổng dịch vụ công của tỉnh.", PORTAL),
    TaskSpec(4, "Bảo đảm vận hành ổn định Cổng dịch vụ công và hệ thống một cửa điện tử",
             "Nhật ký vận hành hệ thống", "TT", (), ("Nguyễn Văn Bình", "Mai Anh Tú"),
             "01-15", "12-31", MONTHLY, 1, "Hệ thống vận hành ổn định, không có sự cố kéo dài."),
    TaskSpec(4, "Sử dụng văn bản điện tử, chữ ký số trên hệ thống quản lý văn bản và điều hành",
             "Báo cáo tỷ lệ văn bản điện tử", "BCVT", ("VP",),
             ("Nguyễn Thị Lan Anh", "Dương Thị Thu Trang"), "01-15", "12-31", MONTHLY, 1,
             "Tỷ lệ văn bản đi được ký số, gửi điện tử trong tháng đạt trên 90%."),
    TaskSpec(4, "Thực hiện quy chế chi tiêu nội bộ, công khai tài chính",
             "Báo cáo tình hình thực hiện dự toán", "KHTC", (),
             ("Vũ Thị Ương", "Tạ Quang Vinh", "Nguyễn Thị Hồng Nhung"), "01-15", "12-31",
             MONTHLY, 1, "Đã lập báo cáo thực hiện dự toán, niêm yết công khai tại cơ quan."),
    TaskSpec(5, "Đăng ký thi đua đầu năm", "Bản đăng ký thi đua của tập thể, cá nhân", "VP",
             OTHER_GROUPS, ("Bùi Thị Thu Hà", "Trương Thị Hạ"), "01-15", "01-31", ONCE, 1,
             "Đã tổng hợp bản đăng ký thi đua của 6 tổ và của đoàn viên."),
    TaskSpec(5, "Đánh giá, xếp loại đoàn viên cuối năm",
             "Biên bản họp xét, danh sách xếp loại đoàn viên", "VP", OTHER_GROUPS,
             ("Bùi Thị Thu Hà", "Lê Thị Ánh"), "11-15", "12-15", ONCE, 2,
             "Đã họp xét, gửi danh sách xếp loại đoàn viên lên Ban Chấp hành."),
)
# Added to the copy of 2019 in the current year, with the days before the day of seeding they
# start and the days after it they fall due: the first three in the next three days.
LIVING_TASKS = (
    (TaskSpec(4, "Dự thảo báo cáo kết quả CCHC năm phục vụ chấm điểm chỉ số CCHC",
              "Dự thảo báo cáo CCHC năm", "VP", ("KHTC", "TT"), ("Phan Thị Ngọc", "Nguyễn Văn Anh"),
              "", "", ONCE, 3, "Đã gửi dự thảo báo cáo CCHC năm cho Văn phòng Sở."), 23, 1),
    (TaskSpec(5, "Chuẩn bị hồ sơ đề nghị khen thưởng cuối năm của Công đoàn cơ sở",
              "Hồ sơ đề nghị khen thưởng", "VP", (), ("Phan Thị Ngọc", "Trương Thị Hạ"),
              "", "", ONCE, 2, "Đã hoàn thiện hồ sơ đề nghị khen thưởng."), 41, 2),
    (TaskSpec(2, "Rà soát danh mục TTHC, quy trình nội bộ sau sắp xếp tổ chức bộ máy",
              "Danh mục TTHC, quy trình nội bộ đã rà soát", "VP", ("TTr",),
              ("Lê Thị Ánh", "Đỗ Thị Kim Oanh"), "", "", ONCE, 2,
              "Đã rà soát xong danh mục TTHC và quy trình nội bộ."), 23, 3),
    (TaskSpec(3, "Hướng dẫn đoàn viên sử dụng dịch vụ công trực tuyến, định danh điện tử",
              "Buổi hướng dẫn, danh sách đoàn viên dự", "TT", ("BCVT",),
              ("Lê Văn Đạt", "Phạm Thị Ngọc Ánh"), "", "", ONCE, 1,
              "Đã tổ chức buổi hướng dẫn cho đoàn viên."), 9, 16),
)
SPECS = {spec.title: spec for spec in (*TASKS, *(spec for spec, _, _ in LIVING_TASKS))}

UNDER_WAY = "Đang triển khai theo kế hoạch."
IN_PROGRESS = "Đang triển khai, đã hoàn thành khoảng một nửa khối lượng."
ALMOST = "Đang hoàn thiện, có thể chậm so với thời hạn."
STUCK = "Chưa hoàn thành: đang chờ ý kiến của các phòng liên quan."
LATE_REASONS = (
    "Hoàn thành chậm do trùng lịch công tác.",
    "Hoàn thành chậm do chờ số liệu của các phòng.",
    "Hoàn thành chậm do người thực hiện nghỉ phép.",
)
REMARKS = (
    "Chấp hành tốt nội quy, giờ giấc.",
    "Tích cực, có tinh thần trách nhiệm trong công việc.",
    "Nhiệt tình hỗ trợ đồng nghiệp.",
    "Còn đi làm muộn 01 buổi, cần khắc phục.",
)
REWORK = "Sản phẩm phải chỉnh sửa, bổ sung theo yêu cầu."
# Nghị định 335 (2026): the general-criteria deductions of a few members, by their roll, with
# the remark that goes with them (REMARKS[3]), and the excuse for some delays.
DEDUCTIONS = {
    3: {"style_deduction": Decimal("0.5"), "style_reason": "Đi làm muộn 01 buổi không có lý do."},
    7: {"discipline_deduction": Decimal(1),
        "discipline_reason": "Nộp báo cáo tháng chậm so với quy định của cơ quan."},
}
OBJECTIVE_CAUSE = ("Chậm do chờ ý kiến của cơ quan cấp trên; Giám đốc Sở đã xác nhận nguyên nhân "
                   "khách quan.")
REOPEN_REASON = "Bổ sung kết quả nhiệm vụ một cửa của đồng chí Phan Thị Ngọc."
# The groups that have sent last month's check to the board; the others still have it in draft.
SUBMITTED_GROUPS = {"TTr", "KHTC", "TTBC"}

# Year: rank, ranked among, decision, (max points, achieved) of the seven domains in order.
CCHC = {
    2016: (1, 20, "", ((15, "13.00"), (10, "8.20"), (20, "16.75"), (10, "8.40"),
                       (15, "12.06"), (10, "8.50"), (20, "15.50"))),
    2017: (1, 20, "", ((15, "13.50"), (10, "8.60"), (18, "15.80"), (10, "8.50"),
                       (15, "12.72"), (12, "10.00"), (20, "16.50"))),
    2018: (1, 20, "Quyết định 342/QĐ-UBND ngày 24/6/2019 của UBND tỉnh",
           ((16, "14.50"), (9, "8.25"), (18, "16.20"), (10, "8.75"), (15, "13.04"),
            (12, "10.30"), (20, "17.75"))),
}


@transaction.atomic
def seed_plans(*, today: date, stdout=None):
    """Create what is missing of the demo plans, checks and CCHC index; print a summary."""
    union = Union.objects.get(short_name=UNION)
    demo = _Demo(union)
    for year in CCHC:
        demo.cchc(year)
    plan_2019 = demo.plan(2019, TASKS, issued_on=date(2019, 1, 15), frame=date(2019, 11, 10),
                          complete={5})
    demo.checks(2019, reopened_in_september="VP")
    if plan_2019.status == ActionPlan.Status.ISSUED:
        # The year is over: a closed plan reminds nobody and takes no more tasks.
        services.plan_set_status(plan=plan_2019, status=ActionPlan.Status.CLOSED)
    if today.year > 2019 and not ActionPlan.objects.filter(union=union,
                                                           year=today.year).exists():
        yesterday = today - timedelta(days=1)
        demo.plan(today.year, living_tasks(today), issued_on=issued_on(today), frame=yesterday,
                  until=yesterday, copy_from=plan_2019)
        demo.living_checks(today)
    if stdout is not None:
        for line in _summary(union):
            stdout.write(line)


def issued_on(today: date) -> date:
    """The current year's plan is issued on 12 January, or the day before seeding if that is
    earlier (on 1 January, that day)."""
    return max(date(today.year, 1, 1), min(date(today.year, 1, 12), today - timedelta(days=1)))


def living_tasks(today: date):
    """The current year's own tasks, dated around ``today`` within the year."""
    first, last = date(today.year, 1, 1), date(today.year, 12, 31)
    for spec, before, after in LIVING_TASKS:
        due = min(today + timedelta(days=after), last)
        start = min(max(today - timedelta(days=before), first), due)
        yield spec._replace(start=f"{start:%m-%d}", due=f"{due:%m-%d}")


def last_month(union: Union, today: date) -> tuple[int, int]:
    """The month before the month of ``today``: the month due until the union's deadline day
    has passed, the month whose deadline has passed after it."""
    due = month_due_on(today, union.check_deadline_day)
    if (due.year, due.month) < (today.year, today.month):
        return due.year, due.month
    late = month_late_on(today, union.check_deadline_day)
    return late.year, late.month


class _Demo:
    def __init__(self, union: Union):
        self.union = union
        self.groups = {key: union.groups.get(name=name) for key, name in GROUPS.items()}
        self.people = {member.full_name: member for member in union.members.all()}

    def cchc(self, year: int):
        if CchcIndex.objects.filter(union=self.union, year=year).exists():
            return
        rank, among, decision, points = CCHC[year]
        domains = services.cchc_domains_for(union=self.union, year=year)
        for domain, (maximum, achieved) in zip(domains, points, strict=True):
            domain.max_points, domain.achieved = Decimal(maximum), Decimal(achieved)
        services.cchc_save(index=CchcIndex(union=self.union, year=year, rank=rank,
                                           ranked_among=among, band="Tốt", decision=decision),
                           domains=domains)

    def plan(self, year, specs, *, issued_on, frame, until=None, complete=(),
             copy_from=None) -> ActionPlan:
        """The year's plan with its tasks; new tasks get their progress up to ``frame`` (none
        after ``until``), the tasks of the points in ``complete`` done on time."""
        plan = ActionPlan.objects.filter(union=self.union, year=year).first()
        created = plan is None
        if created:
            plan = services.plan_create(union=self.union, year=year, copy_from=copy_from)
            plan.signer = self.chair_on(issued_on)
            services.plan_save(plan=plan)
        new_tasks = list(plan.tasks.select_related("point")) if created else []
        new_tasks += self.tasks(plan, specs)
        if created:  # the register gives it the first KH number of the year of issue
            plan = services.plan_issue(plan=plan, issued_on=issued_on)
        for task in new_tasks:
            self.progress(task, frame, until=until, complete=task.point.number in complete)
        return plan

    def chair_on(self, day: date):
        """The chair of the term in force on ``day``: Khóa IV in 2019, Khóa V from mid-2022."""
        term = self.union.current_term(day)
        seat = term and term.memberships.filter(position=BoardMembership.Position.CHAIR).first()
        return seat.member if seat else None

    def tasks(self, plan: ActionPlan, specs) -> list[Task]:
        """The specs' tasks the plan does not have yet, created."""
        existing = set(plan.tasks.values_list("title", flat=True))
        points = {point.number: point for point in plan.points.all()}
        created = []
        for spec in specs:
            if spec.title in existing:
                continue
            task = Task(
                union=self.union, plan=plan, point=points[spec.point], title=spec.title,
                product=spec.product, lead_group=self.groups[spec.lead],
                start_date=date.fromisoformat(f"{plan.year}-{spec.start}"),
                due_date=date.fromisoformat(f"{plan.year}-{spec.due}"),
                recurrence=spec.recurrence, weight=spec.weight,
            )
            created.append(services.task_save(
                task=task, supporting_groups=[self.groups[key] for key in spec.supporting],
                assignees=[self.people[name] for name in spec.assignees],
            ))
        return created

    def progress(self, task: Task, frame: date, *, until=None, complete=False):
        spec = SPECS[task.title]
        assignees = list(task.assignees.all())
        if not assignees:  # a copied task whose people have all left
            return
        for occurrence in task.occurrences.all():
            roll = _roll(f"{task.title}|{occurrence.due_date}")
            reports = (on_time(occurrence, spec) if complete
                       else occurrence_reports(occurrence, spec, frame))
            for day, percent, note, link in reports:
                if until and day > until:
                    break  # what would be done later has not been done yet
                report = services.progress_report(
                    occurrence=occurrence, member=assignees[roll % len(assignees)],
                    percent=percent, note=note, evidence_link=link, today=day,
                )
                report.created_at = _at(day, 8 + roll % 9, roll % 60)
                ProgressReport.objects.filter(pk=report.pk).update(created_at=report.created_at)

    def checks(self, year: int, reopened_in_september: str = ""):
        """Every group's checks of January to October that are missing, all confirmed: the
        year is closed. One group's September check was reopened with a reason, completed
        and confirmed again; its history keeps the reason."""
        for month in range(1, 11):
            for key, group in self.groups.items():
                if not MonthlyCheck.objects.filter(group=group, year=year, month=month).exists():
                    self.check(group, year, month, MonthlyCheck.Status.CONFIRMED,
                               reopened=month == 9 and key == reopened_in_september)

    def living_checks(self, today: date):
        """The current year's checks up to last month: confirmed, last month's submitted by
        some groups and in draft in the others; none for this month, not due yet."""
        year, last = last_month(self.union, today)
        for month in range(1, last + 1) if year == today.year else ():
            for key, group in self.groups.items():
                if month < last:
                    state = MonthlyCheck.Status.CONFIRMED
                elif key in SUBMITTED_GROUPS:
                    state = MonthlyCheck.Status.SUBMITTED
                else:
                    state = MonthlyCheck.Status.DRAFT
                self.check(group, year, month, state, before=today)

    def check(self, group, year: int, month: int, state: str, before: date | None = None,
              reopened: bool = False):
        """Open the check early the next month (and before ``before``), assess it, then
        submit and confirm; a check ``reopened`` is confirmed again after its reopening."""
        opened = (date(year, month, 28) + timedelta(days=8)).replace(day=3)
        if before is not None:
            opened = min(opened, before - timedelta(days=1))
        at = timezone.make_aware(datetime.combine(opened, time(8)))
        check = services.check_open(group=group, year=year, month=month, by=None, today=opened,
                                    at=at)
        rows, items = assessments(check)
        check = services.check_entries_save(
            check=check, rows=rows, items=items, version=check.updated_at.isoformat(),
            note=f"Tổ đã họp kiểm tra kết quả thực hiện nhiệm vụ tháng {month_label(year, month)}.",
            by=None, at=at + timedelta(hours=1),
        )
        if state == MonthlyCheck.Status.DRAFT:
            return
        check = services.check_submit(check=check, by=None, at=at + timedelta(hours=2))
        if state == MonthlyCheck.Status.SUBMITTED:
            return
        check = services.check_confirm(check=check, by=None, at=at + timedelta(days=2))
        if reopened:
            check = services.check_reopen(check=check, reason=REOPEN_REASON, by=None,
                                          at=at + timedelta(days=5))
            check = services.check_submit(check=check, by=None, at=at + timedelta(days=6))
            services.check_confirm(check=check, by=None, at=at + timedelta(days=7))


def _at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _roll(key: str) -> int:
    """A stable number for a natural key: the same outcome on every run and database."""
    return zlib.crc32(key.encode())


def occurrence_reports(occurrence: TaskOccurrence, spec: TaskSpec, frame: date):
    """(day, percent, note, evidence link) of the reports an occurrence gets by ``frame``.

    About three in four are done on time, four in twenty-five late, one in twenty-five
    stays half done and one is left untouched; one still running at ``frame`` is under way.
    """
    start, due = occurrence.period_start, occurrence.due_date
    roll = _roll(f"{spec.title}|{due}")
    if due >= frame:
        if (frame - start).days < 10:
            return []
        return [(frame, 20 + roll % 6 * 10, UNDER_WAY, "")]
    bucket, span = roll % 25, (due - start).days
    if bucket < 19:
        halfway = [(start + timedelta(days=span // 2), 50, IN_PROGRESS, "")] if span > 45 else []
        return [*halfway, (due - timedelta(days=roll % min(6, span + 1)), 100, spec.note,
                           spec.link)]
    if bucket < 23:
        late_note = f"{spec.note} {LATE_REASONS[roll % len(LATE_REASONS)]}"
        return [(max(start, due - timedelta(days=5)), 60, ALMOST, ""),
                (due + timedelta(days=2 + roll % 8), 100, late_note, spec.link)]
    if bucket < 24:
        return [(max(start, due - timedelta(days=7)), 30 + roll % 5 * 10, STUCK, "")]
    return []


def on_time(occurrence: TaskOccurrence, spec: TaskSpec):
    """The one report of an occurrence done on time, a few days before it fell due."""
    start, due = occurrence.period_start, occurrence.due_date
    roll = _roll(f"{spec.title}|{due}")
    return [(max(start, due - timedelta(days=roll % 6)), 100, spec.note, spec.link)]


def assessments(check: MonthlyCheck) -> tuple[dict, dict]:
    """The leader's marks: remarks on a few members, and a product or two that failed its
    check; under Nghị định 335 also a few general-criteria deductions with their reasons, a
    product failing twice, and a delay excused by a confirmed objective cause. Returns the
    changes by entry id and by product line id."""
    rows, items = {}, {}
    nd335 = ScoringRules.from_dict(check.rules).is_nd335
    for entry in check.entries.select_related("member").prefetch_related("items"):
        roll = _roll(f"{check.year}-{check.month}|{entry.member.full_name}")
        if entry.done and roll % 11 == 0:
            if nd335:
                line = next(line for line in entry.items.all() if line.done)
                items[line.pk] = {"failed_checks": 1 + roll % 2, "note": REWORK}
                rows[entry.pk] = {"remark": REWORK}
            else:
                rows[entry.pk] = {"quality_passed": entry.done - 1, "remark": REWORK}
        elif roll % 25 < len(REMARKS):
            rows[entry.pk] = {"remark": REMARKS[roll % 25]}
        if not nd335:
            continue
        if deduction := DEDUCTIONS.get(roll % 25):
            rows.setdefault(entry.pk, {}).update(deduction)
        for line in entry.items.all():
            if line.delays and _roll(f"{line.label}|{entry.member.full_name}") % 3 == 0:
                items[line.pk] = {"objective_cause": True, "note": OBJECTIVE_CAUSE}
    return rows, items


def _summary(union: Union):
    for index in CchcIndex.objects.filter(union=union).order_by("year"):
        total = sum(domain.achieved for domain in index.domains.all())
        yield (f"Chỉ số CCHC năm {index.year}: {vn_number(total)} điểm, xếp loại {index.band}, "
               f"hạng {index.rank}/{index.ranked_among}.")
    for plan in ActionPlan.objects.filter(union=union).order_by("year"):
        occurrences = TaskOccurrence.objects.filter(task__plan=plan)
        reports = ProgressReport.objects.filter(occurrence__task__plan=plan).count()
        checks = MonthlyCheck.objects.filter(union=union, year=plan.year).count()
        yield (f"Năm {plan.year}: kế hoạch số {plan.code} ({plan.get_status_display().lower()}), "
               f"{plan.tasks.count()} nhiệm vụ, {occurrences.count()} kỳ thực hiện "
               f"({occurrences.filter(completed_on__isnull=False).count()} đã hoàn thành), "
               f"{reports} báo cáo tiến độ, {checks} phiếu kiểm tra hằng tháng.")
