#!/usr/bin/env python
"""Restore drill: back up a database, restore it into a fresh one, and prove they match.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python ops/restore_drill.py
    .venv/bin/python ops/restore_drill.py            # no DATABASE_URL, or a sqlite:// one: SQLite

PostgreSQL: DATABASE_URL names a server and a database to connect to for CREATE/DROP DATABASE
(the drill never touches that database itself). Two scratch databases are created; the source
is migrated and loaded with ``seed_demo``, dumped with ``pg_dump -Fc`` and restored with
``pg_restore --clean --if-exists`` into the other. SQLite: the same with two files in a scratch
directory, the copy taken with the online backup API (``sqlite3.Connection.backup``).

On each side it computes the row count and a content checksum of every table, and a sha256 of
a canonical JSON of the demo union's 2019 year-end report (``emulation.reports.year_report``).
It prints both side by side and exits 1 on any difference. The scratch databases are dropped
at the end, on failure too. Each step runs ``manage.py`` (or this script's ``fingerprint``
subcommand) in a child process with DATABASE_URL pointing at the side it works on.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEMO_UNION = "CĐCS Sở TT&TT Gia Lai"  # the seeded union whose report is compared
REPORT_YEAR = 2019  # published in the demo data


# ---------------------------------------------------------------- fingerprint (child process)


def fingerprint() -> dict:
    """Row count and checksum per table, and the year-end report's checksum, of DATABASE_URL."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection

    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")
            width = len(cursor.description)
            # Rows in a canonical order (every column), so the checksum ignores physical order.
            order = ", ".join(str(i + 1) for i in range(width))
            cursor.execute(f"SELECT * FROM {quoted} ORDER BY {order}")
            digest, count = hashlib.sha256(), 0
            for row in cursor:
                digest.update(repr(tuple(_plain(v) for v in row)).encode())
                count += 1
            tables[table] = {"rows": count, "sha256": digest.hexdigest()[:16]}
    report = _report_json()
    return {"tables": tables, "report_sha256": hashlib.sha256(report.encode()).hexdigest(),
            "report_bytes": len(report)}


def _plain(value):
    """A driver value as something whose repr is the same for the same data."""
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def _report_json() -> str:
    """The demo union's year-end report as canonical JSON (sorted keys, every model field)."""
    from dataclasses import fields, is_dataclass
    from datetime import date

    from django.core.serializers.json import DjangoJSONEncoder
    from django.db import models

    from emulation.reports import year_report
    from union.models import Union

    def plain(obj):
        if isinstance(obj, models.Model):
            return {"model": obj._meta.label,
                    **{f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}}
        if is_dataclass(obj):
            return {f.name: plain(getattr(obj, f.name)) for f in fields(obj)}
        if isinstance(obj, (list, tuple)):
            return [plain(item) for item in obj]
        return obj

    union = Union.objects.get(short_name=DEMO_UNION)
    # A fixed "today": the plan's overdue counts depend on it.
    report = year_report(union, REPORT_YEAR, today=date(REPORT_YEAR + 1, 1, 31))
    data = plain(report)
    # The derived figures the outputs print.
    data["comparison"] = report.comparison()
    data["published"] = report.published
    if not report.evaluations:
        raise SystemExit(f"the demo union has no {REPORT_YEAR} evaluations: is seed_demo loaded?")
    return json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False)


# ---------------------------------------------------------------- the drill (parent process)


def run(cmd, *, env=None, quiet=True):
    """Run ``cmd``; its output is shown only when it fails."""
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=quiet, text=True)
    if result.returncode != 0:
        if quiet:
            sys.stderr.write(result.stdout + result.stderr)
        raise RuntimeError(f"failed ({result.returncode}): {' '.join(map(str, cmd))}")
    return result.stdout if quiet else ""


def child_env(database_url: str, var_dir: Path) -> dict:
    # VAR_DIR in the scratch directory: seeding must not write into the real var/ (mail, media).
    return {**os.environ, "DATABASE_URL": database_url, "VAR_DIR": str(var_dir),
            "REDIS_URL": "", "DJANGO_SETTINGS_MODULE": "config.settings"}


def prepare_source(url: str, var_dir: Path, timings: dict):
    env = child_env(url, var_dir)
    t = time.monotonic()
    run([PYTHON, "manage.py", "migrate", "--noinput"], env=env)
    timings["migrate"] = time.monotonic() - t
    t = time.monotonic()
    run([PYTHON, "manage.py", "seed_demo"], env=env)
    timings["seed_demo"] = time.monotonic() - t


