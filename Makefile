# The two commands: `make run` and `make test`. Everything else is a step of theirs.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: install run test lint migrate seed messages restore-drill bench screens

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

# Web on http://127.0.0.1:8000, a Celery worker and Celery beat, together.
run: seed
	@echo "Mở http://127.0.0.1:8000 — tài khoản mẫu (mật khẩu demo12345): admin, chutich, totruong, doanvien, capten, khac"
	@echo "Thư gửi đi (môi trường phát triển) nằm trong var/mail/"
	DEBUG=1 PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start -f Procfile.dev

lint: install
	$(BIN)/ruff check .
	$(PY) manage.py makemigrations --check --dry-run

# The whole suite on SQLite; again on PostgreSQL when DATABASE_URL names one. Under CI
# the PostgreSQL run is required.
test: lint
	env -u DATABASE_URL $(BIN)/pytest
	@if [ -n "$$DATABASE_URL" ]; then echo "== again on $$DATABASE_URL"; $(BIN)/pytest; \
	elif [ "$$CI" = "true" ]; then echo "CI=true needs DATABASE_URL (PostgreSQL)"; exit 1; fi

# Refresh the English catalogue after changing texts (needs GNU gettext). The Vietnamese
# ones (locale/vi, union/locale/vi) hold only Django's strings and are kept by hand.
messages: install
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=var
	$(PY) manage.py compilemessages -l en -l vi --ignore=.venv

# Back up a freshly seeded scratch database, restore it into another and compare row counts,
# table checksums and the demo union's 2019 year-end report (docs/operations.md). PostgreSQL
# when DATABASE_URL names one (make restore-drill DATABASE_URL=postgres://...), else SQLite.
restore-drill: install
	$(PY) ops/restore_drill.py

# The province benchmark (issue 6) on the local PostgreSQL and Redis: seeds 1,500 unions and
# 100,000 members once (BENCH_ARGS=--reseed to start again), drives gunicorn, a Celery worker
# and an SMTP sink, and writes docs/benchmarks.md and docs/bench/results.json.
bench: install
	$(PY) ops/bench.py $(BENCH_ARGS)

# Pictures of each demo role's main pages at 1366 px and 390 px (docs/screens/, committed):
# a scratch SQLite database under var/screens/, runserver and headless Chromium
# (docs/design.md). SCREENS_ARGS=--reuse keeps the database of the previous run.
screens: install
	$(PY) ops/screens.py $(SCREENS_ARGS)
