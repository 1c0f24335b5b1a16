#!/usr/bin/env python
"""``make bench``: the province benchmark of issue 6, end to end, on PostgreSQL.

    .venv/bin/python ops/bench.py [--reseed] [--unions 1500 --members 100000 --years 3]

1. The database ``BENCH_DATABASE_URL`` (default ``congdoan_bench`` on the local server) is
   created and migrated if needed and loaded with ``seed_scale`` unless it already holds that
   data set (``--reseed`` starts again from an empty database; the seeding time is kept).
2. Three logins are prepared: a union's chair (the largest union), an officer of the
   provincial federation and a system administrator.
3. Every page is requested once in this process to count its SQL statements and time them;
   its slowest statement is run again under ``EXPLAIN (ANALYZE, BUFFERS)``.
4. gunicorn serves the app; ``ops/loadgen.py`` drives each page at a fixed arrival rate (open
   loop: p50/p95 include queueing), then to saturation (closed loop: throughput). The same
   list queries go through the Django admin changelists for the ratio ours / admin.
5. The year-end metrics of every member of the province are computed and written
   (``cycles_open`` for all unions, in a transaction rolled back afterwards).
6. A reminder sweep the day before a self-assessment deadline, and the delivery of every
   digest by a real Celery worker through Redis to a local SMTP sink; duplicates counted.
7. Raw results go to ``docs/bench/results.json``; ``docs/benchmarks.md`` gets the figures
   against their targets between its ``bench:start``/``bench:end`` markers.
"""

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import re
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ops import loadgen  # noqa: E402

PYTHON = sys.executable
BIN = Path(PYTHON).parent
RESULTS = ROOT / "docs" / "bench" / "results.json"
DOC = ROOT / "docs" / "benchmarks.md"
HOST, PORT = "127.0.0.1", 8765
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL",
                              "postgres://postgres@127.0.0.1:5432/congdoan_bench")

TARGETS = {
    "list_p95_ms": 150, "rate_rps": 30, "admin_ratio": 0.7, "queries_per_page": 15,
    "seed_seconds": 600, "metrics_seconds": 60, "metrics_statements": 50,
    "sweep_seconds": 60, "delivery_seconds": 600, "notifications": 100_000, "duplicates": 0,
}

# The environment every process of the run shares: the bench database, its own Redis db,
# production settings (no DEBUG), and files under var/bench.
ENV = {
    **os.environ, "DATABASE_URL": DATABASE_URL, "REDIS_URL": REDIS_URL, "DEBUG": "0",
    "DJANGO_SETTINGS_MODULE": "config.settings", "VAR_DIR": str(ROOT / "var" / "bench"),
    "CONN_MAX_AGE": "60", "LOG_LEVEL": "ERROR",
}
os.environ.update(ENV)


def say(text):
    print(text, flush=True)


def manage(*args, **kwargs):
    return subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=ENV, check=True,
                          cwd=ROOT, **kwargs)


# ---------------------------------------------------------------- the database and its data


def server_url(database="postgres"):
    parts = urlsplit(DATABASE_URL)
    return urlunsplit(parts._replace(path=f"/{database}"))


