"""Exports are pseudonymised: no names or emails by default, contact data only for
administrators and only of authors who agreed, small counts hidden, other centres refused."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import PageLogEntry

from accounts import roles
from home.models import District
from outcomes.exports.base import pseudonym
from tests.accounts.staff_helpers import staff
from tests.factories import UserFactory
from tests.factories_proposals import CommentFactory, SupportFactory, confirmed_user
from tests.factories_voting import voting_consultation
from tests.outcomes.exports_helpers import (
    download,
    export_url,
    known_consultation,
    official_of,
    read_csv,
    read_json,
    refused,
)
from voting.services import voting

pytestmark = pytest.mark.django_db

EXPORTS = ["proposals", "comments", "supports_daily", "supports_district", "paper_ballots"]


@pytest.fixture
def known(home_page, client):
    consultation, proposal = known_consultation(home_page)
    client.force_login(official_of(consultation))
    return consultation, proposal


def test_no_export_holds_an_email_or_a_real_name_by_default(known, client):
    consultation, proposal = known
    CommentFactory(proposal=proposal, author=proposal.author)
    for name in EXPORTS:
        for export_format in ("csv", "json", "xlsx"):
            data = download(client, consultation, name, export_format)
            for secret in (b"anna.kowalska", b"Kowalska", b"@example.org"):
                assert secret not in data, (name, export_format, secret)


def test_commenters_get_a_stable_pseudonym_that_is_not_their_name(known, client):
    consultation, proposal = known
    writer, other = UserFactory(display_name="Jan Nowak"), UserFactory()
    first = CommentFactory(proposal=proposal, author=writer)
    CommentFactory(proposal=proposal, author=writer, parent=first)
    CommentFactory(proposal=proposal, author=other)
    rows = read_json(download(client, consultation, "comments", "json"))
    names = [row["author"] for row in rows]
    assert names[0] == names[1] != names[2]
    assert "Jan Nowak" not in names and writer.email not in names
    assert rows[1]["parent_id"] == first.pk
    # The word ("Participant", "Uczestnik") follows the admin's language; the code is fixed.
    assert names[0].split()[-1] == pseudonym(writer.pk, consultation.pk).split()[-1]


def test_the_same_person_has_another_pseudonym_in_another_consultation():
    assert pseudonym(7, 1) != pseudonym(7, 2)
    assert pseudonym(7, 1) == pseudonym(7, 1)


def test_hidden_and_deleted_comments_are_not_exported(known, client):
    consultation, proposal = known
    CommentFactory(proposal=proposal, body="widoczny")
    CommentFactory(proposal=proposal, body="ukryty", hidden_at=timezone.now())
    CommentFactory(proposal=proposal, body="usunięty", deleted_at=timezone.now())
    rows = read_json(download(client, consultation, "comments", "json"))
    assert [row["body"] for row in rows] == ["widoczny"]


def test_an_administrator_gets_the_contact_data_of_consenting_authors_only(home_page, client):
    from proposals.models import Proposal
    from tests.factories_proposals import ProposalFactory

    consultation, proposal = known_consultation(home_page)
    proposal.author.share_contact_with_officials = True
    proposal.author.save()
    silent = ProposalFactory(
        consultation=consultation, author=UserFactory(email="cisza@example.org")
    )
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    rows = read_json(download(client, consultation, "proposals", "json", include_contact="1"))
    by_id = {row["id"]: row for row in rows}
    assert by_id[proposal.pk]["contact_email"] == "anna.kowalska@example.org"
    assert by_id[proposal.pk]["contact_name"] == "Anna Kowalska"
    assert by_id[silent.pk]["contact_email"] == ""
    assert Proposal.objects.count() == 2
    entry = PageLogEntry.objects.get(action="mam.export.contact_data")
    assert (entry.page_id, entry.user_id, entry.data["export"]) == (
        consultation.pk,
        admin.pk,
        "proposals",
    )


def test_an_official_may_not_include_contact_data(known, client):
    consultation, _proposal = known
    response = client.post(
        export_url(consultation, "proposals"), {"format": "csv", "include_contact": "1"}
    )
    assert refused(response)
    assert not PageLogEntry.objects.filter(action="mam.export.contact_data").exists()


def test_every_export_is_recorded_in_the_consultation_history(known, client):
    consultation, _proposal = known
    download(client, consultation, "comments", "csv")
    assert PageLogEntry.objects.filter(page=consultation, action="mam.export").count() == 1


def test_supports_per_day_hide_counts_below_five(known, client):
    consultation, proposal = known
    busy = timezone.make_aware(datetime.datetime(2026, 5, 4, 12))
    quiet = timezone.make_aware(datetime.datetime(2026, 5, 5, 12))
    for _person in range(6):
        SupportFactory(proposal=proposal, created_at=busy)
    for _person in range(2):
        SupportFactory(proposal=proposal, created_at=quiet)
    with translation.override("en"):
        rows = read_csv(download(client, consultation, "supports_daily", "csv"))
    assert [(row["Day"], row["Supports"]) for row in rows] == [
        # 6 + 2 is the proposal's published total of 8: the 6 is hidden too, honestly.
        ("2026-05-04", "hidden"),
        ("2026-05-05", "<5"),
    ]


def test_a_proposal_supported_by_few_people_on_one_day_is_left_out_of_the_daily_supports(
    known, client
):
    """Its total of supports is on its page: "<5" beside it would say the day's count."""
    consultation, proposal = known
    quiet = timezone.make_aware(datetime.datetime(2026, 5, 5, 12))
    for _person in range(3):
        SupportFactory(proposal=proposal, created_at=quiet)
    with translation.override("en"):
        rows = read_csv(download(client, consultation, "supports_daily", "csv"))
    assert [row for row in rows if row["Day"] == "2026-05-05"] == []


