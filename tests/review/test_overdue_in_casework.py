"""Appeals past their decision date show on casework's "Overdue" list (the mam_overdue_cases
hook), to the officials of the project's centre only."""

import pytest
from django.urls import reverse

from review import services
from tests.factories import CentrePageFactory
from tests.review.conftest import make_official, warsaw

pytestmark = pytest.mark.django_db


@pytest.fixture
def late_appeal(refused, author):
    return services.appeal_file(
        review=refused, reasons="Działka jest gminna.", by=author, now=warsaw(2026, 3, 11)
    )


def test_an_undecided_appeal_past_its_date_is_overdue(client, late_appeal, official):
    client.force_login(official)
    html = client.get(reverse("mam_cases:overdue")).content.decode()
    assert late_appeal.review.proposal.title in html
    # The appeal's own page: the decision screen is for the appeal body only.
    assert reverse("mam_reviews:appeal", args=[late_appeal.review_id]) in html


def test_another_centres_official_does_not_see_it(client, late_appeal, home_page):
    other = CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")
    client.force_login(make_official(other))
    html = client.get(reverse("mam_cases:overdue")).content.decode()
    assert late_appeal.review.proposal.title not in html


def test_a_decided_appeal_is_not_overdue(client, late_appeal, official):
    services.appeal_decide(appeal=late_appeal, upheld=False, reasons="Nie.", by=official)
    client.force_login(official)
    html = client.get(reverse("mam_cases:overdue")).content.decode()
    assert late_appeal.review.proposal.title not in html
