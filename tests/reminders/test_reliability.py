"""Delivery survives a killed worker and a lost broker: every notification is mailed once.

Real pieces: PostgreSQL (the test database, committed data), the machine's Redis (a db of
its own, flushed), two Celery worker processes one after the other, and an SMTP sink in
this process that counts what arrives. The story:

1. 400 members with e-mail, 5 open registration windows: the sweep creates 2,000
   notifications and hands them to worker 1.
2. The sink keeps worker 1's 80th digest unanswered (the server has it, the worker does not
   know); worker 1's whole process group gets SIGKILL right then.
3. The chunks still waiting are enqueued twice in a row (a redelivered task and a re-sent
   chunk: both processes of the next worker take the same people at once), and the sweep
   runs again: it adds nothing.
4. Worker 2 starts; when the sink holds its 30th digest, the Redis db is flushed — the
   queue and the unacknowledged messages are gone — and then the digest is let through.
5. From then on the test does what beat's ``kick_task`` does every 5 minutes, every lease
   period (5 s here), until every notification is sent.

At the sink, each notification must have been carried by exactly one Message-ID. The digest
frozen in step 2 is sent again after its lease with the same Message-ID (a mail store keeps
one); the raw count of deliveries and those repeats are printed.

Needs PostgreSQL and Redis; skipped without them, except that under CI with PostgreSQL a
missing Redis fails the test.
"""

import os
import signal
import subprocess
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone

from config.celery import app as celery_app
from emulation.models import Movement
from reminders.models import Digest, Notification
from reminders.services import CHUNK, enqueue_delivery, recipients_waiting, reminders_sweep
from tests.factories import UnionFactory
from tests.reminders.smtp_sink import SmtpSink
from union.models import Member

ROOT = Path(__file__).resolve().parents[2]
MEMBERS, WINDOWS = 400, 5
TOTAL = MEMBERS * WINDOWS
LEASE = 5  # REMINDERS_LEASE_SECONDS for the workers and for the kicks
REDIS_DB = 14  # a db of its own: the test flushes it
HOLD_FIRST = 80  # worker 1 is killed while the sink holds this digest
HOLD_SECOND = 30  # Redis is flushed while the sink holds worker 2's n-th digest
DEADLINE = 180


def _postgres() -> bool:
    return django_settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


needs_postgres = pytest.mark.skipif(
    not _postgres(), reason="needs PostgreSQL (DATABASE_URL): the worker is another process "
                            "and must see the data")


def _redis_url() -> str:
    base = urlsplit(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0")
    return urlunsplit(base._replace(path=f"/{REDIS_DB}"))


@pytest.fixture
def redis_db():
    """The dedicated Redis db, empty; a missing Redis skips, or fails under CI."""
    import redis

    url = _redis_url()
    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=10)
    try:
        client.ping()
    except redis.exceptions.RedisError as error:
        message = f"Redis not reachable at {url}: {error}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} — under CI the reliability test must run")
        pytest.skip(message)
    client.flushdb()
    yield url, client
    client.flushdb()
    client.close()


def _drop_broker_pools():
    # What Celery itself does after a fork: the next publish connects anew, to the new URL.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def celery_broker(redis_db, monkeypatch):
    """Point this process's Celery (the sweep's and the kicks' publishing) at the test db."""
    url, client = redis_db
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)  # it would win over the setting
    saved = {key: celery_app.conf[key] for key in ("broker_url", "broker_transport_options")}
    _drop_broker_pools()
    celery_app.conf.broker_url = url
    celery_app.conf.broker_transport_options = {}
    yield url, client
    _drop_broker_pools()
    for key, value in saved.items():
        celery_app.conf[key] = value


def _database_url() -> str:
    db = connection.settings_dict
    user, password = quote(db["USER"] or "", safe=""), quote(db["PASSWORD"] or "", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return (f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
            f"{quote(db['NAME'], safe='')}")


class Worker:
    """``celery worker`` in a process group of its own, so SIGKILL takes its children too."""

    def __init__(self, name: str, env: dict, log_dir: Path):
        self.name, self.log_path = name, log_dir / f"{name}.log"
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=prefork",
             "--concurrency=2", "-Q", "celery", "--without-heartbeat", "--without-mingle",
             "--without-gossip", "-l", "warning", "-n", f"{name}@%h"],
            cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=self._log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self):
        if self._log.closed:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=30)
        self._log.close()

    def tail(self, lines=40) -> str:
        text = self.log_path.read_text(errors="replace").splitlines()
        return f"--- {self.name} (exit {self.proc.poll()}) ---\n" + "\n".join(text[-lines:])


