"""The activity page's admin form: its room, partner and initiative are the activity's
centre's; the repeat is chosen in fields (events.repeats) that write the stored rule."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from events import recurrence, repeats
from partners.models import Partner
from rooms import overlaps
from rooms.models import Room

REPEAT_FIELDS = [
    "repeat",
    "repeat_interval",
    "repeat_days",
    "repeat_position",
    "repeat_until",
    "repeat_count",
]


class ActivityPageForm(WagtailAdminPageForm):
    repeat = forms.ChoiceField(
        label=_("Repeats"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            ("", _("does not repeat")),
            ("WEEKLY", _("every week (or every few weeks)")),
            ("MONTHLY", _("every month (or every few months)")),
            ("ADVANCED", _("another rule, written below (advanced)")),
        ],
    )
    repeat_interval = forms.IntegerField(
        label=_("Every how many weeks or months"),
        required=False,
        min_value=1,
        max_value=52,
        initial=1,
        help_text=_("1: every week (month), 2: every other one, and so on."),
    )
    repeat_days = forms.MultipleChoiceField(
        label=_("On which days of the week"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("MO", _("Monday")),
            ("TU", _("Tuesday")),
            ("WE", _("Wednesday")),
            ("TH", _("Thursday")),
            ("FR", _("Friday")),
            ("SA", _("Saturday")),
            ("SU", _("Sunday")),
        ],
        help_text=_("None ticked: the day of the week of the first date."),
    )
    repeat_position = forms.ChoiceField(
        label=_("Which week of the month (monthly)"),
        required=False,
        choices=[
            ("", _("the same date each month")),
            ("1", _("the first")),
            ("2", _("the second")),
            ("3", _("the third")),
            ("4", _("the fourth")),
            ("-1", _("the last")),
        ],
        help_text=_('e.g. "the first" and Monday: the first Monday of each month.'),
    )
    repeat_until = forms.DateField(
        label=_("Until (last day)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    repeat_count = forms.IntegerField(
        label=_("Or: how many times"), required=False, min_value=1, max_value=500
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_to_centre()
        if "repeat" in self.fields and not self.is_bound:
            choice = repeats.parse(self.instance.recurrence or "")
            self.initial.update(
                repeat=choice.frequency,
                repeat_interval=choice.interval,
                repeat_days=choice.days,
                repeat_position=choice.position,
                repeat_until=choice.until,
                repeat_count=choice.count,
            )

    def _limit_to_centre(self):
        parent = self.parent_page
        if parent is None:
            return
        centre = parent.get_parent() if parent.depth > 2 else None
        centre_id = centre.pk if centre else None
        if "room" in self.fields:
            self.fields["room"].queryset = Room.objects.filter(centre_id=centre_id)
        if "date_changes" in self.formsets:
            self._limit_moved_rooms(self.formsets["date_changes"], centre_id)
        if "partner" in self.fields:
            self.fields["partner"].queryset = Partner.objects.filter(centre_id=centre_id)
        if "initiative" in self.fields:
            # initiatives is events' neighbour in the apps' order: reached through the field
            initiatives = self.fields["initiative"].queryset.model.objects
            self.fields["initiative"].queryset = initiatives.filter(centre_id=centre_id).order_by(
                "title"
            )

    @staticmethod
    def _limit_moved_rooms(formset, centre_id):
        """A moved date's room is one of the centre's too (its forms are made later)."""

        class MovedDateForm(formset.form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if "room" in self.fields:
                    self.fields["room"].queryset = Room.objects.filter(centre_id=centre_id)

        formset.form = MovedDateForm

    def is_valid(self) -> bool:
        """Valid, and no moved date's room booked then (said beside that date's room)."""
        return super().is_valid() and self._moved_rooms_free()

    def _moved_rooms_free(self) -> bool:
        formset = self.formsets.get("date_changes")
        page = self.instance
        if formset is None or not (page.starts_at and page.ends_at):
            return True
        free = True
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            room, starts = data.get("room"), data.get("new_starts_at")
            if room is None or starts is None or data.get("DELETE"):
                continue
            slot = (data.get("original_date"), starts, starts + (page.ends_at - page.starts_at))
            clashes = overlaps.activity_clashes(room=room, slots=[slot], activity_pk=page.pk)
            if clashes:
                form.add_error("room", overlaps.clash_message(clashes, room=room))
                free = False
        return free

    def clean(self):
        cleaned = super().clean()
        submitted = self.add_prefix("repeat") in self.data  # forms without the choices
        if submitted and "recurrence" in self.fields:
            frequency = cleaned.get("repeat") or ""
            if frequency == "":
                cleaned["recurrence"] = ""
            elif frequency in repeats.FREQUENCIES:
                self._build_rule(cleaned, frequency)
        return cleaned

    def _build_rule(self, cleaned, frequency):
        """Write the rule from the chosen fields into `recurrence`, or add errors."""
        choice = repeats.Repeat(
            frequency=frequency,
            interval=cleaned.get("repeat_interval") or 1,
            days=cleaned.get("repeat_days") or [],
            position=cleaned.get("repeat_position") or "" if frequency == "MONTHLY" else "",
            until=cleaned.get("repeat_until"),
            count=cleaned.get("repeat_count"),
        )
        starts_at = cleaned.get("starts_at")
        errors = {}
        if choice.until and choice.count:
            errors["repeat_count"] = _("Give the last day or how many times, not both.")
        if choice.until and starts_at and choice.until < recurrence.local(starts_at).date():
            errors["repeat_until"] = _("The last day cannot come before the first date.")
        if frequency == "MONTHLY" and choice.position and len(choice.days) > 1:
            errors["repeat_days"] = _("For a monthly repeat tick one day of the week.")
        if frequency == "MONTHLY" and len(choice.days) == 1 and not choice.position:
            errors["repeat_position"] = _("Choose which week of the month.")
        if frequency == "WEEKLY" and choice.days and starts_at:
            first_day = repeats.DAYS[recurrence.local(starts_at).weekday()]
            if first_day not in choice.days:
                errors["repeat_days"] = _("Tick the day of the week of the first date too.")
        for name, message in errors.items():
            self.add_error(name, ValidationError(message))
        if errors or starts_at is None:
            return
        if frequency == "MONTHLY" and choice.position and not choice.days:
            choice.days = [repeats.DAYS[recurrence.local(starts_at).weekday()]]
        cleaned["recurrence"] = repeats.build(choice, starts_at)
