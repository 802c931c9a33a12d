# MAM: the two commands a newcomer needs are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Where the site is reached: every absolute link (emails, printed sheets, exports, the API,
# the sitemap) starts here. Give SITE_URL when the address differs from HOST:PORT (a proxy).
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: backup restore run test test-sqlite test-postgres install lint format migrations-check messages lock browser dictionary clean \
	cluster cluster-check cluster-packages bench bench-packages

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "MAM needs Python 3.11 or newer"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --constraint requirements.lock --editable '.[dev,bench]'
	touch $(STAMP)

install: $(STAMP)

## The site with demo content at http://$(HOST):$(PORT), on an SQLite file under var/, and the
## task worker beside it (exports, the council PDF, emails, periodic jobs), as in production.
## Ctrl-C stops both; the worker does not reload on code changes: stop and start again.
run: $(STAMP)
	mkdir -p var
	$(PY) manage.py migrate --no-input
	MAM_SITE_URL=$(SITE_URL) $(PY) manage.py seed_demo
	@export MAM_SITE_URL=$(SITE_URL); \
	trap 'stopped=1' INT; trap '[ -n "$$stopped" ] || kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	$(PY) manage.py db_worker --no-reload & worker=$$!; \
	$(PY) manage.py runserver $(HOST):$(PORT)

## The whole suite, on SQLite and then on a throwaway PostgreSQL cluster.
test: test-sqlite test-postgres

test-sqlite: $(STAMP) browser
	env -u DATABASE_URL $(PY) -m pytest $(PYTEST_ARGS)

test-postgres: $(STAMP) browser dictionary
	$(PY) -m tests.pgcluster $(PY) -m pytest $(PYTEST_ARGS)

## Debian's Chromium for the browser tests (Playwright never downloads a browser here), and
## Pango, which WeasyPrint needs to draw the council report's PDF.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; \
	else echo "Chromium is not installed: browser tests will be skipped (sudo apt-get install chromium)."; fi
	@if ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0.so.0; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0) >/dev/null; \
	else echo "Pango is missing: the PDF report needs it (sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0)."; fi

## The Polish dictionary (Debian's hunspell-pl) that PostgreSQL's `polish` search configuration
## is built from (proposals migration 0008); without it search falls back to simple+unaccent.
dictionary:
	@if ls /usr/share/postgresql/*/tsearch_data/pl_pl.dict >/dev/null 2>&1; then :; \
	elif ! ls -d /usr/share/postgresql/*/tsearch_data >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hunspell-pl) >/dev/null; \
	else echo "hunspell-pl is not installed: PostgreSQL search will not stem Polish words (sudo apt-get install hunspell-pl)."; fi

## A backup of the database (pg_dump, custom format) and of the media and private files from
## whichever storage is configured, with a manifest of SHA-256 checksums, into BACKUP_DIR
## (default var/backups/<UTC time>). README: "Backups".
backup: $(STAMP)
	$(PY) manage.py backup $(if $(BACKUP_DIR),--output "$(BACKUP_DIR)")

## Restore BACKUP=<folder> into the empty database of DATABASE_URL and empty storages.
restore: $(STAMP)
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/<UTC time>"; exit 2; }
	$(PY) manage.py restore "$(BACKUP)"

## The production layout on this machine (docs/deployment.md): a throwaway PostgreSQL, Redis, the
## local S3 server (when moto is installed), two gunicorn app servers, the task worker and nginx
## in front, all on loopback; prints the address. Ctrl-C stops everything it started.
cluster: $(STAMP) cluster-packages
	$(PY) -m ops.cluster $(if $(CLUSTER_PORT),--port $(CLUSTER_PORT))

## The loss test: 200 simulated residents vote through nginx while app server 1, the worker
## and Redis are killed and restarted; fails on any lost or doubled ballot (ops/check.py).
CHECK_SECONDS ?= 60
CHECK_RESIDENTS ?= 200
cluster-check: $(STAMP) cluster-packages
	$(PY) -m ops.check --seconds $(CHECK_SECONDS) --residents $(CHECK_RESIDENTS)

## Debian's nginx and redis-server, run by the targets above as their own children (the system
## services are never started).
cluster-packages:
	@missing=""; \
	command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing="$$missing nginx-light"; \
	command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || missing="$$missing redis-server"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null; \
	else echo "Missing:$$missing (sudo apt-get install$$missing)"; exit 1; fi

## The benchmark (bench/README.md): throwaway PostgreSQL and Redis, gunicorn, wrk per page;
## writes bench/RESULTS.md. BENCH_ARGS passes options (e.g. --tiers 1000 --seconds 10).
BENCH_ARGS ?= --tiers 1000,10000 --seconds 20
bench: $(STAMP) bench-packages
	PYTHONPATH=.:site $(PY) -m bench.run $(BENCH_ARGS)

## Debian's wrk (the load generator) and redis-server (the shared cache), installed when missing.
bench-packages:
	@missing=""; \
	command -v wrk >/dev/null || missing="$$missing wrk"; \
	command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || missing="$$missing redis-server"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null; \
	else echo "Missing:$$missing (sudo apt-get install$$missing)"; exit 1; fi

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/bandit --quiet --recursive jobs backups accounts home consultations proposals voting outcomes surveys casework rooms partners events initiatives review implementation retention outreach demo site/config ops \
		--severity-level high --exclude '*/migrations/*'

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: $(STAMP)
	$(PY) manage.py makemigrations --check --dry-run

## Refresh the Polish and English catalogues after changing strings (needs GNU gettext).
## The compiled .mo files are committed, so running the site needs no gettext.
messages: $(STAMP)
	$(PY) manage.py makemessages --locale pl --locale en --ignore '.venv/*' --ignore 'var/*' --no-obsolete
	$(PY) manage.py compilemessages --ignore '.venv'

## Record the exact versions that passed, for reproducible installs.
lock: $(STAMP)
	$(PY) -m pip freeze --exclude-editable --exclude pip > requirements.lock

clean:
	rm -rf $(VENV) var/static
