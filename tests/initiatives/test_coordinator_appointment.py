"""A group left without a coordinator (its only member deleted the account): shown to the
centre's organiser, who appoints one of its members (services.coordination, admin_coordinator),
logged in the initiative's history."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from accounts import roles
from accounts.services import privacy
from consultations.participation import NotAllowed
from initiatives.models import Membership
from initiatives.services import actions, coordination, membership
from tests.accounts.staff_helpers import staff
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, organiser, running, started

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return centre_with_index(home_page, title="MAM Nowy Sącz", slug="nowy-sacz")[1]


@pytest.fixture
def orphaned(index):
    """A running initiative whose only member, the coordinator, deleted the account."""
    initiative = running(index)
    privacy.user_delete(user=initiative.started_by)
    return initiative


def ended(index, outcome, **kwargs):
    initiative = running(index, **kwargs)
    return actions.initiative_end(
        initiative=initiative, user=initiative.started_by, outcome=outcome, outcome_text="Tak."
    )


def orphan_of(initiative):
    """The initiative after its only member, the coordinator, deleted the account."""
    privacy.user_delete(user=initiative.started_by)
    initiative.refresh_from_db()
    return initiative


def join(initiative, kind="member"):
    user = confirmed_user()
    return membership.initiative_join(initiative=initiative, user=user, kind=kind)


def join_anyway(initiative):
    """A member who joined while the group was open (joining an ended group is refused)."""
    return Membership.objects.create(initiative=initiative, user=confirmed_user(), kind="member")


def coordinator_of(initiative):
    return Membership.objects.filter(initiative=initiative, role="coordinator").first()


def appoint_url(initiative):
    return reverse("mam_initiatives:coordinator", args=[initiative.pk])


def test_the_deleted_coordinators_group_is_left_without_one_and_it_is_logged(orphaned):
    assert coordinator_of(orphaned) is None
    actions = ModelLogEntry.objects.for_instance(orphaned).values_list("action", flat=True)
    assert coordination.LEFT_WITHOUT in actions


def test_the_organiser_appoints_a_member_who_joined_later(orphaned, index):
    newcomer = join(orphaned)
    coordination.coordination_appoint(
        initiative=orphaned, organiser=organiser(index.centre), member=newcomer
    )
    assert coordinator_of(orphaned) == newcomer


def test_the_appointment_is_in_the_initiatives_history(orphaned, index):
    newcomer, boss = join(orphaned), organiser(index.centre)
    coordination.coordination_appoint(initiative=orphaned, organiser=boss, member=newcomer)
    entry = ModelLogEntry.objects.for_instance(orphaned).get(action=coordination.APPOINTED)
    assert entry.user == boss
    assert entry.data == {"membership": newcomer.pk}


def test_nobody_is_appointed_over_a_group_that_has_a_coordinator(index):
    initiative = running(index)
    member = join(initiative)
    with pytest.raises(NotAllowed):
        coordination.coordination_appoint(
            initiative=initiative, organiser=organiser(index.centre), member=member
        )
    assert coordinator_of(initiative).user == initiative.started_by


def test_a_supporter_cannot_be_appointed(orphaned, index):
    supporter = join(orphaned, kind="supporter")
    with pytest.raises(NotAllowed):
        coordination.coordination_appoint(
            initiative=orphaned, organiser=organiser(index.centre), member=supporter
        )
    assert coordinator_of(orphaned) is None


def test_a_blocked_member_cannot_be_appointed(orphaned, index):
    member = join(orphaned)
    member.user.blocked_at = member.created_at
    member.user.save(update_fields=["blocked_at"])
    with pytest.raises(NotAllowed):
        coordination.coordination_appoint(
            initiative=orphaned, organiser=organiser(index.centre), member=member
        )


def test_another_centres_organiser_cannot_appoint(orphaned, home_page):
    other = centre_with_index(home_page, title="MAM Chrzanów", slug="chrzanow")[0]
    member = join(orphaned)
    with pytest.raises(NotAllowed):
        coordination.coordination_appoint(
            initiative=orphaned, organiser=organiser(other), member=member
        )


def test_a_member_of_another_group_cannot_be_appointed(orphaned, index):
    elsewhere = join(running(index, title="Inna grupa"))
    with pytest.raises(NotAllowed):
        coordination.coordination_appoint(
            initiative=orphaned, organiser=organiser(index.centre), member=elsewhere
        )


def test_a_group_that_ended_continued_gets_a_coordinator(index):
    initiative = orphan_of(ended(index, "continued"))
    newcomer = join_anyway(initiative)
    coordination.coordination_appoint(
        initiative=initiative, organiser=organiser(index.centre), member=newcomer
    )
    assert coordinator_of(initiative) == newcomer


@pytest.mark.parametrize("outcome", ["achieved", "partly", "not_achieved"])
def test_a_group_that_ended_for_good_gets_no_coordinator(index, outcome):
    initiative = orphan_of(ended(index, outcome))
    newcomer = join_anyway(initiative)
    with pytest.raises(NotAllowed) as refusal, translation.override("en"):
        coordination.coordination_appoint(
            initiative=initiative, organiser=organiser(index.centre), member=newcomer
        )
    assert "has ended" in str(refusal.value.decision.message)
    assert coordinator_of(initiative) is None


def test_a_pending_initiative_is_reviewed_before_anyone_is_appointed(index):
    initiative = orphan_of(started(index))
    newcomer = join_anyway(initiative)
    with pytest.raises(NotAllowed) as refusal, translation.override("en"):
        coordination.coordination_appoint(
            initiative=initiative, organiser=organiser(index.centre), member=newcomer
        )
    assert "Approve it first" in str(refusal.value.decision.message)
    assert coordinator_of(initiative) is None


# --- The admin ----------------------------------------------------------------------------


def test_the_dashboard_counts_initiatives_with_no_coordinator(client, orphaned, index):
    client.force_login(staff(index.centre, roles.ORGANISER))
    text = client.get("/admin/").content.decode()
    assert "1 initiative with no coordinator" in text
    assert "needs_coordinator=true" in text


def test_the_dashboard_shows_0_when_every_group_has_one_as_the_other_queues_do(client, index):
    running(index)
    started(index, title="Grupa czeka")  # something waits, so the panel lists its queues
    client.force_login(staff(index.centre, roles.ORGANISER))
    text = client.get("/admin/").content.decode()
    assert "0 initiatives with no coordinator" in text
    assert "1 new initiative to review" in text


def test_the_dashboard_counts_a_group_that_continues_and_not_one_that_ended(client, index):
    orphan_of(ended(index, "continued", title="Grupa trwa"))
    orphan_of(ended(index, "achieved", title="Grupa skończyła"))
    orphan_of(started(index, title="Grupa czeka"))
    client.force_login(staff(index.centre, roles.ORGANISER))
    assert "1 initiative with no coordinator" in client.get("/admin/").content.decode()


def test_the_dashboards_link_lists_exactly_the_groups_it_counts(client, orphaned, index):
    orphan_of(ended(index, "continued", title="Grupa trwa"))
    orphan_of(ended(index, "achieved", title="Grupa skończyła"))
    orphan_of(started(index, title="Grupa czeka"))
    running(index, title="Grupa z koordynatorem")
    client.force_login(staff(index.centre, roles.ORGANISER))
    text = client.get(reverse("mam_initiatives:index") + "?needs_coordinator=true").content
    text = text.decode()
    assert orphaned.title in text and "Grupa trwa" in text
    for title in ("Grupa skończyła", "Grupa czeka", "Grupa z koordynatorem"):
        assert title not in text


def test_the_listing_filters_the_initiatives_with_no_coordinator(client, orphaned, index):
    running(index, title="Grupa z koordynatorem")
    client.force_login(staff(index.centre, roles.ORGANISER))
    text = client.get(reverse("mam_initiatives:index") + "?has_coordinator=false").content
    text = text.decode()
    assert orphaned.title in text
    assert "Grupa z koordynatorem" not in text
    assert "no coordinator" in text
    assert appoint_url(orphaned) in text


def test_the_organiser_appoints_from_the_admin(client, orphaned, index):
    newcomer = join(orphaned)
    client.force_login(staff(index.centre, roles.ORGANISER))
    page = client.get(appoint_url(orphaned))
    assert page.status_code == 200
    assert newcomer.user.public_label in page.content.decode()
    response = client.post(appoint_url(orphaned), {"member": newcomer.pk})
    assert response.status_code == 302
    assert coordinator_of(orphaned) == newcomer


def test_posting_no_choice_is_a_400_that_changes_nothing(client, orphaned, index):
    join(orphaned)
    client.force_login(staff(index.centre, roles.ORGANISER))
    response = client.post(appoint_url(orphaned), {})
    assert response.status_code == 400
    assert "Choose the member who will coordinate the group." in response.content.decode()
    assert coordinator_of(orphaned) is None


def test_posting_a_supporter_is_a_400(client, orphaned, index):
    supporter = join(orphaned, kind="supporter")
    client.force_login(staff(index.centre, roles.ORGANISER))
    assert client.post(appoint_url(orphaned), {"member": supporter.pk}).status_code == 400
    assert coordinator_of(orphaned) is None


def test_with_no_members_the_page_says_so_and_offers_no_form(client, orphaned, index):
    client.force_login(staff(index.centre, roles.ORGANISER))
    text = client.get(appoint_url(orphaned)).content.decode()
    assert "The group has no member who could coordinate it." in text
    assert "Appoint the coordinator" not in text


def test_a_group_with_a_coordinator_offers_no_form_and_a_post_is_a_400(client, index):
    initiative = running(index)
    member = join(initiative)
    client.force_login(staff(index.centre, roles.ORGANISER))
    text = client.get(appoint_url(initiative)).content.decode()
    assert "Appoint the coordinator" not in text
    assert client.post(appoint_url(initiative), {"member": member.pk}).status_code == 400
    assert coordinator_of(initiative).user == initiative.started_by


def test_another_centres_organiser_gets_a_404(client, orphaned, home_page):
    other = centre_with_index(home_page, title="MAM Chrzanów", slug="chrzanow")[0]
    client.force_login(staff(other, roles.ORGANISER))
    assert client.get(appoint_url(orphaned)).status_code == 404


def test_the_admin_history_names_the_appointment(client, orphaned, index):
    newcomer, boss = join(orphaned), staff(index.centre, roles.ORGANISER)
    coordination.coordination_appoint(initiative=orphaned, organiser=boss, member=newcomer)
    client.force_login(boss)
    text = client.get(reverse("mam_initiatives:history", args=[orphaned.pk])).content.decode()
    assert "Coordinator appointed by the organiser" in text


def test_a_group_that_ended_for_good_shows_why_and_offers_no_appointment(client, index):
    initiative = orphan_of(ended(index, "achieved"))
    join_anyway(initiative)
    client.force_login(staff(index.centre, roles.ORGANISER))
    text = client.get(appoint_url(initiative)).content.decode()
    assert "has nothing left to coordinate" in text
    assert "Appoint the coordinator" not in text
    listing = client.get(reverse("mam_initiatives:index")).content.decode()
    assert appoint_url(initiative) not in listing


def test_a_group_that_continues_is_offered_in_the_listing(client, index):
    initiative = orphan_of(ended(index, "continued"))
    client.force_login(staff(index.centre, roles.ORGANISER))
    assert appoint_url(initiative) in client.get(reverse("mam_initiatives:index")).content.decode()


def appointment_queries(client, initiative, django_assert_max_num_queries):
    client.get(appoint_url(initiative))  # the first request of a session warms caches
    with django_assert_max_num_queries(60) as captured:
        assert client.get(appoint_url(initiative)).status_code == 200
    return len(captured)


def test_the_appointment_screen_costs_the_same_queries_with_many_members(
    client, orphaned, index, django_assert_max_num_queries
):
    join(orphaned)
    client.force_login(staff(index.centre, roles.ORGANISER))
    few = appointment_queries(client, orphaned, django_assert_max_num_queries)
    for _ in range(15):
        join(orphaned)
    assert appointment_queries(client, orphaned, django_assert_max_num_queries) == few


def test_the_filter_in_force_reads_yes_not_pythons_true(client, orphaned, index):
    client.force_login(staff(index.centre, roles.ORGANISER))
    text = client.get(reverse("mam_initiatives:index") + "?needs_coordinator=true").content
    text = text.decode()
    assert re.search(r"Needs a coordinator:\s*</span>\s*<b[^>]*>yes</b>", text)
    assert "True" not in text
