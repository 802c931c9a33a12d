"""Who may contribute: signed in, with a confirmed email address, not blocked.

This is the account's standing. The participation rule (consultations.participation) builds
on it for proposing, commenting, supporting, pledging, voting and answering surveys, and adds
the phase and the residency; the accounts' own views (reports, residency) use
`contribution_allowed`. Refusals explain themselves on a 403 page instead of a bare error, so
people know what to do next (`refuse`).
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from accounts.email_status import has_confirmed_email

LOGIN = "login"
EMAIL = "email"
BLOCKED = "blocked"
RESIDENCE = "residence"


def contribution_refusal(user) -> str | None:
    """Say why `user` may not contribute (LOGIN, EMAIL or BLOCKED), or None if they may."""
    if not user.is_authenticated or not user.is_active:
        return LOGIN
    if user.is_blocked:
        return BLOCKED
    if not has_confirmed_email(user):
        return EMAIL
    return None


def refuse(request, reason: str, *, centre=None, status: int = 403):
    """Send anonymous people to sign in; tell everyone else why they cannot go on."""
    if reason == LOGIN:
        return redirect_to_login(request.get_full_path())
    context = {"reason": reason, "centre": centre}
    if reason == RESIDENCE and centre is not None:
        url = reverse("accounts:residency_centre", args=[centre.pk])
        context["residency_url"] = f"{url}?{urlencode({'next': request.get_full_path()})}"
    return render(request, "accounts/forbidden.html", context, status=status)


def contribution_allowed(view_func):
    """Let the view run only for a signed-in user with a confirmed email who is not blocked."""

    @wraps(view_func)
    def wrapper(request, *args, **kwargs):
        reason = contribution_refusal(request.user)
        if reason:
            return refuse(request, reason)
        return view_func(request, *args, **kwargs)

    return wrapper
