"""The survey form: Wagtail's form builder with a scale and a ranking added.

Every choice is a plain HTML control, so the form works without JavaScript: radios for a
single choice and the scale, checkboxes for a multiple choice, and one select per place for
a ranking (validated as a permutation: every option exactly once).
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

SCALE = range(1, 6)  # a scale question's answers, 1 to 5


class RankingWidget(forms.MultiWidget):
    """One select per place ("Place 1", "Place 2", ...), each offering every option."""

    template_name = "surveys/survey/ranking_widget.html"

    def __init__(self, options, attrs=None):
        choices = [("", _("Choose…")), *((option, option) for option in options)]
        super().__init__([forms.Select(choices=choices) for _option in options], attrs)

    def decompress(self, value):
        return list(value) if value else [None] * len(self.widgets)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for place, subwidget in enumerate(context["widget"]["subwidgets"], start=1):
            subwidget["place"] = place
        return context


class RankingField(forms.MultiValueField):
    """Options in the order a person put them: the first is the most important."""

    default_error_messages = {
        "incomplete": _("Give every option a place."),
        "not_permutation": _("Each option can take only one place."),
    }

    def __init__(self, *, options, **kwargs):
        self.options = list(options)
        choices = [(option, option) for option in self.options]
        fields = [forms.ChoiceField(choices=choices, required=False) for _option in self.options]
        kwargs.pop("initial", None)
        super().__init__(
            fields=fields, require_all_fields=False, widget=RankingWidget(self.options), **kwargs
        )

    def compress(self, data_list):
        return list(data_list) if data_list else []

    def validate(self, value):
        super().validate(value)
        if not value:
            return
        if any(option in self.empty_values for option in value):
            raise forms.ValidationError(self.error_messages["incomplete"], code="incomplete")
        if sorted(value) != sorted(self.options):
            raise forms.ValidationError(
                self.error_messages["not_permutation"], code="not_permutation"
            )


def scale_choices(low_label: str = "", high_label: str = "") -> list[tuple[int, str]]:
    """Return [(1, "1 – very bad"), (2, "2"), ..., (5, "5 – very good")]."""
    low = low_label or _("very bad")
    high = high_label or _("very good")
    labels = {SCALE[0]: f"{SCALE[0]} – {low}", SCALE[-1]: f"{SCALE[-1]} – {high}"}
    return [(value, labels.get(value, str(value))) for value in SCALE]


class SurveyForm(BaseForm):
    """The built form; Wagtail passes the page and the user."""


class SurveyFormBuilder(FormBuilder):
    """Build survey questions; default values are ignored (a preset answer biases people).

    Each built field carries `survey_kind` (the question's kind) for the templates.
    """

    def __init__(self, fields):
        super().__init__(list(fields))

    @property
    def formfields(self):
        built = super().formfields
        for question, formfield in zip(self.fields, built.values(), strict=True):
            formfield.survey_kind = question.field_type
        return built

    def get_field_options(self, field):
        options = super().get_field_options(field)
        options.pop("initial", None)
        return options

    def get_formatted_field_choices(self, field):
        return [(option, option) for option in field.options]

    def create_checkboxes_field(self, field, options):
        options["choices"] = self.get_formatted_field_choices(field)
        return forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple, **options)

    def create_scale_field(self, field, options):
        return forms.TypedChoiceField(
            choices=scale_choices(field.scale_low_label, field.scale_high_label),
            coerce=int,
            widget=forms.RadioSelect,
            **options,
        )

    def create_ranking_field(self, field, options):
        return RankingField(options=field.options, **options)

    def create_singleline_field(self, field, options):
        return forms.CharField(max_length=255, **options)

    def create_multiline_field(self, field, options):
        return forms.CharField(max_length=5000, widget=forms.Textarea, **options)

    def get_form_class(self):
        return type("SurveyForm", (SurveyForm,), self.formfields)
