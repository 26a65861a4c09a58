"""gunicorn's configuration, read by itself from the working directory (the image's /app).

Workers: WEB_CONCURRENCY when set, otherwise 2 per CPU available to the process plus 1
(gunicorn's own advice for synchronous workers). Each worker holds its own database connection
and about 100 MB of memory: on a large host, set WEB_CONCURRENCY.
"""

import gc
import os


def available_cpus():
    # The CPUs this process may run on (a container limited with --cpuset-cpus sees its own),
    # rather than all the host's.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count():
    configured = os.environ.get("WEB_CONCURRENCY", "").strip()
    if configured:
        return max(1, int(configured))
    return available_cpus() * 2 + 1


wsgi_app = "ciso.wsgi:application"
bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = worker_count()
# Access log on stdout, next to the application's log (docker compose logs web).
accesslog = "-"
# nginx buffers slow clients; a request taking longer than this is a bug, not a visitor.
timeout = 30
# No worker recycling: a worker does not leak. Measured with `make bench` (one worker, recycling
# off, every page type in both languages, nothing cached, 2026-12-01): 94 MiB at start, 99 MiB
# once each page was served, 107 MiB after 10,000 requests (caches and the allocator filling),
# then between 105.9 and 108.0 MiB up to 60,000 requests, with no trend. With the page cache on:
# +0.5 MiB over 20,000 requests. Recycling every 2,000 requests restarted each worker every few
# seconds under load (re-importing Django and Wagtail, starting with empty caches) for no gain.
# `make bench` prints the measure again; set max_requests if it ever shows growth.
max_requests = 0
# Request lines (the address) up to gunicorn's maximum, nginx's 8 KB (large_client_header_buffers)
# and Apache's: an address nginx lets through reaches Django. Longer ones get a 414.
limit_request_line = 8190


def freeze_startup_objects():
    """Moves what the worker loaded at start (Django, Wagtail and the site's models) out of
    the garbage collector's sight: it lives as long as the worker, and the collections that
    each request's allocations trigger no longer walk it (3.5 % of the home page's
    instructions, measured with the URLs and templates loaded too, docs/performance.md)."""
    gc.collect()
    gc.freeze()


def post_worker_init(worker):
    # Django is set up in the worker by now: what the worker refuses itself (a 414 above) gets
    # the site's page instead of gunicorn's bare one (ciso/ops/servers.py).
    from ciso.patches import brand_gunicorn_errors

    brand_gunicorn_errors()
    freeze_startup_objects()
