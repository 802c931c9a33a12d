"""Supports, offers of help and following: the rules of the services and the POST views."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from accounts import roles
from consultations.models import ConsultationPage
from consultations.participation import NotAllowed
from proposals.models import Follow, Pledge, Proposal, Support
from proposals.services import engagement
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_proposals import ProposalFactory, SupportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


@pytest.fixture
def centre(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", slug="nowy-sacz")


@pytest.fixture
def consultation(centre):
    index = ConsultationIndexPageFactory(parent=centre)
    return with_phases(ConsultationPageFactory(parent=index), current="proposals")


@pytest.fixture
def proposal(consultation):
    return ProposalFactory(consultation=consultation)


def resident():
    user = UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def official_of(centre):
    user = resident()
    user.groups.add(roles.centre_groups_ensure(centre)[roles.OFFICIAL])
    return user


def move_to(consultation, phase):
    """Put the consultation in `phase` now (a fresh page: the factory needs one)."""
    return with_phases(ConsultationPage.objects.get(pk=consultation.pk), current=phase)


def url(proposal, name):
    consultation = proposal.consultation
    return consultation.url + consultation.reverse_subpage(name, kwargs={"pk": proposal.pk})


def test_support_counts_once_per_person(proposal):
    user = resident()
    engagement.support_add(proposal=proposal, user=user)
    engagement.support_add(proposal=proposal, user=user)
    proposal.refresh_from_db()
    assert proposal.supports_count == 1
    assert Support.objects.filter(proposal=proposal).count() == 1


def test_database_refuses_a_second_support_of_the_same_person(proposal):
    user = resident()
    SupportFactory(proposal=proposal, user=user)
    with pytest.raises(IntegrityError):
        SupportFactory(proposal=proposal, user=user)


def test_supports_of_different_people_are_all_counted(proposal):
    for _ in range(3):
        engagement.support_add(proposal=proposal, user=resident())
    proposal.refresh_from_db()
    assert proposal.supports_count == 3


def test_support_can_be_withdrawn_while_supporting_is_open(proposal):
    user = resident()
    engagement.support_add(proposal=proposal, user=user)
    assert engagement.support_remove(proposal=proposal, user=user)
    proposal.refresh_from_db()
    assert proposal.supports_count == 0
    assert not Support.objects.exists()


def test_support_cannot_be_withdrawn_once_supporting_closed(consultation, proposal):
    user = resident()
    engagement.support_add(proposal=proposal, user=user)
    proposal.consultation = move_to(consultation, "voting")
    with pytest.raises(NotAllowed):
        engagement.support_remove(proposal=proposal, user=user)
    assert Support.objects.count() == 1


def test_no_support_outside_the_supporting_phases(consultation, proposal):
    proposal.consultation = move_to(consultation, "voting")
    with pytest.raises(NotAllowed):
        engagement.support_add(proposal=proposal, user=resident())


def test_withdrawn_proposal_takes_no_support(proposal):
    proposal.status = Proposal.Status.WITHDRAWN
    proposal.save()
    with pytest.raises(ValidationError):
        engagement.support_add(proposal=proposal, user=resident())


def test_reaching_the_threshold_is_recorded_once_and_emails_officials_and_followers(
    centre, consultation, proposal, django_capture_on_commit_callbacks
):
    consultation.support_threshold = 2
    consultation.save()
    proposal.consultation = consultation
    official = official_of(centre)
    follower = resident()
    engagement.follow(proposal=proposal, user=follower)
    with django_capture_on_commit_callbacks(execute=True):
        engagement.support_add(proposal=proposal, user=resident())
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        engagement.support_add(proposal=proposal, user=resident())
    proposal.refresh_from_db()
    reached = proposal.threshold_reached_at
    assert reached is not None
    assert sorted(m.to[0] for m in mail.outbox) == sorted([official.email, follower.email])
    with django_capture_on_commit_callbacks(execute=True):
        engagement.support_add(proposal=proposal, user=resident())
    proposal.refresh_from_db()
    assert proposal.threshold_reached_at == reached
    assert len(mail.outbox) == 2


def test_officials_of_another_centre_are_not_told_of_the_threshold(
    home_page, consultation, proposal, django_capture_on_commit_callbacks
):
    other = CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")
    official_of(other)
    consultation.support_threshold = 1
    consultation.save()
    proposal.consultation = consultation
    with django_capture_on_commit_callbacks(execute=True):
        engagement.support_add(proposal=proposal, user=resident())
    assert not mail.outbox


def test_staff_record_a_support_given_in_person(centre, proposal):
    staff, person = official_of(centre), UserFactory()
    support = engagement.support_record_in_person(proposal=proposal, resident=person, staff=staff)
    assert support.channel == Support.Channel.IN_PERSON
    assert support.recorded_by == staff
    proposal.refresh_from_db()
    assert proposal.supports_count == 1


def test_staff_of_another_centre_cannot_record_supports(home_page, proposal):
    other = CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")
    with pytest.raises(ValidationError):
        engagement.support_record_in_person(
            proposal=proposal, resident=UserFactory(), staff=official_of(other)
        )


def test_pledge_keeps_one_offer_with_the_latest_note(proposal):
    user = resident()
    engagement.pledge_add(proposal=proposal, user=user, note="Mam grabie.")
    engagement.pledge_add(proposal=proposal, user=user, note="Mam grabie i taczkę.")
    assert list(Pledge.objects.values_list("note", flat=True)) == ["Mam grabie i taczkę."]
    assert engagement.pledge_remove(proposal=proposal, user=user)
    assert not Pledge.objects.exists()


def test_following_twice_is_one_follow(proposal):
    user = resident()
    engagement.follow(proposal=proposal, user=user)
    engagement.follow(proposal=proposal, user=user)
    assert Follow.objects.count() == 1
    assert engagement.unfollow(proposal=proposal, user=user)
    assert not Follow.objects.exists()


# Views ------------------------------------------------------------------------------------


def test_support_form_works_without_javascript(client, proposal):
    client.force_login(resident())
    response = client.post(url(proposal, "support"), {"action": "add"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/propozycje/{proposal.pk}/#engagement")
    proposal.refresh_from_db()
    assert proposal.supports_count == 1
    client.post(url(proposal, "support"), {"action": "remove"})
    proposal.refresh_from_db()
    assert proposal.supports_count == 0


def test_htmx_gets_the_updated_fragment_with_the_pressed_button(client, proposal):
    client.force_login(resident())
    response = client.post(url(proposal, "support"), {"action": "add"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="engagement"' in html
    assert 'aria-pressed="true"' in html
    assert "Thank you" in html or "Dziękujemy" in html


def test_anonymous_visitor_is_sent_to_sign_in(client, proposal):
    response = client.post(url(proposal, "support"), {"action": "add"})
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert not Support.objects.exists()


def test_support_outside_the_phase_gets_a_message_not_an_error(client, consultation, proposal):
    move_to(consultation, "results")
    client.force_login(resident())
    response = client.post(url(proposal, "support"), {"action": "add"}, follow=True)
    assert response.status_code == 200
    assert not Support.objects.exists()
    assert list(response.context["messages"])


def test_non_resident_cannot_support_a_residents_only_consultation(client, consultation, proposal):
    consultation.eligibility = ConsultationPage.Eligibility.VERIFIED
    consultation.save_revision().publish()
    client.force_login(resident())
    response = client.post(url(proposal, "support"), {"action": "add"})
    assert response.status_code == 403
    assert not Support.objects.exists()


def test_too_many_supports_in_a_minute_get_429(client, proposal):
    client.force_login(resident())
    for _ in range(engagement_limit()):
        client.post(url(proposal, "support"), {"action": "add"})
    response = client.post(url(proposal, "support"), {"action": "add"})
    assert response.status_code == 429


def engagement_limit():
    from proposals.views.engagement import ACTION_LIMIT

    return ACTION_LIMIT["limit"]


def test_pledge_and_follow_forms(client, proposal):
    user = resident()
    client.force_login(user)
    client.post(url(proposal, "pledge"), {"action": "add", "note": "Pomogę sprzątać."})
    client.post(url(proposal, "follow"), {"action": "follow"})
    assert Pledge.objects.get(user=user).note == "Pomogę sprzątać."
    assert Follow.objects.filter(user=user).exists()
    client.post(url(proposal, "follow"), {"action": "unfollow"})
    assert not Follow.objects.filter(user=user).exists()


def test_helpers_are_listed_to_the_author_and_staff_only(client, centre, proposal):
    from proposals.views.engagement import engagement_context

    helper = resident()
    helper.display_name = "Pani Zofia"
    helper.save()
    engagement.pledge_add(proposal=proposal, user=helper, note="Mam grabie.")
    rf_request = client.get("/").wsgi_request

    def helpers_for(user):
        rf_request.user = user
        return engagement_context(rf_request, proposal, proposal.consultation)["helpers"]

    assert [p.user for p in helpers_for(proposal.author)] == [helper]
    assert [p.user for p in helpers_for(official_of(centre))] == [helper]
    assert helpers_for(resident()) is None


def test_pledge_note_is_escaped(client, proposal):
    from django.template.loader import render_to_string

    from proposals.views.engagement import engagement_context

    engagement.pledge_add(proposal=proposal, user=resident(), note="<script>alert(1)</script>")
    request = client.get("/").wsgi_request
    request.user = proposal.author
    html = render_to_string(
        "proposals/includes/engagement.html", engagement_context(request, proposal), request
    )
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
