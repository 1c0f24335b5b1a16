"""The shared components of docs/design.md render what they promise."""

from types import SimpleNamespace

from django.db import models
from django.template import Context, Template


class Status(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    ISSUED = "issued", "Đã ban hành"
    CLOSED = "closed", "Đã kết thúc"


def render(source, **context):
    return Template("{% load union_tags %}" + source).render(Context(context))


def test_the_stepper_marks_the_steps_done_current_and_ahead():
    html = render("{% stepper plan %}", plan=SimpleNamespace(Status=Status, status="issued"))
    assert 'is-done">Dự thảo' in html
    assert 'is-current" aria-current="step">Đã ban hành' in html
    assert 'is-todo">Đã kết thúc' in html


def test_the_last_step_reached_counts_as_done():
    html = render("{% stepper plan %}", plan=SimpleNamespace(Status=Status, status="closed"))
    assert "is-current" not in html and html.count("is-done") == 3


def test_a_status_off_the_main_line_is_left_out():
    html = render('{% stepper plan "issued" %}',
                  plan=SimpleNamespace(Status=Status, status="draft"))
    assert "Đã ban hành" not in html and 'is-current" aria-current="step">Dự thảo' in html


def test_a_status_badge_carries_its_tone_and_words():
    html = render('{% include "includes/status_badge.html" with tone="danger" label="Quá hạn" %}')
    assert html.strip() == '<span class="status-badge status-danger">Quá hạn</span>'


def test_a_stat_tile_with_an_address_is_a_link():
    html = render('{% include "includes/stat_tile.html" with label="Nữ" value=20 url="/u/1/" %}')
    assert html.strip().startswith('<a href="/u/1/" class="stat-tile">')
    assert '<span class="stat-tile-value">20</span>' in html


def test_an_empty_state_offers_its_action():
    html = render('{% include "includes/empty_state.html" with title="Chưa có" '
                  'action_url="/new/" action_label="Thêm" %}')
    assert '<p class="empty-state-title">Chưa có</p>' in html
    assert '<a class="btn btn-primary" href="/new/">Thêm</a>' in html
