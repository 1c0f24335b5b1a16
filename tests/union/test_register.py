"""The register of outgoing documents: numbering, issuing once, the signer of the day."""

import threading
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from plans.services import plan_create
from tests.factories import BoardMembershipFactory, MemberFactory, TermFactory
from union.models import BoardMembership, DocumentKind, OutgoingDocument, draft_code
from union.register import (
    chair_on,
    document_issue,
    draft_fields,
    issued_fields,
    register_entries,
    register_entry,
)

KH, BC, CV = DocumentKind.PLAN, DocumentKind.REPORT, DocumentKind.LETTER


def issue(union, kind=BC, day=date(2023, 3, 5), **fields):
    fields = {"subject": "Văn bản", "signer_name": "Nguyễn Văn An", **fields}
    return document_issue(union=union, kind=kind, issued_on=day, **fields)


def messages_of(error):
    return " ".join(error.value.messages)


# Numbering


def test_numbers_run_per_type_of_document_and_pad_under_ten(world):
    union = world.union_a
    codes = [issue(union, kind).code for kind in (BC, BC, KH, BC)]
    assert codes == ["01/BC-CĐCS", "02/BC-CĐCS", "01/KH-CĐCS", "03/BC-CĐCS"]
    for _ in range(7):
        issue(union, KH)
    assert issue(union, KH).code == "09/KH-CĐCS"
    assert issue(union, KH).code == "10/KH-CĐCS"


def test_numbers_restart_each_year_of_issue(world):
    union = world.union_a
    issue(union, day=date(2023, 12, 30))
    assert issue(union, day=date(2023, 12, 31)).code == "02/BC-CĐCS"
    first = issue(union, day=date(2024, 1, 2))
    assert (first.year, first.number) == (2024, 1)
    assert issue(union, day=date(2023, 6, 1)).number == 3  # 2023's register goes on


def test_each_union_keeps_its_own_register_and_symbol(world):
    world.union_b.document_code = "CĐ-STP"
    world.union_b.save()
    issue(world.union_a)
    assert issue(world.union_b).code == "01/BC-CĐ-STP"


def test_a_late_entry_takes_the_next_number_whatever_its_date(world):
    """Registered late, a document dated in February follows one dated in March."""
    march = issue(world.union_a, day=date(2023, 3, 10))
    february = issue(world.union_a, day=date(2023, 2, 1))
    assert (march.number, february.number) == (1, 2)
    assert february.issued_on == date(2023, 2, 1)


def test_a_document_cannot_be_dated_after_today(world):
    with pytest.raises(ValidationError) as error:
        issue(world.union_a, day=timezone.localdate() + timedelta(days=1))
    assert "không được sau hôm nay" in messages_of(error)
    assert issue(world.union_a, day=timezone.localdate()).number == 1


def test_a_document_needs_a_subject(world):
    with pytest.raises(ValidationError) as error:
        issue(world.union_a, subject="  ")
    assert "trích yếu" in messages_of(error)
    assert not OutgoingDocument.objects.exists()


def test_a_number_is_never_given_twice_even_past_the_service(world):
    first = issue(world.union_a)
    duplicate = OutgoingDocument(
        union=world.union_a, kind=first.kind, year=first.year, number=first.number,
        issued_on=first.issued_on, subject="Trùng số", signer_name="X")
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


# The công văn


def test_a_letter_has_no_type_in_its_symbol_and_may_name_the_drafting_unit(world):
    """Nghị định 30/2020, Phụ lục I: a công văn's symbol is the issuer's abbreviation, then
    that of the unit that drafted it or the field it deals with."""
    union = world.union_a
    plain = issue(union, CV)
    finance = issue(union, CV, drafting_unit=" tc ")
    assert (plain.code, finance.code) == ("01/CĐCS", "02/CĐCS-TC")
    assert draft_code(union, CV).endswith("/CĐCS")


def test_only_a_letter_names_a_drafting_unit(world):
    with pytest.raises(ValidationError) as error:
        issue(world.union_a, KH, drafting_unit="TC")
    assert "Chỉ công văn" in messages_of(error)


# Issued once per source


def test_issuing_the_same_source_twice_returns_the_first_entry(world):
    plan = plan_create(union=world.union_a, year=2023)
    first = issue(world.union_a, KH, source=plan, subject="Kế hoạch năm 2023")
    again = issue(world.union_a, KH, source=plan, day=date(2023, 4, 1), subject="Khác")
    assert again == first
    assert (again.number, again.issued_on, again.subject) == (1, date(2023, 3, 5),
                                                              "Kế hoạch năm 2023")
    assert OutgoingDocument.objects.count() == 1
    assert register_entry(plan, KH) == first and register_entry(plan, BC) is None


def test_one_source_may_issue_documents_of_different_types(world):
    plan = plan_create(union=world.union_a, year=2023)
    plan_entry = issue(world.union_a, KH, source=plan)
    report_entry = issue(world.union_a, BC, source=plan)
    assert plan_entry != report_entry
    assert register_entries([plan], BC) == {plan.pk: report_entry}


