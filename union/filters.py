import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from union.models import DocumentKind, Member, OutgoingDocument, Union, UnionGroup
from union.names import fold
from union.widgets import QuickSelect


class LeanFilterSet(django_filters.FilterSet):
    """A filter set whose form is a plain form given this request's filter fields.
    django-filter declares a new form class on every request (a metaclass run over the
    fields) and the form then deep-copies them; the fields are already this request's own
    (the filters are copied per filter set, a field made per filter)."""

    @property
    def form(self):
        if not hasattr(self, "_form"):
            self._form = self._meta.form(self.data if self.is_bound else None,
                                         prefix=self.form_prefix)
            self._form.fields = {name: f.field for name, f in self.filters.items()}
        return self._form


class MemberFilter(LeanFilterSet):
    q = django_filters.CharFilter(
        label=_("Tìm theo tên"), method="filter_name",
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": _("Họ tên…")}),
    )
    group = django_filters.ModelChoiceFilter(
        label=_("Tổ công đoàn"), queryset=UnionGroup.objects.none(), empty_label=_("Tất cả tổ"),
        widget=QuickSelect(attrs={"class": "form-select"}),
    )
    status = django_filters.ChoiceFilter(
        label=_("Tình trạng"), choices=Member.Status.choices, empty_label=_("Mọi tình trạng"),
        widget=QuickSelect(attrs={"class": "form-select"}),
    )
    employment_type = django_filters.ChoiceFilter(
        label=pgettext_lazy("member", "Đối tượng"), choices=Member.EmploymentType.choices,
        empty_label=_("Mọi đối tượng"), widget=QuickSelect(attrs={"class": "form-select"}),
    )

    class Meta:
        model = Member
        fields = ["q", "group", "status", "employment_type"]

    def __init__(self, *args, union, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["group"].queryset = UnionGroup.objects.filter(union=union)

    def filter_name(self, queryset, name, value):
        return queryset.search(value)


class UnionFilter(LeanFilterSet):
    q = django_filters.CharFilter(
        label=_("Tìm theo tên"), method="filter_name",
        widget=forms.TextInput(attrs={"class": "form-control",
                                      "placeholder": _("Tên công đoàn, cơ quan…")}),
    )
    upper = django_filters.ModelChoiceFilter(
        label=_("Công đoàn cấp trên"), queryset=Union.objects.none(), method="filter_upper",
        empty_label=_("Tất cả"), widget=QuickSelect(attrs={"class": "form-select"}),
    )

    class Meta:
        model = Union
        fields = ["q", "upper"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["upper"].queryset = (
            Union.objects.for_user(self.request.user).filter(children__isnull=False)
            .distinct().order_by("path")
        )

    def filter_name(self, queryset, name, value):
        # Unions keep no folded copy of their names as members do; a province has about
        # 1,500 of them, few enough to fold here.
        wanted = fold(value).strip()
        names = queryset.values_list("pk", "name", "short_name", "agency")
        return queryset.filter(pk__in=[
            pk for pk, *texts in names if wanted in fold("\n".join(texts))
        ])

    def filter_upper(self, queryset, name, value):
        return queryset.filter(path__startswith=value.path)


class OutgoingDocumentFilter(LeanFilterSet):
    year = django_filters.ChoiceFilter(
        label=_("Năm"), choices=[], empty_label=_("Mọi năm"),
        widget=QuickSelect(attrs={"class": "form-select"}),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Loại văn bản"), choices=DocumentKind.choices, empty_label=_("Mọi loại"),
        widget=QuickSelect(attrs={"class": "form-select"}),
    )
    q = django_filters.CharFilter(
        label=_("Trích yếu, người ký"), method="filter_text",
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    class Meta:
        model = OutgoingDocument
        fields = ["year", "kind", "q"]

    def __init__(self, *args, union, **kwargs):
        super().__init__(*args, **kwargs)
        years = (OutgoingDocument.objects.filter(union=union).order_by("-year")
                 .values_list("year", flat=True).distinct())
        self.filters["year"].extra["choices"] = [(year, year) for year in years]

    def filter_text(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(subject__icontains=value) | Q(signer_name__icontains=value))
