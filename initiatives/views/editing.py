"""Editing an initiative after it is started (the coordinator and the centre's organisers)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import ratelimit
from consultations.participation import NotAllowed
from initiatives.edit_form import InitiativeEditForm
from initiatives.services import editing
from initiatives.services.rules import refused
from initiatives.views.common import (
    _base,
    _detail_url,
    _initiative,
    _not_allowed,
    picker_context,
)

EDIT_LIMIT = {"limit": 20, "period": 3600}


def initiative_edit(request, index, pk):
    """The start form's questions filled with the initiative as it is; each change dated."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    initiative = _initiative(request, index, pk)
    if not editing.may_edit(request.user, initiative):
        message = _("Only the initiative's coordinator or the organiser can edit it.")
        return _not_allowed(request, index, refused("coordinator", message))
    form = InitiativeEditForm(request.POST or None, request.FILES or None, initiative=initiative)
    status = 200
    if request.method == "POST":
        if not ratelimit.hit("initiative-edit", str(request.user.pk), **EDIT_LIMIT):
            context = _base(request, index, back_url=_detail_url(request, index, initiative))
            return render(request, "initiatives/rate_limited.html", context, status=429)
        if form.is_valid():
            try:
                changed = _save(request, initiative, form)
            except NotAllowed as refusal:
                return _not_allowed(request, index, refusal)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if changed:
                    messages.success(request, _("Your changes are saved."))
                else:
                    messages.info(request, _("Nothing was changed."))
                return redirect(_detail_url(request, index, initiative))
        status = 400
    context = _base(
        request,
        index,
        initiative=initiative,
        form=form,
        detail_url=_detail_url(request, index, initiative),
        **picker_context(index),
    )
    return render(request, "initiatives/initiative_edit.html", context, status=status)


def _save(request, initiative, form) -> list[str]:
    data = form.cleaned_data
    return editing.initiative_edit(
        initiative=initiative,
        user=request.user,
        title=data["title"],
        issue=data["issue"],
        goal=data["goal"],
        place=data["place"],
        latitude=data["latitude"],
        longitude=data["longitude"],
        area=data.get("area"),
        remove_photos=data.get("remove_photos") or [],
        photos=form.photos(),
        alt_texts=form.alt_texts(),
    )
