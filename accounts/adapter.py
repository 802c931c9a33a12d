"""How allauth creates our users: public display name, accepted terms, the residents' group."""

from allauth.account.adapter import DefaultAccountAdapter
from django.utils import timezone

from accounts import roles


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
