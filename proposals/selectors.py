"""Reads of proposals: the list with filters and sorting, one in detail.

Similar proposals are found in proposals.similar (re-exported here)."""

import functools

from django.contrib.postgres.search import (
    SearchQuery,
    SearchVector,
    TrigramSimilarity,
)
from django.db import connection
from django.db.models import CharField, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import MD5, Cast, Concat
from django.shortcuts import get_object_or_404

from consultations.models import ConsultationPage
from proposals.models import Follow, Pledge, Proposal, ProposalPhoto, StatusChange, Support
from proposals.similar import (  # noqa: F401  (re-exported: proposals.selectors.similar_proposals)
    SIMILAR_EXCLUDED,
    SIMILARITY,
    STEM,
    STOP_WORDS,
    TRIGRAM,
    WORD_RE,
    _on_postgres,
    similar_proposals,
)

SORTS = ("newest", "supported", "discussed", "random")


def _cards(queryset: QuerySet) -> QuerySet:
    """Add what a card shows (category, first photo) in a fixed number of queries."""
    return queryset.select_related("category", "district").prefetch_related(
        Prefetch("photos", queryset=ProposalPhoto.objects.order_by("position", "pk"))
    )


def _search(queryset: QuerySet, q: str) -> QuerySet:
    if _on_postgres():
        vector = SearchVector("title", weight="A", config="simple") + SearchVector(
            "body", weight="B", config="simple"
        )
        query = SearchQuery(q, config="simple", search_type="websearch")
        return queryset.annotate(
            search=vector, title_similarity=TrigramSimilarity("title", q)
        ).filter(Q(search=query) | Q(title_similarity__gt=0.3))
    return queryset.filter(Q(title__icontains=q) | Q(body__icontains=q))


def search_proposals(queryset: QuerySet, q: str) -> QuerySet:
    """Keep the proposals of `queryset` that match the words `q` (as the list's search does)."""
    return _search(queryset, q.strip())


def proposal_list(
    consultation: ConsultationPage,
    *,
    category: int | None = None,
    district: int | None = None,
    status: str | None = None,
    q: str = "",
    sort: str = "newest",
    seed: int | None = None,
) -> QuerySet:
    """Return the consultation's visible proposals, filtered and sorted, ready for cards.

    "random" orders by a hash of each id and `seed`, so one seed gives the same order on
    every page (the view puts the seed in the links).
    """
    queryset = _cards(Proposal.objects.visible().filter(consultation=consultation))
    if category:
        queryset = queryset.filter(category_id=category)
    if district:
        queryset = queryset.filter(district_id=district)
    if status:
        queryset = queryset.filter(status=status)
    q = q.strip()
    if q:
        queryset = _search(queryset, q)
    if sort == "supported":
        return queryset.order_by("-supports_count", "-created_at", "-pk")
    if sort == "discussed":
        return queryset.order_by("-comments_count", "-created_at", "-pk")
    if sort == "random":
        key = MD5(Concat(Cast("pk", CharField()), Value(f"-{seed or 0}")))
        return queryset.annotate(shuffle=key).order_by("shuffle", "pk")
    return queryset.order_by("-created_at", "-pk")


def _detail_queryset(consultation: ConsultationPage) -> QuerySet:
    return (
        Proposal.objects.filter(consultation=consultation)
        .select_related("category", "district", "author", "submitted_by_staff", "merged_into")
        .prefetch_related(
            Prefetch("photos", queryset=ProposalPhoto.objects.order_by("position", "pk")),
            Prefetch(
                "status_changes",
                queryset=StatusChange.objects.order_by("created_at", "pk"),
            ),
        )
    )


def _own_annotations(user) -> dict:
    """Whether `user` supports and follows the proposal, and their offer of help: the one
    definition of a person's own engagement, for `proposal_detail`'s query and, compiled
    once, for `add_own_engagement`'s."""
    own_pledge = Pledge.objects.filter(proposal=OuterRef("pk"), user=user)
    return {
        "user_supports": Exists(Support.objects.filter(proposal=OuterRef("pk"), user=user)),
        "user_follows": Exists(Follow.objects.filter(proposal=OuterRef("pk"), user=user)),
        "user_pledge_id": Subquery(own_pledge.values("pk")[:1]),
        "user_pledge_note": Subquery(own_pledge.values("note")[:1]),
    }


