#!/usr/bin/env python
"""``make bench``: the province benchmark of issues 6 and 15, end to end, on PostgreSQL.

    .venv/bin/python ops/bench.py [--reseed] [--unions 1500 --members 100000 --years 3]
    .venv/bin/python ops/bench.py --only pages --results docs/bench/before.json --no-doc

1. The database ``BENCH_DATABASE_URL`` (default ``congdoan_bench`` on the local server) is
   created and migrated if needed and loaded with ``seed_scale`` unless it already holds that
   data set (``--reseed`` starts again from an empty database; the seeding time is kept).
2. Three logins are prepared: a union's chair (the largest union), an officer of the
   provincial federation and a system administrator.
3. Every page is requested in this process, three times to warm up, then ``--samples``
   times: the median total and SQL time, its SQL statements; the slowest statement is run
   again under ``EXPLAIN (ANALYZE, BUFFERS)``, and one request under cProfile.
4. gunicorn serves the app, a fresh server for each page; ``ops/loadgen.py`` drives it one
   client at a time, then to saturation (closed loop: throughput), then at each of the
   page's fixed arrival rates (open loop: p50/p95 include queueing). The same list queries
   go through the Django admin changelists for the ratio ours / admin. The workers' memory
   is read after each page, and the load average before it.
5. The soak: the members page at a fixed rate for ``--soak-seconds`` on a fresh server, the
   workers' memory and the p95 every ten seconds (``--no-soak`` leaves it out).
6. The year-end metrics of every member of the province are computed and written
   (``cycles_open`` for all unions, in a transaction rolled back afterwards).
7. A reminder sweep the day before a self-assessment deadline, and the delivery of every
   digest by a real Celery worker through Redis to a local SMTP sink; duplicates counted.
8. Raw results go to ``docs/bench/results.json``; ``docs/benchmarks.md`` gets the figures
   against their targets between its ``bench:start``/``bench:end`` markers, each page's
   next to an earlier run's (``--before``, default ``docs/bench/before.json`` if there).

``--only pages`` runs steps 3 to 5 again (``--only metrics``, ``--only reminders``: step 6,
step 7), keeping the other results of the file.
"""

import argparse
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import re
import signal
import statistics
import subprocess
import sys
import threading
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
BEFORE = ROOT / "docs" / "bench" / "before.json"
DOC = ROOT / "docs" / "benchmarks.md"
HOST, PORT = "127.0.0.1", 8765
WARM_UP = 3  # requests before the timed ones, in process
RATE_PAUSE = 3  # seconds between two open-loop rates on the same server
SOAK_STEP = 10  # seconds between two memory samples of the soak
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL",
                              "postgres://postgres@127.0.0.1:5432/congdoan_bench")

