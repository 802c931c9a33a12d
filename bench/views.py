"""The load run's yardstick: the cheapest answer the same server can give through Django."""

from django.http import HttpResponse


def baseline(request):
    """Return a short fixed text; the middleware stack still runs, no template, no query."""
    return HttpResponse(b"ok\n", content_type="text/plain")
