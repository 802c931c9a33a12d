"""The calendar files' URLs (`<centre>/wydarzenia/kalendarz.ics`, `<activity>/kalendarz.ics`).

Wagtail serves pages on paths of slugs ending in a slash; a calendar file ends in ".ics".
This pattern passes such a path to Wagtail's serve view with the file name as one more path
component, which the pages' `ical` routes answer, so everything else is Wagtail's own path.
"""

from django.urls import re_path
from wagtail import views as wagtail_views

ICAL_NAME = "kalendarz.ics"


def serve_ical(request, path: str):
    return wagtail_views.serve(request, f"{path}{ICAL_NAME}/")


ical_pattern = re_path(r"^((?:[\w\-]+/)+)kalendarz\.ics$", serve_ical, name="events_ical")
