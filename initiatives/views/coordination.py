"""The coordinator's page (hand over, contact persons, become a proposal, who signed up for
the needs; contact persons see only the sign-ups) and the signed unsubscribe link of the
emails."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from accounts.models import User
from consultations.participation import NotAllowed
from initiatives import forms, selectors
from initiatives.models import Initiative, Membership
from initiatives.services import actions, membership, updates
from initiatives.services.rules import is_coordinator, is_leader, refused
from initiatives.views.common import (
    _base,
    _detail_url,
    _initiative,
    _not_allowed,
)


def initiative_handover(request, index, pk):
    """The coordinator's page: hand over, name a contact person, become a proposal, and who
    signed up for the needs with their notes, which contact persons (who organise the people)
    see as well."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    initiative = _initiative(request, index, pk)
    coordinator = is_coordinator(request.user, initiative)
    leader = coordinator or is_leader(request.user, initiative)
    if not leader or initiative.state != Initiative.State.ACTIVE:
        message = _("Only the initiative's coordinator or contact person can do this.")
        return _not_allowed(request, index, refused("leader", message))
    if request.method == "POST" and not coordinator:
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
        coordinator=coordinator,
        detail_url=_detail_url(request, index, initiative),
        hand_form=hand,
        contact_form=contact,
        propose_form=propose,
        others=others,
        needs=selectors.needs_with_signups(initiative),
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
    response = render(request, "initiatives/unsubscribe.html", context)
    patch_cache_control(response, private=True, no_store=True)  # one person's link: no copy
    return response
