"""Members and supporters: one membership each, counters, roles, handing over, names shown."""

import pytest

from consultations.participation import NotAllowed
from initiatives.models import Initiative, Membership
from initiatives.services import membership
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, running, started

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(home_page):
    return running(centre_with_index(home_page)[1])


def counts(initiative):
    initiative.refresh_from_db()
    return initiative.members_count, initiative.supporters_count


def test_joining_as_member_and_supporter_counts_each(initiative):
    membership.initiative_join(initiative=initiative, user=confirmed_user(), kind="member")
    membership.initiative_join(initiative=initiative, user=confirmed_user(), kind="supporter")
    assert counts(initiative) == (2, 1)


def test_joining_twice_keeps_one_membership(initiative):
    user = confirmed_user()
    membership.initiative_join(initiative=initiative, user=user, kind="supporter")
    membership.initiative_join(initiative=initiative, user=user, kind="supporter")
    assert Membership.objects.filter(user=user).count() == 1
    assert counts(initiative) == (1, 1)


def test_supporter_who_joins_the_group_moves_between_counts(initiative):
    user = confirmed_user()
    membership.initiative_join(initiative=initiative, user=user, kind="supporter")
    membership.initiative_join(initiative=initiative, user=user, kind="member")
    assert counts(initiative) == (2, 0)


def test_leaving_lowers_the_count(initiative):
    user = confirmed_user()
    membership.initiative_join(initiative=initiative, user=user, kind="member")
    membership.initiative_leave(initiative=initiative, user=user)
    assert counts(initiative) == (1, 0)


def test_coordinator_cannot_leave_without_handing_over(initiative):
    with pytest.raises(NotAllowed):
        membership.initiative_leave(initiative=initiative, user=initiative.started_by)


def test_nobody_joins_an_initiative_waiting_for_review(home_page):
    waiting = started(centre_with_index(home_page)[1])
    with pytest.raises(NotAllowed):
        membership.initiative_join(initiative=waiting, user=confirmed_user(), kind="member")


def test_coordinator_hands_over_and_becomes_contact_person(initiative):
    successor = membership.initiative_join(
        initiative=initiative, user=confirmed_user(), kind="member"
    )
    membership.coordination_hand_over(
        initiative=initiative, coordinator=initiative.started_by, successor=successor
    )
    roles = dict(Membership.objects.values_list("user_id", "role"))
    assert roles == {
        initiative.started_by_id: Membership.Role.CONTACT,
        successor.user_id: Membership.Role.COORDINATOR,
    }


def test_only_the_coordinator_hands_over(initiative):
    member = membership.initiative_join(initiative=initiative, user=confirmed_user(), kind="member")
    with pytest.raises(NotAllowed):
        membership.coordination_hand_over(
            initiative=initiative, coordinator=member.user, successor=member
        )


def test_supporter_cannot_become_coordinator(initiative):
    supporter = membership.initiative_join(
        initiative=initiative, user=confirmed_user(), kind="supporter"
    )
    with pytest.raises(NotAllowed):
        membership.coordination_hand_over(
            initiative=initiative, coordinator=initiative.started_by, successor=supporter
        )


def test_coordinator_names_a_contact_person(initiative):
    member = membership.initiative_join(initiative=initiative, user=confirmed_user(), kind="member")
    membership.role_set(
        initiative=initiative,
        coordinator=initiative.started_by,
        member=member,
        role=Membership.Role.CONTACT,
    )
    member.refresh_from_db()
    assert member.role == Membership.Role.CONTACT


def test_member_names_are_public_only_with_consent(client, initiative):
    shown = confirmed_user(display_name="Jadwiga Zgodna")
    hidden = confirmed_user(display_name="Tomasz Ukryty")
    membership.initiative_join(initiative=initiative, user=shown, kind="member", show_name=True)
    membership.initiative_join(initiative=initiative, user=hidden, kind="member")
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Jadwiga Zgodna" in page
    assert "Tomasz Ukryty" not in page


def test_supporters_count_is_public(client, initiative):
    for _n in range(3):
        membership.initiative_join(initiative=initiative, user=confirmed_user(), kind="supporter")
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "3 osoby wspierające" in page


def test_join_form_posts_a_membership(client, initiative):
    user = confirmed_user()
    client.force_login(user)
    response = client.post(
        initiative.index.sub_url("join", pk=initiative.pk), {"kind": "supporter"}
    )
    assert response.status_code == 302
    assert Membership.objects.get(user=user).kind == Membership.Kind.SUPPORTER


def test_anonymous_join_goes_to_sign_in(client, initiative):
    response = client.post(initiative.index.sub_url("join", pk=initiative.pk), {"kind": "member"})
    assert response.status_code == 302
    assert "login" in response.url or "logowanie" in response.url
    assert Initiative.objects.get().members_count == 1


def test_data_download_lists_the_persons_memberships(initiative):
    from accounts.services.privacy import user_data_export

    user = confirmed_user()
    membership.initiative_join(initiative=initiative, user=user, kind="member", show_name=True)
    section = user_data_export(user)["initiatives"]
    assert section["memberships"][0]["initiative"] == initiative.title
    assert section["memberships"][0]["name_shown_publicly"] is True
