"""A residents' initiative that organises an activity: its coordinator and contact persons get
the organiser's screens (sign-ups, the attendance list, the count of who came) for its own
meetings only; members, supporters, other groups' people and residents find nothing. Events
asks initiatives through hooks (initiatives.organising), never an import."""

import pytest
from django.urls import reverse

from events import access, services
from events.models import Attendance, Organiser
from initiatives.models import InitiativeIndexPage, Membership
from initiatives.services import actions, membership
from tests.events.test_organiser import url
from tests.events.test_pages import queries, soon
from tests.factories_events import activity
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import resident, running

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(centre):
    found = InitiativeIndexPage(title="Inicjatywy", slug="inicjatywy")
    centre.add_child(instance=found)
    return found


@pytest.fixture
def initiative(index):
    return running(index)


@pytest.fixture
def coordinator(initiative):
    return initiative.started_by


def _member(initiative, kind="member", role=""):
    joined = membership.initiative_join(initiative=initiative, user=confirmed_user(), kind=kind)
    if role:
        membership.role_set(
            initiative=initiative, coordinator=initiative.started_by, member=joined, role=role
        )
    return joined.user


@pytest.fixture
def contact(initiative):
    return _member(initiative, role=Membership.Role.CONTACT)


@pytest.fixture
def meeting(centre, initiative):
    """The initiative's meeting in three days, with Anna signed up."""
    page = activity(
        centre,
        title="Spotkanie o podwórku",
        starts_at=soon(3),
        places=10,
        organiser=Organiser.INITIATIVE,
        initiative=initiative,
    )
    anna = confirmed_user(display_name="Anna Nowak")
    services.signup_join(activity=page, day=soon(3).date(), user=anna)
    return page


@pytest.fixture
def held_meeting(centre, initiative):
    """The initiative's meeting two days ago: how many came may be entered."""
    return activity(
        centre,
        title="Spotkanie o podwórku",
        starts_at=soon(-2),
        organiser=Organiser.INITIATIVE,
        initiative=initiative,
    )


def held_url(page):
    return url(page, day=soon(-2).date())


@pytest.mark.parametrize("name", ["organiser", "organiser_date", "organiser_sheet"])
def test_the_coordinator_opens_the_organisers_screens(client, coordinator, meeting, name):
    client.force_login(coordinator)
    response = client.get(url(meeting, name))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_a_contact_person_sees_who_signed_up(client, contact, meeting):
    client.force_login(contact)
    response = client.get(url(meeting))
    assert response.status_code == 200 and "Anna Nowak" in response.text


def test_a_contact_person_enters_how_many_came(client, contact, held_meeting):
    client.force_login(contact)
    assert client.post(held_url(held_meeting), {"attended": "9"}).status_code == 302
    saved = Attendance.objects.get(activity=held_meeting)
    assert (saved.attended, saved.entered_by) == (9, contact)


@pytest.mark.parametrize("kind", ["member", "supporter"])
def test_a_plain_member_or_a_supporter_finds_nothing(client, initiative, meeting, kind):
    client.force_login(_member(initiative, kind=kind))
    assert client.get(url(meeting)).status_code == 404
    assert client.post(url(meeting), {"attended": "3"}).status_code == 404
    assert not Attendance.objects.exists()


def test_another_initiatives_coordinator_finds_nothing(client, index, meeting):
    other = running(index, title="Nowy przystanek")
    client.force_login(other.started_by)
    assert client.get(url(meeting, "organiser_sheet")).status_code == 404


def test_a_resident_finds_nothing(client, centre, meeting):
    client.force_login(resident(centre))
    assert client.get(url(meeting)).status_code == 404


def test_the_anonymous_are_sent_to_log_in(client, meeting):
    response = client.get(url(meeting))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_coordinator_finds_nothing_of_a_centre_activity_only_linked_to_the_group(
    client, centre, initiative, coordinator
):
    """Linked for its page, run by the centre: the centre's list, not the group's."""
    page = activity(centre, starts_at=soon(3), places=5, initiative=initiative)
    client.force_login(coordinator)
    assert client.get(url(page)).status_code == 404


def test_the_coordinator_of_an_ended_initiative_still_enters_the_last_meetings_count(
    client, initiative, coordinator, held_meeting
):
    actions.initiative_end(
        initiative=initiative, user=coordinator, outcome="achieved", outcome_text="Drzewa rosną."
    )
    client.force_login(coordinator)
    assert client.post(held_url(held_meeting), {"attended": "12"}).status_code == 302
    assert Attendance.objects.get(activity=held_meeting).attended == 12


def test_a_declined_initiatives_coordinator_finds_nothing(client, initiative, coordinator, meeting):
    initiative.state = initiative.State.DECLINED
    initiative.review_reason = "Poza obszarem centrum."
    initiative.save(update_fields=["state", "review_reason"])
    client.force_login(coordinator)
    assert client.get(url(meeting)).status_code == 404


def test_a_contact_person_whose_role_ended_finds_nothing(client, initiative, contact, meeting):
    held = Membership.objects.get(initiative=initiative, user=contact)
    membership.role_set(
        initiative=initiative, coordinator=initiative.started_by, member=held, role=""
    )
    client.force_login(contact)
    assert client.get(url(meeting)).status_code == 404


def test_the_rule_lists_the_groups_meetings_for_its_people_only(
    centre, initiative, coordinator, contact, meeting
):
    activity(centre, title="Kurs centrum", starts_at=soon(3))
    assert set(access.list_activities(coordinator)) == {meeting}
    assert set(access.list_activities(contact)) == {meeting}
    assert set(access.list_activities(_member(initiative))) == set()


def test_the_activity_page_links_the_organisers_screens_for_the_coordinator(
    client, coordinator, meeting
):
    client.force_login(coordinator)
    assert url(meeting, "organiser") in client.get(meeting.url).text


def test_the_activity_page_has_no_organiser_link_for_a_member(client, initiative, meeting):
    client.force_login(_member(initiative))
    assert "organizator/" not in client.get(meeting.url).text


def test_the_link_goes_when_the_role_does(
    client, initiative, contact, meeting, django_capture_on_commit_callbacks
):
    client.force_login(contact)
    assert url(meeting, "organiser") in client.get(meeting.url).text
    held = Membership.objects.get(initiative=initiative, user=contact)
    with django_capture_on_commit_callbacks(execute=True):
        membership.role_set(
            initiative=initiative, coordinator=initiative.started_by, member=held, role=""
        )
    assert "organizator/" not in client.get(meeting.url).text


def test_the_organiser_link_costs_no_query_for_a_signed_in_visitor(
    client, centre, initiative, coordinator, meeting
):
    """The role check reads the initiative's organisers from the cache: a resident's and the
    coordinator's warm page cost what the centre's own workshop costs a resident."""
    own = activity(centre, title="Warsztaty centrum", starts_at=soon(3), places=10)
    client.force_login(resident(centre))
    plain = queries(client, own.url)
    assert queries(client, meeting.url) == plain
    client.force_login(coordinator)
    assert queries(client, meeting.url) == plain


def test_the_account_page_lists_the_groups_meetings_for_the_contact_person(
    client, contact, meeting
):
    client.force_login(contact)
    response = client.get(reverse("accounts:participation"))
    assert url(meeting, "organiser") in response.text and "Zielone podwórko" in response.text


def test_the_account_page_of_a_member_has_no_organiser_section(client, initiative, meeting):
    client.force_login(_member(initiative))
    assert "organizator/" not in client.get(reverse("accounts:participation")).text
