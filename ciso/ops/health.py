"""/healthz: is this instance able to serve pages? For the container healthcheck and monitoring.

Cheap and read-only: one `SELECT 1` and one cache write and read of a short-lived key. The
answer is JSON, never cached:

- 200 {"status": "ok"}: database and cache answer;
- 200 {"status": "degraded"}: the cache (Redis) does not answer. Pages are still served,
  only slower, and restarting this container would not bring Redis back, so the container
  stays healthy; Redis's own healthcheck shows the fault;
- 503 {"status": "unavailable"}: the database does not answer; pages get the 503 page.
"""

import logging
import secrets

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def database_answers():
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError as error:
        logger.warning("healthz: the database does not answer: %s", str(error).strip())
        return False


def cache_answers():
    key = f"healthz:{secrets.token_hex(8)}"
    token = secrets.token_hex(8)
    try:
        # A Redis failure is swallowed by django-redis (IGNORE_EXCEPTIONS): the value simply
        # does not come back. Other backends may raise.
        cache.set(key, token, timeout=10)
        answered = cache.get(key) == token
        cache.delete(key)
    except Exception as error:  # any failure of the cache backend means "does not answer"
        logger.warning("healthz: the cache does not answer: %s", error)
        return False
    return answered


@never_cache
@require_safe
def healthz(request):
    checks = {
        "database": "ok" if database_answers() else "unavailable",
        "cache": "ok" if cache_answers() else "unavailable",
    }
    if checks["database"] != "ok":
        status, code = "unavailable", 503
    elif checks["cache"] != "ok":
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, **checks}, status=code)
