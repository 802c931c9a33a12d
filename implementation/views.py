"""Public pages of what gets built: a consultation's funded projects with their progress, the
map's GeoJSON, and a centre's overview across the years' votes."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import content_disposition_header

from consultations.models import ConsultationPage
from home.models import CentrePage
from implementation import open_data, selectors
from implementation.forms import FilterForm
from implementation.models import Status
from proposals.views.listing import base_url, map_context
from voting.services.results import published_result

# A town's edition funds tens of projects; the totals and the map cover all of them.
PER_PAGE = 20


def _filters(request, centre) -> tuple[FilterForm, str, int | None]:
    form = FilterForm(request.GET or None, centre=centre)
    if not form.is_bound or not form.is_valid():
        return form, "", None
    district = form.cleaned_data["district"]
    return form, form.cleaned_data["status"], district.pk if district else None


def _listing(request, consultation: ConsultationPage, centre, base: str) -> dict:
    """The filter form and the records it finds, with their totals and points."""
    form, status, district_id = _filters(request, centre)
    found = selectors.records(consultation, status=status, district_id=district_id)
    page_obj = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    for record in page_obj.object_list:
        record.url = consultation.sub_url("proposal_detail", base=base, pk=record.proposal_id)
    return {
        "form": form,
        "filtered": bool(status or district_id),
        "page_obj": page_obj,
        "records": page_obj.object_list,
        "totals": selectors.totals(found),  # of every record found, not only this page's
        "points": [r for r in found if r.proposal.latitude is not None],
    }


def implementation_list(request, consultation: ConsultationPage):
    """Every funded project's record with its progress and money, filtered, and a map.

    The list is the same for everyone (the template keeps it in shared parts, under the
    consultation's version, which the implementation services bump): it is read only when a
    part is rendered, not when it comes from the cache."""
    centre = consultation.centre
    base = base_url(request, consultation)
    context = {
        "page": consultation,
        "consultation": consultation,
        "consultation_url": base,
        "listing": SimpleLazyObject(lambda: _listing(request, consultation, centre, base)),
        "geojson_url": consultation.sub_url("implementation_geojson", base=base),
        "list_url": consultation.sub_url("implementation_list", base=base),
        "overview_url": _overview_url(centre),
        **map_context(),
    }
    return render(request, "implementation/implementation_list.html", context)


def implementation_geojson(request, consultation: ConsultationPage):
    """The funded projects that have a point, for the map (one query)."""
    base = base_url(request, consultation)
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [float(r.proposal.longitude), float(r.proposal.latitude)],
            },
            "properties": {
                "id": r.proposal_id,
                "title": r.proposal.title,
                "url": consultation.sub_url("proposal_detail", base=base, pk=r.proposal_id),
                "status": r.status,
                "status_label": str(Status(r.status).label),
                "percent_done": r.percent_done,
            },
        }
        for r in selectors.records(consultation)
        if r.proposal.latitude is not None and r.proposal.longitude is not None
    ]
    return JsonResponse(
        {"type": "FeatureCollection", "features": features},
        content_type="application/geo+json",
    )


def _overview_url(centre) -> str:
    return reverse("implementation:overview", args=[centre.slug]) if centre else ""


def centre_overview(request, centre: str):
    """What each year's vote of the centre delivered: funded, done, under way, money."""
    found = CentrePage.objects.live().public().filter(slug=centre).first()
    if found is None:
        raise Http404
    editions = selectors.editions(found)
    for edition in editions:
        edition.url = edition.consultation.sub_url("implementation_list", request=request)
    context = {"page": found, "centre": found, "editions": editions}
    return render(request, "implementation/centre_overview.html", context)


def open_data_name(consultation: ConsultationPage, extension: str) -> str:
    return f"realizacja-{consultation.slug}.{extension}"


def _open_data(consultation: ConsultationPage, extension: str, content_type: str, write):
    """The records as a download once the vote's result is published (404 before)."""
    if published_result(consultation) is None:
        raise Http404
    response = HttpResponse(write(open_data.document(consultation)), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        True, open_data_name(consultation, extension)
    )
    return response


def implementation_json(request, consultation: ConsultationPage):
    """The implementation records as open data in JSON."""
    return _open_data(consultation, "json", "application/json", open_data.as_json)


def implementation_csv(request, consultation: ConsultationPage):
    """The implementation records as open data in CSV, one row per project."""
    return _open_data(consultation, "csv", "text/csv; charset=utf-8", open_data.as_csv)