TARGETS = {
    "list_p95_ms": 150, "list_rates_rps": [30, 45], "page_p95_ms": 300, "page_rate_rps": 15,
    "in_process_sql_factor": 2, "in_process_extra_ms": 10, "soak_rate_rps": 30,
    "soak_growth": 1.05, "admin_ratio": 0.7, "queries_per_page": 15,
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

    say("Chuẩn bị tài khoản và trang…")
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
    lists = (TARGETS["list_rates_rps"], TARGETS["list_p95_ms"])
    targeted = ([TARGETS["page_rate_rps"]], TARGETS["page_p95_ms"])
    untargeted = ([TARGETS["page_rate_rps"]], None)
    admin = ([], None)  # single-user p50 for the ratio, and saturation: no open loop
    pages = [
        # name, kind, url, who, open-loop rates (requests a second), p95 target (ms)
        ("members", "list", reverse("union:member-list", args=[u])
         + "?employment_type=vien_chuc&status=active&sort=full_name", "chair", *lists),
        ("members_admin", "admin", reverse("admin:union_member_changelist")
         + f"?union__id__exact={u}&employment_type__exact=vien_chuc&status__exact=active",
         "admin", *admin),
        ("tasks", "list", reverse("plans:task-list", args=[u]) + f"?lead_group={group.pk}",
         "chair", *lists),
        ("tasks_admin", "admin", reverse("admin:plans_taskoccurrence_changelist")
         + f"?union__id__exact={u}&task__plan__year={year}"
           f"&task__lead_group__id__exact={group.pk}", "admin", *admin),
        ("monthly_check", "page", reverse("plans:check-detail", args=[check.pk]), "chair",
         *targeted),
        ("dashboard", "page", reverse("plans:dashboard", args=[u]), "chair", *targeted),
        ("year_report", "page", reverse("emulation:report", args=[u, past]), "chair", *targeted),
        # A file, not a page: measured, but the in-process target is for list and detail pages.
        ("year_report_xlsx", "file", reverse("emulation:report-xlsx", args=[u, past]), "chair",
         *untargeted),
        ("rollup", "page", reverse("emulation:rollup", args=[province.pk, past]), "officer",
         *targeted),
        ("home_admin", "page", reverse("home"), "admin", *untargeted),
        ("unions_admin", "page", reverse("union:union-list"), "admin", *untargeted),
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


def in_process(plan, samples):
    """Each page after a few warm-up requests, then ``samples`` times, the pages taken in
    turn (a burst of a noisy neighbour on a shared machine then falls on every page alike,
    not on whichever page was being timed): the median total time, the median SQL time (the
    sum of a request's statements), the SQL statements, the plan of the slowest statement of
    the request of median time, and a profile of the Python time."""
    from django.test import Client

    clients, timed = {}, {}
    for name, _kind, url, who, *_ in plan["pages"]:
        clients[name] = Client()
        clients[name].force_login(plan["users"][who])
        for _ in range(WARM_UP):
            clients[name].get(url)
        timed[name] = []
    # What the application keeps is out of the collector's way, as in a gunicorn worker
    # (config/gunicorn.py freezes it before forking).
    gc.collect()
    gc.freeze()
    for _ in range(samples):
        for name, _kind, url, *_ in plan["pages"]:
            timed[name].append(timed_request(clients[name], url))
    found = {}
    for name, _kind, url, *_ in plan["pages"]:
        runs = sorted(timed[name], key=lambda one: one[0])
        total, queries, response = runs[len(runs) // 2]
        profile = cProfile.Profile()
        profile.enable()
        clients[name].get(url)
        profile.disable()
        slowest = max(queries, key=lambda q: q["time"], default=None)
        found[name] = {
            "url": url, "status": response.status_code, "bytes": len(response.content),
            "samples": samples, "queries": len(queries), "total_ms": round(total * 1000, 1),
            "sql_ms": round(statistics.median(sql_seconds(q) for _t, q, _r in runs) * 1000, 1),
            "slowest_sql": slowest["sql"] if slowest else "",
            "slowest_ms": round(slowest["time"] * 1000, 1) if slowest else 0,
            "explain": explain(slowest["sql"]) if slowest else "",
            "profile": top_functions(profile),
            # Python's work in calls: unlike times, the same on a busy machine as on an idle one.
            "python_calls": pstats.Stats(profile).total_calls,
        }
        say(f"  {name}: {response.status_code}, {len(queries)} truy vấn SQL, trung vị "
            f"{found[name]['sql_ms']} ms SQL / {found[name]['total_ms']} ms ({samples} lần)")
    return found


def timed_request(client, url):
    """One request: (seconds, its SQL statements, the response). Each statement is timed to
    the microsecond around the driver's execute (Django's query log rounds to the
    millisecond, which makes a page of sub-millisecond statements look like no SQL)."""
    from django.db import connection

    queries = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - started
            if not sql.startswith(("SAVEPOINT", "RELEASE")):
                queries.append({"time": spent, "sql": connection.ops.last_executed_query(
                    context["cursor"], sql, params)})

    with connection.execute_wrapper(timed):
        started = time.perf_counter()
        response = client.get(url)
        seconds = time.perf_counter() - started
    return seconds, queries, response


def sql_seconds(queries):
    return sum(q["time"] for q in queries)


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


# The web process's own settings (sync workers, the app loaded before forking), where the
# checkout has them (an older one, measured for "before", may not).
GUNICORN_CONFIG = (["-c", "config/gunicorn.py"] if (ROOT / "config" / "gunicorn.py").exists()
                   else ["--worker-class=sync", "--timeout=120"])


@contextmanager
def gunicorn(workers):
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), *GUNICORN_CONFIG, "config.wsgi", f"--bind={HOST}:{PORT}",
         f"--workers={workers}", "--backlog=2048", "--log-level=warning"], env=ENV, cwd=ROOT)
    try:
        if not loadgen.wait_until_up(HOST, PORT):
            raise SystemExit("gunicorn không khởi động được")
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)


