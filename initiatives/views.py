"""The pages under a centre's …/inicjatywy/: thin views that call the services.

Each view receives (request, index, ...) from InitiativeIndexPage's routes. Forms post and
redirect back to the initiative; refusals explain themselves (a 403 page or sign-in).
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import ratelimit
from accounts.models import User
from accounts.permissions import BLOCKED, EMAIL, RESIDENCE, refuse
from accounts.roles import is_staff_for
from consultations.models import ConsultationPage
from consultations.participation import NotAllowed
from home.ids import parse_id
from initiatives import detail_page, forms, selectors
from initiatives.models import CommitteeMember, Initiative, Membership, Need
from initiatives.services import actions, membership, needs, rooms, starting, updates
from initiatives.services.rules import (
    is_coordinator,
    is_leader,
    is_organiser,
    refused,
    start_refusal,
)
from proposals.models import Proposal
from proposals.views.listing import map_context
from rooms import services as room_services
from rooms.forms import kinds_for
from rooms.models import Room

START_LIMIT = {"limit": 10, "period": 3600}


def _base(request, index, **extra) -> dict:
    return {"page": index, "index_url": index.sub_url("index", request=request), **extra}


def _not_allowed(request, index, refusal: NotAllowed):
    if refusal.code == "login" or not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if refusal.code in (BLOCKED, EMAIL, RESIDENCE):
        return refuse(request, refusal.code, centre=index.centre)
    context = _base(request, index, message=refusal.message)
    return render(request, "initiatives/not_allowed.html", context, status=403)


def _initiative(request, index, pk) -> Initiative:
    organiser = request.user.is_authenticated and is_organiser(request.user, index.centre)
    found = selectors.initiative_for(index, pk, request.user, organiser=organiser)
    if found is None:
        raise Http404
    found.index = index
    return found


def _detail_url(request, index, initiative) -> str:
    return index.sub_url("detail", request=request, pk=initiative.pk)


def initiative_list(request, index):
    context = _base(request, index, initiatives=selectors.initiatives_listed(index))
    return render(request, "initiatives/initiative_list.html", context)


def initiative_create(request, index):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    refusal = start_refusal(request.user, index.centre)
    if refusal:
        return _not_allowed(request, index, refusal)
    rejected = Proposal.objects.visible().filter(
        status=Proposal.Status.REJECTED, consultation__in=_consultations(index)
    )
    initial = {}
    if request.method == "GET" and "propozycja" in request.GET:
        initial["origin_proposal"] = request.GET["propozycja"]
    form = forms.InitiativeForm(
        request.POST or None, request.FILES or None, proposals=rejected, initial=initial
    )
    wanted = parse_id(request.POST.get("origin_proposal") or initial.get("origin_proposal"))
    origin = rejected.filter(pk=wanted).first() if wanted is not None else None
    if request.method == "POST" and form.is_valid():
        if not ratelimit.hit("initiative-start", str(request.user.pk), **START_LIMIT):
            context = _base(request, index, back_url=index.sub_url("index", request=request))
            return render(request, "initiatives/rate_limited.html", context, status=429)
        data = form.cleaned_data
        try:
            initiative = starting.initiative_start(
                index=index,
                user=request.user,
                title=data["title"],
                issue=data["issue"],
                goal=data["goal"],
                place=data["place"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                area=data.get("area"),
                photos=form.photos(),
                show_name=data["show_name"],
                origin_proposal=data.get("origin_proposal"),
            )
        except NotAllowed as refusal:
            return _not_allowed(request, index, refusal)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you! The centre's organiser will read your initiative and publish "
                    "it, usually within two working days. We will email you."
                ),
            )
            return redirect(_detail_url(request, index, initiative))
    context = _base(request, index, form=form, origin=origin, **map_context())
    return render(request, "initiatives/initiative_form.html", context)


def _consultations(index):
    return ConsultationPage.objects.descendant_of(index.centre)


def linked_activities(request, initiative) -> dict:
    """The centre's activities linked to the initiative (one selector for every caller)."""
    return selectors.linked_activities(initiative, request)


def _map(initiative) -> dict:
    """The initiative's point and area for its page's map (Leaflet draws them when present)."""
    point = None
    if initiative.latitude is not None and initiative.longitude is not None:
        point = [float(initiative.latitude), float(initiative.longitude)]
    area = initiative.area
    if point is None and area is None:
        return {}
    corners = len(area["coordinates"][0]) - 1 if area else 0
    return {**map_context(), "map_data": {"point": point, "area": area}, "area_corners": corners}


