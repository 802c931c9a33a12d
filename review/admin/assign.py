"""Assigning a review from its listing: the department and the person who assess it, and by
when (review.services.review_assign; the review's case in casework carries the date)."""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import OFFICIAL, group_name
from casework.models import Department
from home.ids import IdChoiceField
from review import services
from review.admin.actions import ReviewActionView


def centre_officials(centre):
    """The active officials of `centre`, who may assess its projects, by name."""
    return (
        User.objects.filter(is_active=True, groups__name=group_name(centre, OFFICIAL))
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


class ReviewAssignForm(forms.Form):
    department = IdChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False
    )
    person = IdChoiceField(
        label=_("Person"),
        queryset=User.objects.none(),
        required=False,
        help_text=_(
            "An official of the centre; with a department chosen, one of its people. Leave "
            "empty to give the assessment to the whole department."
        ),
    )
    due_date = forms.DateField(
        label=_("Assessment due by"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(
            centre=centre, active=True
        ).order_by("name")
        self.fields["person"].queryset = centre_officials(centre)


class ReviewAssignView(ReviewActionView):
    form_class = ReviewAssignForm
    page_title = _("Assign the review")
    submit_button_label = _("Assign the review")

    @cached_property
    def case(self):
        return services.review_case_of(self.review)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "centre": self.review.proposal.consultation.centre}

    def get_initial(self):
        review, case = self.review, self.case
        initial = {"department": review.assigned_department_id, "person": review.assigned_to_id}
        if case is not None:
            initial.update(due_date=case.due_date, note=case.note)
        return initial

    def get_summary(self):
        review, case = self.review, self.case
        names = [str(who) for who in (review.assigned_to, review.assigned_department) if who]
        summary = [
            (_("Project"), review.proposal.title),
            (_("Consultation"), review.proposal.consultation.title),
            (_("Assessed by"), ", ".join(names) or gettext("any official of the centre")),
        ]
        if case is not None:
            summary.append((_("Assessment due by"), case.due_date.isoformat()))
        return summary

    def perform(self, form):
        data = form.cleaned_data
        services.review_assign(
            review=self.review,
            by=self.request.user,
            department=data["department"],
            person=data["person"],
            due_date=data["due_date"],
            note=data["note"],
        )
        return gettext("The review of “%(title)s” is assigned.") % {
            "title": self.review.proposal.title
        }
