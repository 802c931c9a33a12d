"""A person's own page of what they take part in (`/konto/udzial/`): each app's section, only
their own rows, coming dates only, and the same few queries however much they have done."""

import datetime

import pytest
from django.urls import reverse

from events import services as event_services
from events.models import SignUp
from initiatives.models import Membership
from rooms import services as room_services
from tests.events.test_pages import soon
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_events import activity, warsaw
from tests.factories_proposals import ProposalFactory, SupportFactory, open_consultation
from tests.factories_rooms import RoomFactory, index_of, open_weekdays, resident_of
from tests.initiatives.helpers import centre_with_index, running

pytestmark = pytest.mark.django_db
URL = reverse("accounts:participation")


@pytest.fixture
def person(client):
    user = UserFactory()
    client.force_login(user)
    return user


def page_text(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    return response.text


def test_a_visitor_is_asked_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_page_lists_the_persons_proposals_with_their_status(client, person, home_page):
    consultation = open_consultation(home_page)
    ProposalFactory(consultation=consultation, author=person, title="Ławki przy stawie")
    ProposalFactory(consultation=consultation, title="Cudza propozycja")
    text = page_text(client)
    assert "Ławki przy stawie" in text and "zgłoszona" in text
    assert "Cudza propozycja" not in text


def test_the_page_lists_the_proposals_the_person_supports(client, person, home_page):
    proposal = ProposalFactory(consultation=open_consultation(home_page), title="Nowe kosze")
    SupportFactory(proposal=proposal, user=person)
    assert "Nowe kosze" in page_text(client)


def test_a_coming_sign_up_is_listed_with_a_link_to_cancel_it(client, person, home_page):
    workshop = activity(
        CentrePageFactory(parent=home_page), title="Warsztaty", starts_at=soon(3), places=5
    )
    event_services.signup_join(activity=workshop, day=soon(3).date(), user=person)
    text = page_text(client)
    assert "Warsztaty" in text and "Zrezygnuj z miejsca" in text
    cancel_link = text.split("Zrezygnuj z miejsca")[0].rsplit('href="', 1)[1].split('"')[0]
    assert client.get(cancel_link).status_code == 200


def test_past_and_cancelled_sign_ups_are_not_listed(client, person, home_page):
    centre = CentrePageFactory(parent=home_page)
    past = activity(centre, title="Dawne warsztaty", starts_at=soon(-3), places=5)
    SignUp.objects.create(
        activity=past, occurrence=soon(-3).date(), user=person, name="X", state="confirmed",
        created_at=soon(-4), changed_at=soon(-4),
    )  # fmt: skip
    cancelled = activity(centre, title="Odwołany zapis", starts_at=soon(3), places=5)
    signup = event_services.signup_join(activity=cancelled, day=soon(3).date(), user=person)
    event_services.signup_cancel(signup=signup)
    text = page_text(client)
    assert "Dawne warsztaty" not in text and "Odwołany zapis" not in text


def test_a_coming_room_booking_is_listed_with_the_centres_list_of_bookings(client, home_page):
    centre = CentrePageFactory(parent=home_page)
    open_weekdays(centre, ahead_days=400, longest_hours=4, open_requests=2)
    index = index_of(centre)
    room = RoomFactory(centre=centre, name="Sala spotkań", capacity=20)
    user = resident_of(centre)
    starts = warsaw(2027, 3, 3, 17)
    room_services.booking_request(
        room=room, user=user, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
        purpose="Spotkanie sąsiadów", people=10, user_kind="resident",
        now=starts - datetime.timedelta(days=2),
    )  # fmt: skip
    client.force_login(user)
    text = page_text(client)
    assert "Sala spotkań" in text and "Spotkanie sąsiadów" in text
    assert index.url + index.reverse_subpage("mine") in text


def test_no_room_section_for_someone_who_never_booked(client, person):
    assert "Twoje rezerwacje sal" not in page_text(client)


def test_the_initiatives_the_person_is_in_are_listed_with_their_role(client, home_page):
    index = centre_with_index(home_page)[1]
    initiative = running(index, title="Zielone podwórko")
    coordinator = Membership.objects.get(initiative=initiative, role="coordinator").user
    client.force_login(coordinator)
    text = page_text(client)
    assert "Zielone podwórko" in text and "koordynator" in text


def test_the_page_costs_the_same_queries_for_one_or_many_of_each(
    client, person, home_page, django_assert_max_num_queries
):
    consultation = open_consultation(home_page)
    workshop = activity(CentrePageFactory(parent=home_page), starts_at=soon(3), places=50)
    proposal = ProposalFactory(consultation=consultation, author=person)
    SupportFactory(proposal=proposal, user=person)
    event_services.signup_join(activity=workshop, day=soon(3).date(), user=person)
    client.get(URL)
    with django_assert_max_num_queries(40) as first:
        client.get(URL)
    one = len(first)  # now: the connection's query log is a ring that later writes wrap
    for day in range(4, 16):
        other = ProposalFactory(consultation=consultation, author=person)
        SupportFactory(proposal=other, user=person)
        page = activity(CentrePageFactory(parent=home_page), starts_at=soon(day), places=5)
        event_services.signup_join(activity=page, day=soon(day).date(), user=person)
    client.get(URL)  # new pages change the site's menu: read again once, as for anyone
    with django_assert_max_num_queries(one):
        text = client.get(URL).text
    assert "i jeszcze 3" in text
