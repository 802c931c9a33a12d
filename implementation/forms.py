"""The officials' form for a record: state, money, department, milestones and photos."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import Department
from home.ids import IdChoiceField
from home.models import District
from implementation.models import Implementation, Photo, Status
from implementation.services import MilestoneChange
from proposals.forms import ALT_MAX, clean_photo_slots, photo_pairs

PHOTO_SLOTS = (1, 2)
DATE = {"widget": forms.DateInput(attrs={"type": "date"}), "required": False}


class RecordForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    reason = forms.CharField(
        label=_("Reason for the delay or abandonment"),
        help_text=_("Required when the project is delayed or abandoned; shown publicly."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    percent_done = forms.IntegerField(label=_("Percent done"), min_value=0, max_value=100)
    money_planned = forms.DecimalField(
        label=_("Money planned (PLN)"), max_digits=12, decimal_places=2, min_value=0, required=False
    )
    money_spent = forms.DecimalField(
        label=_("Money spent (PLN)"), max_digits=12, decimal_places=2, min_value=0
    )
    department = IdChoiceField(
        label=_("Department responsible"), queryset=Department.objects.none(), required=False
    )
    note = forms.CharField(
        label=_("Public note on the timeline (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, record: Implementation, **kwargs):
        super().__init__(*args, **kwargs)
        self.record = record
        centre = record.proposal.consultation.centre
        self.fields["department"].queryset = Department.objects.filter(
            centre=centre, active=True
        ) | Department.objects.filter(pk=record.department_id)
        for field, value in [
            ("status", record.status),
            ("reason", record.reason),
            ("percent_done", record.percent_done),
            ("money_planned", record.money_planned),
            ("money_spent", record.money_spent),
            ("department", record.department_id),
        ]:
            self.fields[field].initial = value
        self.milestones = list(record.milestones.all())
        for milestone in self.milestones:
            self._milestone_fields(f"m{milestone.pk}", milestone)
        self._milestone_fields("new", None)
        for number in PHOTO_SLOTS:
            self.fields[f"photo_{number}"] = forms.ImageField(
                label=_("Photo %(number)d") % {"number": number}, required=False
            )
            self.fields[f"kind_{number}"] = forms.ChoiceField(
                label=_("Photo %(number)d shows the place") % {"number": number},
                choices=Photo.Kind.choices,
                initial=Photo.Kind.BEFORE if number == 1 else Photo.Kind.AFTER,
            )
            self.fields[f"alt_{number}"] = forms.CharField(
                label=_("What photo %(number)d shows") % {"number": number},
                max_length=ALT_MAX,
                required=False,
            )

    def _milestone_fields(self, prefix: str, milestone):
        new = milestone is None
        self.fields[f"{prefix}_name"] = forms.CharField(
            label=_("New milestone (optional)") if new else _("Milestone"),
            max_length=150,
            required=False,
            initial="" if new else milestone.name,
        )
        self.fields[f"{prefix}_planned"] = forms.DateField(
            label=_("Planned date"), initial=None if new else milestone.planned_on, **DATE
        )
        self.fields[f"{prefix}_done"] = forms.DateField(
            label=_("Actual date"), initial=None if new else milestone.done_on, **DATE
        )

    def clean(self):
        data = super().clean()
        if data.get("status") in (Status.DELAYED, Status.ABANDONED) and not data.get("reason"):
            self.add_error("reason", _("Say why: residents read the reason."))
        return clean_photo_slots(self, data, PHOTO_SLOTS)

    def milestone_changes(self) -> list[MilestoneChange]:
        data = self.cleaned_data
        rows = [(f"m{m.pk}", m) for m in self.milestones] + [("new", None)]
        return [
            MilestoneChange(
                milestone=milestone,
                name=data.get(f"{prefix}_name") or "",
                planned_on=data.get(f"{prefix}_planned"),
                done_on=data.get(f"{prefix}_done"),
            )
            for prefix, milestone in rows
        ]

    def photos(self) -> list:
        """(kind, file, alt text) of each photo uploaded."""
        return [
            (self.cleaned_data[f"kind_{n}"], *photo_pairs(self.cleaned_data, [n])[0])
            for n in PHOTO_SLOTS
            if self.cleaned_data.get(f"photo_{n}")
        ]


class FilterForm(forms.Form):
    """The public list's filters; a bad value is ignored rather than refused."""

    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *Status.choices], required=False
    )
    district = IdChoiceField(
        label=_("District"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("All districts"),
    )

    def __init__(self, *args, centre=None, **kwargs):
        super().__init__(*args, **kwargs)
        if centre is not None:
            self.fields["district"].queryset = District.objects.filter(centre=centre)
