#!/bin/sh
# Container entry point: bring the database schema up to date, then run the command
# (gunicorn by default, see the Dockerfile's CMD).
#
# It waits for nothing: docker-compose.yml starts `web` only once `db` is healthy.
# --noinput matters: our migrate also syncs the Wagtail page translation columns and would
# otherwise stop to ask a question that nobody in a container can answer.
# `docker compose exec web ...` does not go through this script.
set -eu

python manage.py migrate --noinput

exec "$@"
