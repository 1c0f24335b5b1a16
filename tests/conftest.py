"""The role fixtures every test can ask for, over two unions under one upper-level union.

- ``admin``: a superuser;
- ``chair``: chair of union A's current term (the board);
- ``leader``: leader of group A1 of union A; ``member``: a plain member of A1;
- ``officer``: a member of the upper-level union that A and B hang under;
- ``outsider``: chair of union B, a different union.
"""

import os
import shutil
from datetime import date
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from emulation.models import (
    Absence,
    Agency,
    AgencyLeader,
    Award,
    AwardType,
    Council,
    CouncilMeeting,
    CouncilSeat,
    DecidingBody,
    Decision,
    Discipline,
    GroupMeeting,
    Initiative,
    Movement,
)
from emulation.services import (
    absence_save,
    award_save,
    award_types_ensure,
    cycle_open,
    discipline_save,
    initiative_decide,
    initiative_submit,
    movement_save,
    registration_decide,
    registration_submit,
)
from plans.models import CchcDomain, CchcIndex, Task
from plans.services import cchc_save, check_open, plan_create, progress_report, task_save
from reminders.unread import GENERATION_KEY as UNREAD_GENERATION
from tests.factories import (
    BoardMembershipFactory,
    GroupFactory,
    MemberFactory,
    TermFactory,
    UnionFactory,
    UserFactory,
)
from union.models import BoardMembership
from union.permissions import GENERATION_KEY as ROLES_GENERATION

ROLES = ["anonymous", "admin", "chair", "leader", "member", "officer", "outsider"]


