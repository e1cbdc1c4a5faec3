# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SHELL := /bin/bash

.PHONY: run test install migrate seed worker beat serve lint messages

run: install migrate seed
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The suite runs in one process per core (pytest-xdist); each has its own test database.
TEST_PROCESSES ?= auto

test: install
	$(BIN)/python -m pytest -n $(TEST_PROCESSES) $(PYTEST_ARGS)

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[dev]"
	touch $@

migrate: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput

seed: install
	$(BIN)/python manage.py seed_demo

worker: install
	$(BIN)/celery -A antq_portal worker --loglevel=info --concurrency=2

beat: install
	$(BIN)/celery -A antq_portal beat --loglevel=info

# The production stack on this machine, in one command: PostgreSQL and Redis (started already), gunicorn
# serving the hashed static files, a Celery worker and beat. Ctrl-C stops all three.
SERVE_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/antq)
SERVE_REDIS_URL ?= $(or $(REDIS_URL),redis://127.0.0.1:6379/0)
SERVE_WORKERS ?= 3

serve: install
	@mkdir -p var
	@test -s var/secret_key || $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret_key
	export DATABASE_URL='$(SERVE_DATABASE_URL)' REDIS_URL='$(SERVE_REDIS_URL)' DEBUG=false \
	  SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}" SECURE_COOKIES="$${SECURE_COOKIES:-false}" \
	  ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}"; \
	$(BIN)/python manage.py migrate --noinput && \
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0 && \
	{ pids=""; trap 'kill $$pids 2>/dev/null; wait' EXIT INT TERM; \
	  $(BIN)/celery -A antq_portal worker --loglevel=info --concurrency=2 & pids="$$pids $$!"; \
	  $(BIN)/celery -A antq_portal beat --loglevel=info & pids="$$pids $$!"; \
	  $(BIN)/gunicorn antq_portal.wsgi --bind 127.0.0.1:$(PORT) --workers $(SERVE_WORKERS) --access-logfile - & pids="$$pids $$!"; \
	  echo "http://127.0.0.1:$(PORT)/  (health: http://127.0.0.1:$(PORT)/healthz)"; wait -n; }

lint: install
	$(BIN)/ruff check .

messages: install
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=staticfiles
	$(BIN)/python manage.py compilemessages --ignore=.venv
