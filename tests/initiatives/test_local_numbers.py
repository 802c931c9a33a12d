"""Amounts and hours on the local initiative forms are read as people write them: in Polish
with a decimal comma ("120,50", as the error message's own example says), a dot accepted too."""

from decimal import Decimal

import pytest
from django.utils import translation

from initiatives import local_forms
from initiatives.local_admin.forms import TermsForm


@pytest.fixture(autouse=True)
def polish():
    with translation.override("pl"):
        yield


@pytest.mark.parametrize("typed", ["6000,50", "6000.50"])
def test_a_cost_is_read_with_a_comma_or_a_dot(typed):
    form = local_forms.CostForm(data={"description": "Kosze", "amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal("6000.50")


def test_a_contributions_hours_and_value_take_a_comma():
    data = {"kind": "work", "description": "Sadzenie", "hours": "2,5", "value": "87,50"}
    form = local_forms.ContributionForm(data=data)
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["hours"], form.cleaned_data["value"]) == (
        Decimal("2.5"),
        Decimal("87.50"),
    )


def test_a_pledge_and_its_delivery_take_a_comma():
    pledge = local_forms.PledgeForm(data={"kind": "work", "hours": "1,5"})
    delivered = local_forms.DeliveredForm(data={"hours": "1,5", "value": "0,00"})
    assert pledge.is_valid() and delivered.is_valid(), (pledge.errors, delivered.errors)
    assert pledge.cleaned_data["hours"] == delivered.cleaned_data["hours"] == Decimal("1.5")


def test_the_towns_hourly_rate_takes_a_comma():
    form = TermsForm(data={"hourly_rate": "35,50"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["hourly_rate"] == Decimal("35.50")


def test_a_saved_amount_comes_back_into_the_form_with_a_comma():
    form = local_forms.CostForm(initial={"description": "Kosze", "amount": Decimal("4000.50")})
    assert 'value="4000,50"' in str(form["amount"])


def test_words_are_still_refused_with_the_example_to_follow():
    form = local_forms.CostForm(data={"description": "Kosze", "amount": "sześć tysięcy"})
    assert not form.is_valid()
    assert "120,50" in form.errors["amount"][0]
