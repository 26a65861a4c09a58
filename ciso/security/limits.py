"""Limits on guessing: the client address django-axes counts sign-in failures against, its
lockout page, and the limits on page passwords and password reset requests."""

import hashlib
import math
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.cache import patch_cache_control


def client_ip(request):
    """The address django-axes counts sign-in failures against.

    Without a proxy it is the peer's address. Behind TRUSTED_PROXY_COUNT proxies, each of which
    appends the address it received the request from to X-Forwarded-For, the client is the
    entry added by the outermost trusted proxy: TRUSTED_PROXY_COUNT from the right. Entries
    further left were written by the client and could be anything.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote_addr
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if len(hops) < count:
        return remote_addr
    return hops[-count]


def lockout_response(request, original_response=None, credentials=None):
    """What django-axes answers to a locked-out sign-in: the admin's sign-in screen with a
    message in the visitor's language, status 429 (Too Many Requests)."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "ciso/admin/lockout.html", {"minutes": minutes}, status=429)


@dataclass(frozen=True)
class AttemptLimit:
    """`attempts` tries within `period` for one key (an address and a page, an account…), then
    a pause of `period` for that key. Each try is counted before it is made, in one atomic step,
    so that tries sent in parallel cannot all pass before any is counted.

    Counted in the default cache. With Redis (REDIS_URL, as in the compose stack) every gunicorn
    worker shares the count; without it (`make serve`, the image run without REDIS_URL) each
    worker counts in its own memory, and a limit allows that many times more tries in all.
    Should the cache be unreachable nothing is paused: nginx's limits still hold
    (deploy/nginx/ciso.conf)."""

    name: str
    attempts: int
    period: timedelta

    def _keys(self, parts):
        digest = hashlib.sha256("\n".join(map(str, parts)).encode()).hexdigest()
        key = f"ciso:attempts:{self.name}:{digest}"
        return key, f"{key}:paused-until"

    def paused_for(self, *parts):
        """How many seconds before the key may try again: 0 when it may now."""
        until = cache.get(self._keys(parts)[1])
        return max(0, math.ceil(until - time.time())) if until else 0

    def count(self, *parts):
        """Count one try, before making it; the last one allowed starts the pause. Returns 0
        when this try may be made, else paused_for(): it is over the limit."""
        count_key, pause_key = self._keys(parts)
        seconds = int(self.period.total_seconds())
        cache.add(count_key, 0, seconds)
        try:
            tries = cache.incr(count_key)
        except ValueError:  # expired between the two calls
            tries = 1
            cache.set(count_key, tries, seconds)
        if tries is None or tries < self.attempts:  # None: the cache is unreachable
            return 0
        # The count is left to expire: it does so before the pause ends (it began earlier), and
        # a fresh count meanwhile would let tries in parallel with this one through.
        cache.add(pause_key, time.time() + seconds, seconds)
        return 0 if tries == self.attempts else self.paused_for(*parts) or seconds

    def clear(self, *parts):
        cache.delete_many(self._keys(parts))


def retry_later(response, seconds):
    """`response` as the answer to a try over a limit: status 429, `Retry-After` the seconds
    left in the pause, and never kept by a cache (the next try must reach the view)."""
    response.status_code = 429
    response["Retry-After"] = str(int(seconds))
    patch_cache_control(response, no_store=True)
    return response


# The limits, all here. A visitor who mistypes a page's password a few times, or an editor who
# asks for a second reset mail, never meets them; a script meets them at once.
# - Page passwords: per client address and page (the page's restriction, which its subpages
#   share: one password, one count), 10 wrong passwords within 15 minutes, then 15 minutes'
#   pause, even for the right password.
PAGE_PASSWORD_LIMIT = AttemptLimit("page-password", attempts=10, period=timedelta(minutes=15))
# - Admin password reset, each request of which may send a mail: 10 requests an hour from one
#   address (an office behind one connection), 3 an hour for one e-mail address, counted whether
#   an account has it or not (the answer must not tell), then an hour's pause.
PASSWORD_RESET_ADDRESS_LIMIT = AttemptLimit(
    "password-reset-address", attempts=10, period=timedelta(hours=1)
)
PASSWORD_RESET_ACCOUNT_LIMIT = AttemptLimit(
    "password-reset-account", attempts=3, period=timedelta(hours=1)
)


def whole_minutes(seconds):
    return max(1, math.ceil(seconds / 60))
