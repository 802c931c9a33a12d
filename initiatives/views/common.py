"""What the initiative views share: the context, refusals, the initiative of a URL, the
leaders' one-form pages and the POST-and-redirect of small actions."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import BLOCKED, EMAIL, RESIDENCE, refuse
from consultations.models import ConsultationPage
from consultations.participation import NotAllowed
from initiatives import selectors
from initiatives.models import Initiative
from initiatives.services.rules import (
    is_coordinator,
    is_leader,
    is_organiser,
    refused,
)
from proposals.views.listing import map_context

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


def _consultations(index):
    return ConsultationPage.objects.descendant_of(index.centre)


def linked_activities(request, initiative) -> dict:
    """The centre's activities linked to the initiative (one selector for every caller)."""
    return selectors.linked_activities(initiative, request)


PICKER_ZOOM = 15


def picker_context(index) -> dict:
    """Leaflet's context for the point and area pickers, which open on the initiative's
    centre (the proposals' picker reads the consultation's map_* fields: given here)."""
    centre = index.centre
    place = {"map_latitude": None, "map_longitude": None, "map_zoom": PICKER_ZOOM}
    if centre is not None and centre.latitude is not None and centre.longitude is not None:
        place |= {"map_latitude": centre.latitude, "map_longitude": centre.longitude}
    return {**map_context(), "map_centre": place}


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


def _post_action(request, index, pk, act):
    """Run `act(initiative)` for a POST by someone who may contribute; redirect back."""
    if request.method != "POST":
        return redirect(index.sub_url("detail", request=request, pk=pk))
    if not request.user.is_authenticated:
        return redirect_to_login(index.sub_url("detail", request=request, pk=pk))
    initiative = _initiative(request, index, pk)
    if refusal := run_action(request, index, act, initiative):
        return refusal
    return redirect(_detail_url(request, index, initiative))


def run_action(request, index, act, *args):
    """Run `act(*args)` for a POST: its message becomes a success message, bad input an error
    message; a refusal returns its page (the caller redirects otherwise)."""
    try:
        message = act(*args)
    except NotAllowed as refusal:
        return _not_allowed(request, index, refusal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if message:
            messages.success(request, message)
    return None


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
