"""The many-to-many join tables of Registration and Initiative get explicit models with
``union`` (every tenant table carries its union: tests/test_tenancy.py, docs/scaling.md). The
tables stay where they are; the new column is filled from the registration or initiative."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_union(apps, schema_editor):
    for name, parent, key in (("RegistrationTitle", "Registration", "registration_id"),
                              ("InitiativeAuthor", "Initiative", "initiative_id")):
        rows = apps.get_model("emulation", parent).objects.filter(pk=OuterRef(key))
        apps.get_model("emulation", name).objects.update(
            union_id=Subquery(rows.values("union_id")[:1]))


def union_field(null):
    return models.ForeignKey(null=null, on_delete=django.db.models.deletion.PROTECT,
                             related_name="+", to="union.union")


def join_model(name, table, parent, other, other_to):
    return migrations.CreateModel(
        name=name,
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                       verbose_name="ID")),
            (parent, models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                       related_name="+", to=f"emulation.{parent}")),
            (other, models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                      related_name="+", to=other_to)),
        ],
        options={"db_table": table, "unique_together": {(parent, other)}},
    )


class Migration(migrations.Migration):

    dependencies = [
        ("emulation", "0001_initial"),
        ("union", "0003_history_reasons_as_text"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                join_model("RegistrationTitle", "emulation_registration_titles",
                           "registration", "awardtype", "emulation.awardtype"),
                join_model("InitiativeAuthor", "emulation_initiative_authors",
                           "initiative", "member", "union.member"),
                migrations.AlterField(
                    model_name="registration", name="titles",
                    field=models.ManyToManyField(related_name="+",
                                                 through="emulation.RegistrationTitle",
                                                 to="emulation.awardtype",
                                                 verbose_name="danh hiệu đăng ký"),
                ),
                migrations.AlterField(
                    model_name="initiative", name="authors",
                    field=models.ManyToManyField(related_name="initiatives",
                                                 through="emulation.InitiativeAuthor",
                                                 to="union.member", verbose_name="tác giả"),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(model_name="registrationtitle", name="union",
                            field=union_field(True)),
        migrations.AddField(model_name="initiativeauthor", name="union", field=union_field(True)),
        migrations.RunPython(fill_union, migrations.RunPython.noop),
        migrations.AlterField(model_name="registrationtitle", name="union",
                              field=union_field(False)),
        migrations.AlterField(model_name="initiativeauthor", name="union",
                              field=union_field(False)),
    ]