def load(plan, cookies, args):
    """Each page on a freshly started server (what one page left queued must not slow the
    next), the machine's load average read just before; the workers' memory read after."""
    results = {}
    for name, _kind, url, who, rates, _p95 in plan["pages"]:
        before = load_average()
        with gunicorn(args.workers) as server:
            page = load_page(url, cookies[who], rates, args)
            page["memory"] = worker_memory(server.pid)
        results[name] = {**page, "load_average": before}
        say(f"  {name} (tải máy {before[0]}): một người dùng p50 {page['serial']['p50_ms']} ms;"
            f" bão hòa {page['saturation']['throughput_rps']} yêu cầu/giây; "
            + "".join(f"tại {rate} yêu cầu/giây p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, "
                      f"{r['errors']} lỗi; " for rate, r in page["open_loop"].items())
            + f"RSS đỉnh một worker {peak_mb(page['memory'])} MB")
    return results


def load_page(url, cookie, rates, args):
    """Warm up; one client at a time (the time of the query itself, compared with the
    admin's); eight at once (saturation); then each fixed arrival rate (open loop), slowest
    first, after a pause that lets the previous queue drain."""
    loadgen.closed_loop(HOST, PORT, url, cookie=cookie, concurrency=2, seconds=2)
    serial = loadgen.closed_loop(HOST, PORT, url, cookie=cookie, concurrency=1,
                                 seconds=args.serial_seconds)
    saturated = loadgen.closed_loop(HOST, PORT, url, cookie=cookie,
                                    concurrency=args.concurrency,
                                    seconds=args.saturation_seconds)
    page = {"serial": serial.summary(), "saturation": saturated.summary(), "open_loop": {}}
    for rate in sorted(rates):
        time.sleep(RATE_PAUSE)
        page["open_loop"][str(rate)] = loadgen.open_loop(
            HOST, PORT, url, cookie=cookie, rate=rate, seconds=args.seconds,
            timeout=args.timeout).summary()
    return page


def load_average():
    return [float(n) for n in Path("/proc/loadavg").read_text().split()[:3]]


def worker_memory(master):
    """Each gunicorn worker's (the master's children) resident memory in MB: now (VmRSS)
    and its peak since it started (VmHWM)."""
    memory = {}
    for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        fields = dict(line.split(":", 1)
                      for line in Path(f"/proc/{pid}/status").read_text().splitlines())
        memory[pid] = {"rss_mb": kb_to_mb(fields["VmRSS"]), "peak_mb": kb_to_mb(fields["VmHWM"])}
    return memory


def kb_to_mb(field):
    return round(int(field.split()[0]) / 1024, 1)


def peak_mb(memory):
    return max((worker["peak_mb"] for worker in memory.values()), default=None)


# ---------------------------------------------------------------- soak


def soak(plan, cookies, args):
    """The members page at a steady rate for a long while on a fresh server (warmed up like
    the pages'): every SOAK_STEP seconds each worker's memory, and the p95 of the requests
    due in the step."""
    _name, _kind, url, who, *_ = next(page for page in plan["pages"] if page[0] == "members")
    rate, samples, stop = TARGETS["soak_rate_rps"], [], threading.Event()
    with gunicorn(args.workers) as server:
        loadgen.closed_loop(HOST, PORT, url, cookie=cookies[who], concurrency=2, seconds=2)
        sampler = threading.Thread(target=sample_memory,
                                   args=(server.pid, args.soak_seconds, stop, samples))
        sampler.start()
        try:
            result = loadgen.open_loop(HOST, PORT, url, cookie=cookies[who], rate=rate,
                                       seconds=args.soak_seconds, timeout=args.timeout)
            sampler.join()  # until its sample at the end of the run
        finally:
            stop.set()
            sampler.join()
    curve = [{"second": second, "workers": memory,
              "total_mb": round(sum(w["rss_mb"] for w in memory.values()), 1),
              "p95_ms": round(result.window(second - SOAK_STEP, second).percentile(95), 1)
              if second else None}
             for second, memory in samples]
    minute = min(60, args.soak_seconds / 4)  # warm-up, and the length of each mean
    found = {"rate": rate, "seconds": args.soak_seconds, "minute": minute,
             "first_mb": mean_total(curve, minute, 2 * minute),
             "last_mb": mean_total(curve, args.soak_seconds - minute, args.soak_seconds),
             "summary": result.summary(), "curve": curve}
    say(f"  {rate} yêu cầu/giây trong {args.soak_seconds:g} giây: p95 "
        f"{found['summary']['p95_ms']} ms, {result.errors} lỗi; RSS tổng "
        f"{found['first_mb']} → {found['last_mb']} MB")
    return found