def measure(url: str, var_dir: Path) -> dict:
    out = run([PYTHON, __file__, "fingerprint"], env=child_env(url, var_dir))
    return json.loads(out.strip().splitlines()[-1])


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def drill_postgres(admin_url: str, scratch: Path, timings: dict):
    for tool in ("psql", "pg_dump", "pg_restore"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is not installed")
    stamp = f"{os.getpid()}_{int(time.time())}"
    source_db, target_db = f"drill_source_{stamp}", f"drill_restored_{stamp}"
    source, target = with_database(admin_url, source_db), with_database(admin_url, target_db)
    dump = scratch / "backup.dump"

    def psql(sql):
        run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", admin_url, "-c", sql])

    try:
        psql(f'CREATE DATABASE "{source_db}"')
        psql(f'CREATE DATABASE "{target_db}"')
        prepare_source(source, scratch, timings)
        before = measure(source, scratch)
        t = time.monotonic()
        run(["pg_dump", "-Fc", "--no-owner", "-f", str(dump), "-d", source])
        timings["pg_dump"] = time.monotonic() - t
        t = time.monotonic()
        run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--exit-on-error",
             "-d", target, str(dump)])
        timings["pg_restore"] = time.monotonic() - t
        after = measure(target, scratch)
        return before, after, f"{source_db} → pg_dump -Fc ({dump.stat().st_size:,} B) → {target_db}"
    finally:
        for db in (source_db, target_db):
            try:
                psql(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
            except RuntimeError as exc:
                print(f"warning: could not drop {db}: {exc}", file=sys.stderr)


def drill_sqlite(scratch: Path, timings: dict):
    source_file, target_file = scratch / "source.sqlite3", scratch / "restored.sqlite3"
    source, target = f"sqlite:///{source_file}", f"sqlite:///{target_file}"
    prepare_source(source, scratch, timings)
    before = measure(source, scratch)
    t = time.monotonic()
    # The online backup: safe while the application (WAL) keeps writing to the source.
    with sqlite3.connect(source_file) as src, sqlite3.connect(target_file) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    timings["sqlite backup"] = time.monotonic() - t
    after = measure(target, scratch)
    return before, after, f"{source_file.name} → Connection.backup → {target_file.name}"


def compare(before: dict, after: dict) -> list[str]:
    problems = []
    names = sorted(set(before["tables"]) | set(after["tables"]))
    print(f"\n{'table':<42} {'rows src':>9} {'rows dst':>9}  content")
    print("-" * 72)
    for name in names:
        a, b = before["tables"].get(name), after["tables"].get(name)
        if a is None or b is None:
            problems.append(f"{name}: only in the {'restored' if a is None else 'source'} db")
            status = "MISSING"
        elif a != b:
            problems.append(f"{name}: rows {a['rows']} → {b['rows']}, checksum "
                            f"{a['sha256']} → {b['sha256']}")
            status = "DIFFERS"
        else:
            status = "ok"
        print(f"{name:<42} {a['rows'] if a else '-':>9} {b['rows'] if b else '-':>9}  {status}")
    print("-" * 72)
    total_a = sum(t["rows"] for t in before["tables"].values())
    total_b = sum(t["rows"] for t in after["tables"].values())
    print(f"{f'{len(names)} tables, total rows':<42} {total_a:>9} {total_b:>9}")
    same = before["report_sha256"] == after["report_sha256"]
    print(f"\nyear-end report {DEMO_UNION} {REPORT_YEAR} ({before['report_bytes']:,} B JSON):")
    print(f"  source   sha256 {before['report_sha256']}")
    print(f"  restored sha256 {after['report_sha256']}  {'ok' if same else 'DIFFERS'}")
    if not same:
        problems.append("year-end report checksum differs")
    if not before["tables"]:
        problems.append("the source has no tables")
    return problems


def main():
    started = time.monotonic()
    url = os.environ.get("DATABASE_URL", "")
    scheme = urlsplit(url).scheme if url else "sqlite"
    timings = {}
    scratch = Path(tempfile.mkdtemp(prefix="restore_drill_"))
    try:
        if scheme in ("postgres", "postgresql", "pgsql", "psql"):
            print(f"restore drill on PostgreSQL ({urlsplit(url).hostname}:{urlsplit(url).port})")
            before, after, path = drill_postgres(url, scratch, timings)
        elif scheme in ("sqlite", "sqlite3", ""):
            print("restore drill on SQLite (online backup API)")
            before, after, path = drill_sqlite(scratch, timings)
        else:
            raise SystemExit(f"restore drill: unsupported DATABASE_URL scheme {scheme!r}")
        print(path)
        problems = compare(before, after)
    except RuntimeError as exc:
        print(f"\nRESTORE DRILL FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    steps = ", ".join(f"{k} {v:.1f}s" for k, v in timings.items())
    print(f"\ntimings: {steps}; total {time.monotonic() - started:.1f}s")
    if problems:
        print("\nRESTORE DRILL FAILED:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    print("RESTORE DRILL PASSED: every table and the year-end report match.")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["fingerprint"]:
        print(json.dumps(fingerprint()))
    else:
        sys.exit(main())
