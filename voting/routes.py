"""The vote's pages under a consultation's own path (…/glosowanie/, …/wyniki/…).

`ConsultationPage` serves them as its own sub-URLs, but consultations sits below voting and
imports none of its views: voting hands these patterns over through the
`mam_consultation_routes` hook (voting/wagtail_hooks.py). The names are `sub_url`'s.
"""

from django.urls import path

from consultations.routes import page_route
from voting.views import results, voting


def routes() -> list:
    """The URL patterns the consultation page adds to its own."""
    views = [
        ("wyniki/", results.results, "results"),
        ("wyniki/karty/json/", results.ballots_json, "ballots_json"),
        ("wyniki/karty/csv/", results.ballots_csv, "ballots_csv"),
        ("wyniki/program/", results.tally_program, "tally_program"),
        ("glosowanie/", voting.vote, "vote"),
    ]
    return [path(route, page_route(view), name=name) for route, view, name in views]