def initiative_detail(request, index, pk):
    """The story from the shared parts (initiatives/detail_page.py), the person's bits here."""
    initiative = detail_page.initiative_row(index, pk)
    user = request.user
    own = detail_page.membership(user, initiative) if initiative is not None else None
    member = own is not None and own.kind == Membership.Kind.MEMBER
    if initiative is None or not (
        initiative.is_public
        or member
        or (user.is_authenticated and is_organiser(user, index.centre))
    ):
        raise Http404
    signed_up = set()
    if user.is_authenticated:
        signed_up = set(
            user.need_signups.filter(need__initiative=initiative).values_list("need_id", flat=True)
        )
    leader = own is not None and own.role in (Membership.Role.COORDINATOR, Membership.Role.CONTACT)
    invitation_url = ""
    if member:
        seats = CommitteeMember.objects.filter(initiative=initiative, user=user)
        if seats.filter(consented_at__isnull=True).exists():
            invitation_url = index.sub_url("committee_consent", request=request, pk=pk)
        initiative.open_room_bookings = list(
            initiative.room_bookings.open()
            .filter(ends_at__gt=timezone.now())
            .select_related("room")
            .order_by("starts_at", "pk")
        )
    context = _base(
        request,
        index,
        initiative=initiative,
        story=detail_page.story(request, initiative),
        own=own,
        invitation_url=invitation_url,
        leader=leader,
        coordinator=own is not None and own.role == Membership.Role.COORDINATOR,
        member=member,
        **_map(initiative),
        join_form=forms.JoinForm(
            initial={"kind": own.kind if own else "member", "show_name": own and own.show_name}
        ),
        running=initiative.state == Initiative.State.ACTIVE and not initiative.is_hidden,
    )
    response = render(request, "initiatives/initiative_detail.html", context)
    response.content = detail_page.personalise(
        response.content.decode(),
        request,
        index_url=context["index_url"],
        initiative=initiative,
        signed_up=signed_up,
        leader=leader,
    )
    return response


