"""The list of a consultation's proposals, the map view and the GeoJSON that feeds it."""

import secrets

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from consultations import participation
from consultations.models import ConsultationPage
from home.models import CentrePage, District
from proposals import geo, selectors
from proposals.models import Proposal
from proposals.views import fragments

PER_PAGE = 12
MAP_PER_PAGE = 20
LEAFLET_JS = "leaflet/leaflet.js"
LEAFLET_CSS = "leaflet/leaflet.css"
SORT_LABELS = [
    ("newest", _("Newest first")),
    ("supported", _("Most supported")),
    ("discussed", _("Most discussed")),
    ("random", _("Random order")),
]


def base_url(request, consultation: ConsultationPage) -> str:
    """The consultation's URL, computed once per request (sub-URLs are appended to it)."""
    return consultation.get_url(request) or consultation.url or "/"


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def leaflet_available() -> bool:
    """Leaflet's files come from a Python package (django-leaflet) when it is installed."""
    return bool(finders.find(LEAFLET_JS))


def map_context() -> dict:
    """What a template needs to load Leaflet and its tiles (nothing is loaded without it)."""
    return {
        "leaflet": leaflet_available(),
        "tiles_url": settings.MAP_TILE_URL,
        "tiles_attribution": settings.MAP_TILE_ATTRIBUTION,
        "leaflet_js": LEAFLET_JS,
        "leaflet_css": LEAFLET_CSS,
    }


def _districts(consultation) -> list:
    """The districts of the consultation's centre, in one query (the centre is an ancestor)."""
    return list(District.objects.filter(centre__in=CentrePage.objects.ancestor_of(consultation)))


def _choices(consultation) -> dict:
    """The categories and districts to filter by, as plain rows (kept with the cards)."""
    return {
        "categories": [
            {"pk": category.pk, "name": category.name} for category in consultation.categories.all()
        ],
        "districts": [
            {"pk": district.pk, "name": district.name} for district in _districts(consultation)
        ],
    }


def _filters(request, categories, districts):
    category = _int_or_none(request.GET.get("category"))
    if category not in {c["pk"] for c in categories}:
        category = None
    district = _int_or_none(request.GET.get("district"))
    if district not in {d["pk"] for d in districts}:
        district = None
    status = request.GET.get("status", "")
    if status not in Proposal.Status.values:
        status = ""
    sort = request.GET.get("sort", "newest")
    if sort not in selectors.SORTS:
        sort = "newest"
    q = request.GET.get("q", "")[:200]
    return {"category": category, "district": district, "status": status, "sort": sort, "q": q}


def _form_context(choices: dict, filters: dict, seed, filtered: bool) -> dict:
    """What the filters' form (includes/proposal_filters.html) shows."""
    return {
        "categories": choices["categories"],
        "districts": choices["districts"],
        "statuses": Proposal.Status.choices,
        "sorts": SORT_LABELS,
        "filters": filters,
        "seed": seed,
        "filtered": filtered,
    }


def proposal_list(request, consultation: ConsultationPage):
    """Cards of proposals, 12 a page, filtered by category, status and words, sorted."""
    base = base_url(request, consultation)
    # What is the same for everyone (the filters' choices, the cards of this page) is rendered
    # once per content version (fragments.py) and read in one round trip.
    choices_key = fragments.key(request, consultation, "filter-choices", path=False)
    cards_key = fragments.key(request, consultation, "listing", base)
    found = cache.get_many([choices_key, cards_key])
    choices = found.get(choices_key)
    if choices is None:
        choices = _choices(consultation)
        cache.set(choices_key, choices, fragments.MAX_AGE)
    categories, districts = choices["categories"], choices["districts"]
    filters = _filters(request, categories, districts)
    seed = _int_or_none(request.GET.get("seed"))
    if filters["sort"] == "random" and seed is None:
        # One seed per visit, carried in the links, keeps the order stable across pages.
        params = request.GET.copy()
        params["seed"] = str(secrets.randbelow(1_000_000))
        params.pop("page", None)
        return redirect(f"{request.path}?{params.urlencode()}")
    filtered = bool(filters["category"] or filters["district"] or filters["status"] or filters["q"])

    form_context = _form_context(choices, filters, seed, filtered)
    form_context["list_url"] = consultation.sub_url("proposal_list", base=base)

    def build() -> dict:
        proposals = selectors.proposal_list(consultation, seed=seed, **filters)
        page_obj = Paginator(proposals, PER_PAGE).get_page(request.GET.get("page"))
        for proposal in page_obj.object_list:
            proposal.url = consultation.sub_url("proposal_detail", base=base, pk=proposal.pk)
            photos = proposal.photos.all()
            proposal.first_photo = photos[0] if photos else None
        context = {"page_obj": page_obj, "filtered": filtered}
        html = render_to_string("proposals/includes/proposal_results.html", context, request)
        # The filters' form depends only on the address and the choices: kept with the cards.
        form = render_to_string("proposals/includes/proposal_filters.html", form_context, request)
        return {"count": page_obj.paginator.count, "html": str(html), "filters": str(form)}

    results = found.get(cards_key)
    if results is None:
        results = build()
        cache.set(cards_key, results, fragments.MAX_AGE)
    context = {
        "page": consultation,
        "consultation": consultation,
        "consultation_url": base,
        # The button to submit is offered only to whom may submit now; others learn why.
        "propose": participation.decide(request.user, consultation, "propose"),
        "results": {"count": results["count"], "html": mark_safe(results["html"])},  # noqa: S308
        "filters_html": mark_safe(results["filters"]),  # noqa: S308 (our template, escaped)
        **form_context,
        "map_url": consultation.sub_url("proposal_map", base=base),
        "create_url": consultation.sub_url("proposal_create", base=base),
    }
    return render(request, "proposals/proposal_list.html", context)


