"""Sign-ups: places, the waiting list moving up, the no-login cancel link, the pages."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import formats, timezone, translation

from consultations.participation import NotAllowed
from events import services
from events.models import SignUp
from tests.events.test_pages import soon
from tests.factories import UserFactory
from tests.factories_events import activity, change

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(centre):
    return activity(centre, title="Warsztaty segregacji", starts_at=soon(3), places=2)


def join(page, user=None, **kwargs):
    return services.signup_join(activity=page, day=soon(3).date(), user=user, **kwargs)


def test_people_are_confirmed_until_the_places_are_taken_then_wait(workshop):
    states = [join(workshop, UserFactory()).state for _ in range(3)]
    assert states == ["confirmed", "confirmed", "waiting"]


def test_without_a_waiting_list_a_full_date_refuses(centre):
    page = activity(centre, starts_at=soon(3), places=1, waiting_list=False)
    join(page, UserFactory())
    with pytest.raises(NotAllowed) as refusal:
        join(page, UserFactory())
    assert refusal.value.code == "full"


def test_signing_up_twice_keeps_one_sign_up(workshop):
    user = UserFactory()
    assert join(workshop, user) == join(workshop, user)
    assert SignUp.objects.count() == 1


def test_sign_up_closes_hours_before_the_start(workshop):
    late = soon(3) - datetime.timedelta(hours=1)
    with pytest.raises(NotAllowed):
        join(workshop, UserFactory(), now=late)


def test_staff_at_the_desk_sign_a_caller_up_by_name_only(workshop):
    staff = UserFactory()
    signup = join(workshop, name="Pani Zofia (telefon)", entered_by=staff)
    assert (signup.user, signup.name, signup.entered_by) == (None, "Pani Zofia (telefon)", staff)
    assert mail.outbox == []


def test_a_cancelled_date_cannot_be_signed_up_for(workshop):
    change(workshop, soon(3).date())
    with pytest.raises(NotAllowed):
        join(workshop, UserFactory())


def test_cancelling_a_confirmed_place_moves_the_first_waiting_person_up(workshop):
    first, _second, waiting = (join(workshop, UserFactory()) for _ in range(3))
    later = join(workshop, UserFactory())
    mail.outbox.clear()
    moved = services.signup_cancel(signup=first)
    assert moved == waiting
    assert SignUp.objects.get(pk=waiting.pk).state == "confirmed"
    assert SignUp.objects.get(pk=later.pk).state == "waiting"
    [email] = mail.outbox
    assert email.to == [waiting.user.email] and "Warsztaty segregacji" in email.subject


def test_cancelling_a_waiting_place_moves_nobody(workshop):
    join(workshop, UserFactory())
    join(workshop, UserFactory())
    waiting = join(workshop, UserFactory())
    assert services.signup_cancel(signup=waiting) is None
    assert SignUp.objects.filter(state="confirmed").count() == 2


def test_sign_up_page_sends_anonymous_visitors_to_sign_in(client, workshop):
    response = client.get(f"{workshop.url}zapisy/{soon(3).date().isoformat()}/")
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("day", ["²", "2026-02-30", "9" * 30, "2020-01-01"])
def test_sign_up_page_of_a_date_that_is_not_planned_is_not_found(client, workshop, day):
    client.force_login(UserFactory())
    assert client.get(f"{workshop.url}zapisy/{day}/").status_code == 404


def test_resident_signs_up_and_cancels_through_the_emailed_link(client, workshop):
    user = UserFactory()
    client.force_login(user)
    url = f"{workshop.url}zapisy/{soon(3).date().isoformat()}/"
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    [email] = mail.outbox
    assert email.to == [user.email]
    cancel = re.search(r"http://testserver(\S+/wypisz/\S+/)", email.body).group(1)
    client.logout()
    assert client.get(cancel).status_code == 200
    assert client.post(cancel).status_code == 302
    assert SignUp.objects.get().state == "cancelled"


@pytest.mark.parametrize("token", ["abc", "1-forged", "-", "1-", "9" * 30 + "-x"])
def test_a_forged_cancel_link_is_not_found(client, workshop, token):
    join(workshop, UserFactory())
    assert client.get(f"{workshop.url}wypisz/{token}/").status_code == 404


def test_a_cancel_link_of_another_activity_is_not_found(client, centre, workshop):
    other = activity(centre, starts_at=soon(3), places=2)
    signup = join(other, UserFactory())
    token = services.cancel_token(signup)
    assert client.get(f"{workshop.url}wypisz/{token}/").status_code == 404


def test_cancel_page_is_never_stored_as_a_shared_copy(client, workshop):
    signup = join(workshop, UserFactory())
    response = client.get(f"{workshop.url}wypisz/{services.cancel_token(signup)}/")
    assert "no-store" in response["Cache-Control"]


def test_a_full_date_on_the_sign_up_page_is_a_clear_refusal(client, centre):
    page = activity(centre, starts_at=soon(3), places=1, waiting_list=False)
    join(page, UserFactory())
    client.force_login(UserFactory())
    response = client.post(f"{page.url}zapisy/{soon(3).date().isoformat()}/")
    assert response.status_code in (200, 409)
    assert "error-summary" in response.text


def test_sign_up_times_are_stored(workshop):
    before = timezone.now()
    signup = join(workshop, UserFactory())
    assert signup.created_at >= before


def test_the_sign_up_page_in_polish_starts_its_sentence_with_the_day(client, workshop):
    """Polish day names are capitalised by Django: "Wtorek" may open a sentence, never follow a
    comma."""
    client.force_login(UserFactory())
    with translation.override("pl"):
        text = client.get(f"{workshop.url}zapisy/{soon(3).date().isoformat()}/").text
        day = formats.date_format(soon(3), "l, j E Y, H:i")
    assert f"{day}: „Warsztaty segregacji”." in text