def admin_sql(*statements):
    import psycopg

    with psycopg.connect(server_url(), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def database_name():
    return urlsplit(DATABASE_URL).path.lstrip("/")


def ensure_database(reseed):
    import psycopg

    name = database_name()
    with psycopg.connect(server_url(), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    if exists and reseed:
        admin_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
        exists = None
    if not exists:
        admin_sql(f'CREATE DATABASE "{name}"')
    manage("migrate", "--noinput", "-v0")


def ensure_data(args, previous):
    """Seed unless the database already holds this data set; returns the seeding figures."""
    from union.models import Member, Union

    grassroots = Union.objects.filter(parent__parent__isnull=False)
    have = (grassroots.count(), Member.objects.filter(union__in=grassroots).count())
    if have == (args.unions, args.members):
        say(f"Dữ liệu đã có ({have[0]} công đoàn, {have[1]} đoàn viên): dùng lại.")
        seed = previous.get("seed", {})
        if seed.get("params") != vars_of(args):  # seeded by hand: its time was not taken here
            seed = {"params": vars_of(args), "seconds": None, "rows": None}
        return {**seed, "reused": True}
    if any(have):
        say("Dữ liệu khác tham số: tạo lại cơ sở dữ liệu.")
        from django.db import connections

        connections.close_all()
        ensure_database(reseed=True)
    say("Tạo dữ liệu quy mô tỉnh (seed_scale)…")
    started = time.monotonic()
    out = manage("seed_scale", f"--unions={args.unions}", f"--members={args.members}",
                 f"--years={args.years}", f"--seed={args.seed}", capture_output=True,
                 text=True).stdout
    seconds = time.monotonic() - started
    say(out.strip().splitlines()[-2])
    rows = int(re.search(r"Đã ghi (\d+) dòng", out).group(1))
    manage("shell", "-c", "from django.db import connection; "
           "connection.cursor().execute('VACUUM ANALYZE')")
    return {"params": vars_of(args), "seconds": round(seconds, 1), "rows": rows,
            "target_seconds": TARGETS["seed_seconds"], "met": seconds <= TARGETS["seed_seconds"],
            "reused": False, "on": date.today().isoformat()}


def vars_of(args):
    return {"unions": args.unions, "members": args.members, "years": args.years,
            "seed": args.seed}


# ---------------------------------------------------------------- who asks for what


def prepare():
    """The three logins and the pages each of them is measured on."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.urls import reverse
    from django.utils import timezone

    from plans.models import MonthlyCheck
    from union.models import BoardMembership, Member, Union, UnionGroup

    User = get_user_model()  # noqa: N806
    year = timezone.localdate().year
    province = Union.objects.get(parent__isnull=True, short_name="LĐLĐ tỉnh Gia Lai")
    union = (Union.objects.filter(parent__parent=province).annotate(n=Count("members"))
             .order_by("-n", "pk").first())
    group = (UnionGroup.objects.filter(union=union).annotate(n=Count("members"))
             .order_by("-n", "pk").first())
    check = MonthlyCheck.objects.filter(group=group, year=year).order_by("-month").first()
    chair = BoardMembership.objects.get(union=union, position=BoardMembership.Position.CHAIR,
                                        ended_on__isnull=True).member
    users = {}
    for key in ("chair", "officer", "admin"):
        user, _ = User.objects.get_or_create(username=f"bench_{key}")
        user.is_superuser = user.is_staff = key == "admin"
        user.set_unusable_password()
        user.save()
        users[key] = user
    if chair.user_id != users["chair"].pk:
        Member.objects.filter(user=users["chair"]).update(user=None)
        chair.user = users["chair"]
        chair.save(update_fields=["user"])
    if not Member.objects.filter(user=users["officer"]).exists():
        Member.objects.create(union=province, family_name="Trần", middle_name="Văn",
                              given_name="Bình", user=users["officer"],
                              position="Chuyên viên Ban Tổ chức")
    past = year - 1
    u = union.pk
    pages = [
        # name, kind, url, who, admin counterpart
        ("members", "list", reverse("union:member-list", args=[u])
         + "?employment_type=vien_chuc&status=active&sort=full_name", "chair"),
        ("members_admin", "admin", reverse("admin:union_member_changelist")
         + f"?union__id__exact={u}&employment_type__exact=vien_chuc&status__exact=active",
         "admin"),
        ("tasks", "list", reverse("plans:task-list", args=[u]) + f"?lead_group={group.pk}",
         "chair"),
        ("tasks_admin", "admin", reverse("admin:plans_taskoccurrence_changelist")
         + f"?union__id__exact={u}&task__plan__year={year}"
           f"&task__lead_group__id__exact={group.pk}", "admin"),
        ("monthly_check", "page", reverse("plans:check-detail", args=[check.pk]), "chair"),
        ("dashboard", "page", reverse("plans:dashboard", args=[u]), "chair"),
        ("year_report", "page", reverse("emulation:report", args=[u, past]), "chair"),
        ("year_report_xlsx", "page", reverse("emulation:report-xlsx", args=[u, past]), "chair"),
        ("rollup", "page", reverse("emulation:rollup", args=[province.pk, past]), "officer"),
        ("home_admin", "page", reverse("home"), "admin"),
        ("unions_admin", "page", reverse("union:union-list"), "admin"),
    ]
    return {"union": {"pk": u, "name": union.short_name, "members": union.n},
            "group": {"pk": group.pk, "members": group.n}, "year": year, "past": past,
            "province": province.pk, "users": users, "pages": pages}


def session_cookies(users):
    from django.test import Client

    cookies = {}
    for key, user in users.items():
        client = Client()
        client.force_login(user)
        cookies[key] = f"sessionid={client.cookies['sessionid'].value}"
    return cookies


ADMIN_OF = {"members": "members_admin", "tasks": "tasks_admin"}


# ---------------------------------------------------------------- one request, in process


def in_process(plan):
    """Each page once (after a warm-up request): SQL statements, SQL time, total time, the
    slowest statement's plan, and a profile of where the Python time goes."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    found = {}
    for name, _kind, url, who, *_ in plan["pages"]:
        client = Client()
        client.force_login(plan["users"][who])
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            total = time.perf_counter() - started
        # Read now: the next request's start empties the connection's query log.
        queries = [q for q in captured.captured_queries
                   if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
        profile = cProfile.Profile()
        profile.enable()
        client.get(url)
        profile.disable()
        slowest = max(queries, key=lambda q: float(q["time"]), default=None)
        found[name] = {
            "url": url, "status": response.status_code, "bytes": len(response.content),
            "queries": len(queries), "sql_ms": round(sum(float(q["time"]) for q in queries)
                                                     * 1000, 1),
            "total_ms": round(total * 1000, 1),
            "slowest_sql": slowest["sql"] if slowest else "",
            "slowest_ms": round(float(slowest["time"]) * 1000, 1) if slowest else 0,
            "explain": explain(slowest["sql"]) if slowest else "",
            "profile": top_functions(profile),
        }
        say(f"  {name}: {response.status_code}, {len(queries)} truy vấn SQL, "
            f"{found[name]['sql_ms']} ms SQL / {found[name]['total_ms']} ms")
    return found


def explain(sql):
    from django.db import connection

    if not sql.lstrip().upper().startswith("SELECT"):
        return ""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def top_functions(profile, n=15):
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.strip_dirs().sort_stats("tottime").print_stats(n)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
    return "\n".join(lines[start:start + n + 1])


# ---------------------------------------------------------------- load through gunicorn


@contextmanager
def gunicorn(workers):
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi", f"--bind={HOST}:{PORT}",
         f"--workers={workers}", "--worker-class=sync", "--backlog=2048", "--timeout=120",
         "--log-level=warning"], env=ENV, cwd=ROOT)
    try:
        if not loadgen.wait_until_up(HOST, PORT):
            raise SystemExit("gunicorn không khởi động được")
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)