def pytest_collection_modifyitems(config, items):
    """Under CI, a browser test may not be skipped for want of a browser."""
    if os.environ.get("CI") == "true" and not shutil.which("chromium"):
        if any(item.get_closest_marker("browser") for item in items):
            raise pytest.UsageError("CI=true but no chromium on PATH: browser tests cannot run")


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Fast password hashing; pages render without collectstatic; uploads go to a tmp dir;
    roles and the bell's count computed on each request, so that a page's query count does
    not depend on whether an earlier request of the test kept them in the shared cache (the
    tests of that cache and the access matrix turn it on), and nothing kept from another test
    (a rolled-back test's rows may reappear under the same ids: new generations)."""
    settings.SHARED_CACHE = False
    cache.delete_many([ROLES_GENERATION, UNREAD_GENERATION])
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def world(db):
    upper = UnionFactory(name="Công đoàn Viên chức tỉnh", short_name="CĐVC tỉnh")
    union_a = UnionFactory(parent=upper, short_name="CĐCS A")
    union_b = UnionFactory(parent=upper, short_name="CĐCS B")
    term_a = TermFactory(union=union_a)
    term_b = TermFactory(union=union_b)
    group_a1 = GroupFactory(union=union_a, name="Tổ Văn phòng")
    group_a2 = GroupFactory(union=union_a, name="Tổ Thanh tra")
    group_b1 = GroupFactory(union=union_b, name="Tổ Hành chính")

    def person(username, union, group=None, **fields):
        return MemberFactory(union=union, group=group, user=UserFactory(username=username),
                             **fields)

    chair = person("chair", union_a, group_a2, given_name="Chủ")
    leader = person("leader", union_a, group_a1, given_name="Trưởng")
    member = person("member", union_a, group_a1, given_name="Viên")
    other = MemberFactory(union=union_a, group=group_a2, given_name="Khác")
    officer = person("officer", upper, given_name="Trên")
    outsider = person("outsider", union_b, group_b1, given_name="Ngoài")
    b_member = MemberFactory(union=union_b, group=group_b1, given_name="Bê")
    BoardMembershipFactory(member=chair, term=term_a, position=BoardMembership.Position.CHAIR)
    BoardMembershipFactory(member=outsider, term=term_b, position=BoardMembership.Position.CHAIR)
    group_a1.leader = leader
    group_a1.save()
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    return SimpleNamespace(
        upper=upper, union_a=union_a, union_b=union_b, term_a=term_a, term_b=term_b,
        group_a1=group_a1, group_a2=group_a2, group_b1=group_b1,
        chair=chair, leader=leader, member=member, other=other, officer=officer,
        outsider=outsider, b_member=b_member, admin=admin,
        users={"admin": admin, "chair": chair.user, "leader": leader.user,
               "member": member.user, "officer": officer.user, "outsider": outsider.user},
    )


@pytest.fixture
def login(client):
    """Log the client in as a user (force_login: the throttling backend wants a request)."""

    def as_user(user):
        client.force_login(user)
        return client

    return as_user


@pytest.fixture
def work(world):
    """The world with this year's plans: union A's plan, a task of group A1 for ``leader``
    and ``member`` with a progress report and evidence, this month's checks of A1 and A2,
    a CCHC index; union B's plan and check."""
    today = timezone.localdate()
    w = world
    w.plan = plan_create(union=w.union_a, year=today.year)
    w.task = task_save(
        task=Task(union=w.union_a, plan=w.plan, point=w.plan.points.get(number=4),
                  title="Rà soát thủ tục hành chính", product="Báo cáo rà soát",
                  lead_group=w.group_a1, start_date=date(today.year, 1, 1), due_date=today),
        supporting_groups=[w.group_a2], assignees=[w.member, w.leader],
    )
    w.occurrence = w.task.occurrences.get()
    w.report = progress_report(
        occurrence=w.occurrence, member=w.member, percent=50, note="Đã rà soát 10 thủ tục",
        evidence_file=SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 test"), today=today,
    )
    w.check_a1 = check_open(group=w.group_a1, year=today.year, month=today.month,
                            by=w.leader.user, today=today)
    w.check_a2 = check_open(group=w.group_a2, year=today.year, month=today.month,
                            by=w.chair.user, today=today)
    w.cchc = cchc_save(
        index=CchcIndex(union=w.union_a, year=today.year - 1, rank=1, band="Tốt"),
        domains=[CchcDomain(number=1, name="Chỉ đạo, điều hành", max_points=10, achieved=9)],
    )
    w.plan_b = plan_create(union=w.union_b, year=today.year)
    w.check_b1 = check_open(group=w.group_b1, year=today.year, month=today.month,
                            by=w.outsider.user, today=today)
    return w


@pytest.fixture
def emu(work):
    """``work`` with this year's emulation in union A: the award catalogue, a movement whose
    registration window is open, ``member``'s approved registration and ``leader``'s pending
    one, ``member``'s recognised initiative, a reprimand for ``other``, an absence for
    ``leader``, an award to ``member``, and the year's evaluation cycle (open). Union B has
    a movement and a cycle of its own."""
    w, today = work, timezone.localdate()
    year = today.year
    for union in (w.union_a, w.union_b):
        award_types_ensure(union=union)
    w.types = {t.code: t for t in AwardType.objects.filter(union=w.union_a).exclude(code="")}
    w.movement = movement_save(movement=Movement(
        union=w.union_a, year=year, name="Lao động giỏi, Lao động sáng tạo",
        starts_on=date(year, 1, 1), ends_on=date(year, 12, 31),
        registration_opens=date(year, 1, 1), registration_closes=date(year, 12, 31)))
    w.registration = registration_submit(movement=w.movement, member=w.member,
                                         titles=[w.types["ldtt"]], targets="Hoàn thành tốt")
    registration_decide(registration=w.registration, approve=True)
    w.pending_registration = registration_submit(movement=w.movement, member=w.leader,
                                                 titles=[w.types["ldtt"]])
    w.initiative = initiative_submit(
        initiative=Initiative(union=w.union_a, year=year, title="Số hóa hồ sơ một cửa",
                              description="Quét và lưu hồ sơ", value_vnd=15_000_000),
        authors=[w.member])
    initiative_decide(initiative=w.initiative, status=Initiative.Status.RECOGNISED,
                      decision_number="05/QĐ-HĐSK", decision_date=date(year, 1, 20))
    w.discipline = discipline_save(discipline=Discipline(
        member=w.other, level=Discipline.Level.REPRIMAND, decided_on=date(year, 1, 10),
        decision="01/QĐ-KL"))
    w.absence = absence_save(absence=Absence(member=w.leader, year=year, months=2))
    w.award = award_save(award=Award(
        union=w.union_a, award_type=AwardType.objects.get(
            union=w.union_a, name="Giấy khen của Ban Chấp hành công đoàn cơ sở"),
        member=w.member, year=year - 1, achievement="Hoàn thành xuất sắc nhiệm vụ năm trước",
        decision_number="", decision_date=date(year, 1, 5),
        issuer="BCH CĐCS A"))
    deadlines = dict(self_assessment_due=date(year, 12, 31), proposal_due=date(year, 12, 31),
                     decision_due=date(year, 12, 31))
    w.cycle = cycle_open(union=w.union_a, year=year, **deadlines)
    w.evaluation = w.cycle.evaluations.get(member=w.member)
    w.other_evaluation = w.cycle.evaluations.get(member=w.other)
    w.movement_b = movement_save(movement=Movement(
        union=w.union_b, year=year, name="Phong trào B", starts_on=date(year, 1, 1),
        ends_on=date(year, 12, 31), registration_opens=date(year, 1, 1),
        registration_closes=date(year, 12, 31)))
    w.cycle_b = cycle_open(union=w.union_b, year=year, **deadlines)
    who_decides(w, year)
    return w


def who_decides(w, year):
    """Union A's agency with its head and this year's council, A1's meeting, a council
    meeting and a recorded decision (written directly: the pages only read them); union B's
    agency and council, for the other-union rows."""
    for union, suffix in ((w.union_a, "A"), (w.union_b, "B")):
        agency = Agency.objects.create(
            union=union, name=f"Sở {suffix}", letterhead_name=f"SỞ {suffix}",
            superior_name="Ủy ban nhân dân tỉnh", document_code=f"S{suffix}", place_name="Gia Lai")
        leader = AgencyLeader.objects.create(
            union=union, agency=agency, role=AgencyLeader.Role.HEAD, title="Giám đốc",
            full_name=f"Giám đốc {suffix}", started_on=date(2000, 1, 1))
        council = Council.objects.create(union=union, agency=agency, year=year)
        CouncilSeat.objects.create(union=union, council=council, role=CouncilSeat.Role.CHAIR,
                                   full_name=leader.full_name, position="Giám đốc Sở")
        setattr(w, f"agency_{suffix.lower()}", agency)
        setattr(w, f"leader_{suffix.lower()}", leader)
        setattr(w, f"council_{suffix.lower()}", council)
    w.group_meeting = GroupMeeting.objects.create(
        union=w.union_a, cycle=w.cycle, group=w.group_a1, held_on=date(year, 1, 2), present=2)
    w.meeting = CouncilMeeting.objects.create(union=w.union_a, cycle=w.cycle,
                                              council=w.council_a, held_on=date(year, 1, 3))
    w.decision = Decision.objects.create(
        union=w.union_a, cycle=w.cycle, kind=Decision.Kind.RATING,
        body=DecidingBody.AGENCY_HEAD, number="1/QĐ-SA", decided_on=date(year, 1, 4),
        signer_name="Giám đốc A", signer_title="Giám đốc")
    w.decision.scan.save("quyet-dinh.pdf", ContentFile(b"%PDF-1.4 scan"))
    w.meeting_b = CouncilMeeting.objects.create(union=w.union_b, cycle=w.cycle_b,
                                                council=w.council_b, held_on=date(year, 1, 3))
    w.decision_b = Decision.objects.create(
        union=w.union_b, cycle=w.cycle_b, kind=Decision.Kind.RATING,
        body=DecidingBody.AGENCY_HEAD, number="1/QĐ-SB", decided_on=date(year, 1, 4),
        signer_name="Giám đốc B", signer_title="Giám đốc")


def demo_row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for label in ("union", "plans", "emulation", "reminders", "auth")
        for model in apps.get_app_config(label).get_models()
    }


# The day the shared demo data is seeded on: its current year is 2026, October's checks are
# the last sent, the year-end cycle has just opened (tests/demo/ seeds it on other days).
DEMO_DAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo data as on ``DEMO_DAY``, built twice (the second run, a week later, must add
    nothing): the row counts after each run and the command's output. It stays for the
    module, then is rolled back."""
    # The settings fixture is per test; the demo passwords are hashed here, before any test.
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=fast):
        with transaction.atomic():
            out = StringIO()
            call_command("seed_demo", today=DEMO_DAY, stdout=out)
            first = demo_row_counts()
            call_command("seed_demo", today=date(2026, 12, 2), stdout=out)
            yield first, demo_row_counts(), out.getvalue()
            transaction.set_rollback(True)
