"""The resident's key for the public API: scripts send it as `Authorization: Token <key>`."""

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from rest_framework.authtoken.models import Token

CREATE, REVOKE = "create", "revoke"


@never_cache
@login_required
def api_token(request):
    """Say whether the user has a key; POST creates a new one (shown once) or revokes it."""
    user = request.user
    new_key = ""
    if request.method == "POST":
        action = request.POST.get("action")
        with transaction.atomic():
            Token.objects.filter(user=user).delete()
            if action == CREATE:
                new_key = Token.objects.create(user=user).key
    token = Token.objects.filter(user=user).first()
    context = {
        "token": token,
        "new_key": new_key,
        "revoked": request.method == "POST" and not new_key,
    }
    return render(request, "accounts/api_token.html", context)
