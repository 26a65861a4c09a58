# Production image of the CISO site: gunicorn serving Django/Wagtail. In docker-compose.yml,
# nginx serves the static files (a volume the container fills at start) and the uploaded
# images; WhiteNoise serves the static files when the image runs alone.
# Configuration comes from the environment at run time (see .env.example).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DEBUG=false

# pg_dump and pg_restore for `manage.py backup` and `restore` (Debian bookworm's client 15,
# the major version of the compose stack's database).
RUN apt-get update \
    && apt-get install --yes --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*

# The application runs as an unprivileged user; the code itself stays owned by root
# so that a compromised process cannot rewrite it. It has a home because gunicorn puts its
# control socket in ~/.gunicorn.
RUN useradd --system --create-home --uid 1000 ciso

WORKDIR /app

# Dependencies first, in their own layer: it is reused as long as requirements.txt is unchanged.
COPY requirements.txt .
RUN pip install --requirement requirements.txt

COPY . .

# collectstatic only needs settings to load: the key and host are throwaway values, the real
# ones come from the environment at run time. (The compiled .mo catalogues are in git.) Then
# the error pages nginx serves, made from the templates (they link to the fingerprinted CSS).
RUN SECRET_KEY=build-only ALLOWED_HOSTS=localhost sh -c \
    "python manage.py collectstatic --noinput && python manage.py render_error_pages"

# What the application writes: uploads, the static files it gathers again at start (into the
# volume nginx reads), backups, and var/ itself (the content version file, when there is no
# Redis). A named volume mounted on one of these folders inherits
# this ownership when it is first created.
RUN mkdir -p /app/var/media /app/var/backups \
    && chown ciso:ciso /app/var \
    && chown -R ciso:ciso /app/var/media /app/var/static /app/var/backups

USER ciso

EXPOSE 8000

# Bring the schema up to date, gather the static files (quick: only what changed is copied;
# the compose stack's volume thus follows a new image) and make nginx's error pages again, then
# serve. --noinput matters: our migrate also syncs the Wagtail page translation columns and
# would otherwise ask a question nobody can answer. exec hands gunicorn PID 1 so that it gets
# the stop signal; gunicorn reads gunicorn.conf.py (port, number of workers) from /app.
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py collectstatic --noinput --verbosity 0 && python manage.py render_error_pages --verbosity 0 && exec gunicorn"]
