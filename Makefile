# The README's two commands are `make run` and `make test`; the rest are their parts.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST := 127.0.0.1
PORT ?= 8000
MYPY_APPS := styrkedja/core styrkedja/history styrkedja/org styrkedja/periods styrkedja/goals \
             styrkedja/indicators styrkedja/activities styrkedja/plans styrkedja/ui styrkedja/testing \
             styrkedja/demo styrkedja/importer styrkedja/exporter styrkedja/comments \
             styrkedja/reports styrkedja/workflow

.PHONY: install install-browser run test lint typecheck migrations-check messages pytest bench lock clean

# Stamp files make a second `make run` skip what is already done.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

locale/sv/LC_MESSAGES/django.mo: locale/sv/LC_MESSAGES/django.po $(VENV)/.installed
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

install: $(VENV)/.installed node_modules/.installed locale/sv/LC_MESSAGES/django.mo
	mkdir -p var

run: install
	$(BIN)/python manage.py migrate --no-input -v 0
	$(BIN)/python manage.py seed_demo
	@echo "Styrkedja: http://$(HOST):$(PORT)/"
	@# The worker runs imports in the background beside the server, and stops with it.
	DJANGO_DEBUG=true $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  DJANGO_DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy $(MYPY_APPS)

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run

# Fails when a translatable string is new or changed and locale/ was not updated.
messages: install
	$(BIN)/python manage.py makemessages -l sv --ignore=.venv --ignore=node_modules --ignore=var --no-location --no-obsolete -v 0
	git diff --quiet --ignore-matching-lines='^"POT-Creation-Date' -- locale/ || \
	  (git --no-pager diff -- locale/; echo "locale/ is out of date: translate the new strings and commit them"; exit 1)

# Browser tests use Debian's Chromium; it is installed here when missing (never downloaded
# by Playwright). apt-get needs root, as on the project's machines and in CI.
install-browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

pytest: install install-browser
	$(BIN)/pytest

test: lint typecheck migrations-check messages pytest

# Performance figures of this machine; nothing in `make test` depends on timing.
# The serving benchmark loads gunicorn with Debian's wrk, installed here when missing.
bench: install
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python bench/import_bench.py
	$(BIN)/python bench/export_bench.py
	$(BIN)/python bench/serve_bench.py

# Rewrite constraints.txt from the installed tree (after changing pyproject.toml).
lock: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	$(BIN)/pip freeze --exclude-editable | sort > constraints.txt

clean:
	rm -rf $(VENV) node_modules var