def proposal_detail(consultation: ConsultationPage, pk: int, user=None) -> Proposal:
    """Return one proposal of the consultation with its photos and status history, or 404.

    Hidden proposals are returned too: the page then shows only the moderator's reason.
    For a signed-in `user` the same query says whether they support, follow or pledged help
    (`user_supports`, `user_follows`, `user_pledge_id`, `user_pledge_note`).
    """
    queryset = _detail_queryset(consultation)
    if user is not None and user.is_authenticated:
        queryset = queryset.annotate(**_own_annotations(user))
    return get_object_or_404(queryset, pk=pk)


def _public_person(person):
    """A copy of a user with only what pages show of them (no email, no password hash)."""
    if person is None:
        return None
    fields = ("display_name", "deleted_at", "organisation_name", "organisation_confirmed_at")
    return type(person)(pk=person.pk, **{field: getattr(person, field) for field in fields})


def shared_proposal_detail(consultation: ConsultationPage, pk: int) -> Proposal:
    """`proposal_detail` without anyone's own data, fit to keep in the shared cache: its
    people reduced to their public fields (proposals/views/fragments.py keeps it per version)."""
    proposal = get_object_or_404(_detail_queryset(consultation), pk=pk)
    proposal.author = _public_person(proposal.author)
    proposal.submitted_by_staff = _public_person(proposal.submitted_by_staff)
    return proposal


# Stand-ins for the person and the proposal while `_own_annotations` is compiled: no real id
# is negative, so each of them is recognised among the SQL's parameters.
_USER, _PROPOSAL = -17, -18


@functools.cache
def _own_engagement_sql(vendor: str) -> tuple[str, tuple]:
    """`_own_annotations` for one proposal, compiled by the ORM once per database vendor: the
    SQL and its parameters, the stand-ins left to be replaced by the user's and proposal's."""
    fields = tuple(_own_annotations(_USER))
    queryset = (
        Proposal.objects.filter(pk=_PROPOSAL)
        .annotate(**_own_annotations(_USER))
        .values_list(*fields)
        .order_by()
    )
    sql, params = queryset.query.sql_with_params()
    if _USER not in params or _PROPOSAL not in params:
        raise ValueError(f"the own-engagement query lost its stand-ins: {params}")
    return sql, tuple(params)


def own_engagement(proposal: Proposal, user) -> tuple[bool, bool, int | None, str | None]:
    """Whether the signed-in `user` supports and follows `proposal`, and their pledge's id and
    note, in one query: `proposal_detail`'s annotations (`_own_annotations`). The SQL is
    compiled once: building the Exists and Subquery for every request cost more Python time
    than reading them."""
    sql, params = _own_engagement_sql(connection.vendor)
    ids = {_USER: user.pk, _PROPOSAL: proposal.pk}
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [ids.get(param, param) if type(param) is int else param for param in params]
        )
        row = cursor.fetchone()
    supports, follows, pledge_id, pledge_note = row or (False, False, None, None)
    return bool(supports), bool(follows), pledge_id, pledge_note


def add_own_engagement(proposal: Proposal, user) -> None:
    """Set `own_engagement` on a proposal read without it (the shared copy) as
    `proposal_detail` sets it: `user_supports`, `user_follows`, `user_pledge_id`,
    `user_pledge_note`."""
    (
        proposal.user_supports,
        proposal.user_follows,
        proposal.user_pledge_id,
        proposal.user_pledge_note,
    ) = own_engagement(proposal, user)


def proposal_points(consultation: ConsultationPage) -> QuerySet:
    """Return the visible proposals with a point on the map, as plain rows for GeoJSON."""
    return (
        Proposal.objects.visible()
        .filter(consultation=consultation, latitude__isnull=False, longitude__isnull=False)
        .order_by("-created_at", "-pk")
        .values(
            "pk",
            "title",
            "latitude",
            "longitude",
            "status",
            "supports_count",
            "category__name",
            "category__colour",
        )
    )


def proposals_found(query: str, *, limit: int = 10) -> list[Proposal]:
    """Proposals anyone may find that match `query`, best first (the site search).

    Not hidden, not withdrawn, in a live consultation without a view restriction: the same
    as Proposal.objects.listed(), written with the search index's filter fields.
    """
    public = list(ConsultationPage.objects.live().public().values_list("pk", flat=True))
    found = (
        Proposal.objects.filter(hidden_at__isnull=True, consultation__in=public)
        .exclude(status=Proposal.Status.WITHDRAWN)
        .select_related("consultation")
        .search(query)
    )
    return list(found[:limit])