def sample_memory(master, seconds, stop, samples):
    """(second, worker memory) every SOAK_STEP seconds, on time, from 0 to ``seconds``;
    ``stop`` ends it early."""
    started = time.monotonic()
    for second in range(0, int(seconds) + 1, SOAK_STEP):
        if stop.wait(started + second - time.monotonic()):
            return
        samples.append((second, worker_memory(master)))


def mean_total(curve, start, end):
    totals = [point["total_mb"] for point in curve if start <= point["second"] <= end]
    return round(statistics.mean(totals), 1) if totals else None


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


def cpu_reference():
    """The speed of this machine now, in ms: the median of seven runs of a fixed piece of
    plain Python (no project code, no I/O). A page's time is comparable between two runs only
    as far as this is: a shared VM runs the same code at different speeds by the hour."""
    def once():
        started = time.perf_counter()
        sum(i * i for i in range(1_000_000))
        return (time.perf_counter() - started) * 1000

    return round(statistics.median(once() for _ in range(7)), 1)


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
    """Every figure against its target: (what, figure, target, met); a run of one step
    (``--only``) on a new results file has only that step's."""
    steps = (("seed", seed_verdicts), ("pages", page_verdicts), ("soak", soak_verdicts),
             ("metrics", metrics_verdicts), ("reminders", reminder_verdicts))
    return [row for key, rows in steps if key in results for row in rows(results)]


def seed_verdicts(results):
    t, seed = TARGETS, results["seed"]
    if seed["seconds"] is None:
        return [("seed_scale", "chưa đo (chạy `make bench BENCH_ARGS=--reseed`)",
                 f"≤ {t['seed_seconds']} s", False)]
    return [("seed_scale", f"{seed['seconds']} s, {seed['rows']:,} dòng",
             f"≤ {t['seed_seconds']} s", seed["seconds"] <= t["seed_seconds"])]


def page_verdicts(results):
    t, rows = TARGETS, []
    for name, kind, rates, p95_target in results["plan_pages"]:
        if kind == "admin":
            continue
        page, sql = results["pages"][name], results["queries"][name]
        for rate in rates if p95_target else []:
            fixed = page["open_loop"][str(rate)]
            rows.append((f"{name}: p95 tại {rate} yêu cầu/giây",
                         f"{fixed['p95_ms']} ms, {fixed['errors']} lỗi",
                         f"≤ {p95_target} ms, 0 lỗi",
                         fixed["p95_ms"] <= p95_target and not fixed["errors"]))
        if kind == "list":
            ours = page["serial"]["p50_ms"]
            admin = results["pages"][ADMIN_OF[name]]["serial"]["p50_ms"]
            rows.append((f"{name}: thời gian so với admin (p50, một người dùng)",
                         f"{ours / admin:.2f} ({ours} / {admin} ms)", f"≤ {t['admin_ratio']}",
                         ours / admin <= t["admin_ratio"]))
        limit = t["in_process_sql_factor"] * sql["sql_ms"] + t["in_process_extra_ms"]
        if kind != "file":
            rows.append((f"{name}: trong tiến trình ≤ {t['in_process_sql_factor']} × SQL + "
                         f"{t['in_process_extra_ms']} ms (trung vị)",
                         f"{sql['total_ms']} ms (SQL {sql['sql_ms']} ms)", f"≤ {limit:.1f} ms",
                         sql["total_ms"] <= limit))
        rows.append((f"{name}: số truy vấn SQL", str(sql["queries"]),
                     f"≤ {t['queries_per_page']}", sql["queries"] <= t["queries_per_page"]))
    return rows


