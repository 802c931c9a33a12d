"""How allauth creates our users: public display name, accepted terms, the residents' group."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.utils import timezone

from accounts import roles
from accounts.notifications import deliver_email


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

    def send_mail(self, template_prefix, email, context):
        """Render the account email here (it needs the request), send it from the worker."""
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        message = self.render_mail(template_prefix, email, {**ctx, **context})
        html = next(
            (body for body, kind in getattr(message, "alternatives", ()) if kind == "text/html"), ""
        )
        deliver_email.enqueue(to=email, subject=message.subject, body=message.body, html=html)
