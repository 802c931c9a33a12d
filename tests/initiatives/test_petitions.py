"""The petition rules: thresholds, the committee, online support, sheet counts, deadlines."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from consultations.participation import NotAllowed
from initiatives.models import Action, CommitteeMember, Petition, PetitionRules, PetitionSupport
from initiatives.services import petitions
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, organiser, resident, running
from tests.initiatives.petition_helpers import (
    committee,
    draft,
    open_resolution,
    signed_resolution,
    staff_pair,
    with_signatures,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(home_page):
    return centre_with_index(home_page)


@pytest.mark.parametrize(
    ("population", "threshold"),
    [(1, 100), (5_000, 100), (5_001, 200), (20_000, 200), (20_001, 300), (None, 300)],
)
def test_default_threshold_follows_the_population(population, threshold):
    assert petitions.default_threshold(population) == threshold


def test_centre_population_sets_the_threshold(setup):
    centre, _index = setup
    PetitionRules.objects.create(centre=centre, population=12_000)
    assert petitions.signature_threshold(centre) == 200


def test_centre_statute_overrides_the_threshold(setup):
    centre, _index = setup
    PetitionRules.objects.create(centre=centre, population=12_000, signatures_required=150)
    assert petitions.signature_threshold(centre) == 150


def test_published_resolution_keeps_the_threshold_of_its_centre(setup):
    centre, index = setup
    PetitionRules.objects.create(centre=centre, population=3_000)
    assert open_resolution(index).signatures_required == 100


def test_resolution_cannot_be_published_with_four_committee_members(setup):
    _centre, index = setup
    initiative = running(index)
    committee(initiative, size=4)
    petition = draft(initiative)
    with pytest.raises(NotAllowed) as refusal:
        petitions.petition_publish(petition=petition, user=initiative.started_by)
    assert refusal.value.code == "committee"
    assert Petition.objects.get().state == Petition.State.DRAFT


def test_invited_members_without_consent_do_not_count(setup):
    _centre, index = setup
    initiative = running(index)
    committee(initiative, size=4)
    extra = confirmed_user()
    from initiatives.models import Membership
    from initiatives.services import membership

    membership.initiative_join(initiative=initiative, user=extra, kind="member")
    petitions.committee_invite(
        initiative=initiative,
        coordinator=initiative.started_by,
        member=Membership.objects.get(user=extra),
    )
    assert petitions.consented_committee(initiative).count() == 4
    with pytest.raises(NotAllowed):
        petitions.petition_publish(petition=draft(initiative), user=initiative.started_by)


def test_staff_noted_consent_completes_the_committee(setup):
    centre, index = setup
    initiative = running(index)
    committee(initiative, size=4)
    petitions.committee_record(
        initiative=initiative, staff=organiser(centre), full_name="Jan Kowalski", consent=True
    )
    petition = petitions.petition_publish(petition=draft(initiative), user=initiative.started_by)
    assert petition.state == Petition.State.OPEN


def test_staff_cannot_add_a_person_without_consent(setup):
    centre, index = setup
    initiative = running(index)
    with pytest.raises(ValidationError):
        petitions.committee_record(
            initiative=initiative, staff=organiser(centre), full_name="Jan Kowalski", consent=False
        )
    assert not CommitteeMember.objects.exists()


def test_plain_petition_needs_no_committee(setup):
    _centre, index = setup
    initiative = running(index)
    petition = draft(initiative, kind="petition", addressee="other", addressee_name="Wojewoda")
    petition = petitions.petition_publish(petition=petition, user=initiative.started_by)
    assert petition.state == Petition.State.OPEN
    assert petition.addressee_label == "Wojewoda"


def test_other_addressee_needs_its_name(setup):
    _centre, index = setup
    with pytest.raises(ValidationError):
        draft(running(index), kind="petition", addressee="other", addressee_name=" ")


def test_supporting_twice_counts_once(setup):
    _centre, index = setup
    petition = open_resolution(index)
    user = confirmed_user()
    petitions.petition_support(petition=petition, user=user)
    petitions.petition_support(petition=petition, user=user)
    petition.refresh_from_db()
    assert petition.supporters_count == PetitionSupport.objects.count() == 1


def test_database_refuses_a_second_support_of_one_person(setup):
    _centre, index = setup
    petition = open_resolution(index)
    user = confirmed_user()
    PetitionSupport.objects.create(petition=petition, user=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        PetitionSupport.objects.create(petition=petition, user=user)


def test_verified_residents_are_counted_apart(setup):
    centre, index = setup
    petition = open_resolution(index)
    petitions.petition_support(petition=petition, user=resident(centre))
    petitions.petition_support(petition=petition, user=confirmed_user())
    petition.refresh_from_db()
    assert (petition.supporters_count, petition.verified_supporters_count) == (2, 1)


def test_withdrawing_support_lowers_both_counts(setup):
    centre, index = setup
    petition = open_resolution(index)
    user = resident(centre)
    petitions.petition_support(petition=petition, user=user)
    assert petitions.petition_withdraw(petition=petition, user=user)
    petition.refresh_from_db()
    assert (petition.supporters_count, petition.verified_supporters_count) == (0, 0)


def test_online_support_does_not_count_toward_the_threshold(setup):
    _centre, index = setup
    petition = open_resolution(index)
    petitions.petition_support(petition=petition, user=confirmed_user())
    petition.refresh_from_db()
    assert petition.paper_signatures == 0


def test_sheets_are_numbered_on_from_the_last_printed(setup):
    _centre, index = setup
    petition = open_resolution(index)
    coordinator = petition.initiative.started_by
    petitions.sheets_print(petition=petition, user=coordinator, count=3)
    sheets = petitions.sheets_print(petition=petition, user=coordinator, count=2)
    assert [sheet.number for sheet in sheets] == [4, 5]


def test_one_staff_count_does_not_count_yet(setup):
    centre, index = setup
    petition = open_resolution(index)
    petitions.sheets_print(petition=petition, user=petition.initiative.started_by, count=1)
    first, _second = staff_pair(centre)
    petitions.sheet_count_enter(petition=petition, staff=first, number=1, count=12)
    petition.refresh_from_db()
    assert petition.paper_signatures == 0
    assert [sheet.number for sheet in petitions.sheets_waiting(petition)] == [1]


def test_second_staff_member_confirming_the_same_count_counts_it(setup):
    centre, index = setup
    petition = open_resolution(index)
    petitions.sheets_print(petition=petition, user=petition.initiative.started_by, count=2)
    first, second = staff_pair(centre)
    for number, count in ((1, 12), (2, 9)):
        petitions.sheet_count_enter(petition=petition, staff=first, number=number, count=count)
        petitions.sheet_count_enter(petition=petition, staff=second, number=number, count=count)
    petition.refresh_from_db()
    assert petition.paper_signatures == 21


def test_the_same_staff_member_twice_does_not_confirm(setup):
    centre, index = setup
    petition = open_resolution(index)
    petitions.sheets_print(petition=petition, user=petition.initiative.started_by, count=1)
    first = organiser(centre)
    petitions.sheet_count_enter(petition=petition, staff=first, number=1, count=12)
    petitions.sheet_count_enter(petition=petition, staff=first, number=1, count=12)
    petition.refresh_from_db()
    assert petition.paper_signatures == 0


def test_different_counts_are_listed_as_a_mismatch(setup):
    centre, index = setup
    petition = open_resolution(index)
    petitions.sheets_print(petition=petition, user=petition.initiative.started_by, count=1)
    first, second = staff_pair(centre)
    petitions.sheet_count_enter(petition=petition, staff=first, number=1, count=12)
    petitions.sheet_count_enter(petition=petition, staff=second, number=1, count=11)
    petition.refresh_from_db()
    assert petition.paper_signatures == 0
    assert [sheet.number for sheet in petitions.sheets_mismatched(petition)] == [1]


def test_a_count_above_the_rows_of_a_sheet_is_refused(setup):
    centre, index = setup
    petition = open_resolution(index)
    petitions.sheets_print(petition=petition, user=petition.initiative.started_by, count=1)
    with pytest.raises(ValidationError):
        petitions.sheet_count_enter(
            petition=petition, staff=organiser(centre), number=1, count=petitions.ROWS_PER_SHEET + 1
        )


def test_staff_of_another_centre_cannot_enter_counts(setup, home_page):
    _centre, index = setup
    other, _other_index = centre_with_index(home_page)
    petition = open_resolution(index)
    petitions.sheets_print(petition=petition, user=petition.initiative.started_by, count=1)
    with pytest.raises(NotAllowed):
        petitions.sheet_count_enter(petition=petition, staff=organiser(other), number=1, count=3)


def test_council_deadline_is_three_months_after_filing(setup):
    centre, index = setup
    petition = signed_resolution(index)
    filed = datetime.date(2026, 11, 30)
    petition = petitions.petition_file(petition=petition, staff=organiser(centre), filed_on=filed)
    assert petition.council_deadline == datetime.date(2027, 2, 28)


def test_filed_draft_is_overdue_after_the_deadline_without_decision(setup):
    centre, index = setup
    petition = petitions.petition_file(
        petition=signed_resolution(index),
        staff=organiser(centre),
        filed_on=datetime.date(2026, 1, 5),
    )
    assert not petition.is_overdue(datetime.date(2026, 4, 5))
    assert petition.is_overdue(datetime.date(2026, 4, 6))


def test_decided_draft_is_never_overdue(setup):
    centre, index = setup
    staff = organiser(centre)
    petition = petitions.petition_file(
        petition=signed_resolution(index), staff=staff, filed_on=datetime.date(2026, 1, 5)
    )
    petition = petitions.petition_decide(
        petition=petition,
        staff=staff,
        decision="adopted",
        decided_on=datetime.date(2026, 3, 20),
        resolution_url="https://bip.example.org/uchwala-123",
    )
    assert not petition.is_overdue(datetime.date(2026, 12, 1))


def test_filing_and_decision_are_dated_entries_in_the_actions(setup):
    centre, index = setup
    staff = organiser(centre)
    petition = petitions.petition_file(
        petition=signed_resolution(index), staff=staff, filed_on=datetime.date(2026, 1, 5)
    )
    petitions.petition_decide(
        petition=petition, staff=staff, decision="rejected", decided_on=datetime.date(2026, 3, 2)
    )
    dates = set(Action.objects.filter(kind="petition").values_list("date", flat=True))
    assert {datetime.date(2026, 1, 5), datetime.date(2026, 3, 2)} <= dates


def test_draft_resolution_below_its_threshold_is_not_filed_without_confirmation(setup):
    centre, index = setup
    petition = with_signatures(open_resolution(index), 299)
    with pytest.raises(NotAllowed) as refusal:
        petitions.petition_file(
            petition=petition, staff=organiser(centre), filed_on=datetime.date(2026, 1, 5)
        )
    assert refusal.value.code == "threshold"
    assert "300" in refusal.value.message and "299" in refusal.value.message
    assert Petition.objects.get().state == Petition.State.OPEN


def test_draft_resolution_with_its_threshold_is_filed(setup):
    centre, index = setup
    petition = with_signatures(open_resolution(index), 300)
    petition = petitions.petition_file(
        petition=petition, staff=organiser(centre), filed_on=datetime.date(2026, 1, 5)
    )
    assert petition.state == Petition.State.FILED


def test_online_supporters_do_not_make_up_a_missing_threshold(setup):
    centre, index = setup
    petition = open_resolution(index)
    for _n in range(3):
        petitions.petition_support(petition=petition, user=confirmed_user())
    with pytest.raises(NotAllowed):
        petitions.petition_file(
            petition=petition, staff=organiser(centre), filed_on=datetime.date(2026, 1, 5)
        )


def test_lower_threshold_of_the_towns_statute_lets_the_draft_be_filed(setup):
    centre, index = setup
    PetitionRules.objects.create(centre=centre, population=83_000, signatures_required=150)
    petition = with_signatures(open_resolution(index), 150)
    petition = petitions.petition_file(
        petition=petition, staff=organiser(centre), filed_on=datetime.date(2026, 1, 5)
    )
    assert petition.state == Petition.State.FILED


def test_ordinary_petition_is_filed_without_any_signatures(setup):
    centre, index = setup
    initiative = running(index)
    petition = draft(initiative, kind="petition", addressee="mayor")
    petition = petitions.petition_publish(petition=petition, user=initiative.started_by)
    petition = petitions.petition_file(
        petition=petition, staff=organiser(centre), filed_on=datetime.date(2026, 1, 5)
    )
    assert petition.state == Petition.State.FILED


def test_ordinary_petition_is_due_an_answer_3_months_after_filing(setup):
    """Art. 10 ust. 1 of the ustawa o petycjach: considered within 3 months of filing."""
    centre, index = setup
    initiative = running(index)
    petition = draft(initiative, kind="petition", addressee="mayor")
    petition = petitions.petition_publish(petition=petition, user=initiative.started_by)
    petition = petitions.petition_file(
        petition=petition, staff=organiser(centre), filed_on=datetime.date(2026, 1, 5)
    )
    assert petition.council_deadline == datetime.date(2026, 4, 5)
    assert petition.is_overdue(datetime.date(2026, 4, 6))


def test_filing_date_in_the_future_is_refused(setup):
    centre, index = setup
    with pytest.raises(ValidationError):
        petitions.petition_file(
            petition=open_resolution(index),
            staff=organiser(centre),
            filed_on=timezone.localdate() + datetime.timedelta(days=1),
        )


def test_published_petition_cannot_be_rewritten(setup):
    _centre, index = setup
    petition = open_resolution(index)
    with pytest.raises(NotAllowed):
        draft(petition.initiative, title="Inny tytuł")


def test_data_download_lists_the_persons_supports_and_committee_seats(setup):
    from accounts.services.privacy import user_data_export

    _centre, index = setup
    petition = open_resolution(index)
    coordinator = petition.initiative.started_by
    petitions.petition_support(petition=petition, user=coordinator)
    section = user_data_export(coordinator)["initiatives"]
    assert section["petition_supports"][0]["petition"] == petition.title
    assert section["committee_seats"][0]["full_name"] == "Członek Komitetu 1"


def file_below_threshold(setup, signatures=30):
    centre, index = setup
    petition = with_signatures(open_resolution(index), signatures)
    return petitions.petition_file(
        petition=petition,
        staff=organiser(centre),
        filed_on=datetime.date(2026, 1, 5),
        below_threshold_confirmed=True,
    )


def test_confirmed_draft_below_its_threshold_is_filed_with_the_councils_deadline(setup):
    petition = file_below_threshold(setup)
    assert petition.state == Petition.State.FILED
    assert petition.council_deadline == datetime.date(2026, 4, 5)


def test_draft_filed_below_its_threshold_keeps_the_signatures_it_was_filed_with(setup):
    petition = file_below_threshold(setup)
    with_signatures(petition, 45)
    petition.refresh_from_db()
    assert (petition.filed_signatures, petition.signatures_required) == (30, 300)
    assert petition.below_threshold is True


def test_draft_filed_below_its_threshold_says_so_in_its_action(setup):
    file_below_threshold(setup)
    action = Action.objects.get(kind="petition", date=datetime.date(2026, 1, 5))
    assert "30" in action.result and "300" in action.result and "41a" in action.result


def test_draft_filed_below_its_threshold_is_logged_as_such(setup):
    from wagtail.models import ModelLogEntry

    petition = file_below_threshold(setup)
    entry = ModelLogEntry.objects.get(action="mam.petition.filed_below_threshold")
    assert entry.object_id == str(petition.pk)
    assert entry.data["signatures"] == 30 and entry.data["required"] == 300


def test_draft_filed_at_its_threshold_is_not_marked_below_it(setup):
    centre, index = setup
    petition = petitions.petition_file(
        petition=signed_resolution(index),
        staff=organiser(centre),
        filed_on=datetime.date(2026, 1, 5),
        below_threshold_confirmed=True,
    )
    assert petition.below_threshold is False
    assert Action.objects.get(kind="petition", date=datetime.date(2026, 1, 5)).result == ""


def test_ordinary_petition_is_never_marked_below_a_threshold(setup):
    centre, index = setup
    initiative = running(index)
    petition = draft(initiative, kind="petition", addressee="mayor")
    petition = petitions.petition_publish(petition=petition, user=initiative.started_by)
    petition = petitions.petition_file(
        petition=petition, staff=organiser(centre), filed_on=datetime.date(2026, 1, 5)
    )
    assert petition.below_threshold is False
    assert petition.filed_signatures is None
