"""Retention: each kind of personal data is kept until its period ends, then removed once."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Max
from django.db.models.functions import Coalesce
from wagtail.models import ModelLogEntry

from accounts import roles
from accounts.models import ResidencyDeclaration
from accounts.services import residency
from events.models import SignUp
from proposals.models import Support
from retention.models import RetentionRecord
from retention.services import apply_retention
from rooms.models import Booking
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_events import activity
from tests.factories_proposals import ProposalFactory, confirmed_user, open_consultation
from tests.factories_rooms import RoomFactory
from tests.voting.paper_helpers import enter, paper_vote
from tests.voting.results_helpers import publish
from voting.models import Participation, ResultFile, ResultSnapshot
from voting.services import results

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


# Paper voters ---------------------------------------------------------------------------


@pytest.fixture
def published_paper_vote(home_page):
    consultation, proposals, official = paper_vote(home_page)
    enter(consultation, official, 1, proposals[:1])
    enter(consultation, official, 2, proposals[1:2])
    snapshot = publish(consultation)
    return consultation, snapshot


def paper_voters(consultation):
    return list(
        Participation.objects.filter(consultation=consultation, channel="paper")
        .order_by("paper_number")
        .values_list("voter_name", "voter_address")
    )


def test_paper_voters_are_kept_while_the_result_may_be_challenged(published_paper_vote):
    consultation, snapshot = published_paper_vote
    apply_retention(now=snapshot.published_at + 89 * DAY)
    assert paper_voters(consultation) == [
        ("Wyborca 1", "ul. Papierowa 1"),
        ("Wyborca 2", "ul. Papierowa 2"),
    ]


def test_paper_voters_names_and_addresses_are_cleared_after_the_period(published_paper_vote):
    consultation, snapshot = published_paper_vote
    apply_retention(now=snapshot.published_at + 91 * DAY)
    assert paper_voters(consultation) == [("", ""), ("", "")]


def test_clearing_paper_voters_leaves_the_result_and_its_checksums_unchanged(
    published_paper_vote,
):
    consultation, snapshot = published_paper_vote
    files = {
        file_format: results.published_file(consultation, file_format)
        for file_format in ResultFile.Format.values
    }
    apply_retention(now=snapshot.published_at + 91 * DAY)
    after = ResultSnapshot.objects.get(pk=snapshot.pk)
    assert (after.figures, after.ballots_checksum, after.csv_checksum) == (
        snapshot.figures,
        snapshot.ballots_checksum,
        snapshot.csv_checksum,
    )
    assert results.recompute(after.ballots, after.figures)[0]
    for file_format, data in files.items():
        assert results.published_file(consultation, file_format) == data
    assert Participation.objects.filter(consultation=consultation).count() == 2


# Residency declarations -----------------------------------------------------------------


@pytest.fixture
def centre(home_page):
    return CentrePageFactory(parent=home_page)


@pytest.fixture
def reviewer(centre):
    user = UserFactory()
    user.groups.add(roles.centre_groups_ensure(centre)[roles.OFFICIAL])
    return user


def declare(centre):
    return residency.declaration_submit(
        user=confirmed_user(),
        centre=centre,
        first_name="Jan",
        last_name="Kowalski",
        street_address="ul. Długa 1",
    )


def test_a_rejected_declaration_is_kept_until_the_period_ends(centre, reviewer):
    declaration = residency.declaration_reject(
        declaration=declare(centre), reviewer=reviewer, reason="Adres poza miastem."
    )
    apply_retention(now=declaration.reviewed_at + 179 * DAY)
    assert ResidencyDeclaration.objects.filter(pk=declaration.pk).exists()


def test_a_rejected_declaration_is_deleted_after_the_period(centre, reviewer):
    declaration = residency.declaration_reject(
        declaration=declare(centre), reviewer=reviewer, reason="Adres poza miastem."
    )
    apply_retention(now=declaration.reviewed_at + 181 * DAY)
    assert not ResidencyDeclaration.objects.filter(pk=declaration.pk).exists()


def test_a_declaration_behind_an_active_verification_is_kept(centre, reviewer):
    declaration = declare(centre)
    residency.declaration_accept(declaration=declaration, reviewer=reviewer)
    apply_retention(now=declaration.created_at + 3650 * DAY)
    assert ResidencyDeclaration.objects.filter(pk=declaration.pk).exists()


def test_a_declaration_is_deleted_a_period_after_its_verification_ended(centre, reviewer):
    declaration = declare(centre)
    verification = residency.declaration_accept(declaration=declaration, reviewer=reviewer)
    verification = residency.verification_revoke(
        verification=verification, by=reviewer, reason="Wyprowadzka."
    )
    apply_retention(now=verification.revoked_at + 179 * DAY)
    assert ResidencyDeclaration.objects.filter(pk=declaration.pk).exists()
    apply_retention(now=verification.revoked_at + 181 * DAY)
    assert not ResidencyDeclaration.objects.filter(pk=declaration.pk).exists()
    verification.refresh_from_db()
    assert verification.revoked_at  # the record of the verification itself stays


def test_a_pending_declaration_waits_for_staff(centre):
    declaration = declare(centre)
    apply_retention(now=declaration.created_at + 3650 * DAY)
    assert ResidencyDeclaration.objects.filter(pk=declaration.pk).exists()


# Support lists --------------------------------------------------------------------------


@pytest.fixture
def supported(home_page):
    consultation = open_consultation(home_page, current="finished")
    proposal = ProposalFactory(consultation=consultation, supports_count=2)
    for _ in range(2):
        Support.objects.create(proposal=proposal, user=confirmed_user())
    ended = consultation.phases.aggregate(end=Max(Coalesce("closed_early_at", "ends_at")))["end"]
    return proposal, ended


def test_support_lists_are_kept_for_a_year_after_the_consultation_ended(supported):
    proposal, ended = supported
    apply_retention(now=ended + 364 * DAY)
    assert proposal.supports.count() == 2


def test_support_lists_are_deleted_after_the_period_and_the_count_stays(supported):
    proposal, ended = supported
    apply_retention(now=ended + 366 * DAY)
    assert proposal.supports.count() == 0
    proposal.refresh_from_db()
    assert proposal.supports_count == 2


# The record -----------------------------------------------------------------------------


def test_each_removal_is_recorded_in_a_row_and_the_action_log(supported):
    proposal, ended = supported
    now = ended + 366 * DAY
    [record] = apply_retention(now=now)
    assert (record.kind, record.action, record.count) == ("supports", "deleted", 2)
    assert record.applied_at == now
    assert record.detail == {"consultations": [proposal.consultation_id]}
    entry = ModelLogEntry.objects.get(action="mam.retention.apply")
    assert entry.object_id == str(record.pk)
    assert entry.data["count"] == 2


def test_a_second_run_removes_and_records_nothing(supported):
    _proposal, ended = supported
    apply_retention(now=ended + 366 * DAY)
    assert apply_retention(now=ended + 367 * DAY) == []
    assert RetentionRecord.objects.count() == 1


def test_the_command_says_what_it_removed(supported, monkeypatch):
    _proposal, ended = supported
    monkeypatch.setattr("django.utils.timezone.now", lambda: ended + 366 * DAY)
    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "2" in out.getvalue()
    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "Nothing has expired." in out.getvalue()


# The privacy notice -----------------------------------------------------------------------


def test_the_demo_privacy_notice_states_each_retention_period(settings):
    from demo.legal import retention_lines

    settings.MAM_RETENTION_DAYS = {
        "paper_voters": 30,
        "residency_declarations": 60,
        "supports": 400,
        "room_callers": 45,
        "desk_sign_ups": 75,
    }
    text = " ".join(retention_lines())
    assert "30 dni od ogłoszenia wyników" in text
    assert "60 dni od zakończenia weryfikacji" in text
    assert "400 dni od zakończenia konsultacji" in text
    assert "45 dni od końca rezerwacji" in text
    assert "75 dni od daty zajęć" in text


def test_the_privacy_notice_body_includes_the_retention_periods():
    from demo.legal import _privacy_body, retention_lines

    body = str(_privacy_body(None))
    assert all(line in body for line in retention_lines())


# Room callers ---------------------------------------------------------------------------


def _caller_booking(home_page, ends_at):
    centre = CentrePageFactory(parent=home_page)
    room = RoomFactory(centre=centre)
    return Booking.objects.create(
        room=room, centre=centre, starts_at=ends_at - datetime.timedelta(hours=2),
        ends_at=ends_at, state="confirmed", user_kind="ngo", purpose="Próba chóru", people=8,
        organisation="Chór Sąsiedzi", caller_name="Jan Kowalski", caller_phone="600 100 200",
        caller_email="jan@example.org", created_at=ends_at - 10 * DAY,
    )  # fmt: skip


def test_room_caller_s_contacts_stay_within_their_period(home_page):
    ends = datetime.datetime(2027, 3, 3, 18, tzinfo=datetime.UTC)
    booking = _caller_booking(home_page, ends)
    assert apply_retention(now=ends + 89 * DAY) == []
    booking.refresh_from_db()
    assert booking.caller_name == "Jan Kowalski"


def test_room_caller_s_contacts_are_cleared_after_their_period_and_the_booking_stays(home_page):
    ends = datetime.datetime(2027, 3, 3, 18, tzinfo=datetime.UTC)
    booking = _caller_booking(home_page, ends)
    [record] = apply_retention(now=ends + 91 * DAY)
    booking.refresh_from_db()
    assert (booking.caller_name, booking.caller_phone, booking.caller_email) == ("", "", "")
    assert (booking.organisation, booking.people) == ("Chór Sąsiedzi", 8)
    assert (record.kind, record.count) == (RetentionRecord.Kind.ROOM_CALLERS, 1)
    assert apply_retention(now=ends + 92 * DAY) == []


# Desk sign-ups --------------------------------------------------------------------------


def _signup(home_page, day, user=None):
    page = activity(CentrePageFactory(parent=home_page), places=10)
    moment = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    return SignUp.objects.create(
        activity=page, occurrence=day, user=user, name="Maria Nowak", state="confirmed",
        created_at=moment - 5 * DAY, changed_at=moment - 5 * DAY,
    )  # fmt: skip


def test_a_desk_sign_up_s_name_stays_within_its_period(home_page):
    signup = _signup(home_page, datetime.date(2027, 3, 3))
    noon = datetime.datetime(2027, 3, 3, 12, tzinfo=datetime.UTC)
    assert apply_retention(now=noon + 89 * DAY) == []
    signup.refresh_from_db()
    assert signup.name == "Maria Nowak"


def test_a_desk_sign_up_s_name_is_cleared_after_its_period_and_the_sign_up_stays(home_page):
    signup = _signup(home_page, datetime.date(2027, 3, 3))
    noon = datetime.datetime(2027, 3, 3, 12, tzinfo=datetime.UTC)
    [record] = apply_retention(now=noon + 91 * DAY)
    signup.refresh_from_db()
    assert (signup.name, signup.state) == ("", "confirmed")
    assert (record.kind, record.count) == (RetentionRecord.Kind.DESK_SIGN_UPS, 1)
    assert apply_retention(now=noon + 92 * DAY) == []


def test_an_online_sign_up_keeps_its_name_while_the_account_lives(home_page):
    signup = _signup(home_page, datetime.date(2027, 3, 3), user=UserFactory())
    noon = datetime.datetime(2027, 3, 3, 12, tzinfo=datetime.UTC)
    apply_retention(now=noon + 400 * DAY)
    signup.refresh_from_db()
    assert signup.name == "Maria Nowak"
