"""A note with a need sign-up ("I can bring a ladder"): asked on the initiative's page, kept
from everyone but the group's coordinator and contact persons, a note too long answered with
its error."""

import datetime

import pytest
from django.utils import timezone

from initiatives.models import NeedSignUp
from initiatives.services import membership, needs
from proposals.models import OFFER_NOTE_MAX
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, running

pytestmark = pytest.mark.django_db

NOTE = "Przyniosę drabinę"


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
    )


def detail(initiative):
    return initiative.index.sub_url("detail", pk=initiative.pk)


def signup_url(initiative, need):
    return initiative.index.sub_url("need_signup", pk=initiative.pk, need_pk=need.pk)


def coordination(initiative):
    return initiative.index.sub_url("handover", pk=initiative.pk)


def test_the_page_asks_for_a_note_with_a_label_and_a_hint(client, initiative):
    need = leaflets(initiative)
    client.force_login(confirmed_user())
    html = client.get(detail(initiative)).content.decode()
    assert f'<label class="field__label" for="need-note-{need.pk}">' in html
    assert f'name="note" id="need-note-{need.pk}"' in html
    assert f'aria-describedby="need-note-{need.pk}-hint"' in html


def test_the_note_is_kept_with_the_sign_up(client, initiative):
    need = leaflets(initiative)
    client.force_login(confirmed_user())
    assert client.post(signup_url(initiative, need), {"note": NOTE}).status_code == 302
    assert NeedSignUp.objects.get().note == NOTE


def test_a_note_too_long_is_a_400_with_an_error_summary_and_takes_no_place(client, initiative):
    need = leaflets(initiative)
    client.force_login(confirmed_user())
    response = client.post(signup_url(initiative, need), {"note": "x" * (OFFER_NOTE_MAX + 1)})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_note"' in html
    need.refresh_from_db()
    assert need.taken == 0


def test_withdrawing_needs_no_note(client, initiative):
    need, user = leaflets(initiative), confirmed_user()
    needs.need_sign_up(need=need, user=user, note=NOTE)
    client.force_login(user)
    response = client.post(signup_url(initiative, need), {"action": "withdraw"})
    assert response.status_code == 302
    assert not NeedSignUp.objects.exists()


def test_the_coordinator_sees_who_signed_up_with_their_note(client, initiative):
    need = leaflets(initiative)
    needs.need_sign_up(need=need, user=confirmed_user(display_name="Ola"), note=NOTE)
    client.force_login(initiative.started_by)
    html = client.get(coordination(initiative)).content.decode()
    assert f"Ola: {NOTE}" in html


def viewer_as(initiative, who):
    """A signed-in person who is a contact person, a plain member or an outsider."""
    viewer = confirmed_user()
    if who in ("contact", "member"):
        joined = membership.initiative_join(initiative=initiative, user=viewer, kind="member")
    if who == "contact":
        membership.role_set(
            initiative=initiative, coordinator=initiative.started_by, member=joined, role="contact"
        )
    return viewer


def test_a_contact_person_sees_who_signed_up_with_their_note(client, initiative):
    need = leaflets(initiative)
    needs.need_sign_up(need=need, user=confirmed_user(display_name="Ola"), note=NOTE)
    client.force_login(viewer_as(initiative, "contact"))
    response = client.get(coordination(initiative))
    assert response.status_code == 200
    assert f"Ola: {NOTE}" in response.content.decode()


def test_a_contact_person_gets_no_hand_over_form(client, initiative):
    client.force_login(viewer_as(initiative, "contact"))
    html = client.get(coordination(initiative)).content.decode()
    assert 'name="step"' not in html


def test_a_contact_person_cannot_hand_over(client, initiative):
    client.force_login(viewer_as(initiative, "contact"))
    chosen = initiative.memberships.get(user=viewer_as(initiative, "member"))
    response = client.post(coordination(initiative), {"step": "hand", "member": chosen.pk})
    assert response.status_code == 403
    assert initiative.memberships.get(role="coordinator").user == initiative.started_by


def test_the_detail_page_links_a_contact_person_to_the_sign_ups(client, initiative):
    client.force_login(viewer_as(initiative, "contact"))
    html = client.get(detail(initiative)).content.decode()
    assert f'href="{coordination(initiative)}"' in html


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_a_member_or_outsider_cannot_open_the_sign_ups(client, initiative, who):
    need = leaflets(initiative)
    needs.need_sign_up(need=need, user=confirmed_user(), note=NOTE)
    client.force_login(viewer_as(initiative, who))
    response = client.get(coordination(initiative))
    assert response.status_code == 403
    assert NOTE not in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "outsider", "member", "signed_up"])
def test_the_note_is_not_on_the_initiatives_page(client, initiative, page_cache_on, who):
    need = leaflets(initiative, wanted=3)
    needs.need_sign_up(need=need, user=confirmed_user(), note=NOTE)
    if who != "anonymous":
        viewer = confirmed_user()
        client.force_login(viewer)
    if who == "member":
        membership.initiative_join(initiative=initiative, user=viewer, kind="member")
    if who == "signed_up":
        needs.need_sign_up(need=need, user=viewer)
    html = client.get(detail(initiative)).content.decode()
    assert "Rozdawanie ulotek" in html
    assert NOTE not in html


def test_the_coordination_pages_queries_do_not_grow_with_sign_ups(
    client, initiative, django_assert_max_num_queries
):
    need = leaflets(initiative, wanted=20)
    needs.need_sign_up(need=need, user=confirmed_user(), note=NOTE)
    client.force_login(initiative.started_by)
    client.get(coordination(initiative))  # warm the caches
    with django_assert_max_num_queries(40) as few:
        client.get(coordination(initiative))
    for _ in range(5):
        needs.need_sign_up(need=leaflets(initiative), user=confirmed_user(), note=NOTE)
        needs.need_sign_up(need=need, user=confirmed_user(), note=NOTE)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(coordination(initiative))
