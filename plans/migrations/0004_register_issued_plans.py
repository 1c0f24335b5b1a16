"""Every plan already issued (or closed) gets its line in the register of outgoing documents,
with the number and date it was issued with; drafts get none (their number was only typed
ahead). The next migration then drops the plan's own number and date.

A plan issued without a date (the old form let the date be cleared) is dated 1 January of
its year. Two plans whose typed numbers clash in the same register year (a plan for next year
issued in December) keep the first and give the second the next free number.
"""

from datetime import date

from django.db import migrations
from django.db.models import F, Max

BOARD_SIGNER_TITLE = "TM. BAN CHẤP HÀNH\nCHỦ TỊCH"


def full_name(member):
    return " ".join(p for p in (member.family_name, member.middle_name, member.given_name) if p)


def chair_name(apps, union_id, day):
    Term = apps.get_model("union", "Term")
    BoardMembership = apps.get_model("union", "BoardMembership")
    term = Term.objects.filter(union_id=union_id, start_date__lte=day).order_by(
        "-start_date").first()
    seat = term and BoardMembership.objects.filter(
        term=term, position="chair").exclude(ended_on__lte=day).select_related("member").order_by(
        F("ended_on").asc(nulls_last=True), "pk").first()
    return full_name(seat.member) if seat else ""


def register_issued_plans(apps, schema_editor):
    ActionPlan = apps.get_model("plans", "ActionPlan")
    OutgoingDocument = apps.get_model("union", "OutgoingDocument")
    ContentType = apps.get_model("contenttypes", "ContentType")
    plan_type, _created = ContentType.objects.get_or_create(app_label="plans", model="actionplan")
    plans = ActionPlan.objects.filter(status__in=["issued", "closed"]).select_related(
        "signer").order_by("union_id", "year", "pk")
    for plan in plans:
        issued_on = plan.issued_on or date(plan.year, 1, 1)
        taken = OutgoingDocument.objects.filter(union_id=plan.union_id, kind="plan",
                                                year=issued_on.year)
        number = plan.number
        if taken.filter(number=number).exists():
            number = taken.aggregate(n=Max("number"))["n"] + 1
        OutgoingDocument.objects.create(
            union_id=plan.union_id, year=issued_on.year, kind="plan", number=number,
            issued_on=issued_on, subject=plan.subject,
            signer_name=(full_name(plan.signer) if plan.signer
                         else chair_name(apps, plan.union_id, issued_on)),
            signer_title=BOARD_SIGNER_TITLE, recipients=plan.recipients.strip(),
            content_type=plan_type, object_id=plan.pk,
        )


def unregister_plans(apps, schema_editor):
    """Back to typed numbers: each plan takes its number and date from its entry again."""
    ActionPlan = apps.get_model("plans", "ActionPlan")
    OutgoingDocument = apps.get_model("union", "OutgoingDocument")
    ContentType = apps.get_model("contenttypes", "ContentType")
    plan_type = ContentType.objects.filter(app_label="plans", model="actionplan").first()
    entries = OutgoingDocument.objects.filter(content_type=plan_type, kind="plan")
    for entry in entries:
        ActionPlan.objects.filter(pk=entry.object_id).update(number=entry.number,
                                                             issued_on=entry.issued_on)
    entries.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("plans", "0003_vietnamese_admin_names"),
        ("union", "0006_outgoing_document_register"),
    ]

    operations = [
        migrations.RunPython(register_issued_plans, unregister_plans),
    ]
