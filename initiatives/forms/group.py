"""Forms of the group's life: joining, needs and sign-ups, updates, actions, the outcome, its
members' roles; the services check the rules again."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from home.ids import IdChoiceField
from initiatives.forms.initiative import ALT_MAX, photo_field
from initiatives.models import PLACE_MAX, TEXT_MAX, TITLE_MAX, Action, Initiative, Membership
from initiatives.services.needs import MAX_WANTED
from initiatives.services.updates import document_clean
from proposals.forms import offer_note_field
from proposals.services.submission import photo_clean


class JoinForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("How do you want to take part?"),
        choices=[
            (Membership.Kind.MEMBER, _("Join the group as a member")),
            (Membership.Kind.SUPPORTER, _("Follow it as a supporter")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to take part.")},
    )
    show_name = forms.BooleanField(
        label=_("Show my name on the list of members"),
        required=False,
        help_text=_("Only members' names can be shown, and only with their consent."),
    )


class NeedForm(forms.Form):
    title = forms.CharField(
        label=_("What does the group need?"),
        max_length=TITLE_MAX,
        help_text=_("E.g. “people to hand out leaflets”, “a room for a neighbours' meeting”."),
        error_messages={"required": _("Say what is needed.")},
    )
    wanted = forms.IntegerField(
        label=_("How many people?"),
        min_value=1,
        max_value=MAX_WANTED,
        initial=1,
        error_messages={"required": _("Give a number of people from 1 to 500.")},
    )
    starts_at = forms.DateTimeField(
        label=_("When"),
        required=False,
        help_text=_("For example 2026-12-12 10:00."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    place = forms.CharField(label=_("Where"), max_length=PLACE_MAX, required=False)
    details = forms.CharField(
        label=_("Details"), max_length=2000, required=False, widget=forms.Textarea({"rows": 3})
    )


class NeedSignUpForm(forms.Form):
    """A sign-up's note: a pledge's field (a need generalises the pledge)."""

    note = offer_note_field(
        _("Note for the group (optional)"),
        _("For example: I can bring a ladder. Only the group's coordinator sees it."),
    )


class UpdateForm(forms.Form):
    body = forms.CharField(
        label=_("Update"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write the update.")},
    )
    photo = photo_field(_("Photo"))
    photo_alt = forms.CharField(label=_("What the photo shows"), max_length=ALT_MAX, required=False)
    document = forms.FileField(
        label=_("Document (PDF)"),
        required=False,
        help_text=_("A PDF file, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    document_title = forms.CharField(label=_("Document title"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("photo"):
            try:
                data["photo"] = photo_clean(data["photo"])
            except ValidationError as error:
                self.add_error("photo", error)
            else:
                if not (data.get("photo_alt") or "").strip():
                    self.add_error("photo_alt", _("Say in a few words what the photo shows."))
        if data.get("document"):
            try:
                data["document"] = document_clean(data["document"])
            except ValidationError as error:
                self.add_error("document", error)
        return data


class ActionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Action.Kind.choices)
    title = forms.CharField(
        label=_("What did the group do?"),
        max_length=TITLE_MAX,
        help_text=_("E.g. “Letter to the mayor about the mast”."),
        error_messages={"required": _("Say what the group did.")},
    )
    date = forms.DateField(
        label=_("Date"),
        help_text=_("For example 2026-12-04."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Give the date."), "invalid": _("Give a date.")},
    )
    result = forms.CharField(
        label=_("Result"), max_length=2000, required=False, widget=forms.Textarea({"rows": 3})
    )
    activity = forms.TypedChoiceField(
        label=_("Activity at the centre"),
        help_text=_("If it was a meeting held at the centre, choose it from the group's dates."),
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, activities=(), **kwargs):
        """`activities`: (page id, label) of the activities linked to the initiative; the
        field is left out when there are none."""
        super().__init__(*args, **kwargs)
        if activities:
            self.fields["activity"].choices = [("", _("— none —")), *activities]
        else:
            del self.fields["activity"]


class EndForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How did it end?"),
        choices=Initiative.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how it ended.")},
    )
    outcome_text = forms.CharField(
        label=_("What did the group reach?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Tell in your own words what the group reached.")},
    )


class MemberChoiceForm(forms.Form):
    """Choose one of the group's other members (hand over, or name a contact person)."""

    member = IdChoiceField(
        label=_("Member"),
        queryset=None,
        empty_label=_("Choose a member"),
        error_messages={"invalid_choice": _("Choose another member of the group.")},
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda m: m.user.public_label