def proposal_map(request, consultation: ConsultationPage):
    """Proposals with a place: a plain list (a page at a time) that works alone, and a map
    when JS can (it asks the GeoJSON for the box it shows)."""
    base = base_url(request, consultation)
    page_obj = Paginator(selectors.proposal_points(consultation), MAP_PER_PAGE).get_page(
        request.GET.get("page")
    )
    points = list(page_obj.object_list)
    for point in points:
        point["url"] = consultation.sub_url("proposal_detail", base=base, pk=point["pk"])
        point["status_label"] = Proposal.Status(point["status"]).label
    context = {
        "page": consultation,
        "consultation": consultation,
        "consultation_url": base,
        "points": points,
        "page_obj": page_obj,
        "leaflet": leaflet_available(),
        "tiles_url": settings.MAP_TILE_URL,
        "tiles_attribution": settings.MAP_TILE_ATTRIBUTION,
        "leaflet_js": LEAFLET_JS,
        "leaflet_css": LEAFLET_CSS,
        "geojson_url": consultation.sub_url("proposal_geojson", base=base),
        "list_url": consultation.sub_url("proposal_list", base=base),
    }
    return render(request, "proposals/proposal_map.html", context)


def proposal_geojson(request, consultation: ConsultationPage):
    """A FeatureCollection of the visible proposals that have a point, inside `?bbox=` when
    given, clustered on the server beyond geo.MAX_FEATURES in cells sized for `?zoom=`
    (proposals/geo.py): the payload is bounded whatever the number of proposals. A malformed
    box or zoom is a 400."""
    try:
        box = geo.parse_bbox(request.GET.get("bbox"))
    except geo.BadBox:
        return JsonResponse(
            {"error": str(_("bbox must be west,south,east,north in degrees."))}, status=400
        )
    try:
        zoom = geo.parse_zoom(request.GET.get("zoom"))
    except geo.BadZoom:
        message = _("zoom must be a whole number from 0 to %(max)d.") % {"max": geo.MAX_ZOOM}
        return JsonResponse({"error": str(message)}, status=400)
    base = base_url(request, consultation)
    found = geo.features(selectors.proposal_points(consultation), box, zoom=zoom)
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [float(row["longitude"]), float(row["latitude"])],
            },
            "properties": {
                "id": row["pk"],
                "title": row["title"],
                "url": consultation.sub_url("proposal_detail", base=base, pk=row["pk"]),
                "category": row["category__name"] or "",
                "colour": row["category__colour"] or "",
                "status": row["status"],
                "status_label": str(Proposal.Status(row["status"]).label),
                "supports": row["supports_count"],
            },
        }
        for row in found.points
    ]
    features += [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [round(cell["longitude"], 6), round(cell["latitude"], 6)],
            },
            "properties": {"cluster": True, "count": cell["count"]},
        }
        for cell in found.clusters
    ]
    return JsonResponse(
        {"type": "FeatureCollection", "clustered": found.clustered, "features": features},
        content_type="application/geo+json",
    )