def load(plan, cookies, args):
    """Each page on a freshly started server (what one page left queued must not slow the
    next): warm up; one client at a time (the time of the query itself, compared with the
    admin's); eight at once (saturation); then the fixed arrival rate (open loop)."""
    results = {}
    for name, _kind, url, who, *_ in plan["pages"]:
        cookie = cookies[who]
        with gunicorn(args.workers):
            loadgen.closed_loop(HOST, PORT, url, cookie=cookie, concurrency=2, seconds=2)
            serial = loadgen.closed_loop(HOST, PORT, url, cookie=cookie, concurrency=1,
                                         seconds=args.serial_seconds)
            saturated = loadgen.closed_loop(HOST, PORT, url, cookie=cookie,
                                            concurrency=args.concurrency,
                                            seconds=args.saturation_seconds)
            fixed = loadgen.open_loop(HOST, PORT, url, cookie=cookie, rate=args.rate,
                                      seconds=args.seconds, timeout=args.timeout)
        results[name] = {"serial": serial.summary(), "saturation": saturated.summary(),
                         "fixed_rate": fixed.summary()}
        say(f"  {name}: một người dùng p50 {serial.percentile(50):.0f} ms; bão hòa "
            f"{saturated.throughput:.1f} yêu cầu/giây; tại {args.rate:g} yêu cầu/giây p50 "
            f"{fixed.percentile(50):.0f} ms, p95 {fixed.percentile(95):.0f} ms"
            f"{'' if not fixed.errors else f', {fixed.errors} lỗi'}")
    return results


# ---------------------------------------------------------------- year-end metrics


