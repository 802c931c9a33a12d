"""What the group does from its page: joining, needs and sign-ups, updates, actions, the
end, a room at the centre."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.roles import is_staff_for
from consultations.participation import NotAllowed
from initiatives import forms
from initiatives.models import Membership, Need
from initiatives.services import actions, membership, needs, rooms, updates
from initiatives.views.common import (
    _base,
    _detail_url,
    _initiative,
    _leader_form,
    _post_action,
    linked_activities,
)
from rooms import services as room_services
from rooms.forms import kinds_for
from rooms.models import Room


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
    """Sign up (with an optional note for the coordinator) or withdraw; a note too long
    comes back on its own page with the error (400)."""
    withdraw = request.POST.get("action") == "withdraw"
    form = forms.NeedSignUpForm(request.POST)
    signing_up = request.method == "POST" and request.user.is_authenticated and not withdraw
    if signing_up and not form.is_valid():
        return _note_again(request, index, pk, need_pk, form)

    def act(initiative):
        need = get_object_or_404(Need, pk=need_pk, initiative=initiative)
        if withdraw:
            needs.need_withdraw(need=need, user=request.user)
            return _("You are no longer signed up.")
        needs.need_sign_up(need=need, user=request.user, note=form.cleaned_data["note"])
        return _("You are signed up. Thank you!")

    return _post_action(request, index, pk, act)


def _note_again(request, index, pk, need_pk, form):
    """The sign-up form alone, with its error summary, to shorten the note."""
    initiative = _initiative(request, index, pk)
    need = get_object_or_404(Need, pk=need_pk, initiative=initiative)
    context = _base(
        request,
        index,
        initiative=initiative,
        form=form,
        heading=_("Sign up: %(title)s") % {"title": need.title},
        detail_url=_detail_url(request, index, initiative),
    )
    return render(request, "initiatives/group_form.html", context, status=400)


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