def soak_verdicts(results):
    t, s = TARGETS, results["soak"]
    summary, grown = s["summary"], s["first_mb"] * t["soak_growth"]
    return [
        (f"Chạy dài: RSS tổng của các worker, phút cuối so với phút đầu (sau {s['minute']:g} "
         f"giây khởi động)", f"{s['last_mb']} / {s['first_mb']} MB",
         f"≤ × {t['soak_growth']} ({grown:.1f} MB)", s["last_mb"] <= grown),
        (f"Chạy dài: p95 tại {s['rate']} yêu cầu/giây trong {s['seconds']:g} giây",
         f"{summary['p95_ms']} ms, {summary['errors']} lỗi",
         f"≤ {t['list_p95_ms']} ms, 0 lỗi",
         summary["p95_ms"] <= t["list_p95_ms"] and not summary["errors"]),
    ]


def metrics_verdicts(results):
    t, m = TARGETS, results["metrics"]
    return [("Chỉ số cuối năm, cả tỉnh", f"{m['seconds']} s, {m['members']:,} đoàn viên",
             f"≤ {t['metrics_seconds']} s", m["seconds"] <= t["metrics_seconds"]),
            ("Chỉ số cuối năm: câu lệnh SQL", str(m["statements"]),
             f"≤ {t['metrics_statements']}", m["statements"] <= t["metrics_statements"])]


def reminder_verdicts(results):
    t, r = TARGETS, results["reminders"]
    return [
        ("Quét nhắc việc", f"{r['sweep_seconds']} s, {r['notifications']:,} thông báo",
         f"≤ {t['sweep_seconds']} s, ≥ {t['notifications']:,}",
         r["sweep_seconds"] <= t["sweep_seconds"] and r["notifications"] >= t["notifications"]),
        ("Gửi thư nhắc việc", f"{r['delivery_seconds']} s, {r['sent']:,} gửi, "
         f"{r['left']} còn lại", f"≤ {t['delivery_seconds']} s, 0 còn lại",
         r["delivery_seconds"] <= t["delivery_seconds"] and r["left"] == 0),
        ("Thư trùng lặp", str(r["duplicates"]), "0", r["duplicates"] == 0),
    ]


def before_figures(path):
    """What an earlier results file measured per page: the in-process median total, the
    single-user p50 and the p95 at each rate. A file from before the rates per page has one
    rate (``fixed_rate``) for every page, admin ones included."""
    earlier = json.loads(path.read_text())
    pages = {}
    for name, page in earlier.get("pages", {}).items():
        rates = (page["open_loop"] if "open_loop" in page
                 else {f"{earlier['params']['rate']:g}": page["fixed_rate"]})
        pages[name] = {"total_ms": earlier["queries"][name]["total_ms"],
                       "python_calls": earlier["queries"][name].get("python_calls"),
                       "serial_p50_ms": page["serial"]["p50_ms"],
                       "p95_ms": {rate: fixed["p95_ms"] for rate, fixed in rates.items()}}
    return {"file": shown(path), "finished": earlier.get("finished"), "pages": pages}


def shown(path):
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def markdown(results):
    parts = (head_lines, target_lines, page_lines, open_loop_lines, soak_lines, metrics_lines,
             reminder_lines, explain_lines, profile_lines)
    return "\n".join(line for part in parts for line in part(results))


def head_lines(results):
    m, plan, seed = results["machine"], results["plan"], results.get("seed")
    yield (f"Chạy lúc {results['finished']} bằng `make bench` ({results['seconds']:.0f} giây). "
           f"Số liệu thô: `docs/bench/results.json`."
           + "".join(f" Chạy lại riêng (`--only`) {rerun}." for rerun in results.get("reruns", [])))
    yield from ["", "### Máy và phiên bản", ""]
    yield f"- CPU: {m['cpu']}, {m['cores']} nhân; RAM {m['memory_gb']} GB; {m['os']}"
    yield (f"- Python {m['python']}, Django {m['django']}, PostgreSQL {m['postgresql']} "
           f"(shared_buffers {m['shared_buffers']}), Redis {m['redis']}, Celery {m['celery']}, "
           f"gunicorn {m['gunicorn']} ({results['params']['workers']} sync workers)")
    if "cpu_reference_ms" in m:
        yield ("- Tốc độ của máy lúc đo (`cpu_reference`: một đoạn Python thuần cố định, trung vị "
               "7 lần, trước và sau các lượt trong tiến trình): "
               f"{' / '.join(f'{ms:g}' for ms in m['cpu_reference_ms'])} ms. So thời gian hai "
               "lần chạy chỉ có nghĩa khi số này gần nhau.")
    if seed:
        yield (f"- Dữ liệu: `seed_scale --unions {seed['params']['unions']} --members "
               f"{seed['params']['members']} --years {seed['params']['years']}` "
               f"({seed['rows'] or '?'} dòng); trang đo trên công đoàn lớn nhất "
               f"({plan['union']['members']} đoàn viên), tổ lớn nhất ({plan['group']['members']}).")