def test_supports_by_district_hide_counts_below_five(known, client):
    consultation, proposal = known
    big = District.objects.create(centre=consultation.centre, name="Centrum")
    small = District.objects.create(centre=consultation.centre, name="Zawada")
    for _person in range(5):
        SupportFactory(proposal=proposal, user=UserFactory(district=big))
    SupportFactory(proposal=proposal, user=UserFactory(district=small))
    rows = read_json(download(client, consultation, "supports_district", "json"))
    assert [(row["district"], row["supports"]) for row in rows] == [
        # 5 + 1 is the proposal's published total of 6: "Centrum" is hidden to protect "Zawada".
        ("Centrum", "hidden"),
        ("Zawada", "<5"),
    ]


def test_paper_ballot_log_shows_who_entered_it_but_never_the_voter_or_choices(home_page, client):
    consultation, (first, second, _third) = voting_consultation(home_page)
    desk = staff(consultation.centre, roles.OFFICIAL, display_name="Pani z recepcji")
    ballot = voting.enter_paper_ballot(
        consultation=consultation,
        paper_number=17,
        by=desk,
        proposal_ids=[first.pk],
        voter_name="Zofia Wiśniewska",
        voter_address="ul. Długa 5",
    )
    voting.correct_paper_ballot(
        ballot=ballot, by=desk, reason="literówka", proposal_ids=[second.pk]
    )
    client.force_login(desk)
    data = download(client, consultation, "paper_ballots", "json")
    (row,) = read_json(data)
    assert row["paper_number"] == 17
    assert row["entered_by"] == "Pani z recepcji"
    assert row["corrections"] == 1
    assert set(row) == {"paper_number", "entered_by", "entered_at", "corrections", "validity"}
    assert "Wiśniewska".encode() not in data and "Długa".encode() not in data


@pytest.mark.parametrize("who", ["other_official", "resident", "moderator"])
def test_only_the_centres_officials_reach_the_exports(home_page, client, who):
    consultation, _proposal = known_consultation(home_page)
    other, _p = voting_consultation(home_page)
    if who == "other_official":
        user = official_of(other)
    elif who == "moderator":
        user = staff(consultation.centre, roles.MODERATOR)
    else:
        user = confirmed_user()
    client.force_login(user)
    index = client.get(reverse("outcomes_exports:index", args=[consultation.pk]))
    post = client.post(export_url(consultation, "proposals"), {"format": "csv"})
    assert refused(index)
    assert refused(post)
