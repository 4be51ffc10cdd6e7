# Forløp — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.13 || command -v python3.12 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test install lint typecheck architecture migrations-check pytest pytest-postgres benchmarks messages clean vnu

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Forløp trenger Python 3.12 eller nyere (fant %s)." % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py serve

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy forlop

# Which app may import which (the layers, no cycles, pure modules without ORM): [tool.importlinter] in
# pyproject.toml.
architecture: $(STAMP)
	$(VENV)/bin/lint-imports --no-cache

migrations-check: $(STAMP)
	$(PY) manage.py makemigrations --check --dry-run

messages: $(STAMP)
	cd forlop && ../$(PY) ../manage.py compilemessages --ignore=.venv

pytest: $(STAMP) vnu
	$(PY) -m pytest -q

# The same suite's database tests against a real PostgreSQL 15 server started for this run (the browser and
# HTML-checker suites render the same pages and run once, on SQLite).
pytest-postgres: $(STAMP)
	scripts/with-postgres.sh $(PY) -m pytest -q -m "not browser and not htmlcheck"

# The Nu HTML checker (the vnu-jar npm package, run with the system's Java) for the htmlcheck test. Without npm
# or a registry the test is skipped with a message locally; in CI (.ci/run) it is required.
VNU_JAR := var/vnu/node_modules/vnu-jar/build/dist/vnu.jar
vnu:
	@if [ -f $(VNU_JAR) ]; then :; \
	elif command -v npm >/dev/null 2>&1; then \
	  npm install --prefix var/vnu --no-audit --no-fund --silent vnu-jar@26.9.27 || echo "Kunne ikke installere vnu-jar; HTML-sjekken hoppes over."; \
	else echo "npm mangler; HTML-sjekken (vnu) hoppes over."; fi

test: lint typecheck architecture migrations-check pytest pytest-postgres

benchmarks: $(STAMP)
	@for script in benchmarks/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) var/static
