"""Error views: the 404 and 500 pages are bilingual and never fail themselves."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def page_not_found(request, exception=None):
    # There is no page to translate: the language links lead to each language's home page.
    return render(request, "404.html", {"alternates_home_only": True}, status=404)


@requires_csrf_token
def server_error(request):
    # Rendered without a request context: nothing that could fail again (database, settings).
    return HttpResponseServerError(loader.get_template("500.html").render())
