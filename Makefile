# The two commands of README.md: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/ciso

.DEFAULT_GOAL := help
.PHONY: help run test admin lint format messages

# The Nu HTML Checker of the HTML test, pinned in tests/html/package-lock.json (no install
# script: it would fetch a Java runtime; the system's java runs it).
VNU_JAR := tests/html/node_modules/vnu-jar/build/dist/vnu.jar

help:
	@echo "make run    install, migrate, load the initial content and serve http://127.0.0.1:$(PORT)/"
	@echo "make test   install and run the whole test suite on PostgreSQL"
	@echo "make admin  create a superuser to sign in to /admin/"
	@echo "make lint   ruff check and ruff format --check"
	@echo "make messages  update and compile the FR/EN catalogues in locale/"

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

# Development server: DEBUG on unless the environment says otherwise; SQLite under var/
# unless DATABASE_URL is set.
run admin: export DEBUG ?= true
run: $(VENV)/.run-deps
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_initial_content
	@# Only needed with DEBUG=false (fingerprinted files), quick when nothing changed.
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo
	@echo "  The site:  http://127.0.0.1:$(PORT)/   (French: /fr/, English: /en/)"
	@echo "  The admin: http://127.0.0.1:$(PORT)/admin/ -- create an account with 'make admin'"
	@echo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

admin: $(VENV)/.run-deps
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createsuperuser

$(VNU_JAR): tests/html/package.json tests/html/package-lock.json
	@if command -v npm >/dev/null; then \
		cd tests/html && npm ci --ignore-scripts --no-audit --no-fund --loglevel error && touch $(CURDIR)/$@; \
	else \
		echo "npm is missing: the HTML validity test will be skipped (it fails under CI=true)"; \
	fi

test: export DATABASE_URL ?= $(TEST_DATABASE_URL)
test: $(VENV)/.test-deps $(VNU_JAR)
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
