# Two commands for a newcomer: `make run` and `make test`.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
PORT ?= 8000
# Tests run with debug off, as production does; they need a secret key of their own.
TEST_ENV := DJANGO_SECRET_KEY=insecure-key-for-tests-only

.PHONY: run test install install-dev lint test-sqlite test-postgres superuser bench-media clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

run: install
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py load_demo
	@echo "Serving at http://127.0.0.1:$(PORT)/ (admin at /admin/; 'make superuser' creates a login)"
	DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

superuser: install
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py createsuperuser

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

test-sqlite: install-dev
	@echo "== Tests on SQLite =="
	$(TEST_ENV) DATABASE_URL= $(PY) -m pytest

test-postgres: install-dev
	@echo "== Tests on PostgreSQL =="
	$(TEST_ENV) bash tests/with-postgres.sh $(PY) -m pytest

test: lint test-sqlite test-postgres

bench-media: install
	$(PY) -m bench.media_upload

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
