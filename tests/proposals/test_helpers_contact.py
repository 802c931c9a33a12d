"""Writing to the people who offered help: who may, what the emails show, and the limit."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry

from accounts import roles
from proposals.services import helpers
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_proposals import PledgeFactory, ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


def resident(**kwargs):
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def official_of(centre):
    user = resident()
    user.groups.add(roles.centre_groups_ensure(centre)[roles.OFFICIAL])
    return user


@pytest.fixture
def centre(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", slug="nowy-sacz")


@pytest.fixture
def proposal(centre):
    index = ConsultationIndexPageFactory(parent=centre)
    consultation = with_phases(ConsultationPageFactory(parent=index), current="proposals")
    return ProposalFactory(consultation=consultation, author=resident(display_name="Autorka Ania"))


@pytest.fixture
def helpers_(proposal):
    return [
        PledgeFactory(proposal=proposal, user=resident(display_name=f"Pomocnik {n}")).user
        for n in range(3)
    ]


def url(proposal):
    consultation = proposal.consultation
    return consultation.url + consultation.reverse_subpage(
        "helpers_contact", kwargs={"pk": proposal.pk}
    )


def detail(proposal):
    consultation = proposal.consultation
    return consultation.url + consultation.reverse_subpage(
        "proposal_detail", kwargs={"pk": proposal.pk}
    )


MESSAGE = {"subject": "Sprzątanie w sobotę", "body": "Spotykamy się o 10 przy przystanku."}


def test_author_message_reaches_each_helper_once(client, proposal, helpers_):
    client.force_login(proposal.author)
    response = client.post(url(proposal), MESSAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(detail(proposal))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(h.email for h in helpers_)
    assert all(len(m.to) == 1 for m in mail.outbox)


def test_message_shows_sender_name_and_link_but_no_address(client, proposal, helpers_):
    client.force_login(proposal.author)
    client.post(url(proposal), MESSAGE)
    addresses = {proposal.author.email, *(h.email for h in helpers_)}
    for message in mail.outbox:
        assert "Autorka Ania" in message.body
        assert detail(proposal) in message.body
        assert MESSAGE["body"] in message.body
        assert MESSAGE["subject"] in message.subject
        assert not message.cc
        assert not message.bcc
        assert not message.reply_to
        headers = message.message()
        for name in ("Reply-To", "Cc", "Bcc", "Sender"):
            assert headers[name] is None
        own = message.to[0]
        others = addresses - {own}
        visible = message.body + message.subject + message.from_email + str(headers)
        for address in others:
            assert address not in visible
        assert own not in message.body


def test_sender_gets_no_copy_of_their_own_message_when_also_a_helper(proposal, helpers_):
    PledgeFactory(proposal=proposal, user=proposal.author)
    sent = helpers.helpers_message(
        proposal=proposal, sender=proposal.author, subject="Temat", body="Treść"
    )
    assert sent == 3
    assert proposal.author.email not in [m.to[0] for m in mail.outbox]


def test_message_is_logged_for_the_proposal(proposal, helpers_):
    helpers.helpers_message(proposal=proposal, sender=proposal.author, subject="T", body="B")
    entry = ModelLogEntry.objects.get(action="mam.proposal.helpers_message")
    assert entry.object_id == str(proposal.pk)
    assert entry.data["recipients"] == 3


def test_staff_of_the_proposals_centre_may_write(client, centre, proposal, helpers_):
    client.force_login(official_of(centre))
    response = client.post(url(proposal), MESSAGE)
    assert response.status_code == 302
    assert len(mail.outbox) == 3


def test_other_resident_is_refused(client, proposal, helpers_):
    client.force_login(resident())
    assert client.get(url(proposal)).status_code == 403
    assert client.post(url(proposal), MESSAGE).status_code == 403
    assert mail.outbox == []


def test_helper_is_refused(client, proposal, helpers_):
    client.force_login(helpers_[0])
    assert client.post(url(proposal), MESSAGE).status_code == 403
    assert mail.outbox == []


def test_staff_of_another_centre_is_refused(client, home_page, proposal, helpers_):
    other = CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")
    client.force_login(official_of(other))
    assert client.post(url(proposal), MESSAGE).status_code == 403
    assert mail.outbox == []


def test_service_refuses_someone_who_is_not_author_or_staff(proposal, helpers_):
    with pytest.raises(PermissionDenied):
        helpers.helpers_message(proposal=proposal, sender=resident(), subject="T", body="B")


def test_anonymous_visitor_is_sent_to_sign_in(client, proposal):
    response = client.get(url(proposal))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_fourth_message_of_the_day_is_refused_with_429(client, proposal, helpers_):
    client.force_login(proposal.author)
    for _n in range(3):
        assert client.post(url(proposal), MESSAGE).status_code == 302
    response = client.post(url(proposal), MESSAGE, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert b"Try again tomorrow" in response.content
    assert len(mail.outbox) == 9


def test_too_long_message_shows_error_and_sends_nothing(client, proposal, helpers_):
    client.force_login(proposal.author)
    response = client.post(url(proposal), {"subject": "T", "body": "x" * 2001})
    assert response.status_code == 200
    assert b'aria-invalid="true"' in response.content
    assert mail.outbox == []


def test_subject_with_line_break_is_sent_on_one_line(proposal, helpers_):
    helpers.helpers_message(
        proposal=proposal, sender=proposal.author, subject="A\r\nBcc: x@example.com", body="B"
    )
    assert all("\n" not in m.subject for m in mail.outbox)
    assert all(not m.bcc for m in mail.outbox)


def test_form_page_escapes_the_title(client, proposal, helpers_):
    proposal.title = "<script>alert(1)</script>"
    proposal.save()
    client.force_login(proposal.author)
    response = client.get(url(proposal), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content
    assert b"3 people" in response.content


def test_detail_page_links_author_to_the_form(client, proposal, helpers_):
    client.force_login(proposal.author)
    response = client.get(detail(proposal))
    assert url(proposal).encode() in response.content
    assert b"Pomocnik 0" in response.content


def test_other_residents_see_neither_helpers_nor_the_link(client, proposal, helpers_):
    for viewer in (None, resident(), helpers_[1]):
        client.logout()
        if viewer:
            client.force_login(viewer)
        response = client.get(detail(proposal))
        assert response.status_code == 200
        assert url(proposal).encode() not in response.content
        assert b"Pomocnik 0" not in response.content
