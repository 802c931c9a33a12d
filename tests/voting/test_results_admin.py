"""Staff count the votes and publish the result from the admin; nobody else can."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from accounts import roles
from tests.accounts.staff_helpers import DENIED, LOGIN, OK, outcome, staff
from tests.consultations.header_buttons import header_button
from tests.factories import CentrePageFactory
from tests.factories_proposals import confirmed_user
from tests.factories_voting import voting_consultation
from tests.voting.results_helpers import cast, close_voting, sub_url
from voting.models import PublishJob, ResultSnapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_vote(home_page):
    consultation, proposals = voting_consultation(home_page, winners=1)
    cast(consultation, [proposals[0]], [proposals[0], proposals[1]])
    close_voting(consultation)
    return consultation, proposals


def publish_url(consultation):
    return reverse("voting_results:publish", args=[consultation.pk])


def button_urls(consultation, user):
    button = header_button(consultation, user, "voting_results:publish")
    return [] if button is None else [button.url]


def other_centres_official(home_page):
    other = CentrePageFactory(parent=home_page)
    return staff(other, roles.OFFICIAL)


@pytest.mark.parametrize("role", [roles.OFFICIAL, roles.EDITOR])
def test_centre_staff_see_the_button_once_voting_closed(closed_vote, role):
    consultation, _proposals = closed_vote
    assert button_urls(consultation, staff(consultation.centre, role)) == [
        publish_url(consultation)
    ]


def test_no_button_while_voting_is_open(home_page):
    consultation, _proposals = voting_consultation(home_page)
    assert button_urls(consultation, staff(consultation.centre, roles.OFFICIAL)) == []


def test_no_button_for_a_moderator_or_another_centres_official(closed_vote, home_page):
    consultation, _proposals = closed_vote
    assert button_urls(consultation, staff(consultation.centre, roles.MODERATOR)) == []
    assert button_urls(consultation, other_centres_official(home_page)) == []


def test_no_button_once_published(client, closed_vote):
    consultation, _proposals = closed_vote
    official = staff(consultation.centre, roles.OFFICIAL)
    client.force_login(official)
    client.post(publish_url(consultation))
    assert button_urls(consultation, official) == []


def test_the_edit_page_shows_the_button_to_an_editor(client, closed_vote):
    consultation, _proposals = closed_vote
    client.force_login(staff(consultation.centre, roles.EDITOR))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[consultation.pk]))
    assert publish_url(consultation) in response.text


def test_the_page_listing_shows_the_button_to_an_official(client, closed_vote):
    consultation, _proposals = closed_vote
    client.force_login(staff(consultation.centre, roles.OFFICIAL))
    response = client.get(reverse("wagtailadmin_explore", args=[consultation.pk]))
    assert publish_url(consultation) in response.text


@pytest.mark.parametrize("role", [roles.OFFICIAL, roles.EDITOR])
def test_confirmation_shows_turnout_and_changes_nothing(client, closed_vote, role):
    consultation, _proposals = closed_vote
    client.force_login(staff(consultation.centre, role))
    response = client.get(publish_url(consultation))
    assert outcome(response) == OK
    assert "2 people voted: 2 online, 0 on paper." in response.text
    assert not ResultSnapshot.objects.exists()


@pytest.mark.parametrize("role", [roles.OFFICIAL, roles.EDITOR])
def test_centre_staff_publish_the_result(client, closed_vote, role):
    consultation, (first, second, _third) = closed_vote
    client.force_login(staff(consultation.centre, role))
    response = client.post(publish_url(consultation), follow=True)
    job = PublishJob.objects.get()
    assert response.redirect_chain[-1][0] == reverse("voting_results:job", args=[job.pk])
    assert "The votes are counted and the results are published." in response.text
    assert sub_url(consultation, "results") in response.text
    assert ResultSnapshot.objects.filter(consultation=consultation).count() == 1
    assert PageLogEntry.objects.filter(action="mam.results.publish").count() == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("selected", "not_selected")


def test_a_resident_is_sent_to_sign_in(client, closed_vote):
    consultation, _proposals = closed_vote
    client.force_login(confirmed_user())
    assert outcome(client.post(publish_url(consultation))) == LOGIN
    assert not ResultSnapshot.objects.exists()


def test_another_centres_official_is_refused(client, closed_vote, home_page):
    consultation, _proposals = closed_vote
    client.force_login(other_centres_official(home_page))
    assert outcome(client.post(publish_url(consultation))) == DENIED
    assert not ResultSnapshot.objects.exists()


def test_publishing_twice_is_refused_with_a_message(client, closed_vote):
    consultation, _proposals = closed_vote
    client.force_login(staff(consultation.centre, roles.OFFICIAL))
    client.post(publish_url(consultation))
    response = client.post(publish_url(consultation), follow=True)
    assert response.status_code == 200
    assert "already published" in response.text
    assert ResultSnapshot.objects.filter(consultation=consultation).count() == 1


def test_publishing_while_voting_is_open_is_refused_with_a_message(client, home_page):
    consultation, (first, *_rest) = voting_consultation(home_page)
    cast(consultation, [first])
    client.force_login(staff(consultation.centre, roles.OFFICIAL))
    response = client.post(publish_url(consultation), follow=True)
    assert response.status_code == 200
    assert "once voting has closed" in response.text
    assert not ResultSnapshot.objects.exists()


def test_an_error_while_publishing_becomes_a_message(client, closed_vote, monkeypatch):
    from django.core.exceptions import ValidationError

    from voting.services import results

    def refuse(*args, **kwargs):
        raise ValidationError("Nie tym razem.")

    monkeypatch.setattr(results, "publish_checks", refuse)
    consultation, _proposals = closed_vote
    client.force_login(staff(consultation.centre, roles.OFFICIAL))
    response = client.post(publish_url(consultation), follow=True)
    assert response.status_code == 200
    assert "Nie tym razem." in response.text
