"""A person's activity sign-ups: in their data download, and cancelled when the account goes."""

import pytest
from django.core import mail
from django.utils import translation

from accounts.services import privacy
from events import services
from events.models import SignUp
from tests.events.test_pages import soon
from tests.factories import UserFactory
from tests.factories_events import activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(centre):
    return activity(centre, title="Warsztaty segregacji", starts_at=soon(3), places=1)


def join(page, user, day=None):
    return services.signup_join(activity=page, day=day or soon(3).date(), user=user)


def test_the_data_download_lists_the_persons_sign_ups(workshop):
    user = UserFactory()
    join(workshop, user)
    sign_ups = privacy.user_data_export(user)["activity_sign_ups"]
    assert [(s["activity"], s["date"], s["state"]) for s in sign_ups] == [
        ("Warsztaty segregacji", soon(3).date().isoformat(), "confirmed")
    ]


def test_the_data_download_leaves_out_other_peoples_sign_ups(workshop):
    join(workshop, UserFactory())
    assert privacy.user_data_export(UserFactory())["activity_sign_ups"] == []


def test_deleting_the_account_cancels_a_coming_sign_up(workshop):
    user = UserFactory()
    signup = join(workshop, user)
    privacy.user_delete(user=user)
    signup.refresh_from_db()
    assert signup.state == SignUp.State.CANCELLED


def test_the_freed_place_goes_to_the_first_person_waiting_who_is_emailed(workshop):
    leaving, waiting = UserFactory(), UserFactory()
    join(workshop, leaving)
    moved = join(workshop, waiting)
    mail.outbox.clear()
    privacy.user_delete(user=leaving)
    moved.refresh_from_db()
    assert moved.state == SignUp.State.CONFIRMED
    assert [message.to for message in mail.outbox] == [[waiting.email]]


def test_a_past_sign_up_stays_counted_without_the_name(centre):
    page = activity(centre, starts_at=soon(-7), places=5)
    user = UserFactory()
    past = SignUp.objects.create(
        activity=page,
        occurrence=soon(-7).date(),
        user=user,
        name="Anna Wierzbicka",
        state=SignUp.State.CONFIRMED,
        created_at=soon(-8),
        changed_at=soon(-8),
    )
    privacy.user_delete(user=user)
    past.refresh_from_db()
    assert past.state == SignUp.State.CONFIRMED
    assert past.name == "" and "Anna" not in past.shown_name


def test_deleting_one_account_leaves_another_persons_sign_up(workshop):
    staying = UserFactory()
    kept = join(workshop, staying)
    privacy.user_delete(user=UserFactory())
    kept.refresh_from_db()
    assert kept.state == SignUp.State.CONFIRMED and kept.name


def test_a_sign_up_without_a_name_is_shown_as_a_deleted_account(workshop):
    signup = join(workshop, UserFactory())
    SignUp.objects.filter(pk=signup.pk).update(name="")
    signup.refresh_from_db()
    with translation.override("pl"):
        assert signup.shown_name == "Usunięte konto"
