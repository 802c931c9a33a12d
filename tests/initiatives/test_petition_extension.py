"""A petition's deadline extended by its addressee (art. 10 ust. 2 of the ustawa o petycjach):
the checks, the overdue marker on the extended date, the timeline, the API, the emails and the
admin screen."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from consultations.participation import NotAllowed
from initiatives.models import Action, Membership, Petition
from initiatives.services import membership, petition_deadlines, petitions
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, organiser, running
from tests.initiatives.petition_helpers import draft, signed_resolution

pytestmark = pytest.mark.django_db
FILED = datetime.date(2026, 1, 5)  # the original deadline: 2026-04-05; the latest: 2026-07-05
NOW = datetime.datetime(2026, 3, 20, 12, tzinfo=datetime.UTC)


def filed_petition(index) -> Petition:
    initiative = running(index)
    petition = draft(initiative, kind="petition", addressee="mayor")
    petition = petitions.petition_publish(petition=petition, user=initiative.started_by)
    return petitions.petition_file(petition=petition, staff=organiser(index.centre), filed_on=FILED)


def extend(petition, new_deadline=datetime.date(2026, 6, 30), reason="Opinia wojewody", **kw):
    return petition_deadlines.petition_extend_deadline(
        petition=petition,
        staff=organiser(petition.centre),
        new_deadline=new_deadline,
        reason=reason,
        announced_on=kw.pop("announced_on", datetime.date(2026, 3, 20)),
        now=kw.pop("now", NOW),
        **kw,
    )


def test_extension_sets_the_deadline_in_force_and_keeps_the_original(index):
    petition = extend(filed_petition(index))
    assert petition.council_deadline == datetime.date(2026, 4, 5)
    assert petition.deadline == datetime.date(2026, 6, 30)


def test_extended_petition_is_not_overdue_after_the_original_deadline(index):
    petition = extend(filed_petition(index))
    assert not petition.is_overdue(datetime.date(2026, 4, 6))
    assert petition.is_overdue(datetime.date(2026, 7, 1))


def test_extension_up_to_three_months_past_the_original_term_is_allowed(index):
    petition = extend(filed_petition(index), new_deadline=datetime.date(2026, 7, 5))
    assert petition.extended_deadline == datetime.date(2026, 7, 5)


def test_extension_beyond_three_more_months_is_refused(index):
    with pytest.raises(ValidationError) as error:
        extend(filed_petition(index), new_deadline=datetime.date(2026, 7, 6))
    assert "new_deadline" in error.value.message_dict


def test_extension_not_after_the_current_deadline_is_refused(index):
    with pytest.raises(ValidationError) as error:
        extend(filed_petition(index), new_deadline=datetime.date(2026, 4, 5))
    assert "new_deadline" in error.value.message_dict


def test_second_extension_must_go_past_the_first(index):
    petition = extend(filed_petition(index), new_deadline=datetime.date(2026, 6, 1))
    with pytest.raises(ValidationError):
        extend(petition, new_deadline=datetime.date(2026, 5, 20))
    assert extend(petition, new_deadline=datetime.date(2026, 7, 1)).deadline.month == 7


def test_extension_without_a_reason_is_refused(index):
    with pytest.raises(ValidationError) as error:
        extend(filed_petition(index), reason="   ")
    assert "reason" in error.value.message_dict


def test_announcement_before_the_filing_is_refused(index):
    with pytest.raises(ValidationError) as error:
        extend(filed_petition(index), announced_on=datetime.date(2026, 1, 1))
    assert "announced_on" in error.value.message_dict


def test_draft_resolution_deadline_cannot_be_extended(index):
    petition = signed_resolution(index)
    petition = petitions.petition_file(
        petition=petition, staff=organiser(index.centre), filed_on=FILED
    )
    with pytest.raises(NotAllowed):
        extend(petition)


def test_decided_petition_cannot_be_extended(index):
    petition = petitions.petition_decide(
        petition=filed_petition(index),
        staff=organiser(index.centre),
        decision="rejected",
        decided_on=datetime.date(2026, 3, 1),
    )
    with pytest.raises(ValidationError):
        extend(petition)


def test_staff_of_another_centre_cannot_extend(index, home_page):
    petition = filed_petition(index)
    other, _other_index = centre_with_index(home_page)
    with pytest.raises(NotAllowed):
        petition_deadlines.petition_extend_deadline(
            petition=petition,
            staff=organiser(other),
            new_deadline=datetime.date(2026, 6, 30),
            reason="Opinia",
            now=NOW,
        )


def test_extension_is_a_dated_action_with_its_reason(index):
    petition = extend(filed_petition(index))
    action = Action.objects.get(initiative=petition.initiative, result="Opinia wojewody")
    assert action.date == datetime.date(2026, 3, 20)


def test_extension_is_emailed_to_members_and_supporters(index, django_capture_on_commit_callbacks):
    petition = filed_petition(index)
    supporter = confirmed_user()
    membership.initiative_join(initiative=petition.initiative, user=supporter, kind="supporter")
    people = set(
        Membership.objects.filter(initiative=petition.initiative).values_list(
            "user__email", flat=True
        )
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        extend(petition)
    assert {m.to[0] for m in mail.outbox} == people
    assert "Opinia wojewody" in mail.outbox[0].body
    assert "/inicjatywy/wypisz/" in mail.outbox[0].body


def test_api_shows_the_extended_deadline_and_its_timeline_entries(index):
    petition = extend(filed_petition(index))
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    body = api.get(f"/api/v1/petitions/{petition.pk}/").json()
    assert (body["council_deadline"], body["extended_deadline"], body["deadline"]) == (
        "2026-04-05",
        "2026-06-30",
        "2026-06-30",
    )
    assert body["extension_reason"] == "Opinia wojewody"
    events = [(row["event"], row["date"]) for row in body["timeline"]]
    assert ("deadline_extended", "2026-03-20") in events
    assert ("extended_deadline", "2026-06-30") in events


def test_petition_page_shows_the_extension_and_its_reason(client, index):
    petition = extend(filed_petition(index))
    initiative = petition.initiative
    page = client.get(initiative.index.sub_url("petition", pk=initiative.pk)).content.decode()
    assert "2026-06-30" in page
    assert "Opinia wojewody" in page


def test_admin_records_an_extension(client, index):
    petition = filed_petition(index)
    client.force_login(organiser(index.centre))
    response = client.post(
        reverse("mam_petitions:extend", args=[petition.pk]),
        {"new_deadline": "2026-06-30", "reason": "Opinia wojewody", "announced_on": "2026-03-20"},
    )
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.extended_deadline == datetime.date(2026, 6, 30)


def test_admin_refuses_an_extension_past_the_limit_with_the_reason(client, index):
    petition = filed_petition(index)
    client.force_login(organiser(index.centre))
    response = client.post(
        reverse("mam_petitions:extend", args=[petition.pk]),
        {"new_deadline": "2026-09-30", "reason": "Opinia", "announced_on": "2026-03-20"},
        HTTP_ACCEPT_LANGUAGE="pl",
    )
    assert response.status_code == 400
    assert "art. 10 ust. 2" in response.content.decode()
    petition.refresh_from_db()
    assert petition.extended_deadline is None
