"""An initiative's page: the story the same for everyone, rendered once per content version,
and the person's own bits on top (issue #17).

The template keeps the story (description, needs, updates, actions, linked activities, members
who chose to show their name, local applications) in `{% shared_for_everyone %}` parts
(home/page_cache.py: shared_part), under the index's content version, which every service
that changes an initiative bumps on commit (`initiatives.versions.initiatives_changed`). The
story is read lazily: a request whose parts come from the cache reads only the initiative's
row, the person's membership and their sign-ups.

What differs from person to person inside a shared part is marked, and settled here for each
request: a need's sign-up form (the withdraw form for the person's own sign-ups) and the
local applications still in draft (the group's leaders only). Nothing in a part depends on
who rendered it first.
"""

from __future__ import annotations

import re

from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from accounts.views.common import with_next
from initiatives import selectors
from initiatives.models import Initiative, Membership, Update

NEED_FORM = re.compile(r"<!--mam-need:(\d+)-->.*?<!--/mam-need-->", re.DOTALL)
DRAFT = re.compile(r"<!--mam-draft-->.*?<!--/mam-draft-->", re.DOTALL)
REPORT = re.compile(r"<!--mam-report:(\d+)-->.*?<!--/mam-report-->", re.DOTALL)


def initiative_row(index, pk: int) -> Initiative | None:
    """The initiative's own row (and its petition): what the person's bits and the checks of
    who may see it need."""
    found = (
        Initiative.objects.filter(index=index, pk=pk).select_related("petition", "started_by")
    ).first()
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
        return {
            "initiative": full,
            "activities": activities,
            "timeline": selectors.initiative_timeline(full, activities),
            "named_members": [m for m in full.members if m.show_name],
            "public_applications": any(
                a.state != a.State.DRAFT for a in full.local_applications.all()
            ),
        }

    return SimpleLazyObject(load)


def personalise(html: str, request, *, index_url: str, initiative, signed_up, leader) -> str:
    """The page with the person's own bits settled inside the shared parts (no report link
    on one's own update, as accounts_tags.report_link)."""

    def need_form(match: re.Match) -> str:
        need_pk = int(match.group(1))
        if need_pk not in signed_up:
            return match.group(0)
        action = f"{index_url}{initiative.pk}/potrzeby/{need_pk}/zapis/"
        return render_to_string(
            "initiatives/includes/need_withdraw.html", {"action": action}, request=request
        )

    if signed_up:
        html = NEED_FORM.sub(need_form, html)
    if not leader:
        html = DRAFT.sub("", html)
    user_pk = request.user.pk
    return REPORT.sub(
        lambda m: "" if user_pk is not None and int(m.group(1)) == user_pk else m.group(0), html
    )
