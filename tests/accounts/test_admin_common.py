"""The pieces every staff screen shares (accounts/admin/common.py)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.admin.common import DecisionForm, DecisionView


class BookingLikeForm(DecisionForm):
    APPROVE = "confirm"
    reason_missing = "Say why the request is declined."


class Refused(PermissionDenied):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


class RecordingDecision(DecisionView):
    form_class = BookingLikeForm
    refusals = (Refused,)

    def __init__(self, outcome=None):
        super().__init__()
        self.outcome, self.calls = outcome, []

    def approve(self):
        self.calls.append(("approve",))
        if self.outcome:
            raise self.outcome
        return "approved"

    def decline(self, reason):
        self.calls.append(("decline", reason))
        return "declined"


def valid_form(data):
    form = BookingLikeForm(data)
    assert form.is_valid(), form.errors
    return form


def test_declining_needs_a_reason_and_blanks_are_no_reason():
    form = BookingLikeForm({"decision": "decline", "reason": "   "})
    assert not form.is_valid()
    assert form.errors["reason"] == ["Say why the request is declined."]


def test_approving_needs_no_reason_and_the_subclass_names_the_posted_value():
    assert valid_form({"decision": "confirm"}).approved
    assert not BookingLikeForm({"decision": "approve"}).is_valid()  # not this form's value


def test_a_missing_decision_says_what_to_choose():
    form = DecisionForm({})
    assert not form.is_valid()
    assert form.errors["decision"] == [str(DecisionForm.decision_required)]


def test_each_subclass_shows_its_own_words():
    class Review(DecisionForm):
        approve_label = "Publish"
        reason_help = "The starter reads it."

    form = Review()
    assert form.fields["decision"].choices == [
        ("approve", "Publish"),
        ("decline", DecisionForm.decline_label),
    ]
    assert form.fields["reason"].help_text == "The starter reads it."
    assert DecisionForm().fields["decision"].choices[0][1] == DecisionForm.approve_label


def test_the_view_calls_approve_or_decline_with_the_reason():
    view = RecordingDecision()
    assert view.perform(valid_form({"decision": "confirm"})) == "approved"
    assert view.perform(valid_form({"decision": "decline", "reason": "Remont"})) == "declined"
    assert view.calls == [("approve",), ("decline", "Remont")]


def test_a_named_refusal_becomes_a_form_error_with_its_message():
    view = RecordingDecision(outcome=Refused("Already decided."))
    with pytest.raises(ValidationError) as error:
        view.perform(valid_form({"decision": "confirm"}))
    assert error.value.messages == ["Already decided."]


def test_an_unnamed_refusal_is_not_swallowed():
    view = RecordingDecision(outcome=PermissionDenied("no"))
    with pytest.raises(PermissionDenied):
        view.perform(valid_form({"decision": "confirm"}))
