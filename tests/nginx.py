"""deploy/nginx/ciso.conf run by a real nginx on this machine, outside compose: used by
tests/test_nginx.py and by the benchmark (tests/bench/)."""

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_CONF = ROOT / "deploy" / "nginx" / "ciso.conf"
NGINX = shutil.which("nginx", path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin"]))


def site_conf(*, upstream, port, static, media, cache):
    """The site configuration with the compose names replaced by local ones (`cache`: the
    folder of the front cache)."""
    text = SITE_CONF.read_text()
    for old, new in [
        ("proxy_cache_path /var/cache/nginx/ciso ", f"proxy_cache_path {cache} "),
        ("set $ciso_web http://web:8000;", f"set $ciso_web http://127.0.0.1:{upstream};"),
        ("listen 80 default_server;", f"listen 127.0.0.1:{port} default_server;"),
        ("listen [::]:80 default_server;", ""),
        ("alias /app/var/static/;", f"alias {static}/;"),
        ("alias /app/var/static/errors/;", f"alias {static}/errors/;"),
        ("alias /app/var/media/;", f"alias {media}/;"),
    ]:
        assert text.count(old) == 1, f"{old!r} not found once in {SITE_CONF}"
        text = text.replace(old, new)
    return text


def main_conf(directory, site, *, workers=1, connections=64, access_log=None):
    """What the nginx image's nginx.conf provides around conf.d/, in `directory`: its
    `worker_processes auto` and 1024 connections when asked (the benchmark), and its access
    log when given a file."""
    (directory / "site.conf").write_text(site)
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the tmp files
    mime_types = Path("/etc/nginx/mime.types")
    types = (
        f"include {mime_types};"
        if mime_types.exists()
        else "types { text/css css; application/json json; image/jpeg jpg; }"
    )
    (directory / "nginx.conf").write_text(
        f"""{user}pid {directory}/nginx.pid;
worker_processes {workers};
events {{ worker_connections {connections}; }}
http {{
    {types}
    default_type application/octet-stream;
    access_log {access_log or "off"};
    sendfile on;
    keepalive_timeout 65;
    client_body_temp_path {directory}/body;
    proxy_temp_path {directory}/proxy;
    include {directory}/site.conf;
}}
"""
    )
    return directory / "nginx.conf"
