"""Every tenant table carries ``union_id``.

Tenant data is partitioned by union (``Union.objects.for_user`` scoping today; Citus with
``union_id`` as the distribution column in the national layout of ``docs/scaling.md``), so each
table of the project's apps needs a ``union`` foreign key of its own, history tables and the
many-to-many join tables included (explicit ``through`` models). The one exception is the
tenant itself; a new model without ``union`` fails this test until it gets the field.
"""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models

TENANT_APPS = ("union", "plans", "emulation", "reminders")

# "app_label.ModelName": why it has no ``union`` field. Keep it exact: a stale entry fails too.
ALLOWED_WITHOUT_UNION = {
    # The tenant itself (its own id is the distribution key; ``parent`` links tenants).
    "union.Union": "the tenant",
}


def tenant_models():
    """Every model (table) of the tenant apps: Historical* and auto-created M2M tables too."""
    for label in TENANT_APPS:
        yield from apps.get_app_config(label).get_models(include_auto_created=True)


def has_union_fk(model) -> bool:
    """True when ``model`` has a concrete ``union`` FK (or one-to-one) to ``union.Union``."""
    try:
        field = model._meta.get_field("union")
    except FieldDoesNotExist:
        return False
    return (isinstance(field, models.ForeignKey) and field.concrete
            and field.related_model is apps.get_model("union", "Union"))


def models_without_union(candidates):
    return sorted(m._meta.label for m in candidates if not has_union_fk(m))


def test_every_tenant_table_has_union_id():
    assert models_without_union(tenant_models()) == sorted(ALLOWED_WITHOUT_UNION)


def test_history_tables_are_covered():
    """The check sees simple_history's tables: a historical model gets no pass of its own."""
    labels = {m._meta.label for m in tenant_models()}
    assert {"union.HistoricalMember", "plans.HistoricalMonthlyCheck",
            "emulation.HistoricalEvaluation"} <= labels
    assert not any(label.split(".")[1].startswith("Historical")
                   for label in ALLOWED_WITHOUT_UNION)


def _fake(name, **fields):
    """A throwaway model under a label outside INSTALLED_APPS (no table, not in get_models)."""
    meta = type("Meta", (), {"app_label": "tests_tenancy"})
    try:
        return apps.get_model("tests_tenancy", name)
    except LookupError:
        return type(name, (models.Model,), {"__module__": __name__, "Meta": meta, **fields})


def test_helper_catches_a_new_model_without_union():
    """A new tenant model lacking ``union`` (or with ``union`` pointing elsewhere) is caught."""
    ok = _fake("FakeWithUnion", union=models.ForeignKey("union.Union", models.CASCADE))
    one = _fake("FakeOneToOne", union=models.OneToOneField("union.Union", models.CASCADE))
    missing = _fake("FakeWithoutUnion", title=models.CharField(max_length=10))
    elsewhere = _fake("FakeUnionIsMember", union=models.ForeignKey("union.Member", models.CASCADE))
    plain_int = _fake("FakeUnionIsInt", union=models.IntegerField())
    found = models_without_union([*tenant_models(), ok, one, missing, elsewhere, plain_int])
    assert found == sorted([*ALLOWED_WITHOUT_UNION, "tests_tenancy.FakeWithoutUnion",
                            "tests_tenancy.FakeUnionIsMember", "tests_tenancy.FakeUnionIsInt"])


def test_join_rows_written_by_the_services_carry_their_union(emu):
    """The many-to-many rows (assignees, supporting groups, registered titles, authors) get
    the union of the row they hang on."""
    from emulation.models import InitiativeAuthor, RegistrationTitle
    from plans.models import TaskAssignee, TaskSupportingGroup

    joins = {TaskAssignee: "task", TaskSupportingGroup: "task",
             RegistrationTitle: "registration", InitiativeAuthor: "initiative"}
    for model, parent in joins.items():
        rows = model.objects.select_related(parent)
        assert rows.exists(), model.__name__
        assert all(row.union_id == getattr(row, parent).union_id for row in rows)
