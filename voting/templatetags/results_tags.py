"""Links to a vote's published result from the consultation's page and its proposals."""

from django import template

from voting.models import ResultSnapshot

register = template.Library()

BALLOT_METHODS = ("approval", "budget")
# Statuses a proposal can only have reached through a published vote (or after one).
VOTED_STATUSES = ("selected", "not_selected", "in_progress", "implemented")


def _results_url(consultation) -> str:
    return (consultation.url or "/") + consultation.reverse_subpage("results")


@register.simple_tag
def results_url(consultation) -> str:
    """The results page's address once the result is published, else "" (no vote: no query)."""
    if not consultation.voting_method:
        return ""
    published = ResultSnapshot.objects.filter(
        consultation=consultation, published_at__isnull=False
    ).exists()
    return _results_url(consultation) if published else ""


@register.simple_tag
def proposal_vote(proposal, consultation) -> dict | None:
    """The proposal's line of the published result: votes, rank of how many, selected or not."""
    if consultation.voting_method not in BALLOT_METHODS or proposal.status not in VOTED_STATUSES:
        return None
    figures = (
        ResultSnapshot.objects.filter(consultation=consultation, published_at__isnull=False)
        .values_list("figures", flat=True)
        .first()
    )
    if not figures:
        return None
    rows = figures.get("options", [])
    row = next((row for row in rows if row["id"] == proposal.pk), None)
    if row is None:
        return None
    pool = next((p for p in figures.get("pools", []) if p["id"] == row.get("pool")), None)
    return row | {
        "of": sum(1 for other in rows if other.get("pool") == row.get("pool")),
        "pool_name": pool["name"] if pool else "",
        "budget": consultation.voting_method == "budget",
        "url": _results_url(consultation),
    }
