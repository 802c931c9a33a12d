"""Views of the apps above `consultations` served under a consultation's own path.

They reach `ConsultationPage.get_subpage_urls` through the `mam_consultation_routes` hook
(proposals: …/propozycje/…, …/kanal/; review: …/weryfikacja/, the appeal form).
"""


def page_route(view):
    """Adapt a view taking (request, consultation, ...) to a page route (page, request, ...)."""

    def route(page, request, *args, **kwargs):
        return view(request, page, *args, **kwargs)

    return route