def target_lines(results):
    yield from ["", "### Chỉ tiêu", "", "| Chỉ tiêu | Đo được | Mục tiêu | Kết quả |",
                "|---|---|---|---|"]
    for what, figure, target, met in verdicts(results):
        yield f"| {what} | {figure} | {target} | {'đạt' if met else '**không đạt**'} |"


def compared(now, before):
    """A figure, after the earlier run's when there is one: "before → now"."""
    return str(now) if before is None else f"{before} → {now}"


def before_line(results):
    before = results.get("before")
    if not before:
        return "Không có lần đo trước để so (`--before`)."
    return (f"Ô có dạng *trước → nay*: trước là `{before['file']}` (chạy lúc "
            f"{before['finished']}).")


def page_lines(results):
    p, before = results["params"], results.get("before") or {"pages": {}}
    yield from [
        "", f"### Trang: trong tiến trình ({p['samples']} lần, trung vị), một người dùng, bão hòa "
        f"({p['concurrency']} kết nối)", "", before_line(results), "",
        "| Trang | Truy vấn SQL | SQL trong tiến trình (ms) | Tổng trong tiến trình (ms) "
        "| Lệnh gọi Python (cProfile, một yêu cầu) "
        "| Một người dùng p50 (ms) | Bão hòa (yêu cầu/giây) | Tải máy trước khi đo (1/5/15 phút) "
        "| RSS đỉnh một worker (MB) |",
        "|---|---|---|---|---|---|---|---|---|"]
    for name, *_ in results["plan_pages"]:
        page, sql, old = results["pages"][name], results["queries"][name], before[
            "pages"].get(name, {})
        yield (f"| {name} | {sql['queries']} | {sql['sql_ms']} "
               f"| {compared(sql['total_ms'], old.get('total_ms'))} "
               f"| {compared(sql.get('python_calls', '—'), old.get('python_calls'))} "
               f"| {compared(page['serial']['p50_ms'], old.get('serial_p50_ms'))} "
               f"| {page['saturation']['throughput_rps']} "
               f"| {' / '.join(f'{n:g}' for n in page['load_average'])} "
               f"| {peak_mb(page['memory'])} |")
    peaks = {f"trang {name}": peak_mb(page["memory"]) for name, page in results["pages"].items()}
    if "soak" in results:
        peaks["lần chạy dài"] = peak_mb(results["soak"]["curve"][-1]["workers"])
    top = max(peaks, key=peaks.get)
    yield from ["", f"RSS đỉnh của một worker gunicorn (VmHWM, đọc cuối mỗi lần đo, trước "
                f"khi dừng máy chủ): {peaks[top]} MB, ở {top}.", "",
                "URL của từng trang:", ""]
    yield from (f"- {name}: `{results['queries'][name]['url']}`"
                for name, *_ in results["plan_pages"])


def open_loop_lines(results):
    p, before = results["params"], results.get("before") or {"pages": {}}
    yield from [
        "", f"### Trang: tải cố định (vòng mở, {p['seconds']:g} giây mỗi tốc độ; quá "
        f"{p['timeout']:g} giây là lỗi)", "",
        "Hai changelist của Django admin (members_admin, tasks_admin) không đo ở tải cố định: "
        "chúng chỉ cho tỉ lệ so với admin (p50 một người dùng) và sức bão hòa.",
        "", "| Trang | Yêu cầu/giây | p50 (ms) | p95 (ms) | p99 (ms) | Lỗi | Mục tiêu p95 |",
        "|---|---|---|---|---|---|---|"]
    for name, _kind, rates, p95_target in results["plan_pages"]:
        old = before["pages"].get(name, {}).get("p95_ms", {})
        for rate in rates:
            fixed = results["pages"][name]["open_loop"][str(rate)]
            yield (f"| {name} | {rate} | {fixed['p50_ms']} "
                   f"| {compared(fixed['p95_ms'], old.get(str(rate)))} | {fixed['p99_ms']} "
                   f"| {fixed['errors']} | {f'≤ {p95_target} ms' if p95_target else '—'} |")


