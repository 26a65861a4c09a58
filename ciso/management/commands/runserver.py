from django.contrib.staticfiles.management.commands.runserver import Command as RunserverCommand

from ciso.ops import servers


class Command(RunserverCommand):
    """Django's development server (as django.contrib.staticfiles extends it), answering what it
    refuses itself (a request line over 64 KiB: 414) with the site's page (ciso/ops/servers.py)."""

    server_cls = servers.WSGIServer
