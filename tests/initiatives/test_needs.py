"""Needs and tasks: posted by the group's leaders, sign-ups up to the number wanted."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultations.participation import NotAllowed
from initiatives.forms import NeedSignUpForm
from initiatives.models import Need, NeedSignUp
from initiatives.services import needs
from proposals.models import OFFER_NOTE_MAX
from proposals.views.engagement import PledgeForm
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, running

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(home_page):
    return running(centre_with_index(home_page)[1])


def leaflets(initiative, wanted=2):
    return needs.need_post(
        initiative=initiative,
        user=initiative.started_by,
        title="Rozdawanie ulotek",
        wanted=wanted,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        place="Rynek",
    )


def test_coordinator_posts_a_need(initiative):
    need = leaflets(initiative, wanted=5)
    assert (need.wanted, need.taken) == (5, 0)


def test_a_plain_member_cannot_post_a_need(initiative):
    with pytest.raises(NotAllowed):
        needs.need_post(initiative=initiative, user=confirmed_user(), title="X", wanted=1)


def test_sign_ups_stop_at_the_number_wanted(initiative):
    need = leaflets(initiative, wanted=2)
    needs.need_sign_up(need=need, user=confirmed_user())
    needs.need_sign_up(need=need, user=confirmed_user())
    with pytest.raises(NotAllowed):
        needs.need_sign_up(need=need, user=confirmed_user())
    need.refresh_from_db()
    assert need.taken == NeedSignUp.objects.count() == 2


def test_signing_up_twice_takes_one_place(initiative):
    need, user = leaflets(initiative), confirmed_user()
    needs.need_sign_up(need=need, user=user)
    needs.need_sign_up(need=need, user=user)
    need.refresh_from_db()
    assert need.taken == 1


def test_withdrawing_frees_the_place(initiative):
    need, user = leaflets(initiative, wanted=1), confirmed_user()
    needs.need_sign_up(need=need, user=user)
    needs.need_withdraw(need=need, user=user)
    needs.need_sign_up(need=need, user=confirmed_user())
    assert Need.objects.get().taken == 1


def test_no_sign_up_after_the_task_took_place(initiative):
    need = leaflets(initiative)
    later = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(NotAllowed):
        needs.need_sign_up(need=need, user=confirmed_user(), now=later)


def test_sign_up_button_records_a_sign_up(client, initiative):
    need, user = leaflets(initiative), confirmed_user()
    client.force_login(user)
    url = initiative.index.sub_url("need_signup", pk=initiative.pk, need_pk=need.pk)
    assert client.post(url).status_code == 302
    assert NeedSignUp.objects.get().user == user


def test_need_form_page_posts_a_need(client, initiative):
    client.force_login(initiative.started_by)
    url = initiative.index.sub_url("need_create", pk=initiative.pk)
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Sala na zebranie", "wanted": "1"})
    assert response.status_code == 302
    assert Need.objects.get().title == "Sala na zebranie"


def test_need_form_is_refused_to_a_supporter(client, initiative):
    client.force_login(confirmed_user())
    url = initiative.index.sub_url("need_create", pk=initiative.pk)
    assert client.get(url).status_code == 403


def test_a_sign_ups_note_follows_a_pledges_rule_stripped(initiative):
    signup = needs.need_sign_up(
        need=leaflets(initiative), user=confirmed_user(), note=" Mam rower "
    )
    assert signup.note == "Mam rower"


def test_a_sign_ups_note_longer_than_a_pledges_is_refused_and_takes_no_place(initiative):
    need = leaflets(initiative)
    with pytest.raises(ValidationError):
        needs.need_sign_up(need=need, user=confirmed_user(), note="x" * (OFFER_NOTE_MAX + 1))
    need.refresh_from_db()
    assert need.taken == 0


def test_the_sign_up_form_takes_a_note_as_long_as_the_pledge_form_does():
    note = "x" * OFFER_NOTE_MAX
    assert NeedSignUpForm({"note": note}).is_valid()
    assert PledgeForm({"note": note}).is_valid()
    assert not NeedSignUpForm({"note": note + "x"}).is_valid()
    assert not PledgeForm({"note": note + "x"}).is_valid()
