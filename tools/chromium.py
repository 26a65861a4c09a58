"""Debian's chromium, as the browser tests and `make screenshots` start it.

Playwright cannot download a browser here. Run as root, chromium needs --no-sandbox; the
network flags keep it from calling Google's hosts, which this machine's closed network refuses.
"""

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
