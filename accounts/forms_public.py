"""Forms residents fill in: sign-up, profile, residence, deleting the account, reports."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context as allauth_context
from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from accounts import codes
from accounts.models import Report, User
from home.ids import IdChoiceField
from home.models import CentrePage, District, FooterSettings

TERMS_SLUG = "zasady-udzialu"


def legal_pages(request) -> dict[str, Page | None]:
    """The terms of participation and the privacy notice of the request's site, if published."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"terms": None, "privacy": None}
    privacy = FooterSettings.for_site(site).privacy_page
    pages = Page.objects.live().public().descendant_of(site.root_page, inclusive=True)
    return {
        "terms": pages.filter(slug=TERMS_SLUG).first(),
        "privacy": privacy if privacy is not None and privacy.live else None,
    }


def _new_tab_link(page, text):
    return format_html(
        '<a href="{}" target="_blank" rel="noopener">{} ({})</a>',
        page.url,
        text,
        gettext("opens in a new tab"),
    )


def _no_email_address(value):
    if "@" in value:
        raise ValidationError(
            _("Do not use your email address here: other people will see this name.")
        )


class RadioList(forms.RadioSelect):
    """Radios whose group "label" is the first radio, so error summaries can link to it."""

    def id_for_label(self, id_, index=None):
        if index is None and id_:
            return f"{id_}_0"
        return super().id_for_label(id_, index)


class SignupForm(AllauthSignupForm):
    """allauth's sign-up with a public display name and consent to the terms."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        validators=[_no_email_address],
        help_text=_(
            "Shown next to your proposals and comments. A pseudonym is fine; "
            "your email address is never shown."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    accept_terms = forms.BooleanField(
        label=_("I accept the terms of participation and I have read the privacy notice"),
        error_messages={
            "required": _(
                "To create an account, accept the terms of participation and "
                "confirm you have read the privacy notice."
            )
        },
    )

    field_order = ["email", "display_name", "password1", "password2", "accept_terms"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "We will send you a link to confirm it. Nobody else sees it."
        )
        pages = legal_pages(allauth_context.request)
        terms, privacy = pages["terms"], pages["privacy"]
        if terms and privacy:
            self.fields["accept_terms"].help_text = format_html(
                gettext("Read the {terms} and the {privacy}, the RODO information clause."),
                terms=_new_tab_link(terms, gettext("terms of participation")),
                privacy=_new_tab_link(privacy, gettext("privacy notice")),
            )


class ProfileForm(forms.ModelForm):
    """What a resident may change about themselves; blocked users keep their public name."""

    PUBLIC_FIELDS = ["display_name", "organisation_name"]

    class Meta:
        model = User
        fields = [
            "display_name",
            "district",
            "organisation_name",
            "notify_status_changes",
            "notify_comments",
            "share_contact_with_officials",
        ]
        help_texts = {
            "share_contact_with_officials": _(
                "Only the centre's administrators can include them in an export, and each "
                "such export is recorded. You can untick this at any time."
            ),
            "display_name": _(
                "Shown next to your proposals and comments. A pseudonym is fine; "
                "your email address is never shown."
            ),
            "district": _("Helps the centre see which parts of town take part. Not shown."),
            "organisation_name": _(
                "Only if you speak for an organisation or informal group. It is shown next "
                "to your name after the centre's staff confirm it."
            ),
        }
        widgets = {"display_name": forms.TextInput(attrs={"autocomplete": "nickname"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.is_blocked:
            for name in self.PUBLIC_FIELDS:
                del self.fields[name]
        else:
            self.fields["display_name"].required = True
            self.fields["display_name"].validators.append(_no_email_address)
            self._describe_organisation_status()
        district = self.fields["district"]
        district.queryset = District.objects.filter(centre__live=True)
        district.choices = self._district_choices()

    def _describe_organisation_status(self):
        user = self.instance
        if not user.organisation_name:
            return
        if user.organisation_confirmed_at:
            status = gettext("The centre has confirmed “%(name)s”.")
        else:
            status = gettext("“%(name)s” is waiting for confirmation by the centre.")
        field = self.fields["organisation_name"]
        field.help_text = format_html(
            "{} <strong>{}</strong>", field.help_text, status % {"name": user.organisation_name}
        )

    def _district_choices(self):
        """Districts grouped under their town, for a select with option groups."""
        groups: dict[str, list] = {}
        for item in (
            District.objects.filter(centre__live=True)
            .select_related("centre")
            .order_by("centre__town", "centre__title", "sort_order", "name")
        ):
            groups.setdefault(item.centre.town or item.centre.title, []).append(
                (item.pk, item.name)
            )
        return [("", gettext("Not chosen")), *groups.items()]

    def save(self, commit=True):
        user = super().save(commit=False)
        if "organisation_name" in self.changed_data:
            # Staff confirmed the old name, not the new one.
            user.organisation_confirmed_at = None
            user.organisation_confirmed_by = None
        if commit:
            user.save()
        return user


class CentreChoiceForm(forms.Form):
    centre = IdChoiceField(
        label=_("Which town do you live in?"),
        queryset=CentrePage.objects.none(),
        widget=RadioList,
        empty_label=None,
        error_messages={"required": _("Choose the town where you live.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = CentrePage.objects.live().order_by("town", "title")
        self.fields["centre"].label_from_instance = lambda centre: centre.town or centre.title


class DeclarationForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Enter your first name.")},
    )
    last_name = forms.CharField(
        label=_("Surname"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={"required": _("Enter your surname.")},
    )
    street_address = forms.CharField(
        label=_("Street address"),
        max_length=200,
        help_text=_("Street, house and flat number, for example: Długa 5/3."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
        error_messages={"required": _("Enter your street, house and flat number.")},
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the slip"),
        max_length=40,
        help_text=_("10 letters and digits, for example: ABCDE-23467. Dashes and spaces are fine."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
        error_messages={"required": _("Enter the code from the slip.")},
    )

    def clean_code(self):
        code = codes.normalise(self.cleaned_data["code"])
        if len(code) != codes.LENGTH:
            raise ValidationError(
                ngettext(
                    "The code has %(length)d letter or digit. Check it against the slip.",
                    "The code has %(length)d letters and digits. Check it against the slip.",
                    codes.LENGTH,
                )
                % {"length": codes.LENGTH}
            )
        return code


class DeleteAccountForm(forms.Form):
    understand = forms.BooleanField(
        label=_("I understand that deleting my account cannot be undone"),
        error_messages={"required": _("Confirm that you understand this cannot be undone.")},
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        help_text=_("So we know it is really you."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password.")},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        if not user.has_usable_password():
            del self.fields["password"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("This is not your password. Check it and try again."))
        return password


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with it?"),
        choices=Report.Reason.choices,
        widget=RadioList,
        error_messages={"required": _("Choose why you are reporting this.")},
    )
    details = forms.CharField(
        label=_("Anything else the moderator should know"),
        required=False,
        max_length=1000,
        help_text=_("Up to 1000 characters. Do not write anyone's personal data here."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
