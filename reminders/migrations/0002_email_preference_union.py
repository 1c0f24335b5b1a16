"""E-mail preferences carry their union like every tenant row (filled from the member)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_union(apps, schema_editor):
    Member = apps.get_model("union", "Member")
    apps.get_model("reminders", "EmailPreference").objects.update(union_id=Subquery(
        Member.objects.filter(pk=OuterRef("member_id")).values("union_id")[:1]))


def union_field(null):
    return models.ForeignKey(null=null, on_delete=django.db.models.deletion.CASCADE,
                             related_name="+", to="union.union")


class Migration(migrations.Migration):

    dependencies = [
        ("reminders", "0001_initial"),
        ("union", "0003_history_reasons_as_text"),
    ]

    operations = [
        migrations.AddField(model_name="emailpreference", name="union", field=union_field(True)),
        migrations.RunPython(fill_union, migrations.RunPython.noop),
        migrations.AlterField(model_name="emailpreference", name="union",
                              field=union_field(False)),
    ]
