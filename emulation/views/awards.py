"""The award catalogue (titles and forms of reward) and the awards given."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from emulation.filters import AwardFilter
from emulation.forms.awards import AwardForm, AwardTypeForm
from emulation.models import Award, AwardType
from emulation.services import award_save, award_type_save, award_types_ensure
from emulation.tables import AwardTable
from plans.views import form_page
from union.permissions import (
    can_manage_union,
    get_for_user_or_404,
    get_union_or_404,
    require_manage,
)
from union.views.lists import UnionListView

# The catalogue


def awardtype_list_view(request, union_pk):
    union = get_union_or_404(request.user, union_pk)
    if not AwardType.objects.filter(union=union).exists():
        # A union that has never opened its catalogue starts from the default one.
        award_types_ensure(union=union)
    types = list(AwardType.objects.filter(union=union))
    return render(request, "emulation/awardtype_list.html", {
        "union": union, "can_manage": can_manage_union(request.user, union),
        "sections": [(label, [t for t in types if t.kind == kind])
                     for kind, label in AwardType.Kind.choices],
    })


def awardtype_create_view(request, union_pk):
    union = get_union_or_404(request.user, union_pk)
    return _awardtype_form(request, union, AwardType(union=union))


def awardtype_edit_view(request, pk):
    award_type = get_for_user_or_404(AwardType, request.user, pk=pk)
    return _awardtype_form(request, award_type.union, award_type)


def _awardtype_form(request, union, award_type):
    require_manage(request.user, union)
    form = AwardTypeForm(request.POST or None, instance=award_type, union=union)
    if request.method == "POST" and form.is_valid():
        try:
            award_type_save(award_type=form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu “%(name)s” vào danh mục khen thưởng.") % {
                "name": award_type.name})
            return redirect(award_type)
    return form_page(
        request, union=union, form=form,
        heading=_("Sửa danh hiệu, hình thức") if award_type.pk else _(
            "Thêm danh hiệu, hình thức khen thưởng"),
        back_url=reverse("emulation:awardtype-list", args=[union.pk]),
        back_label=_("Danh mục khen thưởng"),
    )


# Awards


class AwardListView(UnionListView):
    table_class = AwardTable
    filterset_class = AwardFilter
    template_name = "emulation/award_list.html"

    def get_queryset(self):
        return (
            Award.objects.for_user(self.request.user).filter(union=self.union)
            .select_related("award_type", "member", "group")
        )

    def get_table_kwargs(self):
        return {"can_manage": can_manage_union(self.request.user, self.union)}

    def export_filename(self):
        return f"khen-thuong-{self.union.pk}"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs),
                "can_manage": can_manage_union(self.request.user, self.union)}


award_list_view = AwardListView.as_view()


def award_create_view(request, union_pk):
    union = get_union_or_404(request.user, union_pk)
    return _award_form(request, union, Award(union=union))


def award_edit_view(request, pk):
    award = get_for_user_or_404(Award, request.user, pk=pk)
    return _award_form(request, award.union, award)


def _award_form(request, union, award):
    """The rules against double rewards live in ``award_save``: what it refuses is shown on
    the form, and nothing is saved."""
    require_manage(request.user, union)
    form = AwardForm(request.POST or None, instance=award, union=union)
    if request.method == "POST" and form.is_valid():
        try:
            award_save(award=form.instance, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu khen thưởng: %(award)s.") % {"award": award})
            return redirect(reverse("emulation:award-list", args=[union.pk])
                            + f"?year={award.year}")
    return form_page(
        request, union=union, form=form,
        heading=_("Sửa khen thưởng") if award.pk else _("Ghi khen thưởng"),
        back_url=reverse("emulation:award-list", args=[union.pk]),
        back_label=_("Khen thưởng"),
    )
