"""What deleting an account does to the person's initiatives (initiatives/privacy.py)."""

import datetime

import pytest
from django.utils import timezone, translation

from accounts.services import privacy
from initiatives.models import Membership, Need, NeedSignUp, Petition, Update
from initiatives.services import membership, needs, petitions, updates
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, running
from tests.initiatives.petition_helpers import open_resolution

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(home_page):
    return running(centre_with_index(home_page)[1])


def join(initiative, kind="member", **kwargs):
    user = confirmed_user(**kwargs)
    membership.initiative_join(initiative=initiative, user=user, kind=kind)
    return user


def role(initiative, user):
    return Membership.objects.get(initiative=initiative, user=user).role


def need(initiative, user=None):
    return needs.need_post(
        initiative=initiative,
        user=user or initiative.started_by,
        title="Sadzenie drzew",
        wanted=3,
        starts_at=timezone.now() + datetime.timedelta(days=2),
    )


def test_a_member_leaves_the_group_and_the_count_drops(initiative):
    user = join(initiative)
    privacy.user_delete(user=user)
    initiative.refresh_from_db()
    assert not Membership.objects.filter(user=user).exists()
    assert initiative.members_count == 1


def test_a_supporter_stops_following_and_the_count_drops(initiative):
    user = join(initiative, kind="supporter")
    privacy.user_delete(user=user)
    initiative.refresh_from_db()
    assert initiative.supporters_count == 0


def test_a_deleted_coordinators_role_goes_to_the_longest_standing_contact_person(initiative):
    join(initiative)
    contact = join(initiative)
    membership.role_set(
        initiative=initiative,
        coordinator=initiative.started_by,
        member=Membership.objects.get(user=contact),
        role=Membership.Role.CONTACT,
    )
    privacy.user_delete(user=initiative.started_by)
    assert role(initiative, contact) == Membership.Role.COORDINATOR


def test_without_a_contact_person_the_longest_standing_member_coordinates(initiative):
    first = join(initiative)
    join(initiative)
    join(initiative, kind="supporter")
    privacy.user_delete(user=initiative.started_by)
    assert role(initiative, first) == Membership.Role.COORDINATOR


def test_a_member_who_cannot_take_part_is_passed_over(initiative):
    blocked = join(initiative)
    able = join(initiative)
    blocked.is_active = False
    blocked.save(update_fields=["is_active"])
    privacy.user_delete(user=initiative.started_by)
    assert role(initiative, able) == Membership.Role.COORDINATOR


def test_a_group_without_other_members_is_left_without_a_coordinator(initiative):
    privacy.user_delete(user=initiative.started_by)
    initiative.refresh_from_db()
    assert not initiative.memberships.exists()
    assert initiative.members_count == 0


def test_the_new_coordinator_runs_the_group_after_the_old_one_is_deleted(initiative):
    successor = join(initiative)
    newcomer = join(initiative)
    privacy.user_delete(user=initiative.started_by)
    posted = need(initiative, successor)
    membership.coordination_hand_over(
        initiative=initiative,
        coordinator=successor,
        successor=Membership.objects.get(user=newcomer),
    )
    assert posted.created_by == successor
    assert role(initiative, newcomer) == Membership.Role.COORDINATOR


def test_a_coming_need_sign_up_is_withdrawn_and_the_place_freed(initiative):
    coming = need(initiative)
    user = join(initiative)
    needs.need_sign_up(need=coming, user=user, note="Przyniosę łopatę")
    privacy.user_delete(user=user)
    coming.refresh_from_db()
    assert coming.taken == 0
    assert not NeedSignUp.objects.filter(user=user).exists()


def test_a_past_need_sign_up_stays_counted_without_its_note(initiative):
    done = need(initiative)
    user = join(initiative)
    needs.need_sign_up(need=done, user=user, note="Przyniosę łopatę")
    Need.objects.filter(pk=done.pk).update(starts_at=timezone.now())
    privacy.user_delete(user=user)
    done.refresh_from_db()
    assert done.taken == 1
    assert NeedSignUp.objects.get(need=done).note == ""


def test_petition_supports_keep_counting_under_no_name(home_page):
    petition = open_resolution(centre_with_index(home_page)[1])
    user = confirmed_user(display_name="Anna Kowalska")
    petitions.petition_support(petition=petition, user=user)
    privacy.user_delete(user=user)
    petition = Petition.objects.get(pk=petition.pk)
    support = petition.supports.get()
    assert petition.supporters_count == 1
    assert "Kowalska" not in support.user.public_name


def test_updates_stay_signed_deleted_user(initiative):
    updates.update_post(initiative=initiative, user=initiative.started_by, body="Posadziliśmy.")
    join(initiative)
    privacy.user_delete(user=initiative.started_by)
    update = Update.objects.get(initiative=initiative)
    assert update.body == "Posadziliśmy."
    with translation.override("en"):
        assert update.author.public_name == "Deleted user"
