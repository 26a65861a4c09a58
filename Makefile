# The two commands of README.md: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/ciso

.DEFAULT_GOAL := help
.PHONY: help run serve bench test system-packages screenshots lighthouse site-content admin lint format messages backup restore

# The Nu HTML Checker of the HTML test, pinned in tests/html/package-lock.json (no install
# script: it would fetch a Java runtime; the system's java runs it).
VNU_JAR := tests/html/node_modules/vnu-jar/build/dist/vnu.jar

help:
	@echo "make run    install, migrate, load the initial content and serve http://127.0.0.1:$(PORT)/"
	@echo "make test   install and run the whole test suite on PostgreSQL"
	@echo "make serve  the same content, production-like: gunicorn, DEBUG off, collected static"
	@echo "make bench  benchmark under gunicorn on PostgreSQL (needs wrk); see README"
	@echo "make screenshots  every page type, FR and EN, at 390 and 1280 px, into var/screenshots/"
	@echo "make lighthouse   Lighthouse's scores of every page type, FR and EN (phone emulation)"
	@echo "make admin  create a superuser to sign in to /admin/"
	@echo "make lint   ruff check and ruff format --check"
	@echo "make messages  update and compile the FR/EN catalogues in locale/"
	@echo "make backup    dump the database and archive the uploads into var/backups/ (timestamped)"
	@echo "make restore BACKUP=var/backups/ciso-YYYYmmdd-HHMMSS   put a backup back (asks first)"

# A stamp per requirements file: the virtualenv is (re)installed only when they change.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.test-deps: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	@touch $@

# Django's development server, serving the site as visitors get it: DEBUG off (the site's own
# error pages, fingerprinted static files served by WhiteNoise), with the key, hosts and plain
# HTTP of `make serve` below. SQLite under var/ unless DATABASE_URL is set. `DEBUG=true make
# run` shows Django's debug pages instead, and static files as they are edited.
admin: export DEBUG ?= true
run: export DEBUG ?= false
run: $(VENV)/.run-deps var/secret_key
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_initial_content
	@# Fingerprinted files for DEBUG off; quick when nothing changed.
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo
	@echo "  The site:  http://127.0.0.1:$(PORT)/   (French: /fr/, English: /en/)"
	@echo "  The admin: http://127.0.0.1:$(PORT)/admin/ -- create an account with 'make admin'"
	@echo "  Django's debug pages instead of the site's error pages: DEBUG=true make run"
	@echo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production-like, on the content `make run` loaded (same DATABASE_URL, SQLite by default):
# DEBUG off, fingerprinted static files, gunicorn (gunicorn.conf.py: 2 workers per CPU + 1, or
# WEB_CONCURRENCY). The key is made once and kept in var/ (git-ignored). Plain HTTP on this
# machine: no redirect to HTTPS and cookies without the Secure flag, or the sign-in would not
# hold. CISO_PAGE_CACHE=0 turns the page cache off.
var/secret_key:
	@mkdir -p var
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

serve: export DEBUG := false
run serve screenshots lighthouse site-content: export SECRET_KEY ?= $(shell cat var/secret_key 2>/dev/null)
run serve screenshots lighthouse site-content: export ALLOWED_HOSTS ?= 127.0.0.1,localhost
run serve screenshots lighthouse site-content: export SECURE_SSL_REDIRECT ?= false
run serve screenshots lighthouse site-content: export SECURE_COOKIES ?= false
# No proxy in front to serve the uploaded images.
run serve screenshots lighthouse site-content: export SERVE_MEDIA ?= true
serve: $(VENV)/.run-deps var/secret_key
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/gunicorn ciso.wsgi:application --bind 127.0.0.1:$(PORT)

# tests/bench/: the site under gunicorn.conf.py, as `make serve` runs it, on a PostgreSQL database
# of its own (BENCH_DATABASE_URL, dropped and made again), beside a plain Django project (the
# floor), and through nginx when it is installed; prints the figures.
bench: $(VENV)/.run-deps
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python -m tests.bench

# Of the content `make run` loaded (same DATABASE_URL), served as `make run` serves it;
# needs Debian's chromium. `make lighthouse`: the same site through Lighthouse (from npm,
# pinned in tools/lighthouse/; needs npm too).
screenshots lighthouse site-content: export DEBUG ?= false
site-content: system-packages $(VENV)/.test-deps var/secret_key
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_initial_content --verbosity 0
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

screenshots: site-content
	$(BIN)/python tools/screenshots.py

lighthouse: site-content
	$(BIN)/python tools/lighthouse.py

admin: $(VENV)/.run-deps
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createsuperuser

$(VNU_JAR): tests/html/package.json tests/html/package-lock.json
	@if command -v npm >/dev/null; then \
		cd tests/html && npm ci --ignore-scripts --no-audit --no-fund --loglevel error && touch $(CURDIR)/$@; \
	else \
		echo "npm is missing: the HTML validity test will be skipped (it fails under CI=true)"; \
	fi

# chromium, Java, npm, nginx and the PostgreSQL client, installed with apt when missing.
system-packages:
	@bash tests/system-packages.sh

test: export DATABASE_URL ?= $(TEST_DATABASE_URL)
test: system-packages $(VENV)/.test-deps $(VNU_JAR)
	@$(BIN)/python tests/check_database.py
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: $(VENV)/.test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.test-deps
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Needs GNU gettext (msgfmt); the compiled .mo files are committed, so running the site does not.
messages: export DEBUG ?= true
messages: $(VENV)/.run-deps
	$(BIN)/python manage.py makemessages --locale fr --locale en --no-location --no-obsolete \
		--ignore '.venv/*' --ignore 'var/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

# Backups of DATABASE_URL (PostgreSQL; needs pg_dump/pg_restore) and MEDIA_ROOT. In the docker
# compose stack: docker compose exec web python manage.py backup (README.md, "Production").
backup: $(VENV)/.run-deps
	$(BIN)/python manage.py backup

restore: $(VENV)/.run-deps
	@test -n "$(BACKUP)" || { echo "Which backup? make restore BACKUP=var/backups/ciso-YYYYmmdd-HHMMSS" >&2; exit 2; }
	$(BIN)/python manage.py restore "$(BACKUP)"
