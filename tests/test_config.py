import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent


def test_deploy_check_passes_under_production_settings(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "x7!k2p" * 10,
        "ALLOWED_HOSTS": "congdoan.example.vn",
        "SECURE_SSL_REDIRECT": "1",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_COOKIES": "1",
        "VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_five_wrong_passwords_lock_that_name_from_that_address_only(client):
    from tests.factories import UserFactory

    UserFactory(username="chair")
    UserFactory(username="colleague")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "chair", "password": "wrong"})
    locked = client.post(reverse("login"), {"username": "chair", "password": "demo12345"})
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    # The same office address, another person: not locked out.
    colleague = client.post(reverse("login"), {"username": "colleague", "password": "demo12345"})
    assert colleague.status_code == 302
    # The same person from another address: not locked out either.
    elsewhere = client.post(reverse("login"), {"username": "chair", "password": "demo12345"},
                            REMOTE_ADDR="10.0.0.9")
    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_one_address_failing_across_many_user_names_is_locked_out_for_every_name(client):
    """Password spraying: one password against every account, once each, from one address."""
    from axes.models import AccessAttempt

    from tests.factories import UserFactory

    UserFactory(username="chair")
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 1):
        answer = client.post(reverse("login"), {"username": f"user{n}", "password": "123456"})
        assert answer.status_code == 200  # each name failed once: no per-name lockout
    last = client.post(reverse("login"), {"username": "user-last", "password": "123456"})
    assert last.status_code == 429
    locked = client.post(reverse("login"), {"username": "chair", "password": "demo12345"})
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    assert "Xin đợi 15 phút" in locked.content.decode()
    # Another address is not affected.
    elsewhere = client.post(reverse("login"), {"username": "chair", "password": "demo12345"},
                            REMOTE_ADDR="10.0.0.9")
    assert elsewhere.status_code == 302
    # After the cool-off the address may try again.
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME)
    client.logout()
    again = client.post(reverse("login"), {"username": "chair", "password": "demo12345"})
    assert again.status_code == 302


@pytest.mark.django_db
def test_colleagues_typos_from_one_address_stay_under_its_limit(client):
    from tests.factories import UserFactory

    UserFactory(username="chair")
    per_name = settings.AXES_FAILURE_LIMIT - 1
    for n in range((settings.AXES_ADDRESS_FAILURE_LIMIT - 1) // per_name):
        for _ in range(per_name):
            client.post(reverse("login"), {"username": f"colleague{n}", "password": "sai"})
    assert client.post(reverse("login"),
                       {"username": "chair", "password": "demo12345"}).status_code == 302


@pytest.mark.django_db
def test_behind_a_proxy_each_client_address_is_counted_on_its_own(client, settings):
    """Every request comes from nginx; X-Forwarded-For names the client, and what the
    client wrote there itself (the first entries) is not believed."""
    from tests.factories import UserFactory

    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="chair")
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": f"user{n}", "password": "123456"},
                    REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 203.0.113.7")
    sprayer = client.post(reverse("login"), {"username": "chair", "password": "demo12345"},
                          REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert sprayer.status_code == 429
    colleague = client.post(reverse("login"), {"username": "chair", "password": "demo12345"},
                            REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert colleague.status_code == 302


def test_the_address_limit_is_above_the_per_name_limit():
    assert settings.AXES_ADDRESS_FAILURE_LIMIT > settings.AXES_FAILURE_LIMIT


@pytest.mark.django_db
def test_pages_are_vietnamese_whatever_the_browser_asks_until_the_user_switches(client):
    page = client.get(reverse("login"), headers={"accept-language": "en-US,en"})
    assert 'lang="vi"' in page.content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    page = client.get(reverse("login"))
    assert 'lang="en"' in page.content.decode()
    assert "Log in" in page.content.decode()


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set")
def test_the_cache_is_the_real_redis():
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    cache.set("congdoan-test", "đoàn viên", 30)
    assert cache.get("congdoan-test") == "đoàn viên"
    cache.delete("congdoan-test")
    # One client a connection pool (union.caching.RedisCache), not a new one a call.
    assert cache._cache.get_client() is cache._cache.get_client(write=True)


def test_ci_provides_redis():
    """Under CI Redis is required, so its tests can never be skipped quietly.

    (The Makefile requires DATABASE_URL under CI for the second, PostgreSQL run.)
    """
    if os.environ.get("CI") != "true":
        pytest.skip("only under CI")
    assert os.environ.get("REDIS_URL")


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"),
                    reason="DATABASE_URL does not name PostgreSQL")
def test_the_suite_runs_on_the_postgresql_named_in_database_url():
    from django.db import connection

    assert connection.vendor == "postgresql"


def test_the_file_broker_keeps_all_its_state_under_var_dir(tmp_path):
    """Publishing through the file-system broker writes its queue and its exchange table
    under VAR_DIR, nothing in the directory it was started from (kombu's default)."""
    started_in, var = tmp_path / "cwd", tmp_path / "var"
    started_in.mkdir()
    env = {**os.environ, "VAR_DIR": str(var), "REDIS_URL": "", "PYTHONPATH": str(ROOT),
           "DJANGO_SETTINGS_MODULE": "config.settings"}
    script = "from config.celery import app; app.send_task('reminders.tasks.kick_task')"
    result = subprocess.run([sys.executable, "-c", script], cwd=started_in, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert list(started_in.iterdir()) == []
    assert (var / "celery" / "control" / "celery.exchange").exists()
    assert len(list((var / "celery" / "queue").iterdir())) == 1
