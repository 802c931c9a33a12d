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

Someone with nothing of their own here (no membership, no sign-up, not the organiser) sees
what every such person sees: the template wraps the whole story and the forms in one more
part for them (`{% shared_for_everyone "outsider" if outsider %}`), so their request reads
the initiative's row (with their membership and sign-ups, one query) and that part.

One part has two ways: the updates timeline carries report links, which the author of an
update must not see on their own (accounts_tags.report_link). People who wrote one of the
group's updates get the timeline rendered for them alone, without the links on their own;
everyone else shares one copy, whose links are the same whoever renders it. Whether the person
wrote one is asked of the updates, not of the membership, in the initiative's own query (no
query more): someone who wrote an update and then left the group still gets the timeline
without a link on their own update.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
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
    updates (`viewer_wrote`, in the group or not any more), in one query: what the person's
    bits and the checks of who may see it need."""
    found = Initiative.objects.filter(index=index, pk=pk).select_related("petition")
    if user.is_authenticated:
        own = FilteredRelation("memberships", condition=Q(memberships__user=user))
        signups = NeedSignUp.objects.filter(need__initiative=OuterRef("pk"), user=user)
        wrote = Update.objects.filter(initiative=OuterRef("pk"), author=user)
        found = found.annotate(
            own=own,
            own_pk=F("own__pk"),
            own_kind=F("own__kind"),
            own_role=F("own__role"),
            own_show_name=F("own__show_name"),
            signed_up=Exists(signups),
            viewer_wrote=Exists(wrote),
        )
    initiative = found.first()
    if initiative is None:
        return None, None
    initiative.index = index
    if getattr(initiative, "own_pk", None) is None:
        return initiative, None
    membership = Membership(
        pk=initiative.own_pk,
        initiative=initiative,
        user=user,
        kind=initiative.own_kind,
        role=initiative.own_role,
        show_name=initiative.own_show_name,
    )
    return initiative, membership


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