def _report(capsys, text: str):
    """Shown in every run's output, captured or not: the counts are the point."""
    with capsys.disabled():
        print(f"\n{text}")


def _sent() -> int:
    return Notification.objects.filter(status=Notification.Status.SENT).count()


def _wait_held(sink: SmtpSink, worker: Worker, what: str, timeout: float = 60):
    end = time.monotonic() + timeout
    while not sink.held.wait(0.2):
        assert worker.alive(), f"{worker.name} died before {what}"
        assert time.monotonic() < end, f"timed out waiting for {what}"


def _make_data(day: date):
    union = UnionFactory()
    Member.objects.bulk_create([
        Member(union=union, family_name="Nguyễn", middle_name="Thị", given_name=f"Số {i}",
               gender=Member.Gender.FEMALE, card_number=f"REL-{i:05d}",
               email=f"doanvien{i}@example.test")
        for i in range(MEMBERS)
    ])
    for k in range(WINDOWS):
        Movement.objects.create(
            union=union, year=day.year, name=f"Phong trào {k + 1}",
            starts_on=date(day.year, 1, 1), ends_on=date(day.year, 12, 31),
            registration_opens=day, registration_closes=day,
        )


@pytest.mark.reliability
@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_kill_and_flush_mid_delivery_sends_each_notification_once(
    celery_broker, settings, tmp_path, capsys,
):
    redis_url, redis = celery_broker
    settings.REMINDERS_LEASE_SECONDS = LEASE  # the kicks from this process judge leases too
    day = timezone.localdate()
    started = time.monotonic()
    marks = {}

    def mark(what):
        marks[what] = time.monotonic() - started

    _make_data(day)
    mark("data")
    workers: list[Worker] = []
    with SmtpSink() as sink:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CELERY_")}
        env.update(DJANGO_SETTINGS_MODULE="config.settings", DATABASE_URL=_database_url(),
                   REDIS_URL=redis_url, EMAIL_URL=sink.url, REMINDERS_LEASE_SECONDS=str(LEASE),
                   VAR_DIR=str(tmp_path / "var"), LOG_LEVEL="WARNING")
        try:
            # 1. The sweep creates everything and enqueues it; worker 1 delivers.
            sink.hold(at=HOLD_FIRST)
            workers.append(Worker("worker1", env, tmp_path))
            assert reminders_sweep(today=day) == TOTAL
            mark("sweep 1")

            # 2. SIGKILL worker 1 while the sink holds a digest it has not heard back about.
            _wait_held(sink, workers[0], f"worker 1's digest #{HOLD_FIRST}")
            frozen = sink.deliveries[HOLD_FIRST - 1]
            workers[0].kill()
            sink.release()
            mark("worker 1 killed")
            sent_at_kill = _sent()
            assert 0 < sent_at_kill < TOTAL
            assert Digest.objects.get(message_id=frozen.message_id).status == "sending"

            # 3. The same chunks twice in a row, then the second sweep (adds nothing, enqueues
            # again). Worker 1's unacknowledged messages wait in Redis for an hour: not used.
            waiting = recipients_waiting()
            for start in range(0, len(waiting), CHUNK):
                enqueue_delivery(waiting[start:start + CHUNK])
                enqueue_delivery(waiting[start:start + CHUNK])
            assert reminders_sweep(today=day) == 0
            assert Notification.objects.count() == TOTAL
            mark("sweep 2")

            # 4. Worker 2; flush Redis while it is busy (the sink holds one of its digests).
            sink.hold(at=sink.count() + HOLD_SECOND)
            workers.append(Worker("worker2", env, tmp_path))
            _wait_held(sink, workers[1], f"worker 2's digest #{HOLD_SECOND}")
            lost = {"queued": redis.llen("celery"), "unacked": redis.hlen("unacked")}
            redis.flushdb()
            sink.release()
            mark("redis flushed")
            sent_at_flush = _sent()
            assert sent_at_flush < TOTAL
            assert lost["queued"] + lost["unacked"] > 0

            # 5. Beat's kick, every lease period instead of every 5 minutes, until all is sent.
            kicks, last_kick = 0, 0.0
            while (sent := _sent()) < TOTAL:
                assert workers[1].alive(), "worker 2 died"
                assert time.monotonic() - started < DEADLINE, f"only {sent}/{TOTAL} sent"
                if time.monotonic() - last_kick >= LEASE + 0.5:
                    enqueue_delivery()
                    kicks, last_kick = kicks + 1, time.monotonic()
                time.sleep(0.2)
            mark("all sent")
            workers[1].kill()
        except BaseException:
            for worker in workers:
                if worker.log_path.exists():
                    print(worker.tail())
            raise
        finally:
            sink.release()
            for worker in workers:
                worker.kill()
        deliveries = sink.deliveries
        aborted = sink.aborted

    # What the mail sink saw.
    carried = defaultdict(set)
    for delivery in deliveries:
        for notification_id in delivery.notification_ids:
            carried[notification_id].add(delivery.message_id)
    copies = Counter(d.message_id for d in deliveries)
    repeated = {message_id: n for message_id, n in copies.items() if n > 1}
    _report(capsys, (
        f"reliability: {TOTAL} notifications, {MEMBERS} people; "
        f"{len(deliveries)} deliveries at the sink, {len(copies)} distinct Message-IDs, "
        f"{len(deliveries) - len(copies)} repeated deliveries (same Message-ID) of "
        f"{len(repeated)} digests, {aborted} messages cut off mid-transfer\n"
        f"  sent when worker 1 was killed: {sent_at_kill}; when Redis was flushed: "
        f"{sent_at_flush} (lost {lost['queued']} queued + {lost['unacked']} unacked "
        f"messages); kicks afterwards: {kicks}\n"
        "  timings (s): " + ", ".join(f"{k} {v:.1f}" for k, v in marks.items())
    ))

    ids = set(Notification.objects.values_list("pk", flat=True))
    assert len(ids) == TOTAL
    assert not ids - carried.keys(), f"never mailed: {sorted(ids - carried.keys())[:20]}"
    assert not carried.keys() - ids
    twice = {n: m for n, m in carried.items() if len(m) != 1}
    assert not twice, f"notifications in more than one message: {list(twice.items())[:5]}"
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}

    # One digest per person, all recorded as sent; each message went to its person only.
    digests = {d.message_id: d for d in Digest.objects.select_related("recipient")}
    assert len(digests) == MEMBERS
    assert {d.status for d in digests.values()} == {"sent"}
    assert set(copies) == set(digests)
    for delivery in deliveries:
        digest = digests[delivery.message_id]
        assert delivery.recipients == (digest.recipient.email,)
        assert set(delivery.notification_ids) == set(
            digest.notifications.values_list("pk", flat=True))

    # The digest worker 1 died on was sent again, same Message-ID, only after its lease.
    again = [d for d in deliveries if d.message_id == frozen.message_id]
    assert len(again) == 2
    assert again[1].received_at - again[0].received_at >= LEASE - 0.5


