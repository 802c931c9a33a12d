"""The resident's profile: public name, district, organisation, emails, where they are verified."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.forms_public import ProfileForm
from accounts.models import ResidencyDeclaration, User, Verification
from home.models import CentrePage


@dataclass
class Residence:
    """Where one user stands with one centre: verified, waiting, refused or not started."""

    centre: CentrePage
    verification: Verification | None
    declaration: ResidencyDeclaration | None

    @property
    def state(self) -> str:
        if self.verification and self.verification.is_active:
            return "verified"
        if self.declaration and self.declaration.state == ResidencyDeclaration.State.PENDING:
            return "pending"
        if self.verification:
            return "revoked"
        if self.declaration and self.declaration.state == ResidencyDeclaration.State.REJECTED:
            return "rejected"
        return "none"


def residences(user: User) -> list[Residence]:
    """Each live centre with the user's latest verification and declaration there."""
    verifications, declarations = {}, {}
    # Oldest first, so the newest (or the active one) is what stays in the dict.
    for item in Verification.objects.filter(user=user).order_by("created_at"):
        if not (item.centre_id in verifications and verifications[item.centre_id].is_active):
            verifications[item.centre_id] = item
    for item in ResidencyDeclaration.objects.filter(user=user).order_by("created_at"):
        declarations[item.centre_id] = item
    return [
        Residence(centre, verifications.get(centre.pk), declarations.get(centre.pk))
        for centre in CentrePage.objects.live().order_by("town", "title")
    ]


@login_required
def profile(request):
    if request.method == "POST":
        # A copy: a form with errors must not rename the user in the page header.
        form = ProfileForm(request.POST, instance=User.objects.get(pk=request.user.pk))
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
    else:
        form = ProfileForm(instance=request.user)
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "residences": residences(request.user)},
    )
