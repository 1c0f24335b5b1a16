import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from union.models import Member, UnionGroup


class MemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Tìm theo tên"), method="filter_name",
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": _("Họ tên…")}),
    )
    group = django_filters.ModelChoiceFilter(
        label=_("Tổ công đoàn"), queryset=UnionGroup.objects.none(), empty_label=_("Tất cả tổ"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    status = django_filters.ChoiceFilter(
        label=_("Tình trạng"), choices=Member.Status.choices, empty_label=_("Mọi tình trạng"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    employment_type = django_filters.ChoiceFilter(
        label=_("Loại cán bộ"), choices=Member.EmploymentType.choices,
        empty_label=_("Mọi loại"), widget=forms.Select(attrs={"class": "form-select"}),
    )

    class Meta:
        model = Member
        fields = ["q", "group", "status", "employment_type"]

    def __init__(self, *args, union, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["group"].queryset = UnionGroup.objects.filter(union=union)

    def filter_name(self, queryset, name, value):
        return queryset.search(value)
