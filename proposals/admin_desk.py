"""The centre desk: an official types in a proposal a resident brought in person or on paper.

The proposal goes through proposals.services.submission.proposal_submit like any other; the
name from a paper form is kept for staff only (Proposal.submitted_for_name)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from accounts.admin.common import ActionFormView
from accounts.models import User
from accounts.roles import staff_centres
from consultations.models import Category, ConsultationPage
from home.ids import IdChoiceField
from home.scope import pages_under
from proposals.models import TITLE_MAX, Proposal
from proposals.services import submission

ADD = "proposals.add_proposal"


def desk_consultations(user):
    """Live consultations of the centres where `user` may submit proposals at the desk."""
    centres = staff_centres(user, ADD)
    return (
        pages_under(ConsultationPage.objects.live(), centres)
        .prefetch_related("phases")
        .order_by("title")
    )


class DeskProposalForm(forms.Form):
    consultation = IdChoiceField(
        label=_("Consultation"),
        queryset=ConsultationPage.objects.none(),
        help_text=_("Only consultations collecting proposals now are listed."),
    )
    resident_email = forms.EmailField(
        label=_("Resident's email address (if they have an account)"),
        required=False,
        help_text=_("The proposal is then theirs: they can follow and edit it."),
    )
    submitted_for_name = forms.CharField(
        label=_("Resident's name as written on the paper form"),
        max_length=200,
        required=False,
        help_text=_("When the resident has no account. Seen by staff only, never published."),
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("Description"),
        max_length=Proposal._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    category = IdChoiceField(label=_("Category"), queryset=Category.objects.none(), required=False)
    place = forms.CharField(label=_("Place or address"), max_length=200, required=False)
    latitude = forms.DecimalField(
        label=_("Latitude (optional)"), max_digits=9, decimal_places=6, required=False
    )
    longitude = forms.DecimalField(
        label=_("Longitude (optional)"), max_digits=9, decimal_places=6, required=False
    )
    estimated_cost = forms.DecimalField(
        label=_("Estimated cost in złoty (optional)"),
        max_digits=12,
        decimal_places=2,
        min_value=0,
        required=False,
    )
    photo_1 = forms.FileField(label=_("Photo 1 (optional)"), required=False)
    photo_2 = forms.FileField(label=_("Photo 2 (optional)"), required=False)
    photo_3 = forms.FileField(label=_("Photo 3 (optional)"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = timezone.now()
        consultations = desk_consultations(user)
        # Any of the user's consultations is accepted, so one outside the proposals phase gets
        # a clear message; only the open ones are offered.
        field = self.fields["consultation"]
        field.queryset = consultations
        open_now = [c for c in consultations if submission.proposals_open(c, self.now)]
        field.widget.choices = [("", "---------")] + [(c.pk, c.title) for c in open_now]
        self.fields["category"].queryset = Category.objects.filter(
            consultation__in=[c.pk for c in open_now]
        ).select_related("consultation")
        self.fields["category"].label_from_instance = lambda c: f"{c.consultation.title}: {c}"

    def clean_consultation(self):
        consultation = self.cleaned_data["consultation"]
        if not submission.proposals_open(consultation, self.now):
            raise ValidationError(
                _("“%(title)s” is not collecting proposals now."),
                params={"title": consultation.title},
            )
        return consultation

    def clean_resident_email(self):
        email = self.cleaned_data["resident_email"].strip()
        if not email:
            return None
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise ValidationError(
                _("No account has this email address. Leave it empty and type the name instead.")
            )
        return user

    def clean(self):
        data = super().clean()
        named = (data.get("submitted_for_name") or "").strip()
        if not data.get("resident_email") and not named and "resident_email" not in self.errors:
            self.add_error(
                "submitted_for_name",
                _("Give the resident's email address or their name from the paper form."),
            )
        return data


class DeskSubmitView(ActionFormView):
    permission = ADD
    form_class = DeskProposalForm
    header_icon = "plus"
    page_title = _("Add a proposal brought to the centre")
    submit_button_label = _("Publish the proposal")
    index_url_name = "mam_proposals:index"
    index_label = _("Proposals")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "form_is_multipart": True}

    def perform(self, form):
        data = form.cleaned_data
        photos = [data[name] for name in ("photo_1", "photo_2", "photo_3") if data[name]]
        try:
            with transaction.atomic():
                proposal = submission.proposal_submit(
                    consultation=data["consultation"],
                    author=data["resident_email"],
                    submitted_by_staff=self.request.user,
                    title=data["title"],
                    body=data["body"],
                    category=data["category"],
                    latitude=data["latitude"],
                    longitude=data["longitude"],
                    place=data["place"],
                    estimated_cost=data["estimated_cost"],
                    photos=photos,
                    now=form.now,
                )
                if not data["resident_email"]:
                    proposal.submitted_for_name = data["submitted_for_name"].strip()
                    proposal.save(update_fields=["submitted_for_name"])
                log(proposal, "mam.proposal.desk_submit", user=self.request.user)
        except submission.NotAllowed as refusal:
            raise ValidationError(refusal.message) from refusal
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    target = field if field in form.fields else None
                    if field == "photos":
                        target = "photo_1"
                    for item in errors:
                        form.add_error(target, item)
                raise ValidationError([]) from error
            raise
        self.proposal = proposal
        return gettext("“%(title)s” is published.") % {"title": proposal.title}