def test_another_unions_source_is_refused(world):
    plan_b = plan_create(union=world.union_b, year=2023)
    with pytest.raises(ValidationError) as error:
        issue(world.union_a, KH, source=plan_b)
    assert "công đoàn khác" in messages_of(error)


def test_register_entries_finds_many_sources_in_one_query(world, django_assert_num_queries):
    plans = [plan_create(union=world.union_a, year=2020 + n) for n in range(3)]
    entries = [issue(world.union_a, KH, source=plan, day=date(2023, 1, 1 + n))
               for n, plan in enumerate(plans[:2])]
    with django_assert_num_queries(1):
        found = register_entries(plans, KH)
    assert found == {plans[0].pk: entries[0], plans[1].pk: entries[1]}
    assert register_entries([], KH) == {}


def test_the_entry_remembers_signer_recipients_and_who_entered_it(world):
    entry = issue(world.union_a, signer_title=["KT. CHỦ TỊCH", " PHÓ CHỦ TỊCH "],
                  recipients="Công đoàn Viên chức tỉnh (b/c);\n\n  Lưu: VT.", by=world.chair.user)
    assert entry.signer_lines == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert entry.recipient_list == ["Công đoàn Viên chức tỉnh (b/c);", "Lưu: VT."]
    assert entry.created_by == world.chair.user
    fields = issued_fields(entry)
    assert (fields["number"], fields["issued_on"], fields["draft"]) == (
        "01/BC-CĐCS", date(2023, 3, 5), False)
    draft = draft_fields(union=world.union_a, kind=BC, year=2023)
    assert (draft["issued_on"], draft["draft"], draft["number"]) == (
        None, True, draft_code(world.union_a, BC))


# The signer of the day


def test_a_blank_signer_is_the_chair_in_office_that_day(world):
    entry = issue(world.union_a, signer_name="")
    assert entry.signer_name == world.chair.full_name
    assert entry.signer_lines == ("TM. BAN CHẤP HÀNH", "CHỦ TỊCH")


def test_a_day_without_a_chair_needs_a_signer(world):
    with pytest.raises(ValidationError) as error:
        issue(world.union_a, day=date(2019, 12, 20), signer_name="")  # before the first term
    assert "chưa có Chủ tịch" in messages_of(error)


def test_the_chair_of_a_day_follows_terms_and_seats(world):
    union = world.union_a
    old_term = TermFactory(union=union, name="Khóa IV", start_date=date(2017, 6, 1),
                           end_date=date(2022, 6, 14))
    old_chair = MemberFactory(union=union, given_name="Cũ")
    BoardMembershipFactory(member=old_chair, term=old_term,
                           position=BoardMembership.Position.CHAIR)
    assert chair_on(union, date(2017, 5, 31)) is None
    assert chair_on(union, date(2019, 1, 15)) == old_chair
    assert chair_on(union, date(2022, 6, 15)) == world.chair  # Khóa V began that day
    # The chair of Khóa V leaves in 2024 and a successor takes the seat.
    seat = world.chair.board_memberships.get()
    seat.ended_on = date(2024, 3, 1)
    seat.save()
    successor = MemberFactory(union=union, given_name="Mới")
    BoardMembershipFactory(member=successor, term=world.term_a,
                           position=BoardMembership.Position.CHAIR)
    assert chair_on(union, date(2024, 2, 29)) == world.chair
    assert chair_on(union, date(2024, 3, 1)) == successor


# Two clerks at the same moment (PostgreSQL: SQLite runs one writer at a time anyway)


@pytest.mark.django_db(transaction=True)
def test_documents_issued_at_the_same_moment_never_share_a_number(world):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    union, clerks = world.union_a, 6
    start = threading.Barrier(clerks)
    numbers, failures = [], []

    def clerk(n):
        try:
            start.wait(timeout=10)
            with transaction.atomic():
                entry = issue(union, subject=f"Báo cáo {n}")
                numbers.append(entry.number)
        except Exception as error:  # noqa: BLE001 — reported below, in the main thread
            failures.append(error)
        finally:
            connections.close_all()  # each thread has its own connection

    threads = [threading.Thread(target=clerk, args=(n,)) for n in range(clerks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert failures == []
    assert sorted(numbers) == list(range(1, clerks + 1))
    assert sorted(OutgoingDocument.objects.filter(union=union).values_list(
        "number", flat=True)) == list(range(1, clerks + 1))


@pytest.mark.django_db(transaction=True)
def test_one_source_issued_at_the_same_moment_gets_one_entry(world):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    plan = plan_create(union=world.union_a, year=2023)
    clerks = 4
    start = threading.Barrier(clerks)
    entries, failures = [], []

    def clerk():
        try:
            start.wait(timeout=10)
            entries.append(issue(world.union_a, KH, source=plan).pk)
        except Exception as error:  # noqa: BLE001 — reported below, in the main thread
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=clerk) for _ in range(clerks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert failures == []
    assert len(set(entries)) == 1 and len(entries) == clerks
    assert OutgoingDocument.objects.count() == 1