def _post_action(request, index, pk, act):
    """Run `act(initiative)` for a POST by someone who may contribute; redirect back."""
    if request.method != "POST":
        return redirect(index.sub_url("detail", request=request, pk=pk))
    if not request.user.is_authenticated:
        return redirect_to_login(index.sub_url("detail", request=request, pk=pk))
    initiative = _initiative(request, index, pk)
    try:
        message = act(initiative)
    except NotAllowed as refusal:
        return _not_allowed(request, index, refusal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if message:
            messages.success(request, message)
    return redirect(_detail_url(request, index, initiative))


def initiative_join(request, index, pk):
    def act(initiative):
        if request.POST.get("action") == "leave":
            membership.initiative_leave(initiative=initiative, user=request.user)
            return _("You have left the initiative.")
        form = forms.JoinForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose how you want to take part."))
        joined = membership.initiative_join(
            initiative=initiative, user=request.user, **form.cleaned_data
        )
        if joined.kind == Membership.Kind.MEMBER:
            return _("Welcome to the group! You will get its updates by email.")
        return _("Thank you for your support! You will get the updates by email.")

    return _post_action(request, index, pk, act)


def need_signup(request, index, pk, need_pk):
    def act(initiative):
        need = get_object_or_404(Need, pk=need_pk, initiative=initiative)
        if request.POST.get("action") == "withdraw":
            needs.need_withdraw(need=need, user=request.user)
            return _("You are no longer signed up.")
        form = forms.NeedSignUpForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        needs.need_sign_up(need=need, user=request.user, note=note)
        return _("You are signed up. Thank you!")

    return _post_action(request, index, pk, act)


def _leader_form(
    request, index, pk, form_class, heading, save, *, coordinator=False, form_kwargs=None
):
    """A page with one form for the group's leaders: show it, validate, call `save`
    (`form_kwargs(initiative)` gives the form's extra arguments)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    initiative = _initiative(request, index, pk)
    allowed = (is_coordinator if coordinator else is_leader)(request.user, initiative)
    if not allowed or initiative.state != Initiative.State.ACTIVE:
        message = _("Only the initiative's coordinator or contact person can do this.")
        return _not_allowed(request, index, refused("leader", message))
    extra = form_kwargs(initiative) if form_kwargs else {}
    form = form_class(request.POST or None, request.FILES or None, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            message = save(initiative, form.cleaned_data)
        except NotAllowed as refusal:
            return _not_allowed(request, index, refusal)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, message)
            return redirect(_detail_url(request, index, initiative))
    context = _base(
        request,
        index,
        initiative=initiative,
        form=form,
        heading=heading,
        detail_url=_detail_url(request, index, initiative),
    )
    return render(request, "initiatives/group_form.html", context)


def need_create(request, index, pk):
    def save(initiative, data):
        needs.need_post(initiative=initiative, user=request.user, **data)
        return _("The need is posted.")

    return _leader_form(request, index, pk, forms.NeedForm, _("Post a need"), save)


def update_create(request, index, pk):
    def save(initiative, data):
        updates.update_post(initiative=initiative, user=request.user, **data)
        return _("The update is published and will be emailed to members and supporters.")

    return _leader_form(request, index, pk, forms.UpdateForm, _("Post an update"), save)


def action_create(request, index, pk):
    def form_kwargs(initiative):
        return {"activities": activity_choices(request, initiative)}

    def save(initiative, data):
        data = dict(data)
        activity_id = data.pop("activity", None)
        actions.action_record(
            initiative=initiative, user=request.user, activity_id=activity_id, **data
        )
        return _("The action is recorded.")

    heading = _("Record an action")
    form = forms.ActionForm
    return _leader_form(request, index, pk, form, heading, save, form_kwargs=form_kwargs)


def activity_choices(request, initiative) -> list[tuple[int, str]]:
    """(page id, "title, date") of each activity linked to the initiative, once each, the
    latest date shown: a meeting the group records may point to one of them."""
    found = linked_activities(request, initiative)
    choices = {}
    for row in [*found.get("past", []), *found.get("upcoming", [])]:
        when = date_format(timezone.localtime(row["starts_at"]), "j E Y, H:i")
        choices.setdefault(row["page_id"], f"{row['title']}, {when}")
    return list(choices.items())


def initiative_end(request, index, pk):
    def save(initiative, data):
        actions.initiative_end(initiative=initiative, user=request.user, **data)
        return _("The initiative has ended. Thank you for all you did!")

    heading = _("End the initiative")
    return _leader_form(request, index, pk, forms.EndForm, heading, save, coordinator=True)


def room_request(request, index, pk):
    """Ask for a room of the centre for the group, through the rooms app's request."""

    def form_kwargs(initiative):
        centre = index.centre
        return {
            "rooms": Room.objects.filter(centre=centre, bookable=True),
            "kinds": kinds_for(
                organisation=bool(request.user.organisation_confirmed_at),
                staff=is_staff_for(request.user, room_services.STAFF_PERMISSION, centre),
            ),
            "initial": {"purpose": _("Initiative: %(title)s") % {"title": initiative.title}},
        }

    def save(initiative, data):
        try:
            rooms.room_request(
                initiative=initiative,
                user=request.user,
                room=data["room"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                purpose=data["purpose"],
                people=data["people"],
                user_kind=data["user_kind"],
            )
        except NotAllowed as refusal:  # the centre's rules: a form error to correct
            raise ValidationError(refusal.message) from refusal
        return _("Your request is sent. The centre will confirm or decline it by email.")

    return _leader_form(
        request,
        index,
        pk,
        forms.RoomRequestForm,
        _("Request a room"),
        save,
        form_kwargs=form_kwargs,
    )


def initiative_handover(request, index, pk):
    """The coordinator's page: hand over, name a contact person, become a proposal."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    initiative = _initiative(request, index, pk)
    if not is_coordinator(request.user, initiative) or initiative.state != Initiative.State.ACTIVE:
        message = _("Only the initiative's coordinator can do this.")
        return _not_allowed(request, index, refused("coordinator", message))
    others = (
        Membership.objects.filter(initiative=initiative, kind=Membership.Kind.MEMBER)
        .exclude(user=request.user)
        .select_related("user")
    )
    consultations = selectors.open_consultations(index.centre)
    step = request.POST.get("step") if request.method == "POST" else None
    hand = forms.MemberChoiceForm(request.POST if step == "hand" else None, members=others)
    contact = forms.MemberChoiceForm(request.POST if step == "contact" else None, members=others)
    propose = forms.ConsultationChoiceForm(
        request.POST if step == "propose" else None, consultations=consultations
    )
    bound = {"hand": hand, "contact": contact, "propose": propose}.get(step)
    if bound is not None and bound.is_valid():
        try:
            message = _coordinate(request, initiative, step, bound.cleaned_data)
        except NotAllowed as refusal:
            return _not_allowed(request, index, refusal)
        except ValidationError as error:
            bound.add_error(None, error)
        else:
            messages.success(request, message)
            return redirect(_detail_url(request, index, initiative))
    context = _base(
        request,
        index,
        initiative=initiative,
        detail_url=_detail_url(request, index, initiative),
        hand_form=hand,
        contact_form=contact,
        propose_form=propose,
        others=others,
    )
    return render(request, "initiatives/coordination.html", context)


def _coordinate(request, initiative, step, data) -> str:
    user = request.user
    if step == "hand":
        membership.coordination_hand_over(
            initiative=initiative, coordinator=user, successor=data["member"]
        )
        return _("%(name)s coordinates the initiative now.") % {
            "name": data["member"].user.public_name
        }
    if step == "contact":
        member = data["member"]
        role = "" if member.role == Membership.Role.CONTACT else Membership.Role.CONTACT
        membership.role_set(initiative=initiative, coordinator=user, member=member, role=role)
        return _("The contact persons are changed.")
    actions.initiative_to_proposal(
        initiative=initiative, user=user, consultation=data["consultation"]
    )
    return _("The initiative is now a proposal in the consultation.")


def unsubscribe(request, index, token):
    """Stop an initiative's emails from a signed link, without signing in (GET asks)."""
    ids = updates.unsubscribe_unsign(token)
    initiative = Initiative.objects.filter(pk=ids[0], index=index).first() if ids else None
    person = User.objects.filter(pk=ids[1]).first() if ids else None
    if initiative is None or person is None:
        context = _base(request, index, invalid=True)
        return render(request, "initiatives/unsubscribe.html", context, status=400)
    done = False
    if request.method == "POST":
        updates.emails_stop(initiative=initiative, user=person)
        done = True
    context = _base(request, index, initiative=initiative, done=done, action_url=request.path)
    return render(request, "initiatives/unsubscribe.html", context)
