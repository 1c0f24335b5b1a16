from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog
from simple_history.admin import SimpleHistoryAdmin

from union.models import BoardMembership, Member, OutgoingDocument, Term, Union, UnionGroup

admin.site.site_header = _("Quản trị hệ thống công đoàn")
admin.site.site_title = _("Quản trị hệ thống công đoàn")
admin.site.index_title = _("Dữ liệu của hệ thống")


class AdminCatalog(JavaScriptCatalog):
    """The admin's script strings (calendar, selectors) with what Django's Vietnamese
    catalogue lacks (the day names) taken from ours (locale/vi/LC_MESSAGES/djangojs.po);
    the admin's own translations come first."""

    packages = ["django.contrib.admin"]

    def get_paths(self, packages):
        return [*super().get_paths(packages), *map(str, settings.LOCALE_PATHS)]


@admin.register(Union)
class UnionAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "parent"]
    search_fields = ["name", "short_name"]


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "union", "start_date", "end_date"]
    list_filter = ["union"]


@admin.register(UnionGroup)
class UnionGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "union", "leader", "deputy", "is_active"]
    list_filter = ["union", "is_active"]
    raw_id_fields = ["leader", "deputy"]


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "union", "group", "employment_type", "card_number", "status"]
    list_filter = ["union", "status", "employment_type", "group"]
    search_fields = ["name_search", "card_number"]
    raw_id_fields = ["user", "group"]

    def has_delete_permission(self, request, obj=None):
        # Members are never deleted: they leave (status and date), and their history stays.
        return False


@admin.register(BoardMembership)
class BoardMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["member", "position", "term", "ended_on"]
    list_filter = ["union", "position"]
    raw_id_fields = ["member"]


@admin.register(OutgoingDocument)
class OutgoingDocumentAdmin(admin.ModelAdmin):
    """Read only: entries are made by ``union.register.document_issue`` and never change."""

    list_display = ["__str__", "union", "issued_on", "signer_name"]
    list_filter = ["kind", "year", "union"]
    list_select_related = ["union"]
    search_fields = ["subject", "signer_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
