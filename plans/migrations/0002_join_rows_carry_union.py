"""The many-to-many join tables of Task get explicit models with ``union`` (every tenant table
carries its union: tests/test_tenancy.py, docs/scaling.md). The tables stay where they are; the
new column is filled from the task."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_union(apps, schema_editor):
    Task = apps.get_model("plans", "Task")
    union_of_task = Subquery(Task.objects.filter(pk=OuterRef("task_id")).values("union_id")[:1])
    for name in ("TaskAssignee", "TaskSupportingGroup"):
        apps.get_model("plans", name).objects.update(union_id=union_of_task)


def union_field(null):
    return models.ForeignKey(null=null, on_delete=django.db.models.deletion.PROTECT,
                             related_name="+", to="union.union")


class Migration(migrations.Migration):

    dependencies = [
        ("plans", "0001_initial"),
        ("union", "0003_history_reasons_as_text"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="TaskAssignee",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                                   serialize=False, verbose_name="ID")),
                        ("task", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                   related_name="+", to="plans.task")),
                        ("member", models.ForeignKey(
                            on_delete=django.db.models.deletion.CASCADE, related_name="+",
                            to="union.member")),
                    ],
                    options={"db_table": "plans_task_assignees",
                             "unique_together": {("task", "member")}},
                ),
                migrations.CreateModel(
                    name="TaskSupportingGroup",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                                   serialize=False, verbose_name="ID")),
                        ("task", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                   related_name="+", to="plans.task")),
                        ("uniongroup", models.ForeignKey(
                            on_delete=django.db.models.deletion.CASCADE, related_name="+",
                            to="union.uniongroup")),
                    ],
                    options={"db_table": "plans_task_supporting_groups",
                             "unique_together": {("task", "uniongroup")}},
                ),
                migrations.AlterField(
                    model_name="task", name="assignees",
                    field=models.ManyToManyField(blank=True, related_name="tasks",
                                                 through="plans.TaskAssignee", to="union.member",
                                                 verbose_name="người thực hiện"),
                ),
                migrations.AlterField(
                    model_name="task", name="supporting_groups",
                    field=models.ManyToManyField(blank=True, related_name="supported_tasks",
                                                 through="plans.TaskSupportingGroup",
                                                 to="union.uniongroup",
                                                 verbose_name="đơn vị phối hợp"),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(model_name="taskassignee", name="union", field=union_field(True)),
        migrations.AddField(model_name="tasksupportinggroup", name="union",
                            field=union_field(True)),
        migrations.RunPython(fill_union, migrations.RunPython.noop),
        migrations.AlterField(model_name="taskassignee", name="union", field=union_field(False)),
        migrations.AlterField(model_name="tasksupportinggroup", name="union",
                              field=union_field(False)),
    ]