def soak_lines(results):
    if "soak" not in results:
        return
    s, summary = results["soak"], results["soak"]["summary"]
    yield from [
        "", f"### Chạy dài: members, {s['rate']} yêu cầu/giây trong {s['seconds']:g} giây",
        "", f"Máy chủ mới, vòng mở: p50 {summary['p50_ms']} ms, p95 {summary['p95_ms']} ms, p99 "
        f"{summary['p99_ms']} ms, {summary['errors']} lỗi trên {summary['requests']} yêu cầu. "
        f"RSS tổng trung bình từ giây {s['minute']:g} đến {2 * s['minute']:g}: "
        f"{s['first_mb']} MB; {s['minute']:g} giây cuối: {s['last_mb']} MB.", "",
        "| Giây | RSS từng worker (MB) | RSS tổng (MB) | p95 của 10 giây trước đó (ms) |",
        "|---|---|---|---|"]
    for point in s["curve"]:
        if point["second"] % 30 == 0:
            workers = " / ".join(str(w["rss_mb"]) for w in point["workers"].values())
            yield (f"| {point['second']} | {workers} | {point['total_mb']} "
                   f"| {point['p95_ms'] if point['p95_ms'] is not None else '—'} |")


def metrics_lines(results):
    if "metrics" not in results:
        return
    mt = results["metrics"]
    yield from [
        "", "### Chỉ số cuối năm của cả tỉnh", "",
        f"`cycles_open` cho {mt['unions']:,} công đoàn, {mt['members']:,} đoàn viên: "
        f"{mt['seconds']} giây, {mt['statements']} câu lệnh SQL:", ""]
    yield from (f"- {ms} ms: `{head}…`" for ms, head in
                zip(mt["statement_ms"], mt["statement_heads"], strict=True))


