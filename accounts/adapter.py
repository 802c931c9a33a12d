"""How allauth creates our users: public display name, accepted terms, the residents' group;
and how a resident keeps their place (the `next` URL) through sign-up and confirmation."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.models import Site

from accounts import roles
from accounts.notifications import deliver_email
from home.links import site_url


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """Save the new user with what our sign-up form asked for, in one write."""
        user = super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        user.display_name = data.get("display_name", "")
        if data.get("accept_terms"):
            user.accepted_terms_at = timezone.now()
        if commit:
            user.save()
            user.groups.add(roles.global_groups_ensure()["residents"])
        return user

    def get_email_confirmation_url(self, request, emailconfirmation):
        """The link in the email, carrying where the resident was going (a same-site `next`).

        Confirmed in the same browser, allauth signs them in and resumes the sign-up's `next`;
        confirmed elsewhere (a phone's mail app), the link's `next` leads to signing in, and
        from there back to where they came from.
        """
        url = super().get_email_confirmation_url(request, emailconfirmation)
        target = self._safe_next(request)
        if not target:
            return url
        sign_in = f"{reverse('account_login')}?{urlencode({'next': target})}"
        return f"{url}?{urlencode({'next': sign_in})}"

    def _safe_next(self, request) -> str:
        if request is None:
            return ""
        target = request.POST.get("next") or request.GET.get("next") or ""
        # Only a path on this site: never another host, nor a scheme-relative "//host".
        if not target.startswith("/") or target.startswith("//") or not self.is_safe_url(target):
            return ""
        return target

    def send_mail(self, template_prefix, email, context):
        """Account emails speak as the site (its name and address), never as a bare host.

        Rendered here (they need the request), sent from the worker.
        """
        request = allauth_context.request
        site = Site.find_for_request(request) if request is not None else None
        ctx = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            "site_name": (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME,
            "site_url": site_url(),
        }
        message = self.render_mail(template_prefix, email, {**ctx, **context})
        html = next(
            (body for body, kind in getattr(message, "alternatives", ()) if kind == "text/html"), ""
        )
        deliver_email.enqueue(to=email, subject=message.subject, body=message.body, html=html)
