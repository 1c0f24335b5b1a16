from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import modelformset_factory
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.forms import CchcDomainForm, CchcDomainFormSet, CchcIndexForm
from plans.models import CchcDomain, CchcIndex
from plans.services import cchc_domains_for, cchc_save
from plans.views.dashboards import cchc_history
from union.permissions import (
    can_manage_union,
    get_for_user_or_404,
    get_union_or_404,
    require_manage,
)


def cchc_list_view(request, union_pk):
    union = get_union_or_404(request.user, union_pk)
    indexes = cchc_history(union).order_by("-year").prefetch_related("domains")
    return render(request, "plans/cchc_list.html", {
        "union": union, "indexes": indexes, "can_manage": can_manage_union(request.user, union),
    })


def cchc_create_view(request, union_pk):
    union = get_union_or_404(request.user, union_pk)
    year = timezone.localdate().year - 1  # the index of a year is published the next year
    index = CchcIndex(union=union, year=year)
    return _cchc_form(request, union, index, cchc_domains_for(union=union, year=year))


def cchc_edit_view(request, pk):
    index = get_for_user_or_404(CchcIndex, request.user, pk=pk)
    return _cchc_form(request, index.union, index, None)


def _cchc_form(request, union, index, new_domains):
    require_manage(request.user, union)
    form = CchcIndexForm(request.POST or None, instance=index)
    if new_domains is None:
        formset = CchcDomainFormSet(request.POST or None, prefix="domains",
                                    queryset=index.domains.all())
    else:
        # Every domain of a new year must be filled in: none of the forms may stay empty.
        formset_class = modelformset_factory(CchcDomain, form=CchcDomainForm, extra=0,
                                             min_num=len(new_domains), validate_min=True)
        formset = formset_class(
            request.POST or None, prefix="domains", queryset=CchcDomain.objects.none(),
            initial=[{"number": d.number, "name": d.name, "max_points": d.max_points,
                      "achieved": d.achieved} for d in new_domains],
        )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        form.instance.union = union
        try:
            cchc_save(index=form.instance,
                      domains=[f.instance for f in formset.forms])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu chỉ số CCHC năm %(year)s.") % {
                "year": form.instance.year})
            return redirect("plans:cchc-list", union.pk)
    return render(request, "plans/cchc_form.html", {
        "union": union, "index": index, "form": form, "formset": formset,
        "crumb_url": reverse("plans:cchc-list", args=[union.pk]),
        "crumb_label": _("Chỉ số CCHC"),
    })
