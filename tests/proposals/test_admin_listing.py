"""The admin's proposals listing as officials use it: filters that say what they mean, titles
that open the proposal, a download button."""

import re

import pytest
from django.urls import reverse

from accounts import roles
from tests.accounts.staff_helpers import staff
from tests.factories import CentrePageFactory
from tests.factories_consultations import (
    CategoryFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_proposals import ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", slug="nowy-sacz")


def consultation_in(centre, title):
    index = centre.get_children().first() or ConsultationIndexPageFactory(parent=centre)
    return with_phases(ConsultationPageFactory(parent=index, title=title), current="discussion")


def test_the_category_filter_names_each_categorys_consultation(client, centre):
    for title in ["Park Strzelecki", "Budżet 2027"]:
        CategoryFactory(consultation=consultation_in(centre, title), name="Zieleń")
    client.force_login(staff(centre, roles.OFFICIAL))
    html = client.get(reverse("mam_proposals:index")).content.decode()
    options = re.findall(r"<option value=\"\d+\"[^>]*>([^<]*)</option>", html)
    assert "Zieleń (Budżet 2027)" in options
    assert "Zieleń (Park Strzelecki)" in options


def test_a_proposals_title_opens_its_status_form(client, centre):
    proposal = ProposalFactory(consultation=consultation_in(centre, "Park"), title="Ławki")
    client.force_login(staff(centre, roles.OFFICIAL))
    html = client.get(reverse("mam_proposals:index")).content.decode()
    status_url = reverse("mam_proposals:status", args=[proposal.pk])
    assert re.search(rf'<a [^>]*href="{status_url}"[^>]*>\s*Ławki\s*</a>', html)


def test_the_listing_shows_a_download_button(client, centre):
    client.force_login(staff(centre, roles.OFFICIAL))
    html = client.get(reverse("mam_proposals:index")).content.decode()
    # a header button in plain sight, besides the one in the header's "…" menu
    assert re.search(r'href="[^"]*\?export=xlsx" class="w-header-button button"', html)