@pytest.mark.django_db
def test_a_digest_has_one_sender_at_a_time_and_is_resent_after_its_lease(settings):
    """The lease, step by step (any database): while a worker holds a digest nobody else
    sends it; a worker that dies after sending leaves it to be sent again, after the lease,
    with the same Message-ID; once recorded, nothing more is sent."""
    from datetime import timedelta

    from django.core import mail

    from reminders import services
    from tests.factories import MemberFactory

    settings.REMINDERS_LEASE_SECONDS = LEASE
    member = MemberFactory(email="doanvien@example.test")
    for k in range(3):
        Notification.objects.create(union=member.union, recipient=member, kind="task_due",
                                    target=f"occurrence:{k}", period="2026-11-28",
                                    subject=f"Việc {k}", body="…")
    # Worker A packs and claims, sends, and dies before recording.
    digest = services._pack(member.pk)
    assert services._claim(digest)
    services._send(digest)
    assert len(mail.outbox) == 1
    # Worker B, given the same person meanwhile, finds the lease held: it sends nothing, and
    # the kick does not hand the person out again yet.
    assert services.deliver(recipient_id=member.pk) == "busy"
    assert len(mail.outbox) == 1
    assert member.pk not in services.recipients_waiting()
    # The lease runs out: the kick hands the person out, the same digest goes again.
    Digest.objects.filter(pk=digest.pk).update(
        claimed_at=timezone.now() - timedelta(seconds=LEASE + 1))
    assert member.pk in services.recipients_waiting()
    assert services.deliver(recipient_id=member.pk) == "sent"
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [digest.message_id] * 2
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}
    assert services.deliver(recipient_id=member.pk) == "nothing"
    assert member.pk not in services.recipients_waiting()
    assert len(mail.outbox) == 2 and Digest.objects.count() == 1
