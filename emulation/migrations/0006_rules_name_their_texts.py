"""Cycles opened before the rule sets: their rules name the texts in force in their year and
take the settings those texts leave to the union (emulation/rulesets.py at the time)."""

from django.db import migrations


def rating_key(year):
    if year <= 2019:
        return "ND56-2015"
    if year <= 2022:
        return "ND90-2020"
    return "ND90-2020+ND48-2023" if year <= 2025 else "ND335-2025+ND233-2026"


def emulation_key(year):
    if year <= 2016:
        return "TDKT2003+ND65-2014"
    if year <= 2023:
        return "TDKT2003+ND91-2017"
    return "TDKT2022+ND98-2023" if year == 2024 else "TDKT2022+ND152-2025"


def complete(apps, schema_editor):
    EvaluationCycle = apps.get_model("emulation", "EvaluationCycle")
    for cycle in EvaluationCycle.objects.all():
        rules = cycle.rules
        rules.setdefault("rating_rules", rating_key(cycle.year))
        rules.setdefault("emulation_rules", emulation_key(cycle.year))
        rules.setdefault("quota_rounding", "down")
        rules.setdefault("quota_scope", "agency_and_type" if cycle.year >= 2023 else "agency")
        rules.setdefault("quota_small_unit", False)
        rules.setdefault("quota_exception", False)
        rules.setdefault("quota_exception_percent", 25)
        rules.setdefault("cap_rounding", "nearest")
        EvaluationCycle.objects.filter(pk=cycle.pk).update(rules=rules)


class Migration(migrations.Migration):

    dependencies = [
        ("emulation", "0005_awards_tell_achievements_apart"),
    ]

    operations = [
        migrations.RunPython(complete, migrations.RunPython.noop),
    ]
