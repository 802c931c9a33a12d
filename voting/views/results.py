"""The results page of a vote, and the published ballot files anyone can count again.

Nothing here counts votes: the published figures come from the ResultSnapshot that
`voting.services.results.publish_results` froze, and the files are rebuilt from the
same snapshot byte for byte (their SHA-256 is on the page).
"""

import hashlib
from decimal import Decimal
from pathlib import Path

from django.core.cache import cache
from django.db.models import F, TextField, prefetch_related_objects
from django.db.models.functions import MD5, Cast
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail import hooks

from consultations import counting_rules, selectors
from consultations.models import ConsultationPage, Phase
from voting import tally
from voting.models import ResultFile, ResultSnapshot
from voting.services import results as results_service
from voting.services import voting

OPEN, COUNTING, PUBLISHED = "open", "counting", "published"
JSON_TYPE = "application/json"
CSV_TYPE = "text/csv; charset=utf-8"
PYTHON_TYPE = "text/x-python; charset=utf-8"
FIGURES_TEMPLATE = "voting/includes/results_figures.html"
# A copy's key changes with the result, so the copy only lapses to free the cache.
FIGURES_SECONDS = 7 * 24 * 3600


def _download_name(consultation: ConsultationPage, extension: str) -> str:
    return f"karty-{consultation.slug}.{extension}"


def _voting_phases(consultation: ConsultationPage) -> list[Phase]:
    return [p for p in selectors.phases(consultation) if p.kind == Phase.Kind.VOTING]


def _figures_digest():
    """MD5 of the figures as the database stores them: any change to them changes it."""
    return MD5(Cast("figures", TextField()))


def published_summary(consultation: ConsultationPage) -> ResultSnapshot | None:
    """The published result without its (large) figures and ballots, with a figures digest."""
    return (
        ResultSnapshot.objects.filter(consultation=consultation, published_at__isnull=False)
        .defer("figures", "ballots")
        .annotate(figures_digest=_figures_digest())
        .first()
    )


def _figures_key(snapshot_id: int, digest: str, snapshot, base: str) -> str:
    """Everything the rendered figures depend on: another result, a change to this one's
    figures or files, another language or another address of the page gives another key."""
    parts = [
        FIGURES_TEMPLATE,
        str(snapshot_id),
        digest,
        snapshot.ballots_checksum,
        snapshot.csv_checksum,
        snapshot.method,
        str(snapshot.published_at),
        get_language() or "",
        base,
    ]
    return "mam:results:figures:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def published_figures(snapshot, consultation: ConsultationPage, base: str) -> dict:
    """The rendered figures of the published `snapshot` and the rules it was counted by.

    A published result never changes, so the figures (every option's row and bar: the bulk
    of the page) are rendered once and kept in the cache; the key says which result, figures
    and files they show (see _figures_key), so a changed or replaced result is never shown
    from an older copy.
    """
    key = _figures_key(snapshot.pk, snapshot.figures_digest, snapshot, base)
    cached = cache.get(key)
    if cached is not None:
        return {"html": mark_safe(cached["html"]), "rules": cached["rules"]}  # noqa: S308
    full = (
        ResultSnapshot.objects.only("pk", "method", "published_at", "figures")
        .annotate(figures_digest=_figures_digest(), ballots_rules=F("ballots__rules"))
        .get(pk=snapshot.pk)
    )
    context = _published_context(full, consultation, base) | {"method": full.method}
    html = render_to_string(FIGURES_TEMPLATE, context)
    # Stored under the digest of the figures just read, which is what the copy shows.
    key = _figures_key(full.pk, full.figures_digest, snapshot, base)
    cache.set(key, {"html": str(html), "rules": full.ballots_rules}, FIGURES_SECONDS)
    return {"html": mark_safe(html), "rules": full.ballots_rules}  # noqa: S308


def _money(value) -> Decimal:
    return Decimal(value)


def _rules_now(consultation: ConsultationPage) -> dict:
    """The rules as the page sets them (before a result freezes them in its file)."""
    return counting_rules.shown_rules(consultation)


def _option_rows(rows, base, consultation) -> list[dict]:
    return [
        row
        | {
            "url": consultation.sub_url("proposal_detail", base=base, pk=row["id"]),
            "cost_value": _money(row["cost"]) if "cost" in row else None,
        }
        for row in rows
    ]


def _chart(rows, note: str) -> list[dict]:
    return [
        {
            "label": row["title"],
            "value": row["votes"],
            "highlight": row["selected"],
            "note": note if row["selected"] else "",
        }
        for row in rows
    ]