def reminder_lines(results):
    if "reminders" not in results:
        return
    r = results["reminders"]
    yield from [
        "", "### Nhắc việc", "",
        f"Quét ngày {r['day']}: {r['notifications']:,} thông báo mới trong "
        f"{r['sweep_seconds']} giây. Gửi bằng {r['mail_workers']} tiến trình Celery qua Redis "
        f"tới hộp thư thử: {r['sent']:,} thông báo trong {r['messages_received']:,} thư "
        f"({r['distinct_message_ids']:,} Message-ID khác nhau) sau {r['delivery_seconds']} "
        f"giây; {r['left']} chưa gửi; {r['inbox_only']:,} chỉ vào hộp thư trong ứng dụng; "
        f"trùng lặp: {r['duplicates']}.", "",
        "Tiến độ (giây sau khi quét xong, thông báo còn chờ): "
        + ", ".join(f"{s} s: {n:,}" for s, n in r["progress"][:: max(1, len(r["progress"]) // 12)])]


def explain_lines(results):
    yield from ["", "### Kế hoạch thực thi (EXPLAIN ANALYZE) của truy vấn chậm nhất mỗi trang",
                "", "Câu chậm nhất của yêu cầu có thời gian trung vị.", ""]
    for name, *_ in results["plan_pages"]:
        sql = results["queries"][name]
        yield from [f"#### {name} ({sql['slowest_ms']} ms)", "", "```sql",
                    sql["slowest_sql"][:1500] + ("…" if len(sql["slowest_sql"]) > 1500 else ""),
                    "```", "", "```", sql["explain"] or "(không phải SELECT)", "```", ""]


def profile_lines(results):
    yield from ["### Hồ sơ Python (cProfile, một yêu cầu, theo thời gian riêng của hàm)", ""]
    for name, *_ in results["plan_pages"]:
        yield from [f"#### {name}", "", "```", results["queries"][name]["profile"], "```", ""]


def write_doc(results, doc):
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    text = doc.read_text() if doc.exists() else f"# Đo hiệu năng\n\n{start}\n{end}\n"
    head, rest = text.split(start, 1)
    tail = rest.split(end, 1)[1]
    doc.write_text(f"{head}{start}\n{markdown(results)}\n{end}{tail}")


# ---------------------------------------------------------------- the run


def main():
    args = arguments()
    started = time.monotonic()
    previous = json.loads(args.results.read_text()) if args.results.exists() else {}
    ensure_database(reseed=args.reseed)
    manage("collectstatic", "--noinput", "-v0")
    import django

    django.setup()
    results = {"params": {**vars_of(args), "workers": args.workers, "seconds": args.seconds,
                          "concurrency": args.concurrency, "timeout": args.timeout,
                          "samples": args.samples, "rate_pause": RATE_PAUSE},
               "targets": TARGETS}
    if args.only == "pages":
        kept = {k: v for k, v in previous.items() if k not in PAGE_STEPS}
        return finish({**kept, **results, **measure_pages(prepare(), args)}, args,
                      started)
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
    plan = prepare()
    results.update(measure_pages(plan, args))
    say("Chỉ số cuối năm của cả tỉnh…")
    results["metrics"] = metrics(plan)
    say("Nhắc việc: quét và gửi…")
    results["reminders"] = reminders(plan, args)
    results["seconds"] = round(time.monotonic() - started, 1)
    finish(results, args, started)


# What ``measure_pages`` finds: a run of ``--only pages`` replaces all of it.
PAGE_STEPS = ("machine", "plan", "plan_pages", "queries", "pages", "soak", "before")


def measure_pages(plan, args):
    """The machine, then every page in process and through gunicorn, the soak, and the
    earlier figures to compare with."""
    results = {"machine": machine()}
    results["plan"] = {k: v for k, v in plan.items() if k not in ("users", "pages")}
    results["plan_pages"] = [(name, kind, rates, p95) for name, kind, _url, _who, rates, p95
                             in plan["pages"]]
    say(f"Từng trang trong tiến trình ({args.samples} lần)…")
    reference = [cpu_reference()]
    results["queries"] = in_process(plan, args.samples)
    results["machine"]["cpu_reference_ms"] = [*reference, cpu_reference()]
    cookies = session_cookies(plan["users"])
    from django.db import connections

    connections.close_all()
    say(f"Tải qua gunicorn ({args.workers} workers)…")
    results["pages"] = load(plan, cookies, args)
    if not args.no_soak:
        say("Chạy dài (members)…")
        results["soak"] = soak(plan, cookies, args)
    if args.before and args.before.exists() and args.before.resolve() != args.results.resolve():
        results["before"] = before_figures(args.before)
    return results


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--unions", type=int, default=1500)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--samples", type=int, default=30,
                        help="timed requests per page in process (the median is kept)")
    parser.add_argument("--seconds", type=float, default=20, help="seconds at each rate")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--saturation-seconds", type=float, default=10)
    parser.add_argument("--serial-seconds", type=float, default=5)
    parser.add_argument("--timeout", type=float, default=30,
                        help="seconds a request may wait before it counts as an error")
    parser.add_argument("--soak-seconds", type=float, default=300)
    parser.add_argument("--no-soak", action="store_true")
    parser.add_argument("--mail-workers", type=int, default=4)
    parser.add_argument("--delivery-timeout", type=float, default=900)
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--before", type=Path, default=BEFORE,
                        help="an earlier results file, compared with page by page")
    parser.add_argument("--doc", type=Path, default=DOC)
    parser.add_argument("--no-doc", action="store_true", help="do not rewrite the document")
    parser.add_argument("--only", choices=["pages", "metrics", "reminders"],
                        help="run this step again on the data set, keeping the other results")
    return parser.parse_args()


def finish(results, args, started):
    now = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    if args.only:
        results.setdefault("reruns", []).append(
            f"{args.only}: {now}, {time.monotonic() - started:.0f} s")
        results.setdefault("finished", now)  # a new results file of this step alone
        results.setdefault("seconds", round(time.monotonic() - started, 1))
    else:
        results["finished"] = now
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str))
    if not args.no_doc:
        write_doc(results, args.doc)
    missed = [what for what, _figure, _target, met in verdicts(results) if not met]
    say(f"Xong sau {time.monotonic() - started:.0f} giây; {len(missed)} chỉ tiêu không đạt"
        + (": " + "; ".join(missed) if missed else "."))


if __name__ == "__main__":
    main()
