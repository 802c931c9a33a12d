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
from django.db.models import Exists, OuterRef
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


def initiative_row(index, pk: int, user=None) -> Initiative | None:
    """The initiative's own row (and its petition): what the person's bits and the checks of
    who may see it need; `viewer_wrote`: whether `user` wrote one of its updates, whether or
    not they are still in the group."""
    found = Initiative.objects.filter(index=index, pk=pk).select_related("petition", "started_by")
    if user is not None and user.is_authenticated:
        wrote = Update.objects.filter(initiative=OuterRef("pk"), author=user)
        found = found.annotate(viewer_wrote=Exists(wrote))
    found = found.first()
    if found is not None:
        found.index = index
    return found


def membership(user, initiative: Initiative) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(initiative=initiative, user=user).first()


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


def needs_for(user, initiative: Initiative) -> list[Need]:
    """The needs to sign up for, in the page's order, each marked `mine` when the person is
    signed up (one query)."""
    found = Need.objects.filter(initiative=initiative).order_by("starts_at", "pk")
    if not user.is_authenticated:
        return list(found)
    own = NeedSignUp.objects.filter(need=OuterRef("pk"), user=user)
    return list(found.annotate(mine=Exists(own)))


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
