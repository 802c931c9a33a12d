"""An initiative's page: the story the same for everyone, rendered once per content version,
and the person's own bits beside it (issue #17).

The template keeps the story (description, edits, needs, updates, actions, linked
activities, members who chose to show their name, local applications past the draft) in
`{% shared_for_everyone %}` parts (home/page_cache.py: shared_part), under the index's
content version, which every service that changes an initiative bumps on commit
(`initiatives.versions.initiatives_changed`). Nothing inside a part depends on who asks, so
nothing is taken out of it afterwards: what is the person's own — their membership, their
sign-up and withdraw forms, the leaders' controls and drafts, the edit link, every form with
its CSRF token — is rendered outside the parts, from the reads below. The story is read
lazily: a request whose parts come from the cache reads only the initiative's row and the
person's own rows.

Someone signed in with nothing of their own here (no membership, no sign-up, not the
organiser) sees what every such person sees: the template wraps the whole story and the forms
in one more part for them (`{% shared_for_everyone "outsider" if outsider %}`), so their
request reads the initiative's row (with their membership and sign-ups, one query) and that
part. A visitor who is not signed in gets another such part (`"visitor"`), with how to take
part and a sign-in link where the forms are: nothing to post, so their page carries no CSRF
token and its anonymous copy is served as it is.

One part has two ways: the updates timeline carries report links, which the author of an
update must not see on their own (accounts_tags.report_link). People who wrote one of the
group's updates get the timeline rendered for them alone, without the links on their own;
everyone else shares one copy, whose links are the same whoever renders it. Whether the person
wrote one is asked of the updates, not of the membership, in the initiative's own query (no
query more): someone who wrote an update and then left the group still gets the timeline
without a link on their own update.
"""

from __future__ import annotations

import functools

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Exists, F, FilteredRelation, OuterRef, Q
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from accounts.views.common import with_next
from initiatives import history, selectors
from initiatives.models import (
    Initiative,
    LocalInitiativeApplication,
    Membership,
    Need,
    NeedSignUp,
    Update,
)


def initiative_row(index, pk: int, user) -> tuple[Initiative | None, Membership | None]:
    """The initiative's own row (and its petition), with the person's membership, whether
    they signed up for one of its needs (`signed_up`) and whether they wrote one of its
    updates (`viewer_wrote`, in the group or not any more): what the person's bits and the
    checks of who may see it need. Two plain queries: the row, then the person's own bits
    (`own_bits`, compiled once)."""
    # One row by its key: no ORDER BY (`.first()` would add the model's ordering).
    found = Initiative.objects.filter(index=index, pk=pk).select_related("petition").order_by()
    initiative = next(iter(found[:1]), None)
    if initiative is None:
        return None, None
    initiative.index = index
    if not user.is_authenticated:
        return initiative, None
    own_pk, kind, role, show_name, initiative.signed_up, initiative.viewer_wrote = own_bits(
        initiative.pk, user.pk
    )
    if own_pk is None:
        return initiative, None
    membership = Membership(
        pk=own_pk, initiative=initiative, user=user, kind=kind, role=role, show_name=show_name
    )
    return initiative, membership


# Stand-ins for the initiative and the person while `_own_bits_sql` is compiled: no real id is
# negative, so each is recognised among the SQL's parameters.
_INITIATIVE, _USER = -21, -22


@functools.cache
def _own_bits_sql(vendor: str) -> tuple[str, tuple]:
    """The person's membership (id, kind, role, show_name), whether they signed up for one of
    the needs and whether they wrote one of the updates, as one row of the initiative, compiled
    by the ORM once per database vendor: building the FilteredRelation and the Exists for every
    request cost more Python time than the query (bench/RESULTS.md, 2026-12-05 13:30)."""
    queryset = (
        Initiative.objects.filter(pk=_INITIATIVE)
        .annotate(
            own=FilteredRelation("memberships", condition=Q(memberships__user=_USER)),
            own_pk=F("own__pk"),
            own_kind=F("own__kind"),
            own_role=F("own__role"),
            own_show_name=F("own__show_name"),
            signed_up=Exists(
                NeedSignUp.objects.filter(need__initiative=OuterRef("pk"), user=_USER)
            ),
            viewer_wrote=Exists(Update.objects.filter(initiative=OuterRef("pk"), author=_USER)),
        )
        .values_list("own_pk", "own_kind", "own_role", "own_show_name", "signed_up", "viewer_wrote")
        .order_by()
    )
    sql, params = queryset.query.sql_with_params()
    if _USER not in params or _INITIATIVE not in params:
        raise ValueError(f"the own-bits query lost its stand-ins: {params}")
    return sql, tuple(params)


