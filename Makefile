# Volunteer City. Two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8000
SCALE ?= 0.002
BENCH_SCALE ?= 0.05
# Test processes (pytest-xdist): one per CPU by default; WORKERS=0 runs the suite in one process.
WORKERS ?= auto

.PHONY: run test test-fast check fmt lint types bench messages messages-compile setup migrate demo clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

setup: $(STAMP)
	@mkdir -p var/staticfiles
	$(MAKE) --no-print-directory messages-compile

messages-compile: $(STAMP)
	@$(PY) manage.py compilemessages --ignore=.venv -v0

migrate: setup
	$(PY) manage.py migrate --no-input -v0

demo: migrate
	$(PY) manage.py seed_demo --if-empty --scale $(SCALE) --seed 7

run: demo
	$(PY) manage.py collectstatic --no-input -v0
	@$(PY) manage.py demo_logins --url http://127.0.0.1:$(PORT)/
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# The whole suite: unit, integration, permission matrix, browser flows (Chromium).
test: setup
	$(PY) -m pytest -p no:cacheprovider -q -n $(WORKERS)

test-fast: setup
	$(PY) -m pytest -q -n $(WORKERS) -m "not browser"

fmt: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

lint: $(STAMP)
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

types: $(STAMP)
	$(VENV)/bin/mypy config volcity bench

check: setup lint types
	$(PY) manage.py makemigrations --check --dry-run -v0
	$(PY) manage.py check
	$(MAKE) --no-print-directory test

bench: setup
	$(PY) -m bench --scale $(BENCH_SCALE)

messages: $(STAMP)
	$(PY) manage.py makemessages -l zh_Hans -l en --ignore=.venv --ignore=var --no-obsolete
	$(MAKE) --no-print-directory messages-compile

clean:
	rm -rf var .pytest_cache .ruff_cache .mypy_cache
