"""WSGI entry point: `gunicorn config.wsgi`."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# Everything loaded so far (Django, Wagtail, the apps: about 250,000 objects) lives as long as
# the process. Frozen, the collector no longer walks it on every full collection: those took
# one request in a few hundred 50-700 ms (the anonymous copies' p99 at 4-11× their p50,
# bench/README.md); frozen, no full collection at all in 3,000 requests and p99 ≈ 2× p50.
gc.collect()
gc.freeze()