def own_bits(initiative_pk: int, user_pk: int) -> tuple:
    """`(membership id or None, kind, role, show_name, signed_up, viewer_wrote)` of the person
    on the initiative, in one query."""
    sql, params = _own_bits_sql(connection.vendor)
    ids = {_USER: user_pk, _INITIATIVE: initiative_pk}
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [ids.get(param, param) if type(param) is int else param for param in params]
        )
        row = cursor.fetchone()
    own_pk, kind, role, show_name, signed_up, wrote = row or (None, "", "", False, False, False)
    return own_pk, kind, role, bool(show_name), bool(signed_up), bool(wrote)


def _update_report_url(request, update: Update, content_type_pk: int) -> str:
    """The report link as anyone but its author sees it (accounts_tags.report_link)."""
    if update.is_hidden:
        return ""
    url = reverse("accounts:report", args=[content_type_pk, update.pk])
    return with_next(url, request.get_full_path())


def story(request, initiative: Initiative):
    """The shared story, loaded only when a part is rendered (not read from the cache)."""

    def load() -> dict:
        full = selectors.initiative_for(initiative.index, initiative.pk, None, organiser=True)
        full.index = initiative.index
        activities = selectors.linked_activities(full, request)
        content_type = ContentType.objects.get_for_model(Update)
        for update in full.updates.all():
            update.report_url = _update_report_url(request, update, content_type.pk)
        applications = [a for a in full.local_applications.all() if a.state != a.State.DRAFT]
        return {
            "initiative": full,
            "activities": activities,
            "timeline": selectors.initiative_timeline(full, activities),
            "named_members": [m for m in full.members if m.show_name],
            "public_applications": applications,
            "edits": history.initiative_edits(full),
        }

    return SimpleLazyObject(load)


def timeline_alone(request, initiative: Initiative):
    """The timeline for someone who wrote one of its updates, rendered for them alone: the
    updates and linked activities only, not the whole story (a few queries)."""

    def load() -> list[dict]:
        updates = list(
            Update.objects.filter(initiative=initiative, hidden_at__isnull=True).order_by(
                "-created_at", "-pk"
            )
        )
        content_type = ContentType.objects.get_for_model(Update)
        for update in updates:
            update.report_url = _update_report_url(request, update, content_type.pk)
        activities = selectors.linked_activities(initiative, request)
        return selectors.initiative_timeline(initiative, activities, updates=updates)

    return SimpleLazyObject(load)


def needs_for(user, initiative: Initiative):
    """The needs the person may sign up for or withdraw from, in the page's order, each
    marked `mine` when they are signed up: read (one query) only when rendered."""

    def load() -> list[Need]:
        found = Need.objects.filter(initiative=initiative).order_by("starts_at", "pk")
        if getattr(initiative, "signed_up", False):
            own = NeedSignUp.objects.filter(need=OuterRef("pk"), user=user)
            found = found.annotate(mine=Exists(own))
        return [need for need in found if getattr(need, "mine", False) or need.places_left]

    return SimpleLazyObject(load)


def drafts_for(initiative: Initiative) -> list[LocalInitiativeApplication]:
    """The group's local applications still in draft (its leaders' eyes only)."""
    return list(
        initiative.local_applications.filter(state=LocalInitiativeApplication.State.DRAFT)
        .order_by("pk")
        .only("pk", "title", "state")
    )


def wrote_updates(initiative: Initiative) -> bool:
    """Whether the person who asked for the row wrote one of the group's updates, members or
    not any more (initiative_row's `viewer_wrote`)."""
    return bool(getattr(initiative, "viewer_wrote", False))
