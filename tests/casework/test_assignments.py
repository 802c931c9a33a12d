"""Assigning a proposal to a department or a person: rules, the action log, the admin screens."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from casework import services
from casework.models import Assignment, Department
from tests.casework.conftest import staff
from tests.factories import UserFactory
from tests.factories_proposals import ProposalFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
# The refusal, in whichever language the test runs.
NOT_ITS_PART = "part of its handling|części jej rozpatrywania"
NEXT_WEEK = TODAY + datetime.timedelta(days=7)


def assign(proposal, official, roads, **kwargs):
    return services.assignment_create(
        proposal=proposal, by=official, department=roads, due_date=NEXT_WEEK, **kwargs
    )


def actions(proposal):
    return list(
        ModelLogEntry.objects.filter(object_id=str(proposal.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_assigning_reassigning_and_finishing_are_logged(proposal, official, roads):
    case = assign(proposal, official, roads, note="Sprawdzić teren.")
    assert case.centre == proposal.consultation.centre
    services.assignment_reassign(
        assignment=case, by=official, person=official, due_date=NEXT_WEEK, note="Pilne"
    )
    services.assignment_done(assignment=case, by=official)
    case.refresh_from_db()
    assert case.person == official and case.department is None and case.is_done
    assert actions(proposal) == [
        "mam.casework.assign",
        "mam.casework.reassign",
        "mam.casework.done",
    ]


def test_a_case_needs_a_department_or_a_person(proposal, official):
    with pytest.raises(ValidationError):
        services.assignment_create(proposal=proposal, by=official, due_date=NEXT_WEEK)


def test_another_centres_department_cannot_take_the_case(proposal, official, chrzanow):
    foreign = Department.objects.create(centre=chrzanow, name="Wydział Obcy")
    with pytest.raises(ValidationError):
        assign(proposal, official, foreign)


def test_a_person_from_outside_the_centre_cannot_take_the_case(
    proposal, official, chrzanow_official
):
    with pytest.raises(ValidationError):
        services.assignment_create(
            proposal=proposal, by=official, person=chrzanow_official, due_date=NEXT_WEEK
        )


def test_another_centres_official_cannot_assign(proposal, chrzanow_official, roads):
    with pytest.raises(ValidationError):
        assign(proposal, chrzanow_official, roads)


def test_a_due_date_in_the_past_is_refused(proposal, official, roads):
    with pytest.raises(ValidationError):
        services.assignment_create(
            proposal=proposal,
            by=official,
            department=roads,
            due_date=TODAY - datetime.timedelta(days=1),
        )


def test_a_case_can_point_at_a_forwarded_question(proposal, official, roads):
    from proposals.services import status

    forwarding = status.forward_to_body(
        proposal=proposal, body_name="MZK Nowy Sącz", answer_due=NEXT_WEEK, by=official
    )
    case = assign(proposal, official, roads, target=forwarding)
    assert Assignment.objects.get(pk=case.pk).target == forwarding


def test_a_done_case_cannot_be_reassigned(proposal, official, roads):
    case = assign(proposal, official, roads)
    services.assignment_done(assignment=case, by=official)
    with pytest.raises(ValidationError):
        services.assignment_reassign(
            assignment=case, by=official, department=roads, due_date=NEXT_WEEK
        )


# Admin screens -----------------------------------------------------------------------------


def test_an_official_assigns_from_the_admin(client, proposal, official, roads):
    client.force_login(official)
    url = reverse("mam_cases:assign", args=[proposal.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"department": roads.pk, "due_date": NEXT_WEEK.isoformat(), "note": "Teren"}
    )
    assert response.status_code == 302
    assert Assignment.objects.get().department == roads


def test_the_proposals_listing_offers_assigning_and_the_case_file(client, proposal, official):
    client.force_login(official)
    html = client.get(reverse("mam_proposals:index")).content.decode()
    assert reverse("mam_cases:assign", args=[proposal.pk]) in html
    assert reverse("mam_cases:file", args=[proposal.pk]) in html


def test_reassign_and_done_from_the_admin(client, proposal, official, roads):
    case = assign(proposal, official, roads)
    client.force_login(official)
    response = client.post(
        reverse("mam_cases:edit", args=[case.pk]),
        {"person": official.pk, "due_date": NEXT_WEEK.isoformat(), "note": ""},
    )
    assert response.status_code == 302
    assert client.post(reverse("mam_cases:done", args=[case.pk])).status_code == 302
    case.refresh_from_db()
    assert case.person == official and case.is_done


def test_another_centres_official_finds_no_case(client, proposal, official, roads, chrzanow):
    case = assign(proposal, official, roads)
    client.force_login(staff(chrzanow))
    for name in ["edit", "done"]:
        assert client.get(reverse(f"mam_cases:{name}", args=[case.pk])).status_code == 404
    assert client.get(reverse("mam_cases:assign", args=[proposal.pk])).status_code == 404
    assert client.get(reverse("mam_cases:file", args=[proposal.pk])).status_code == 404
    for name in ["index", "mine", "overdue"]:
        html = client.get(reverse(f"mam_cases:{name}")).content.decode()
        assert proposal.title not in html, name


def test_a_resident_is_refused(client, proposal):
    client.force_login(UserFactory())
    for name in ["index", "mine", "overdue"]:
        assert client.get(reverse(f"mam_cases:{name}")).status_code in (302, 403)


def test_my_cases_lists_mine_and_my_departments(client, proposal, official, roads, nowy_sacz):
    colleague = staff(nowy_sacz)
    other = ProposalFactory(consultation=proposal.consultation, title="Chodnik na Zawadzie")
    assign(proposal, official, roads)
    services.assignment_create(proposal=other, by=official, person=colleague, due_date=NEXT_WEEK)
    client.force_login(official)
    html = client.get(reverse("mam_cases:mine")).content.decode()
    assert proposal.title in html
    assert other.title not in html
    assert "1 open case" in html
    everything = client.get(reverse("mam_cases:index")).content.decode()
    assert proposal.title in everything and other.title in everything


def test_the_overdue_list_has_late_cases_and_silent_outside_bodies(
    client, proposal, official, roads
):
    late = assign(proposal, official, roads)
    Assignment.objects.filter(pk=late.pk).update(due_date=TODAY - datetime.timedelta(days=2))
    silent = ProposalFactory(
        consultation=proposal.consultation,
        title="Rozkład autobusów linii 14",
        forwarded_to="MZK Nowy Sącz",
        answer_due=TODAY - datetime.timedelta(days=1),
    )
    ProposalFactory(
        consultation=proposal.consultation,
        title="Odpowiedź jeszcze w terminie",
        forwarded_to="MPGK",
        answer_due=NEXT_WEEK,
    )
    client.force_login(official)
    html = client.get(reverse("mam_cases:overdue")).content.decode()
    assert proposal.title in html
    assert silent.title in html and "MZK Nowy Sącz" in html
    assert "Odpowiedź jeszcze w terminie" not in html
    assert "2 matters are past their date." in html
    state = client.get(reverse("mam_cases:index"), {"state": "overdue"}).content.decode()
    assert proposal.title in state


def test_the_dashboard_shows_my_cases(client, proposal, official, roads):
    assign(proposal, official, roads)
    client.force_login(official)
    html = client.get("/admin/").content.decode()
    assert "1 open case assigned to me" in html


@pytest.mark.parametrize("name", ["index", "mine", "overdue"])
def test_the_lists_cost_the_same_queries_for_one_case_or_many(
    client, proposal, official, roads, name, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(official)
    url = reverse(f"mam_cases:{name}")

    def make(count):
        for _ in range(count):
            case = assign(ProposalFactory(consultation=proposal.consultation), official, roads)
            Assignment.objects.filter(pk=case.pk).update(due_date=TODAY - datetime.timedelta(1))
            ProposalFactory(
                consultation=proposal.consultation,
                forwarded_to="MZK",
                answer_due=TODAY - datetime.timedelta(days=1),
            )

    make(1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    make(5)
    with django_assert_num_queries(len(one)):
        client.get(url)


@pytest.mark.parametrize(
    ("count", "words"), [(1, "1 otwarta sprawa"), (3, "3 otwarte sprawy"), (5, "5 otwartych spraw")]
)
def test_counts_use_polish_plurals(client, proposal, official, roads, count, words):
    from wagtail.users.models import UserProfile

    for _ in range(count):
        assign(ProposalFactory(consultation=proposal.consultation), official, roads)
    UserProfile.objects.update_or_create(user=official, defaults={"preferred_language": "pl"})
    client.force_login(official)
    assert words in client.get(reverse("mam_cases:mine")).content.decode()


def test_an_official_assigns_a_forwarded_question_from_the_admin(client, proposal, official, roads):
    from proposals.services import status

    forwarding = status.forward_to_body(
        proposal=proposal, body_name="MZK Nowy Sącz", answer_due=NEXT_WEEK, by=official
    )
    client.force_login(official)
    url = reverse("mam_cases:assign", args=[proposal.pk])
    assert "MZK Nowy Sącz" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "target": f"forward-{forwarding.pk}",
            "department": roads.pk,
            "due_date": NEXT_WEEK.isoformat(),
        },
    )
    assert response.status_code == 302
    assert Assignment.objects.get().target == forwarding
    html = client.get(reverse("mam_cases:file", args=[proposal.pk])).content.decode()
    assert "MZK Nowy Sącz" in html


def test_a_case_of_the_proposal_itself_has_no_target(client, proposal, official, roads):
    client.force_login(official)
    url = reverse("mam_cases:assign", args=[proposal.pk])
    client.post(url, {"target": "", "department": roads.pk, "due_date": NEXT_WEEK.isoformat()})
    assert Assignment.objects.get().target is None


def test_a_question_forwarded_about_another_proposal_is_refused(proposal, official, roads):
    from proposals.services import status

    other = ProposalFactory(consultation=proposal.consultation, title="Chodnik na Zawadzie")
    forwarding = status.forward_to_body(
        proposal=other, body_name="MZK Nowy Sącz", answer_due=NEXT_WEEK, by=official
    )
    with pytest.raises(ValidationError, match=NOT_ITS_PART):
        assign(proposal, official, roads, target=forwarding)
    assert not Assignment.objects.exists()


def test_something_that_is_no_part_of_a_proposal_is_refused(proposal, official, roads):
    with pytest.raises(ValidationError):
        assign(proposal, official, roads, target=official)
    assert not Assignment.objects.exists()