def metrics(plan):
    """Open this year's cycle for every union of the province at once (set-based), timed
    and counted, then roll it all back: the seeded cycles stay as they were."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from emulation.models import Evaluation, EvaluationCycle
    from emulation.services import cycles_open
    from union.models import Union

    year = plan["year"]
    with transaction.atomic():
        cycles = EvaluationCycle.objects.filter(year=year)
        union_ids = list(cycles.values_list("union_id", flat=True))
        Evaluation.objects.filter(cycle__year=year)._raw_delete(connection.alias)
        cycles._raw_delete(connection.alias)
        unions = Union.objects.filter(pk__in=union_ids)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            opened = cycles_open(unions=unions, year=year,
                                 self_assessment_due=date(year, 12, 10),
                                 proposal_due=date(year, 12, 15),
                                 decision_due=date(year, 12, 20))
            seconds = time.perf_counter() - started
        evaluations = Evaluation.objects.filter(cycle__year=year).count()
        transaction.set_rollback(True)
    statements = [q for q in captured.captured_queries
                  if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    result = {
        "unions": len(opened), "members": evaluations, "seconds": round(seconds, 1),
        "statements": len(statements),
        "statement_ms": [round(float(q["time"]) * 1000) for q in statements],
        "statement_heads": [q["sql"][:90] for q in statements],
    }
    say(f"  {evaluations} đoàn viên của {len(opened)} công đoàn: {seconds:.1f} giây, "
        f"{len(statements)} câu lệnh SQL")
    return result


# ---------------------------------------------------------------- reminders


def reminders(plan, args):
    """Sweep the day before the self-assessment deadline comes near, and let a real worker
    deliver everything through Redis to a local SMTP sink."""
    import redis
    from django.db import connection

    from reminders.models import Digest, Notification
    from reminders.services import reminders_sweep
    from tests.reminders.smtp_sink import SmtpSink

    with connection.cursor() as cursor:  # a clean outbox for each run
        cursor.execute("TRUNCATE reminders_notification, reminders_digest")
    redis.Redis.from_url(REDIS_URL).flushdb()
    day = date(plan["year"], 12, 8)
    with SmtpSink() as sink:
        env = {**ENV, "EMAIL_URL": sink.url}
        worker = subprocess.Popen(
            [str(BIN / "celery"), "-A", "config", "worker", "--loglevel=WARNING",
             f"--concurrency={args.mail_workers}", "--without-gossip", "--without-mingle",
             "--without-heartbeat", "-Q", "celery"], env=env, cwd=ROOT)
        try:
            started = time.perf_counter()
            created = reminders_sweep(today=day)
            swept = time.perf_counter() - started
            say(f"  quét {day:%d/%m/%Y}: {created} thông báo trong {swept:.1f} giây")
            waiting = Notification.objects.filter(status__in=[
                Notification.Status.PENDING, Notification.Status.SENDING])
            progress, last = [], None
            while True:
                left = waiting.count()
                elapsed = time.perf_counter() - started - swept
                if left != last:
                    progress.append((round(elapsed), left))
                    last = left
                if not left or elapsed > args.delivery_timeout:
                    break
                time.sleep(2)
            delivered = time.perf_counter() - started - swept
        finally:
            worker.send_signal(signal.SIGTERM)
            worker.wait(60)
        deliveries = sink.deliveries
    ids = [n for d in deliveries for n in d.notification_ids]
    sent = Notification.objects.filter(status=Notification.Status.SENT).count()
    left = waiting.count()  # after the worker's warm shutdown: what it finished counts
    result = {
        "day": day.isoformat(), "notifications": created, "sweep_seconds": round(swept, 1),
        "to_mail": sent + left, "sent": sent, "left": left,
        "inbox_only": Notification.objects.filter(
            status=Notification.Status.INBOX_ONLY).count(),
        "digests": Digest.objects.count(), "messages_received": len(deliveries),
        "distinct_message_ids": len({d.message_id for d in deliveries}),
        "notifications_in_mail": len(ids), "distinct_notifications_in_mail": len(set(ids)),
        "delivery_seconds": round(delivered, 1), "mail_workers": args.mail_workers,
        "progress": progress,
    }
    result["duplicates"] = (result["messages_received"] - result["distinct_message_ids"]
                            + result["notifications_in_mail"]
                            - result["distinct_notifications_in_mail"])
    say(f"  gửi {sent} thông báo trong {len(deliveries)} thư sau {delivered:.1f} giây; "
        f"còn lại {left}; trùng lặp {result['duplicates']}")
    return result


# ---------------------------------------------------------------- machine and report


def machine():
    import celery
    import django
    import redis
    from django.db import connection

    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
        cursor.execute("SHOW shared_buffers")
        shared_buffers = cursor.fetchone()[0]
    version = subprocess.run([str(BIN / "gunicorn"), "--version"], capture_output=True,
                             text=True).stdout.split()[-1].strip("()")
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(memory / 1024 / 1024, 1),
        "os": platform.platform(), "python": platform.python_version(),
        "django": django.get_version(), "postgresql": postgres,
        "shared_buffers": shared_buffers,
        "redis": redis.Redis.from_url(REDIS_URL).info()["redis_version"],
        "celery": celery.__version__, "gunicorn": version,
    }


def verdicts(results):
    """Every figure against its target: (what, figure, target, met)."""
    t, rows = TARGETS, []
    seed = results["seed"]
    if seed["seconds"] is None:
        rows.append(("seed_scale", "chưa đo (chạy `make bench BENCH_ARGS=--reseed`)",
                     f"≤ {t['seed_seconds']} s", False))
    else:
        rows.append(("seed_scale", f"{seed['seconds']} s, {seed['rows']:,} dòng",
                      f"≤ {t['seed_seconds']} s", seed["seconds"] <= t["seed_seconds"]))
    for name, kind, *_ in results["plan_pages"]:
        page, sql = results["pages"][name], results["queries"][name]
        p95 = page["fixed_rate"]["p95_ms"]
        errors = page["fixed_rate"]["errors"]
        if kind == "list":
            rows.append((f"{name}: p95 tại {t['rate_rps']} yêu cầu/giây",
                         f"{p95} ms, {errors} lỗi", f"≤ {t['list_p95_ms']} ms, 0 lỗi",
                         p95 <= t["list_p95_ms"] and not errors))
            ours, admin = page["serial"]["p50_ms"], results["pages"][ADMIN_OF[name]]["serial"][
                "p50_ms"]
            ratio = ours / admin
            rows.append((f"{name}: thời gian so với admin (p50, một người dùng)",
                         f"{ratio:.2f} ({ours} / {admin} ms)", f"≤ {t['admin_ratio']}",
                         ratio <= t["admin_ratio"]))
        if kind != "admin":
            rows.append((f"{name}: số truy vấn SQL", str(sql["queries"]),
                         f"≤ {t['queries_per_page']}", sql["queries"] <= t["queries_per_page"]))
    m = results["metrics"]
    rows.append(("Chỉ số cuối năm, cả tỉnh", f"{m['seconds']} s, {m['members']:,} đoàn viên",
                 f"≤ {t['metrics_seconds']} s", m["seconds"] <= t["metrics_seconds"]))
    rows.append(("Chỉ số cuối năm: câu lệnh SQL", str(m["statements"]),
                 f"≤ {t['metrics_statements']}", m["statements"] <= t["metrics_statements"]))
    r = results["reminders"]
    rows.append(("Quét nhắc việc", f"{r['sweep_seconds']} s, {r['notifications']:,} thông báo",
                 f"≤ {t['sweep_seconds']} s, ≥ {t['notifications']:,}",
                 r["sweep_seconds"] <= t["sweep_seconds"]
                 and r["notifications"] >= t["notifications"]))
    rows.append(("Gửi thư nhắc việc", f"{r['delivery_seconds']} s, {r['sent']:,} gửi, "
                 f"{r['left']} còn lại", f"≤ {t['delivery_seconds']} s, 0 còn lại",
                 r["delivery_seconds"] <= t["delivery_seconds"] and r["left"] == 0))
    rows.append(("Thư trùng lặp", str(r["duplicates"]), "0", r["duplicates"] == 0))
    return rows


def markdown(results):
    m, plan = results["machine"], results["plan"]
    lines = [
        f"Chạy lúc {results['finished']} bằng `make bench` ({results['seconds']:.0f} giây). "
        f"Số liệu thô: `docs/bench/results.json`."
        + "".join(f" Chạy lại riêng (`--only`) {rerun}." for rerun in results.get("reruns", [])),
        "",
        "### Máy và phiên bản",
        "",
        f"- CPU: {m['cpu']}, {m['cores']} nhân; RAM {m['memory_gb']} GB; {m['os']}",
        f"- Python {m['python']}, Django {m['django']}, PostgreSQL {m['postgresql']} "
        f"(shared_buffers {m['shared_buffers']}), Redis {m['redis']}, Celery {m['celery']}, "
        f"gunicorn {m['gunicorn']} ({results['params']['workers']} sync workers)",
        f"- Dữ liệu: `seed_scale --unions {results['seed']['params']['unions']} --members "
        f"{results['seed']['params']['members']} --years {results['seed']['params']['years']}`"
        f" ({results['seed']['rows'] or '?'} dòng); trang đo trên công đoàn lớn nhất "
        f"({plan['union']['members']} đoàn viên), tổ lớn nhất ({plan['group']['members']}).",
        "",
        "### Chỉ tiêu",
        "",
        "| Chỉ tiêu | Đo được | Mục tiêu | Kết quả |",
        "|---|---|---|---|",
    ]
    lines += [f"| {what} | {figure} | {target} | {'đạt' if met else '**không đạt**'} |"
              for what, figure, target, met in verdicts(results)]
    lines += [
        "",
        f"### Trang: một người dùng, bão hòa ({results['params']['concurrency']} kết nối), rồi "
        f"tải cố định {results['params']['rate']:g} yêu cầu/giây trong "
        f"{results['params']['seconds']:g} giây (vòng mở; quá {results['params']['timeout']:g} "
        f"giây là lỗi)",
        "",
        "| Trang | Truy vấn SQL | SQL / tổng trong tiến trình (ms) | Một người dùng p50 (ms) "
        "| Bão hòa (yêu cầu/giây) | p50 (ms) | p95 (ms) | p99 (ms) | Lỗi |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, *_ in results["plan_pages"]:
        page, sql = results["pages"][name], results["queries"][name]
        fixed = page["fixed_rate"]
        lines.append(
            f"| {name} | {sql['queries']} | {sql['sql_ms']} / {sql['total_ms']} "
            f"| {page['serial']['p50_ms']} | {page['saturation']['throughput_rps']} "
            f"| {fixed['p50_ms']} | {fixed['p95_ms']} | {fixed['p99_ms']} | {fixed['errors']} |")
    lines += ["", "URL của từng trang:", ""]
    lines += [f"- {name}: `{results['queries'][name]['url']}`"
              for name, *_ in results["plan_pages"]]
    mt, r = results["metrics"], results["reminders"]
    lines += [
        "",
        "### Chỉ số cuối năm của cả tỉnh",
        "",
        f"`cycles_open` cho {mt['unions']:,} công đoàn, {mt['members']:,} đoàn viên: "
        f"{mt['seconds']} giây, {mt['statements']} câu lệnh SQL:",
        "",
    ]
    lines += [f"- {ms} ms: `{head}…`" for ms, head in
              zip(mt["statement_ms"], mt["statement_heads"], strict=True)]
    lines += [
        "",
        "### Nhắc việc",
        "",
        f"Quét ngày {r['day']}: {r['notifications']:,} thông báo mới trong "
        f"{r['sweep_seconds']} giây. Gửi bằng {r['mail_workers']} tiến trình Celery qua Redis "
        f"tới hộp thư thử: {r['sent']:,} thông báo trong {r['messages_received']:,} thư "
        f"({r['distinct_message_ids']:,} Message-ID khác nhau) sau {r['delivery_seconds']} "
        f"giây; {r['left']} chưa gửi; {r['inbox_only']:,} chỉ vào hộp thư trong ứng dụng; "
        f"trùng lặp: {r['duplicates']}.",
        "",
        "Tiến độ (giây sau khi quét xong, thông báo còn chờ): "
        + ", ".join(f"{s} s: {n:,}" for s, n in r["progress"][:: max(1, len(r["progress"]) // 12)]),
        "",
        "### Kế hoạch thực thi (EXPLAIN ANALYZE) của truy vấn chậm nhất mỗi trang",
        "",
    ]
    for name, *_ in results["plan_pages"]:
        sql = results["queries"][name]
        lines += [f"#### {name} ({sql['slowest_ms']} ms)", "", "```sql",
                  sql["slowest_sql"][:1500] + ("…" if len(sql["slowest_sql"]) > 1500 else ""),
                  "```", "", "```", sql["explain"] or "(không phải SELECT)", "```", ""]
    lines += ["### Hồ sơ Python (cProfile, một yêu cầu, theo thời gian riêng của hàm)", ""]
    for name, *_ in results["plan_pages"]:
        lines += [f"#### {name}", "", "```", results["queries"][name]["profile"], "```", ""]
    return "\n".join(lines)


def write_doc(results):
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    text = DOC.read_text() if DOC.exists() else f"# Đo hiệu năng\n\n{start}\n{end}\n"
    head, rest = text.split(start, 1)
    tail = rest.split(end, 1)[1]
    DOC.write_text(f"{head}{start}\n{markdown(results)}\n{end}{tail}")


# ---------------------------------------------------------------- the run


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--unions", type=int, default=1500)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--rate", type=float, default=30)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--saturation-seconds", type=float, default=10)
    parser.add_argument("--serial-seconds", type=float, default=5)
    parser.add_argument("--timeout", type=float, default=30,
                        help="seconds a request may wait before it counts as an error")
    parser.add_argument("--mail-workers", type=int, default=4)
    parser.add_argument("--delivery-timeout", type=float, default=900)
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--no-doc", action="store_true", help="do not rewrite the document")
    parser.add_argument("--only", choices=["metrics", "reminders"],
                        help="run this step again on the data set, keeping the other results")
    args = parser.parse_args()

    started = time.monotonic()
    previous = json.loads(args.results.read_text()) if args.results.exists() else {}
    ensure_database(reseed=args.reseed)
    manage("collectstatic", "--noinput", "-v0")
    import django

    django.setup()
    results = {"params": {**vars_of(args), "workers": args.workers, "rate": args.rate,
                          "seconds": args.seconds, "concurrency": args.concurrency,
                          "timeout": args.timeout},
               "targets": TARGETS}
    if args.only:
        plan = prepare()
        results = {**previous, args.only: {"metrics": metrics, "reminders": reminders}[
            args.only](plan, *([args] if args.only == "reminders" else []))}
        return finish(results, args, started)
    results["seed"] = ensure_data(args, previous)
    if not results["seed"]["reused"]:  # kept even if a later step fails
        args.results.parent.mkdir(parents=True, exist_ok=True)
        args.results.write_text(json.dumps({**previous, "seed": results["seed"]},
                                           ensure_ascii=False, indent=1))
    results["machine"] = machine()
    say("Chuẩn bị tài khoản và trang…")
    plan = prepare()
    results["plan"] = {k: v for k, v in plan.items() if k not in ("users", "pages")}
    results["plan_pages"] = [(name, kind) for name, kind, *_ in plan["pages"]]
    say("Đếm truy vấn SQL của từng trang…")
    results["queries"] = in_process(plan)
    cookies = session_cookies(plan["users"])
    from django.db import connections

    connections.close_all()
    say(f"Tải qua gunicorn ({args.workers} workers)…")
    results["pages"] = load(plan, cookies, args)
    say("Chỉ số cuối năm của cả tỉnh…")
    results["metrics"] = metrics(plan)
    say("Nhắc việc: quét và gửi…")
    results["reminders"] = reminders(plan, args)
    results["seconds"] = round(time.monotonic() - started, 1)
    finish(results, args, started)


def finish(results, args, started):
    if args.only:
        results.setdefault("reruns", []).append(
            f"{args.only}: {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, "
            f"{time.monotonic() - started:.0f} s")
    else:
        results["finished"] = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str))
    if not args.no_doc:
        write_doc(results)
    missed = [what for what, _figure, _target, met in verdicts(results) if not met]
    say(f"Xong sau {results['seconds']:.0f} giây; {len(missed)} chỉ tiêu không đạt"
        + (": " + "; ".join(missed) if missed else "."))


if __name__ == "__main__":
    main()
