"""What may be embedded on another site, and the embed address of a page's URL (oEmbed).

Only what anyone may see is embedded: a live consultation without a view restriction, a
visible proposal of one, a public centre's upcoming activities. Everything else is "not found".
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.http import Http404, HttpRequest
from django.urls import reverse
from wagtail.models import Site

from consultations.models import ConsultationPage
from events.models import ActivityIndexPage
from home.links import site_url
from home.models import CentrePage
from proposals.models import Proposal

# The size of each kind of embed (width, height) in CSS pixels.
SIZES = {"consultation": (480, 360), "proposal": (480, 360), "activities": (480, 560)}
INDEX_ROUTE = "index_route"


@dataclass(frozen=True)
class Embeddable:
    kind: str  # consultation, proposal or activities
    pk: int
    title: str

    @property
    def path(self) -> str:
        return reverse(f"outreach:embed_{self.kind}", kwargs={"pk": self.pk})


def consultation(pk: int) -> ConsultationPage:
    """A live consultation anyone may see, or 404."""
    found = ConsultationPage.objects.live().public().filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def proposal(pk: int) -> Proposal:
    """A proposal shown to everyone (not hidden, not withdrawn, in a public consultation)."""
    found = Proposal.objects.listed().select_related("consultation").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def activity_index(centre_pk: int) -> ActivityIndexPage:
    """The public activities page of a public centre, or 404."""
    centre = CentrePage.objects.live().public().filter(pk=centre_pk).first()
    index = centre and ActivityIndexPage.objects.child_of(centre).live().public().first()
    if not index:
        raise Http404
    return index


def for_page(page, url_name: str = INDEX_ROUTE, proposal_pk: int | None = None):
    """The embed of a page (and sub-URL) people look at, if it has one; no query."""
    if isinstance(page, ConsultationPage):
        if url_name == "proposal_detail" and proposal_pk is not None:
            return ("proposal", proposal_pk)
        if url_name == INDEX_ROUTE:
            return ("consultation", page.pk)
    if isinstance(page, ActivityIndexPage) and url_name == "upcoming":
        return ("activities", None)  # the centre's id: resolve() looks the parent up
    return None


def _route(request: HttpRequest, path: str):
    """Wagtail's own routing of `path` on the site: (page, url name, kwargs) or None."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    probe = HttpRequest()
    probe.META = request.META
    components = [part for part in path.split("/") if part]
    try:
        result = site.root_page.localized.specific.route(probe, components)
    except Http404:
        return None
    match = getattr(probe, "routable_resolver_match", None)
    if match is None:
        return (result.page, INDEX_ROUTE, {})
    return (result.page, match.url_name, match.kwargs)


def resolve(request: HttpRequest, url: str) -> Embeddable | None:
    """The embeddable thing a URL of this site shows (a page or its embed), or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    if parts.netloc.lower() not in {urlsplit(site_url()).netloc.lower(), request.get_host()}:
        return None
    path = parts.path or "/"
    if path.startswith("/embed/"):
        for kind in SIZES:
            prefix = reverse(f"outreach:embed_{kind}", kwargs={"pk": 0})[:-2]
            rest = path.removeprefix(prefix).rstrip("/")
            if path.startswith(prefix) and rest.isascii() and rest.isdigit() and len(rest) < 10:
                return _checked(kind, int(rest))
        return None
    routed = _route(request, path)
    if routed is None:
        return None
    page, url_name, kwargs = routed
    found = for_page(page.specific, url_name, kwargs.get("pk"))
    if found is None:
        return None
    kind, pk = found
    return _checked(kind, page.get_parent().pk if kind == "activities" else pk)


def _checked(kind: str, pk: int) -> Embeddable | None:
    """The thing if anyone may see it."""
    try:
        if kind == "consultation":
            return Embeddable(kind, pk, consultation(pk).title)
        if kind == "proposal":
            return Embeddable(kind, pk, proposal(pk).title)
        index = activity_index(pk)
        return Embeddable(kind, pk, index.get_parent().title)
    except Http404:
        return None
