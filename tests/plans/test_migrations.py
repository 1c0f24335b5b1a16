"""The plans issued before the register existed move into it with the numbers and dates they
were issued with (plans 0003); drafts keep no number; and the way back."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("plans", "0003_vietnamese_admin_names"), ("union", "0006_outgoing_document_register")]
AFTER = [("plans", "0005_plan_number_and_date_come_from_register")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_issued_plans_enter_the_register_with_their_numbers_and_dates():
    try:
        old = migrate(BEFORE)
        Union, Member = old.get_model("union", "Union"), old.get_model("union", "Member")
        Term = old.get_model("union", "Term")
        BoardMembership = old.get_model("union", "BoardMembership")
        ActionPlan = old.get_model("plans", "ActionPlan")
        union = Union.objects.create(name="CĐCS A", short_name="A", path="/1/")
        signer = Member.objects.create(union=union, family_name="Mai", middle_name="Xuân",
                                       given_name="Trường", gender="male", name_key="k",
                                       name_search="mai xuan truong")
        chair = Member.objects.create(union=union, family_name="Lê", given_name="Chủ",
                                      gender="male", name_key="c", name_search="le chu")
        term = Term.objects.create(union=union, name="Khóa IV", start_date=date(2017, 6, 1),
                                   end_date=date(2022, 6, 1))
        BoardMembership.objects.create(union=union, term=term, member=chair, position="chair")

        def plan(year, **fields):
            return ActionPlan.objects.create(union=union, year=year, subject=f"Kế hoạch {year}",
                                             recipients="Sở Nội vụ\nLưu: VT", **fields)

        issued = plan(2019, number=5, issued_on=date(2019, 1, 15), signer=signer,
                      status="issued")
        closed = plan(2018, number=1, issued_on=None, status="closed")
        early = plan(2020, number=5, issued_on=date(2019, 12, 20), status="issued")
        draft = plan(2021, number=2, status="draft")

        new = migrate(AFTER)
        OutgoingDocument = new.get_model("union", "OutgoingDocument")
        ContentType = new.get_model("contenttypes", "ContentType")
        plan_type = ContentType.objects.get(app_label="plans", model="actionplan")
        found = {e.object_id: e for e in OutgoingDocument.objects.filter(content_type=plan_type)}
        assert set(found) == {issued.pk, closed.pk, early.pk}  # the draft gets no number
        entry = found[issued.pk]
        assert (entry.kind, entry.year, entry.number, entry.issued_on) == (
            "plan", 2019, 5, date(2019, 1, 15))
        assert (entry.subject, entry.signer_name, entry.recipients) == (
            "Kế hoạch 2019", "Mai Xuân Trường", "Sở Nội vụ\nLưu: VT")
        # Undated: 1 January of its year, signed by the chair in office that day.
        assert (found[closed.pk].issued_on, found[closed.pk].number) == (date(2018, 1, 1), 1)
        assert found[closed.pk].signer_name == "Lê Chủ"
        # 2020's plan, issued in December 2019 as number 5 too, takes the next free number.
        assert (found[early.pk].year, found[early.pk].number) == (2019, 6)
        assert not hasattr(new.get_model("plans", "ActionPlan")(), "number")
        assert draft.pk not in found

        # Back again: the plans take their numbers and dates from the register.
        back = migrate(BEFORE)
        plans = {p.pk: p for p in back.get_model("plans", "ActionPlan").objects.all()}
        assert (plans[early.pk].number, plans[early.pk].issued_on) == (6, date(2019, 12, 20))
        assert plans[closed.pk].issued_on == date(2018, 1, 1)
        assert not back.get_model("union", "OutgoingDocument").objects.exists()
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_plans_before_2026_keep_the_unions_own_equal_share_scheme():
    try:
        old = migrate([("plans", "0007_plan_grounds")])
        Union = old.get_model("union", "Union")
        ActionPlan = old.get_model("plans", "ActionPlan")
        union = Union.objects.create(name="CĐCS A", short_name="A", path="/1/")
        for year in (2019, 2025, 2026):
            ActionPlan.objects.create(union=union, year=year, subject=str(year))

        new = migrate([("plans", "0010_check_general_criteria_and_products")])
        schemes = dict(new.get_model("plans", "ActionPlan").objects.values_list(
            "year", "scoring_scheme"))
        assert schemes == {2019: "simple", 2025: "simple", 2026: "nd335"}
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
