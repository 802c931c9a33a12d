"""RODO tools: a copy of your data, and deleting your account. Blocked users may use both."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from accounts import ratelimit
from accounts.forms_public import DeleteAccountForm
from accounts.services.privacy import user_data_export, user_delete

PASSWORD_LIMIT = {"limit": 5, "period": 15 * 60}


@require_safe
@never_cache
@login_required
def data_export(request):
    """Everything we hold about the user, as a JSON file to keep."""
    data = user_data_export(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"mam-moje-dane-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
def account_delete(request):
    """Explain what deleting means, then delete once the user confirms with their password."""
    user = request.user
    key = str(user.pk)
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST":
        if ratelimit.is_limited("delete-account-password", key, **PASSWORD_LIMIT):
            context = {"form": DeleteAccountForm(user=user), "limited": True}
            return render(request, "accounts/delete.html", context, status=429)
        if form.is_valid():
            user_delete(user=user)
            logout(request)
            messages.success(
                request,
                _("Your account has been deleted. Thank you for taking part."),
            )
            return redirect("/")
        if "password" in form.errors:
            ratelimit.hit("delete-account-password", key, **PASSWORD_LIMIT)
    return render(request, "accounts/delete.html", {"form": form})
