"""Confirming where a resident lives: choose the town, then a declaration, a code or the desk."""

import math
import time

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import ratelimit
from accounts.forms_public import CentreChoiceForm, CodeForm, DeclarationForm
from accounts.models import ResidencyDeclaration, Verification
from accounts.permissions import contribution_allowed
from accounts.services.residency import (
    CodeError,
    code_redeem,
    declaration_submit,
    verified_elsewhere,
)
from accounts.views.common import safe_next, with_next
from home.models import CentrePage

# Guessing a code is hopeless (see accounts.codes), and these limits keep it so.
CODE_LIMITS = [
    ("verification-code-user", 5, 15 * 60),
    ("verification-code-ip", 20, 60 * 60),
]


def _next(request) -> str | None:
    return safe_next(request, default=None)


def _centre(centre_id) -> CentrePage:
    return get_object_or_404(CentrePage.objects.live(), pk=centre_id)


def _centre_url(centre, next_url=None) -> str:
    return with_next(reverse("accounts:residency_centre", args=[centre.pk]), next_url)


def _context(request, centre, **extra):
    return {
        "centre": centre,
        "next": _next(request),
        "verification": Verification.objects.active()
        .filter(user=request.user, centre=centre)
        .first(),
        **extra,
    }


@contribution_allowed
def choose_centre(request):
    """Ask which town; with only one centre there is nothing to ask."""
    form = CentreChoiceForm(request.GET if "centre" in request.GET else None)
    if form.is_bound and form.is_valid():
        chosen = form.cleaned_data["centre"]
    else:
        centres = list(form.fields["centre"].queryset[:2])
        chosen = centres[0] if len(centres) == 1 and not form.is_bound else None
    if chosen:
        return redirect(_centre_url(chosen, _next(request)))
    context = {"form": form, "next": _next(request)}
    status = 400 if form.is_bound else 200  # a centre that does not exist, or a forged id
    return render(request, "accounts/residency_choose.html", context, status=status)


@contribution_allowed
def centre(request, centre_id):
    """The three ways to confirm residence in one town, and where the user stands there."""
    centre = _centre(centre_id)
    pending = ResidencyDeclaration.objects.filter(
        user=request.user, centre=centre, state=ResidencyDeclaration.State.PENDING
    ).first()
    elsewhere = verified_elsewhere(user=request.user, centre=centre).first()
    context = _context(request, centre, pending=pending, elsewhere=elsewhere)
    return render(request, "accounts/residency_centre.html", context)


@contribution_allowed
def declaration(request, centre_id):
    """Name and address for the centre's staff to check."""
    centre = _centre(centre_id)
    context = _context(request, centre)
    if context["verification"]:
        return redirect(_centre_url(centre, context["next"]))
    pending = ResidencyDeclaration.objects.filter(
        user=request.user, centre=centre, state=ResidencyDeclaration.State.PENDING
    ).first()
    initial = {}
    if pending:
        initial = {
            "first_name": pending.first_name,
            "last_name": pending.last_name,
            "street_address": pending.street_address,
        }
    form = DeclarationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            declaration_submit(user=request.user, centre=centre, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you. We sent your declaration to %(centre)s. "
                    "Their staff will check it, usually within a few working days."
                )
                % {"centre": centre.title},
            )
            return redirect(_centre_url(centre, context["next"]))
    context.update(form=form, pending=pending)
    return render(request, "accounts/residency_declaration.html", context)


def _code_wait(request, *, count: bool) -> int:
    """Minutes until this user and address may try a code again; 0 if they may now.

    With `count`, this attempt is counted first. The windows are ratelimit.hit's fixed ones.
    """
    keys = [str(request.user.pk), get_adapter(request).get_client_ip(request)]
    wait = 0
    for (scope, limit, period), key in zip(CODE_LIMITS, keys, strict=True):
        if count:
            allowed = ratelimit.hit(scope, key, limit=limit, period=period)
        else:
            allowed = not ratelimit.is_limited(scope, key, limit=limit, period=period)
        if not allowed:
            wait = max(wait, math.ceil((period - time.time() % period) / 60))
    return wait


@contribution_allowed
def code(request, centre_id):
    """A single-use code from the centre: checked at once, limited against guessing."""
    centre = _centre(centre_id)
    context = _context(request, centre)
    if context["verification"]:
        return redirect(_centre_url(centre, context["next"]))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if wait := _code_wait(request, count=True):
            context.update(form=CodeForm(), wait=wait)
            response = render(request, "accounts/residency_code.html", context, status=429)
            response["Retry-After"] = str(wait * 60)
            return response
        try:
            code_redeem(user=request.user, code=form.cleaned_data["code"], centre=centre)
        except CodeError as error:
            form.add_error("code", error)
        else:
            messages.success(
                request,
                _("Done: you are a verified resident of %(town)s.")
                % {"town": centre.town or centre.title},
            )
            return redirect(safe_next(request, _centre_url(centre)))
    context.update(form=form, wait=_code_wait(request, count=False))
    return render(request, "accounts/residency_code.html", context)
