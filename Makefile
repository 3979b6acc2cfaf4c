# Two commands for a newcomer: `make run` and `make test`.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
PORT ?= 8000
# Tests run with debug off, as production does; they need a secret key of their own.
TEST_ENV := DJANGO_SECRET_KEY=insecure-key-for-tests-only

.PHONY: run serve cluster test-cluster test install install-dev lint messages test-sqlite test-postgres test-e2e superuser bench bench-cluster bench-media bench-languages profile clean

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

# Production serving: debug off, nginx in front of gunicorn (config/serve.py says why),
# whitenoise. Needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS (and DATABASE_URL,
# REDIS_URL... as README says), and Debian's nginx, installed here when missing.
WORKERS ?= 3
serve: install
	@command -v nginx >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -q nginx >/dev/null \
		|| (apt-get update -q >/dev/null && apt-get install -y -q nginx >/dev/null); } \
		|| { echo "nginx is needed: apt-get install nginx"; exit 1; }
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py migrate --noinput
	$(PY) -m config.serve --bind 127.0.0.1:$(PORT) --workers $(WORKERS)

# Past one machine, on this one (config/cluster.py): PostgreSQL 15, Redis, an S3-compatible
# object store (moto's server, a dev dependency) and SERVERS application servers as
# `make serve` runs them, behind nginx over HTTPS (self-signed); Ctrl-C stops everything.
# DJANGO_SUPERUSER_USERNAME/_PASSWORD/_EMAIL, if set, make an admin login.
CLUSTER_PORT ?= 8443
SERVERS ?= 2

cluster: install-dev
	@missing=""; command -v nginx >/dev/null || missing="$$missing nginx"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	command -v openssl >/dev/null || missing="$$missing openssl"; \
	[ -x /usr/lib/postgresql/15/bin/initdb ] || missing="$$missing postgresql-15"; \
	if [ -n "$$missing" ]; then echo "Needed: apt-get install$$missing"; exit 1; fi
	$(PY) -m config.cluster --bind 127.0.0.1:$(CLUSTER_PORT) --servers $(SERVERS)

superuser: install
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py createsuperuser

# The layers (config above partnerships above events) are import-linter contracts in
# pyproject.toml; tests/test_layers.py checks the string references it cannot see.
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

# The interface's translations: each app's locale/<language>/LC_MESSAGES/django.po brought
# up to date with the text marked in the code and templates (translations kept, new texts
# listed), and compiled to the django.mo files that are committed (config/catalogs.py).
# `make test` fails while a catalog lacks a text or a translation (tests/test_catalogs.py).
messages: install-dev
	DJANGO_DEBUG=1 $(PY) manage.py messages

# The suites run in TEST_WORKERS processes (pytest-xdist), each with its own test database.
TEST_WORKERS ?= 2
test-sqlite: install-dev
	@echo "== Tests on SQLite =="
	$(TEST_ENV) DATABASE_URL= $(PY) -m pytest -m "not e2e and not cluster" -n $(TEST_WORKERS)
	@echo "== Press release intake: precision and recall on tests/intake_corpus =="
	$(TEST_ENV) DATABASE_URL= $(PY) manage.py intake_score --check

test-postgres: install-dev
	@echo "== Tests on PostgreSQL =="
	$(TEST_ENV) bash tests/with-postgres.sh $(PY) -m pytest -m "not e2e and not cluster" -n $(TEST_WORKERS)

# The Nu HTML Checker and the MDN HTTP Observatory scanner, from the npm registry, into a
# cache folder of the project's own (the scanner's install scripts download from the web,
# so they are skipped).
VNU_JAR := .cache/npm/node_modules/vnu-jar/build/dist/vnu.jar
OBSERVATORY := .cache/npm/node_modules/@mdn/mdn-http-observatory/src/scan.js
$(VNU_JAR):
	-npm install --silent --no-audit --no-fund --prefix .cache/npm vnu-jar@26.9.27
$(OBSERVATORY):
	-npm install --silent --no-audit --no-fund --ignore-scripts --prefix .cache/npm \
		@mdn/mdn-http-observatory@1.4.8

SCREENSHOTS ?= test-results/screenshots
test-e2e: install-dev $(VNU_JAR) $(OBSERVATORY)
	@echo "== End-to-end tests in Chromium against the production server =="
	rm -rf test-results $(SCREENSHOTS)
	$(TEST_ENV) VNU_JAR=$(VNU_JAR) SCREENSHOTS=$(SCREENSHOTS) DATABASE_URL= $(PY) -m pytest -m e2e \
		tests/e2e || (echo "Screenshots, and FAILED-*.png of failed tests: $(SCREENSHOTS)/"; exit 1)
	@echo "Screenshots of every page at 390 px and 1280 px: $(SCREENSHOTS)/"
	@$(PY) -c "import json; s = json.load(open('test-results/observatory.json'))['scan']; \
		print(f'MDN HTTP Observatory grade: {s[\"grade\"]} (score {s[\"score\"]})')" \
		2>/dev/null || echo "MDN HTTP Observatory: no grade (the scan did not run)"
	@$(PY) -c "import json; print('A press release entered in the admin took', \
		json.load(open('test-results/press_release_counts.json')))" 2>/dev/null || true

# The cluster of `make cluster`, proven together (tests/cluster/): shared sessions, page
# cache, files and lock-outs across two servers; Redis, the object store or a server down.
test-cluster: install-dev
	@echo "== Two application servers on PostgreSQL, Redis and an object store =="
	$(TEST_ENV) DATABASE_URL= $(PY) -m pytest -m cluster tests/cluster

test: lint test-sqlite test-postgres test-e2e test-cluster

# Load test of the public pages at full size (see bench/run.py); needs wrk. Its cluster
# row needs what `make cluster` needs, and moto (a dev dependency).
bench: install-dev
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -q wrk >/dev/null \
		|| (apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null); } \
		|| { echo "wrk is needed: apt-get install wrk"; exit 1; }
	$(PY) -m bench.run

# Where an uncached page's time goes on the full archive (bench/profile.py):
# make profile PAGE=/en/events/   (several: PAGE="/en/events/ /en/people/")
PAGE ?= /en/events/
profile: install
	$(PY) -m bench.profile $(PAGE)

# The cluster row alone (bench/cluster.py): two servers behind nginx against one.
bench-cluster: install-dev
	@command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk"; exit 1; }
	$(PY) -m bench.cluster

bench-media: install
	$(PY) -m bench.media_upload

# Each language's uncached pages against the English pages before the site had languages
# (bench/languages.py), in process on the full archive that `make bench` builds.
bench-languages: install
	$(PY) -m bench.languages

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .import_linter_cache *.egg-info
