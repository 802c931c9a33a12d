"""The proposals' pages under a consultation's own path (…/propozycje/…, …/kanal/).

`ConsultationPage` serves them as its own sub-URLs (Wagtail's `RoutablePageMixin`), but
consultations sits below proposals and imports none of its views: proposals hands these
patterns over through the `mam_consultation_routes` hook (proposals/wagtail_hooks.py).
Each view receives (request, consultation, ...); the names are `sub_url`'s.
"""

from django.urls import path

from consultations.routes import page_route
from proposals import feeds
from proposals.views import (
    comments,
    detail,
    editing,
    engagement,
    helpers_contact,
    listing,
    submission,
)


def routes() -> list:
    """The URL patterns the consultation page adds to its own."""
    views = [
        ("propozycje/", listing.proposal_list, "proposal_list"),
        ("propozycje/mapa/", listing.proposal_map, "proposal_map"),
        ("propozycje/mapa/geojson/", listing.proposal_geojson, "proposal_geojson"),
        ("propozycje/nowa/", submission.proposal_create, "proposal_create"),
        ("propozycje/podobne/", submission.proposal_similar, "proposal_similar"),
        ("propozycje/<id:pk>/", detail.proposal_detail, "proposal_detail"),
        ("propozycje/<id:pk>/drukuj/", detail.proposal_print, "proposal_print"),
        ("propozycje/<id:pk>/edytuj/", editing.proposal_edit, "proposal_edit"),
        ("propozycje/<id:pk>/wycofaj/", editing.proposal_withdraw, "proposal_withdraw"),
        ("propozycje/<id:pk>/poparcie/", engagement.support, "support"),
        ("propozycje/<id:pk>/pomoc/", engagement.pledge, "pledge"),
        ("propozycje/<id:pk>/obserwuj/", engagement.follow, "follow"),
        (
            "propozycje/<id:pk>/pomocnicy/napisz/",
            helpers_contact.helpers_contact,
            "helpers_contact",
        ),
        ("propozycje/<id:pk>/komentarze/", comments.comment_create, "comment_create"),
        (
            "propozycje/<id:pk>/komentarze/<id:comment_pk>/edytuj/",
            comments.comment_edit,
            "comment_edit",
        ),
        (
            "propozycje/<id:pk>/komentarze/<id:comment_pk>/usun/",
            comments.comment_delete,
            "comment_delete",
        ),
        ("kanal/", feeds.consultation_feed, "feed"),
    ]
    return [path(pattern, page_route(view), name=name) for pattern, view, name in views]
