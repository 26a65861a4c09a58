# Production image of the CISO site: gunicorn serving Django/Wagtail, static files through
# WhiteNoise. Configuration comes from the environment at run time (see .env.example).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DEBUG=false \
    WEB_CONCURRENCY=2

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
# ones come from the environment at run time. (The compiled .mo catalogues are in git.)
RUN SECRET_KEY=build-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput

# Uploaded files are the only thing the application writes; a named volume mounted here
# inherits this ownership when it is first created.
RUN mkdir -p /app/var/media && chown ciso:ciso /app/var/media

USER ciso

EXPOSE 8000

# Bring the schema up to date, then serve. --noinput matters: our migrate also syncs the
# Wagtail page translation columns and would otherwise ask a question nobody can answer.
# A shell expands ${PORT:-8000}; exec hands gunicorn PID 1 so that it gets the stop signal.
# gunicorn reads the number of workers from WEB_CONCURRENCY by itself.
CMD ["sh", "-c", "python manage.py migrate --noinput && exec gunicorn ciso.wsgi:application --bind 0.0.0.0:${PORT:-8000} --access-logfile -"]
