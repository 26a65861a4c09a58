"""Error views. The 500 page is Django's own handler rendering templates/500.html."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def page_not_found(request, exception=None):
    # There is no page to translate: the language links lead to each language's home page.
    return render(request, "404.html", {"alternates_home_only": True}, status=404)


def floor(request):
    """The benchmark's framework floor (`make bench`): a trivial view through the same
    middleware as every page. Mounted only when BENCHMARK_FLOOR is set."""
    return HttpResponse("ok", content_type="text/plain")
