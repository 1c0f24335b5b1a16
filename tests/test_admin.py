"""The admin in Vietnamese: every model it shows (and every field of its lists) has a
Vietnamese name, Django's own strings come from the Vietnamese catalogues (with what they
lack filled in ours), and the emulation records are there to read."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation
from django.utils.text import camel_case_to_spaces

from emulation.models import Award, AwardType, Evaluation, Level, Movement, Registration
from emulation.services import evaluation_board_propose
from reminders.models import Kind, Notification

MODELS = sorted(
    {model for model in admin.site._registry}
    | {inline.model for model_admin in admin.site._registry.values()
       for inline in model_admin.inlines},
    key=lambda model: model._meta.label,
)


def vietnamese(text, english):
    """Not the English Django would make up, and written with Vietnamese letters."""
    text = str(text)
    return text.lower() != english.lower() and not text.isascii()


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_every_model_the_admin_shows_has_a_vietnamese_name(model):
    options = model._meta
    english = camel_case_to_spaces(options.object_name)
    with translation.override("vi"):
        assert vietnamese(options.verbose_name, english), options.verbose_name
        assert vietnamese(options.verbose_name_plural, english + "s"), (
            options.verbose_name_plural)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_every_field_in_the_admins_lists_has_a_vietnamese_name(model):
    model_admin = admin.site._registry.get(model)
    names = [name for name in (model_admin.list_display if model_admin else ())
             if isinstance(name, str) and name != "__str__"]
    fields = {field.name: field for field in model._meta.get_fields()
              if hasattr(field, "verbose_name")}
    with translation.override("vi"):
        for name in names:
            if name in fields:
                label = fields[name].verbose_name
                assert vietnamese(label, name.replace("_", " ")), f"{name}: {label}"


@pytest.fixture
def admin_client(client, world):
    client.force_login(world.admin)
    return client


def test_the_admin_index_is_in_vietnamese(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert 'lang="vi"' in page
    assert "Quản trị hệ thống công đoàn" in page
    for vietnamese_text in ("Chào đồng chí", "Đăng xuất", "Đoàn viên", "Đợt đánh giá cuối năm",
                            "Lần đăng nhập sai", "Thư nhắc tổng hợp"):
        assert vietnamese_text in page, vietnamese_text
    for english in ("Site administration", "Welcome", "Log out", "Access attempts",
                    "Digests", "Recent actions"):
        assert english not in page, english


def test_a_list_page_of_the_admin_names_its_columns_in_vietnamese(admin_client, world):
    Notification.objects.create(
        union=world.union_a, recipient=world.member, kind=Kind.TASK_DUE, target="occurrence:1",
        period="2026-12-02", subject="Nhiệm vụ sắp đến hạn: Báo cáo", body="Hạn 04/12/2026.")
    page = admin_client.get(reverse("admin:reminders_notification_changelist")).content.decode()
    for column in ("Tiêu đề", "Người nhận", "Loại", "Trạng thái", "Số lần thử gửi",
                   "Tạo lúc", "Gửi thư lúc", "Đọc lúc"):
        assert column in page, column


def test_the_admins_calendar_speaks_vietnamese(admin_client):
    script = admin_client.get("/admin/jsi18n/").content.decode()
    assert "Ch\\u1ee7 nh\\u1eadt" in script or "Chủ nhật" in script


@pytest.mark.parametrize("model", [Registration, Award, Evaluation])
def test_the_emulation_records_are_there_to_read_not_to_change(admin_client, model):
    options = model._meta
    url = reverse(f"admin:{options.app_label}_{options.model_name}_changelist")
    assert admin_client.get(url).status_code == 200
    add = reverse(f"admin:{options.app_label}_{options.model_name}_add")
    assert admin_client.get(add).status_code == 403


def test_a_decision_is_shown_read_only_with_its_history(admin_client, emu):
    evaluation_board_propose(evaluation=emu.evaluation, level=Level.GOOD, titles=set(),
                             note="Tốt", by=emu.chair.user)
    url = reverse("admin:emulation_evaluation_change", args=[emu.evaluation.pk])
    response = admin_client.get(url)
    assert response.context["has_change_permission"] is False
    page = response.content.decode()
    assert 'name="_save"' not in page
    assert reverse("admin:emulation_evaluation_history", args=[emu.evaluation.pk]) in page
    assert admin_client.post(url, {}).status_code == 403
    history = admin_client.get(reverse("admin:emulation_evaluation_history",
                                       args=[emu.evaluation.pk])).content.decode()
    assert "Thời điểm" in history and "Date/time" not in history


@pytest.mark.parametrize("model", [AwardType, Movement])
def test_the_catalogue_and_movements_are_edited_but_never_deleted(admin_client, model, emu):
    record = model.objects.filter(union=emu.union_a).first()
    options = model._meta
    url = reverse(f"admin:{options.app_label}_{options.model_name}_change", args=[record.pk])
    assert admin_client.get(url).status_code == 200
    delete = reverse(f"admin:{options.app_label}_{options.model_name}_delete", args=[record.pk])
    assert admin_client.get(delete).status_code == 403
