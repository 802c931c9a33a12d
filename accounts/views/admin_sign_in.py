"""Where Wagtail sends people who may not use its admin.

Wagtail sends them to its login URL whether or not they are signed in; allauth's login page
sends a signed-in person straight back to `next`, so a resident who opened /admin/ went round
in circles. Signed-in people without access are told so here instead; the rest sign in.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from accounts.views.common import safe_next


@never_cache
def admin_sign_in(request):
    next_url = safe_next(request, default="wagtailadmin_home")
    if not request.user.is_authenticated:
        return redirect_to_login(next_url, login_url="account_login")
    # Wagtail queued "You do not have permission to access the admin."; this page says it
    # already. Reading the queue marks it shown; the empty list keeps it off this page.
    list(messages.get_messages(request))
    return render(request, "accounts/admin_no_access.html", {"messages": []}, status=403)
