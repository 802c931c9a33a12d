"""Districts on proposals: chosen on the form from the centre's districts, a list filter, shown."""

import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import District
from proposals.forms import ProposalForm
from proposals.services.submission import proposal_submit
from tests.factories_proposals import (
    ProposalFactory,
    ProposalPhotoFactory,
    confirmed_user,
    open_consultation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


def sub(consultation, name, **kwargs):
    return consultation.url + consultation.reverse_subpage(name, kwargs=kwargs or None)


def titles(response):
    """The cards' titles as shown (the cards may come from the shared fragment's cache)."""
    cards = re.findall(r'<a class="card__link" href="[^"]*">([^<]*)</a>', response.content.decode())
    return [html.unescape(title) for title in cards]


@pytest.fixture
def consultation(home_page):
    consultation = open_consultation(home_page)
    District.objects.create(centre=consultation.centre, name="Wólki", sort_order=0)
    District.objects.create(centre=consultation.centre, name="Centrum", sort_order=1)
    return consultation


def district(consultation, name):
    return District.objects.get(centre=consultation.centre, name=name)


def form_data(**extra):
    return {"title": "Ławki", "body": "Postawmy ławki.", "place": "Park", **extra}


def test_form_offers_only_the_centres_districts(consultation, home_page):
    other = open_consultation(home_page)
    District.objects.create(centre=other.centre, name="Obce osiedle")
    form = ProposalForm(consultation=consultation)
    assert [d.name for d in form.fields["district"].queryset] == ["Wólki", "Centrum"]


def test_form_rejects_another_centres_district(consultation, home_page):
    other = open_consultation(home_page)
    foreign = District.objects.create(centre=other.centre, name="Obce osiedle")
    form = ProposalForm(form_data(district=foreign.pk), consultation=consultation)
    assert not form.is_valid()
    assert "district" in form.errors


def test_form_has_no_district_question_when_the_centre_has_none(home_page):
    form = ProposalForm(consultation=open_consultation(home_page))
    assert "district" not in form.fields


def test_service_refuses_a_district_of_another_centre(consultation, home_page):
    other = open_consultation(home_page)
    foreign = District.objects.create(centre=other.centre, name="Obce osiedle")
    with pytest.raises(ValidationError) as error:
        proposal_submit(
            consultation=consultation,
            author=confirmed_user(),
            title="Ławki",
            body="Postawmy ławki.",
            place="Park",
            district=foreign,
        )
    assert "district" in error.value.message_dict


def test_published_proposal_keeps_the_chosen_district(client, consultation):
    user = confirmed_user()
    client.force_login(user)
    wolki = district(consultation, "Wólki")
    response = client.post(
        sub(consultation, "proposal_create"), form_data(district=wolki.pk, action="publish")
    )
    assert response.status_code == 302
    assert user.proposals.get().district == wolki


def test_list_filters_by_district(client, consultation):
    ProposalFactory(
        consultation=consultation, title="Na Wólkach", district=district(consultation, "Wólki")
    )
    ProposalFactory(
        consultation=consultation, title="W centrum", district=district(consultation, "Centrum")
    )
    ProposalFactory(consultation=consultation, title="Bez dzielnicy")
    response = client.get(
        sub(consultation, "proposal_list"), {"district": district(consultation, "Wólki").pk}
    )
    assert titles(response) == ["Na Wólkach"]
    assert response.context["filtered"]


def test_unknown_or_foreign_district_in_the_filter_is_ignored(client, consultation, home_page):
    foreign = District.objects.create(centre=open_consultation(home_page).centre, name="Obce")
    ProposalFactory(consultation=consultation, title="Jedna")
    for value in ("abc", "999999", str(foreign.pk)):
        response = client.get(sub(consultation, "proposal_list"), {"district": value})
        assert response.status_code == 200
        assert titles(response) == ["Jedna"]


def test_district_is_shown_on_the_card_and_the_detail(client, consultation):
    proposal = ProposalFactory(consultation=consultation, district=district(consultation, "Wólki"))
    assert "Wólki" in client.get(sub(consultation, "proposal_list")).content.decode()
    detail = client.get(sub(consultation, "proposal_detail", pk=proposal.pk)).content.decode()
    assert "Wólki" in detail


def test_district_names_are_escaped(client, consultation):
    evil = District.objects.create(centre=consultation.centre, name='<script>alert("d")</script>')
    ProposalFactory(consultation=consultation, district=evil)
    html = client.get(sub(consultation, "proposal_list")).content.decode()
    assert '<script>alert("d")' not in html
    assert "&lt;script&gt;" in html


def test_filtered_list_query_count_does_not_grow_with_proposals(
    client, consultation, django_assert_num_queries, pages_changed
):
    wolki = district(consultation, "Wólki")
    ProposalPhotoFactory(proposal=ProposalFactory(consultation=consultation, district=wolki))
    url = sub(consultation, "proposal_list") + f"?district={wolki.pk}"
    client.get(url)
    pages_changed(consultation.pk)  # the anonymous copy is rebuilt: count the rendering
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(19):
        ProposalPhotoFactory(proposal=ProposalFactory(consultation=consultation, district=wolki))
    pages_changed(consultation.pk)
    with django_assert_num_queries(len(one)):
        response = client.get(url)
    assert len(titles(response)) == 12
