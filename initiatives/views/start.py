"""The list of a centre's initiatives and starting one."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from accounts import ratelimit
from consultations.participation import NotAllowed
from home.ids import parse_id
from initiatives import forms, selectors
from initiatives.services import starting
from initiatives.services.rules import (
    start_refusal,
)
from initiatives.views.common import (
    START_LIMIT,
    _base,
    _consultations,
    _detail_url,
    _not_allowed,
    picker_context,
)
from proposals.models import Proposal

PER_PAGE = 12


def initiative_list(request, index):
    # Lazy: a signed-in visitor's list comes from the shared part, which then reads nothing.
    page_obj = SimpleLazyObject(
        lambda: Paginator(selectors.initiatives_listed(index), PER_PAGE).get_page(
            request.GET.get("page")
        )
    )
    context = _base(request, index, page_obj=page_obj)
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
    context = _base(request, index, form=form, origin=origin, **picker_context(index))
    status = 400 if form.is_bound else 200  # a bound form is only shown again with its errors
    return render(request, "initiatives/initiative_form.html", context, status=status)
