# Ehrensache: every target installs what it needs. See README.md.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
PG_URL ?= postgres://postgres@127.0.0.1:5432/ehrensache
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: help install install-test frontend assets messages setup run worker test test-sqlite test-postgres test-browser test-crawl test-deploy fuzz lint format bench chromium clean

help:
	@echo "make run      – set up (venv, packages, database, regions, demo data) and serve on http://$(HOST):$(PORT)"
	@echo "make test     – install test tools and run the suite on SQLite, PostgreSQL and in Chromium"
	@echo "make lint     – ruff check + format check, mypy"
	@echo "make worker   – background worker for the tasks API (TASKS_BACKEND=database)"
	@echo "make test-deploy – the README's deployment as written (PostgreSQL, Redis, gunicorn, worker), checked"
	@echo "make fuzz     – API and form fuzz at full depth on SQLite and PostgreSQL (make test runs a share)"
	@echo "make bench    – benchmarks at full size"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml constraints.txt | $(PY)
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

install: $(VENV)/.installed frontend messages assets
install-test: $(VENV)/.installed-test frontend messages assets

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

frontend: node_modules/.package-lock.json

# Fonts subset and KERN's CSS purged to what the templates use (core/assets.py); rebuilt when a
# template, script or Python file (form widgets name CSS classes) changes.
ASSET_SOURCES := $(shell find src -name '*.html' -o -name '*.js' -o -name '*.py' -not -path '*/migrations/*') purgecss.config.cjs
build/static/kern.css: $(ASSET_SOURCES) node_modules/.package-lock.json | $(VENV)/.installed
	DEBUG=1 $(MANAGE) build_assets --verbosity 0

assets: build/static/kern.css

# Compiles every app's locale/*.po; installs GNU gettext if the machine lacks msgfmt.
messages: | $(PY)
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext >/dev/null) \
		|| (echo "msgfmt missing: install gettext" && exit 1)
	@if find src -name '*.po' | grep -q .; then DEBUG=1 $(MANAGE) compilemessages --verbosity 0 --ignore '.venv*' --ignore 'node_modules*' --ignore 'staticfiles*'; fi

setup: install
	DEBUG=1 $(MANAGE) migrate --noinput
	DEBUG=1 $(MANAGE) import_regions
	DEBUG=1 $(MANAGE) load_demo_data

run: setup
	@DEBUG=1 $(MANAGE) demo_logins
	@echo "Ehrensache läuft auf http://$(HOST):$(PORT)/  (Strg+C beendet)"
	DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

worker: install
	$(MANAGE) db_worker

chromium:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

test: install-test chromium test-sqlite test-postgres test-browser test-crawl

test-sqlite: install-test
	$(BIN)/pytest -n 2 $(PYTEST_ARGS) || [ $$? -eq 5 ]

test-postgres: install-test
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 $(PYTEST_ARGS) || [ $$? -eq 5 ]

test-browser: install-test chromium
	$(BIN)/pytest -n 2 -m "browser and not crawl" $(PYTEST_ARGS) || [ $$? -eq 5 ]

# Every page each demo role reaches at 320 and 1280 px: reflow, axe, Nu HTML checker (Java).
# Part of `make test` (about 2.5 minutes on 2 cores).
test-crawl: install-test chromium
	@command -v java >/dev/null || (apt-get update -qq && apt-get install -y -qq default-jre-headless >/dev/null)
	$(BIN)/pytest -n 2 -m crawl $(PYTEST_ARGS) || [ $$? -eq 5 ]

# The fuzzers at full depth (every odd kind into every form, 12 examples per API strategy);
# `make test` runs them at a depth that fits CI (tests/form_fuzz.py FULL, test_fuzz.py EXAMPLES).
FUZZ := EHRENSACHE_FUZZ_DEPTH=full EHRENSACHE_FUZZ_EXAMPLES=12 $(BIN)/pytest -n 2 tests/test_form_fuzz.py tests/api/test_fuzz.py
fuzz: install-test
	$(FUZZ)
	DATABASE_URL=$(PG_URL) $(FUZZ)

# A few minutes (migrate, import_regions, collectstatic): not part of `make test`.
test-deploy: install-test
	$(BIN)/pytest -m deploy $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	EHRENSACHE_TESTING=1 $(BIN)/mypy -p ehrensache.core -p ehrensache.accounts -p ehrensache.api
	$(BIN)/lint-imports
	$(BIN)/pytest -q --no-header -p no:warnings tests/test_role_matrix_complete.py

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

bench: install-test
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) node_modules staticfiles var
