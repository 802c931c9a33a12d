"""An initiative's page: the story from the shared parts (initiatives/detail_page.py), the
person's own bits rendered between them, never inside."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from home import page_cache
from initiatives import detail_page, forms
from initiatives.models import CommitteeMember, Initiative, Membership
from initiatives.services.editing import EDITABLE_STATES
from initiatives.services.rules import ORGANISER_PERMISSION, is_organiser, person_refusal
from initiatives.views.common import _base, _map


def initiative_detail(request, index, pk):
    """The story from the shared parts, the person's bits here."""
    page_cache.hold_versions(index, request)  # the parts' key before the rows they show
    user = request.user
    initiative, own = detail_page.initiative_row(index, pk, user)
    member = own is not None and own.kind == Membership.Kind.MEMBER
    organiser = _organiser(user, index) if initiative is not None else False
    if initiative is None or not initiative.is_public and not member and not organiser:
        raise Http404
    running = initiative.state == Initiative.State.ACTIVE and not initiative.is_hidden
    context = _base(
        request,
        index,
        initiative=initiative,
        story=detail_page.story(request, initiative),
        own=own,
        member=member,
        running=running,
        # Someone signed in with nothing of their own on the page (no membership, sign-up,
        # or organiser's rights) sees what every such person sees: one shared part. A visitor
        # who is not signed in shares another one, with a sign-in link instead of the forms
        # (no form to post, so no CSRF token: their copy of the page is the same for all).
        visitor=not user.is_authenticated,
        outsider=user.is_authenticated
        and own is None
        and not organiser
        and not getattr(initiative, "signed_up", False),
        **_map(initiative),
        **_own_bits(request, index, initiative, own, organiser=organiser, running=running),
    )
    context["detail_url"] = f"{context['index_url']}{initiative.pk}/"
    return render(request, "initiatives/initiative_detail.html", context)


def _organiser(user, index) -> bool:
    """The centre's organiser; the centre (a query) is looked up only for someone who holds
    the organiser's permission somewhere (the permission sets are cached)."""
    if not user.is_authenticated:
        return False
    if not user.is_superuser and not user.has_perm(ORGANISER_PERMISSION):
        return False
    return is_organiser(user, index.centre)


def _own_bits(request, index, initiative, own, *, organiser, running) -> dict:
    """What only this person sees: their forms, invitation, the group's rooms and drafts,
    the edit link."""
    user = request.user
    member = own is not None and own.kind == Membership.Kind.MEMBER
    leader = own is not None and own.role in (Membership.Role.COORDINATOR, Membership.Role.CONTACT)
    coordinator = own is not None and own.role == Membership.Role.COORDINATOR
    invitation_url = ""
    if member:
        seats = CommitteeMember.objects.filter(initiative=initiative, user=user)
        if seats.filter(consented_at__isnull=True).exists():
            invitation_url = index.sub_url("committee_consent", request=request, pk=initiative.pk)
        initiative.open_room_bookings = list(
            initiative.room_bookings.open()
            .filter(ends_at__gt=timezone.now())
            .select_related("room")
            .order_by("starts_at", "pk")
        )
    initial = {"kind": own.kind if own else "member", "show_name": own and own.show_name}
    return {
        "leader": leader,
        "coordinator": coordinator,
        "invitation_url": invitation_url,
        "needs": detail_page.needs_for(user, initiative) if running else [],
        "drafts": detail_page.drafts_for(initiative) if leader else [],
        "own_timeline": (
            detail_page.timeline_alone(request, initiative)
            if detail_page.wrote_updates(initiative)
            else None
        ),
        "editable": _editable(user, initiative, coordinator=coordinator, organiser=organiser),
        # Built only when rendered: an outsider's form comes with the shared part.
        "join_form": SimpleLazyObject(lambda: forms.JoinForm(initial=initial)),
    }


def _editable(user, initiative, *, coordinator, organiser) -> bool:
    """The edit link: services.editing.may_edit, from what the page already read."""
    if not user.is_authenticated or initiative.state not in EDITABLE_STATES:
        return False
    if coordinator and person_refusal(user) is None:
        return True
    return organiser