def _published_context(snapshot, consultation: ConsultationPage, base: str) -> dict:
    """Shape the snapshot's figures for the page: winners first, then every option."""
    figures = snapshot.figures
    method = figures["method"]
    rows = _option_rows(figures.get("options", []), base, consultation)
    context = {
        "snapshot": snapshot,
        "turnout": figures["turnout"],
        "turnout_chart": [
            {"label": _("Online"), "value": figures["turnout"]["online"]},
            {"label": _("On paper"), "value": figures["turnout"]["paper"]},
        ],
        "winners": [row for row in rows if row["selected"]],
        "options": rows,
        "ties": results_service.deciding_ties(figures),
        "has_points": any("points" in row for row in rows),
    }
    if method == tally.APPROVAL:
        context["chart"] = _chart(rows, _("selected"))
    elif method == tally.BUDGET:
        context["pools"] = [
            {
                "id": pool["id"],
                "name": pool["name"],
                "amount": _money(pool["amount"]),
                "spent": _money(pool["spent"]),
                "left": _money(pool["left"]),
                "moved_to_town": _money(pool.get("moved_to_town", 0)),
                "moved_in": _money(pool.get("moved_in", 0)),
                "options": (members := [row for row in rows if row["pool"] == pool["id"]]),
                "chart": _chart(members, _("funded")),
                "chart_id": f"chart-{pool['id']}",
            }
            for pool in figures.get("pools", [])
        ]
    elif method == tally.QUESTION:
        context["questions"] = [
            question
            | {
                "chart": [
                    {"label": _("Yes"), "value": question["yes"]},
                    {"label": _("No"), "value": question["no"]},
                    {"label": _("Abstain"), "value": question["abstain"]},
                ],
                "chart_id": f"chart-question-{question['id']}",
            }
            for question in figures.get("questions", [])
        ]
    return context


def results(request, consultation: ConsultationPage):
    """Before publication: when results come (and turnout); after: the result and its proof."""
    if not consultation.voting_method:
        raise Http404
    snapshot = published_summary(consultation)
    if snapshot is not None:
        return _results_page(request, consultation, snapshot=snapshot)
    response = _results_page(request, consultation, snapshot=None)
    # Before publication the page shows live turnout, which no service bumps a version for:
    # no anonymous copy of it (home/page_cache.py stores no response marked no-cache).
    patch_cache_control(response, no_cache=True)
    return response


def _results_page(request, consultation: ConsultationPage, *, snapshot):
    prefetch_related_objects([consultation], "phases")
    now = timezone.now()
    base = consultation.get_url(request) or consultation.url or "/"
    phases = _voting_phases(consultation)
    context = {
        "page": consultation,
        "consultation": consultation,
        "consultation_url": base,
        "method": consultation.voting_method,
        "voting_ends": selectors.last_day(phases[-1]) if phases else None,
        "voting_started": any(phase.starts_at <= now for phase in phases),
    }
    if snapshot is not None:
        figures = published_figures(snapshot, consultation, base)
        context |= {
            "snapshot": snapshot,
            "published_figures": figures["html"],
            "state": PUBLISHED,
            "method": snapshot.method,
            "rules": figures["rules"],
            "json_url": consultation.sub_url("ballots_json", base=base),
            "csv_url": consultation.sub_url("ballots_csv", base=base),
            "program_url": consultation.sub_url("tally_program", base=base),
            "json_name": _download_name(consultation, "json"),
            "csv_name": _download_name(consultation, "csv"),
            "open_data_files": _open_data_files(request, consultation, base),
        }
    else:
        context["state"] = COUNTING if results_service.voting_over(consultation, now) else OPEN
        context["rules"] = _rules_now(consultation)
        if context["state"] == OPEN and consultation.show_turnout and context["voting_started"]:
            context["live_turnout"] = voting.turnout(consultation)
    return render(request, "voting/results.html", context)


def _open_data_files(request, consultation: ConsultationPage, base: str) -> list[dict]:
    """More open-data files of the consultation from apps above voting (the
    `mam_open_data_files` hook: a function of the request, the consultation and its URL
    returning {"title", "description", "files": [{"label", "url", "name"}]} or None)."""
    found = (hook(request, consultation, base) for hook in hooks.get_hooks("mam_open_data_files"))
    return [group for group in found if group]


def _attachment(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _published_download(consultation, file_format: str, content_type: str, extension: str):
    found = results_service.published_file_chunks(consultation, file_format)
    if found is None:
        raise Http404
    size, chunks = found
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Length"] = str(size)
    response["Content-Disposition"] = content_disposition_header(
        True, _download_name(consultation, extension)
    )
    return response


def ballots_json(request, consultation: ConsultationPage):
    """The published ballots as JSON, exactly the bytes whose SHA-256 the page shows, read
    and sent in chunks (the process stays flat whatever the number of ballots)."""
    return _published_download(consultation, ResultFile.Format.JSON, JSON_TYPE, "json")


def ballots_csv(request, consultation: ConsultationPage):
    """The published ballots as CSV (one row per mark), exactly the bytes of its checksum,
    read and sent in chunks."""
    return _published_download(consultation, ResultFile.Format.CSV, CSV_TYPE, "csv")


def tally_program(request, consultation: ConsultationPage):
    """The counting program itself (standard-library Python), to recount at home."""
    if not ResultSnapshot.objects.filter(
        consultation=consultation, published_at__isnull=False
    ).exists():
        raise Http404
    return _attachment(Path(tally.__file__).read_bytes(), PYTHON_TYPE, "tally.py")
