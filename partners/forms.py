"""The form on which a partner's organisation proposes changes to its entry."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partners.models import EDITABLE_FIELDS, Partner
from proposals.forms import clean_photo_slots, photo_pairs

LOGO_SLOT = [1]


class PartnerEditForm(forms.ModelForm):
    """The editable fields, and a new logo (checked and cleaned like every photo upload)."""

    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    photo_1 = forms.ImageField(
        label=_("New logo"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 8 MB. Leave empty to keep the current logo."),
    )
    alt_1 = forms.CharField(
        label=_("What the logo shows"),
        max_length=250,
        required=False,
        help_text=_("For people who cannot see it, e.g. the organisation's name in green."),
    )

    class Meta:
        model = Partner
        fields = [name for name in EDITABLE_FIELDS if name != "logo_alt"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alt_1"].initial = self.instance.logo_alt
        self.order_fields([*self.Meta.fields, "photo_1", "alt_1"])

    def clean(self):
        cleaned = super().clean()
        return clean_photo_slots(self, cleaned, LOGO_SLOT, kept=lambda n: bool(self.instance.logo))

    def proposed(self) -> dict:
        """The proposed values of the editable fields."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["logo_alt"] = self.cleaned_data.get("alt_1", "").strip()
        return data

    def logo(self):
        pairs = photo_pairs(self.cleaned_data, LOGO_SLOT)
        return pairs[0][0] if pairs else None
