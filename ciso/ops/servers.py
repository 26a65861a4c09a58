"""The site's error pages for what the web servers answer themselves, before Django sees the
request: a request line too long for them (414), or one they could not read (400). The pages
are in both languages: under runserver, English first when the raw request line asks for an
address under /en/; otherwise French first (the headers, Accept-Language included, were not
read, and gunicorn does not hand the refused line to the function that writes its page).

- runserver (`make run`): Django's WSGIRequestHandler answers those with http.server's
  `send_error`, whose page is the documented `error_message_format` (and
  `error_content_type`); the site's runserver command serves with a handler that sets them.
- gunicorn (`make serve`, the image): no setting changes the page its workers write
  (`gunicorn.util.write_error`, called by `Worker.handle_error`); gunicorn.conf.py replaces
  that function in each worker.
- nginx: static pages made by `manage.py render_error_pages` (deploy/nginx/ciso.conf).

tests/test_servers.py starts runserver and gunicorn for real: it fails if an upgrade changes
what is replaced here.
"""

import logging
import re

from django.conf import settings
from django.core.servers import basehttp

from ciso import errors

logger = logging.getLogger(__name__)


def page(status, request_line=b""):
    # In the language of the address, whatever language an earlier request left active in this
    # thread: English for "GET /en/…", else French.
    english = re.match(rb"\S+ /en[/?]", request_line or b"")
    return errors.standalone_error_html(status, "en" if english else settings.LANGUAGE_CODE)


class RequestHandler(basehttp.WSGIRequestHandler):
    error_content_type = "text/html; charset=utf-8"

    def send_error(self, code, message=None, explain=None):
        try:
            # A format for the code, message and explanation: the page uses none of them.
            request_line = getattr(self, "raw_requestline", b"")
            self.error_message_format = page(code, request_line).replace("%", "%%")
        except Exception:  # http.server's bare page rather than no answer at all
            logger.exception("The error page for %s could not be rendered", code)
        super().send_error(code, message, explain)


class WSGIServer(basehttp.WSGIServer):
    """runserver's server (the command's `server_cls`), with the handler above: Django's
    basehttp.run() gives it its own handler class."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.RequestHandlerClass = RequestHandler
