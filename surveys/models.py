"""Surveys: a questionnaire under a consultation, built by editors with Wagtail's form builder.

`SurveyPage` is a Wagtail form page (child of a ConsultationPage) whose questions are
`SurveyQuestion` rows; residents' answers are `SurveyResponse` rows, one per person and survey
(a database constraint). The link to the person only enforces that rule: it is never shown,
published or exported (`SurveyResponse.get_data` leaves it out, so Wagtail's own submissions
listing and its CSV export carry answers only).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import _split_by_newline_or_comma
from wagtail.contrib.forms.models import AbstractFormField, AbstractFormSubmission, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from consultations.models import ConsultationPage
from home.blocks import RICH_TEXT_FEATURES
from home.restrictions import OneQueryViewRestrictions
from surveys.forms import SCALE, SurveyFormBuilder

__all__ = ["SCALE", "QuestionKind", "SurveyPage", "SurveyQuestion", "SurveyResponse"]


class QuestionKind(models.TextChoices):
    # Values reuse Wagtail's form builder names where one exists (its FormBuilder methods).
    SHORT_TEXT = "singleline", _("short text")
    LONG_TEXT = "multiline", _("long text")
    SINGLE_CHOICE = "radio", _("single choice")
    MULTIPLE_CHOICE = "checkboxes", _("multiple choice")
    SCALE = "scale", _("scale from 1 to 5")
    RANKING = "ranking", _("ranking: put the options in order")


CHOICE_KINDS = frozenset({QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE})
OPTION_KINDS = CHOICE_KINDS | {QuestionKind.RANKING}
TEXT_KINDS = frozenset({QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT})


class SurveyPage(OneQueryViewRestrictions, RoutablePageMixin, FormMixin, Page):
    """A questionnaire residents answer once each; results summarised after it closes.

    It is open between `opens_at` and `closes_at`; either left empty follows the parent
    consultation: from the start of its first phase in which residents act (proposals,
    discussion, voting) to the end of the last one.
    """

    # No anonymous copies (home/page_cache.py): the page depends on who has answered.
    page_copies = False

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    thank_you_text = RichTextField(
        _("thank-you text"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Shown after someone sends their answers."),
    )
    opens_at = models.DateTimeField(
        _("opens"), null=True, blank=True, help_text=_("Empty: when the consultation opens.")
    )
    closes_at = models.DateTimeField(
        _("closes"), null=True, blank=True, help_text=_("Empty: when the consultation closes.")
    )
    show_results_while_open = models.BooleanField(
        _("show results while the survey is open"),
        default=False,
        help_text=_("Otherwise the summary is published once the survey closes."),
    )

    content_panels = [
        *Page.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", heading=_("Questions"), label=_("Question"), min_num=1),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("show_results_while_open"),
            ],
            heading=_("When"),
        ),
    ]

    parent_page_types = ["consultations.ConsultationPage"]
    subpage_types = []
    template = "surveys/survey_page.html"
    landing_page_template = "surveys/survey_thanks.html"

    class Meta:
        db_table = "consultations_surveypage"  # made by consultations, moved here (#12)
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A survey must close after it opens.")})

    @cached_property
    def consultation(self):
        """The parent consultation (looked up once per instance)."""
        if not self.path:  # not in the tree yet
            return None
        return ConsultationPage.objects.parent_of(self).first()

    @property
    def centre(self):
        return self.consultation.centre if self.consultation else None

    # --- Wagtail's form builder ---
    form_builder = SurveyFormBuilder

    def get_form_fields(self):
        return self.form_fields.all()

    def get_submission_class(self):
        return SurveyResponse

    def get_data_fields(self):
        # Wagtail's submissions listing and CSV export: the date and the answers, no person.
        return [("submit_time", _("Submission date"))] + [
            (question.clean_name, question.label) for question in self.get_form_fields()
        ]

    def serve_preview(self, request, mode_name):
        views_survey = _views()
        if mode_name == "landing":
            return views_survey.render_thanks(request, self)
        return views_survey.survey_form(request, self, preview=True)

    # --- Residents' pages (surveys/views.py) ---
    @path("", name="survey_form")
    def index_route(self, request):
        return _views().survey_form(request, self)

    @path("dziekujemy/", name="survey_thanks")
    def thanks_route(self, request):
        return _views().survey_thanks(request, self)

    @path("wyniki/", name="survey_results")
    def results_route(self, request):
        return _views().survey_results(request, self)


def _views():
    """The residents' views (surveys/views.py); they import these models, so the page loads
    them on first use."""
    from surveys import views

    return views


class SurveyQuestion(AbstractFormField):
    """One question of a survey: its kind, whether it must be answered, and its options."""

    page = ParentalKey(SurveyPage, on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(
        verbose_name=_("kind of question"), max_length=16, choices=QuestionKind.choices
    )
    field_type.required_on_save = True
    choices = models.TextField(
        verbose_name=_("options"),
        blank=True,
        help_text=_(
            "Single choice, multiple choice and ranking: one option a line. Changing an "
            "option's text after answers came in counts old answers apart."
        ),
    )
    scale_low_label = models.CharField(
        _("what 1 means"), max_length=60, blank=True, help_text=_("Scale: e.g. “very bad”.")
    )
    scale_high_label = models.CharField(
        _("what 5 means"), max_length=60, blank=True, help_text=_("Scale: e.g. “very good”.")
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("field_type", required_on_save=True),
        FieldPanel("required"),
        FieldPanel("choices"),
        FieldRowPanel([FieldPanel("scale_low_label"), FieldPanel("scale_high_label")]),
    ]

    class Meta(AbstractFormField.Meta):
        db_table = "consultations_surveyquestion"
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")

    def __str__(self):
        return self.label

    @property
    def options(self) -> list[str]:
        """The options in the editor's order (choice and ranking questions)."""
        if not self.choices.strip():
            return []
        return [option for option in _split_by_newline_or_comma(self.choices) if option]

    def clean(self):
        super().clean()
        if self.field_type in OPTION_KINDS:
            options = self.options
            if len(options) < 2:
                raise ValidationError({"choices": _("Give at least two options, one a line.")})
            if len(set(options)) != len(options):
                raise ValidationError({"choices": _("Each option must be different.")})


class SurveyResponse(AbstractFormSubmission):
    """One person's answers to one survey (form_data holds them by question)."""

    # Private: enforces one response per person, never shown with the answers.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        db_table = "consultations_surveyresponse"
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "user"],
                condition=Q(user__isnull=False),
                name="consultations_one_survey_response_per_person",
            )
        ]

    def get_data(self):
        return {**self.form_data, "submit_time": timezone.localtime(self.submit_time)}
