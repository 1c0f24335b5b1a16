from django.db.models import Exists, Max, OuterRef
from django.shortcuts import render
from django.utils import timezone

from emulation.models import EvaluationCycle, Movement, Registration
from plans.views.dashboards import plans_home_context


def home_view(request):
    """The home page: the union's and the plan's parts, and where emulation stands."""
    context = plans_home_context(request)
    access, today = context["access"], timezone.localdate()
    member = access.member
    if member is None:
        return render(request, "home.html", context)
    union_id = member.union_id
    if access.is_officer:
        latest = EvaluationCycle.objects.filter(
            union__path__startswith=access.oversees_path).aggregate(year=Max("year"))["year"]
        context["rollup_year"] = latest or today.year
    context["cycle"] = EvaluationCycle.objects.filter(union_id=union_id).order_by("-year").first()
    mine = Registration.objects.filter(movement=OuterRef("pk"), member=member)
    context["open_movements"] = Movement.objects.filter(
        union_id=union_id, registration_opens__lte=today, registration_closes__gte=today,
    ).annotate(registered=Exists(mine))
    if access.board_union_id:
        context["pending_registrations"] = Registration.objects.filter(
            union_id=union_id, status=Registration.Status.SUBMITTED).count()
    return render(request, "home.html", context)
