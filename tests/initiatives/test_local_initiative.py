"""The local initiative application's rules: completeness, valuation, totals, scoring, editing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from consultations.participation import NotAllowed
from initiatives.models import Action, LocalInitiativeApplication
from initiatives.services import local_initiative as local
from initiatives.services import membership
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, organiser, resident, running
from tests.initiatives.local_helpers import criteria, draft, member, ready, terms

pytestmark = pytest.mark.django_db
App = LocalInitiativeApplication


@pytest.fixture
def initiative(home_page):
    return running(centre_with_index(home_page)[1])


def test_an_empty_draft_lists_everything_it_lacks(initiative):
    application = local.application_start(
        index=initiative.index, user=initiative.started_by, title="Podwórko", initiative=initiative
    )
    assert len(local.missing(application)) == 6
    with pytest.raises(ValidationError):
        local.application_mark_ready(application=application, user=initiative.started_by)
    application.refresh_from_db()
    assert application.state == App.State.DRAFT


def test_a_complete_draft_can_be_marked_ready(initiative):
    terms(initiative.centre)
    application = draft(initiative)
    assert local.missing(application) == []
    local.application_mark_ready(application=application, user=initiative.started_by)
    application.refresh_from_db()
    assert application.state == App.State.READY


def test_work_cannot_be_valued_before_the_town_sets_its_rate(initiative):
    terms(initiative.centre, rate=None)
    application = draft(initiative)
    assert any("godziny" in gap or "hour" in gap for gap in local.missing(application))


def test_social_work_is_valued_at_the_towns_hourly_rate(initiative):
    terms(initiative.centre, rate="27.50")
    totals = local.totals(draft(initiative))
    assert totals.work_hours == Decimal("40")
    assert totals.work_value == Decimal("1100.00")


def test_totals_add_up_costs_and_the_contribution_by_kind(initiative):
    terms(initiative.centre, rate="30.00")
    totals = local.totals(draft(initiative))
    assert totals.costs == Decimal("4000.00")
    assert (totals.work_value, totals.in_kind, totals.money) == (
        Decimal("1200.00"),
        Decimal("300.00"),
        Decimal("200.00"),
    )
    assert totals.contribution == Decimal("1700.00")
    assert totals.contribution_share == Decimal("42.5")


def test_the_rate_is_fixed_on_the_application_when_marked_ready(initiative):
    application = ready(initiative)
    terms(initiative.centre, rate="50.00")
    application.refresh_from_db()
    assert local.totals(application).work_value == Decimal("1200.00")


def test_a_cost_without_an_amount_is_refused(initiative):
    with pytest.raises(ValidationError) as error:
        draft(initiative, costs=[{"description": "Sadzonki", "amount": ""}])
    assert "costs" in error.value.message_dict


def test_a_negative_or_non_numeric_amount_is_refused(initiative):
    for amount in ("-5", "abc", "NaN"):
        with pytest.raises(ValidationError):
            draft(initiative, costs=[{"description": "Sadzonki", "amount": amount}])


def test_the_end_may_not_come_before_the_start(initiative):
    with pytest.raises(ValidationError) as error:
        draft(initiative, starts_on=datetime.date(2027, 5, 1), ends_on=datetime.date(2027, 4, 1))
    assert "ends_on" in error.value.message_dict


def test_a_plain_member_cannot_edit_the_application(initiative):
    application = draft(initiative)
    neighbour = member(initiative, resident(initiative.centre))
    assert not local.may_edit(neighbour, application)
    with pytest.raises(NotAllowed):
        local.application_save(
            application=application,
            user=neighbour,
            title="Inny",
            area="",
            description="",
            place="",
            starts_on=None,
            ends_on=None,
        )


def test_a_ready_application_cannot_be_edited_until_reopened(initiative):
    application = ready(initiative)
    with pytest.raises(NotAllowed):
        draft_again = {
            "title": "Nowy",
            "area": "",
            "description": "",
            "place": "",
            "starts_on": None,
            "ends_on": None,
        }
        local.application_save(application=application, user=initiative.started_by, **draft_again)
    local.application_reopen(application=application, user=initiative.started_by)
    application.refresh_from_db()
    assert application.state == App.State.DRAFT and application.hourly_rate is None


def test_only_the_initiatives_leaders_start_an_application_for_it(initiative):
    neighbour = member(initiative, resident(initiative.centre))
    with pytest.raises(NotAllowed):
        local.application_start(
            index=initiative.index, user=neighbour, title="X", initiative=initiative
        )


def test_a_resident_may_apply_directly_without_an_initiative(initiative):
    person = resident(initiative.centre)
    application = local.application_start(index=initiative.index, user=person, title="Ławki")
    assert application.applicant_kind == App.Applicant.RESIDENTS
    assert local.may_edit(person, application)


def test_someone_not_resident_may_not_apply_directly(initiative):
    with pytest.raises(NotAllowed):
        local.application_start(index=initiative.index, user=confirmed_user(), title="Ławki")


def test_marking_ready_adds_an_entry_to_the_initiatives_actions(initiative):
    ready(initiative)
    assert initiative.actions.filter(kind=Action.Kind.LOCAL_INITIATIVE).count() == 1


def test_members_pledge_and_the_group_tracks_what_was_delivered(initiative):
    application = ready(initiative)
    neighbour = member(initiative, resident(initiative.centre))
    pledge = local.pledge_add(
        application=application, user=neighbour, kind="work", hours=Decimal("8")
    )
    local.pledge_add(
        application=application,
        user=neighbour,
        kind="in_kind",
        value=Decimal("150"),
        description="Konewki",
    )
    local.pledge_delivered(pledge=pledge, user=initiative.started_by, hours=Decimal("5"))
    totals = local.pledge_totals(application)
    assert (totals.hours, totals.hours_delivered, totals.value) == (8, 5, 150)
    assert totals.people == 1


def test_a_supporter_may_not_pledge(initiative):
    application = ready(initiative)
    follower = resident(initiative.centre)
    membership.initiative_join(initiative=initiative, user=follower, kind="supporter")
    with pytest.raises(NotAllowed):
        local.pledge_add(application=application, user=follower, kind="work", hours=Decimal(2))


def test_a_member_may_not_record_what_was_delivered(initiative):
    application = ready(initiative)
    neighbour = member(initiative, resident(initiative.centre))
    pledge = local.pledge_add(
        application=application, user=neighbour, kind="work", hours=Decimal("8")
    )
    with pytest.raises(NotAllowed):
        local.pledge_delivered(pledge=pledge, user=neighbour, hours=Decimal("8"))


def test_the_evaluation_scores_each_criterion_and_totals_them(initiative):
    application = ready(initiative)
    first, second = criteria(initiative.centre)
    staff = organiser(initiative.centre)
    rows = local.evaluation_record(
        application=application,
        staff=staff,
        scores={first.pk: (8, "Duży wkład pracy"), second.pk: (4, "")},
    )
    assert sum(row.score for row in rows) == 12
    application.refresh_from_db()
    assert application.state == App.State.FILED
    assert ModelLogEntry.objects.filter(action="mam.local_initiative.evaluate").count() == 1


def test_a_score_above_the_criterions_maximum_is_refused(initiative):
    application = ready(initiative)
    first, second = criteria(initiative.centre)
    with pytest.raises(ValidationError) as error:
        local.evaluation_record(
            application=application,
            staff=organiser(initiative.centre),
            scores={first.pk: (11, ""), second.pk: (1, "")},
        )
    assert f"criterion_{first.pk}" in error.value.message_dict


def test_every_criterion_must_be_scored(initiative):
    application = ready(initiative)
    first, _second = criteria(initiative.centre)
    with pytest.raises(ValidationError):
        local.evaluation_record(
            application=application,
            staff=organiser(initiative.centre),
            scores={first.pk: (5, "")},
        )


def test_another_centres_organiser_cannot_evaluate(initiative, home_page):
    application = ready(initiative)
    other, _index = centre_with_index(home_page)
    with pytest.raises(NotAllowed):
        local.evaluation_record(application=application, staff=organiser(other), scores={})


def test_the_decision_needs_reasons_and_goes_on_the_timeline(initiative):
    application = ready(initiative)
    staff = organiser(initiative.centre)
    scores = {c.pk: (1, "") for c in criteria(initiative.centre)}
    local.evaluation_record(application=application, staff=staff, scores=scores)
    with pytest.raises(ValidationError):
        local.decision_record(
            application=application,
            staff=staff,
            accepted=True,
            reasons=" ",
            decided_on=datetime.date(2027, 3, 1),
        )
    local.decision_record(
        application=application,
        staff=staff,
        accepted=True,
        reasons="Zadanie celowe.",
        decided_on=datetime.date(2027, 3, 1),
        agreement_starts_on=datetime.date(2027, 4, 1),
        agreement_ends_on=datetime.date(2027, 6, 30),
    )
    application.refresh_from_db()
    assert application.state == App.State.ACCEPTED
    assert initiative.actions.filter(date=datetime.date(2027, 3, 1)).exists()


# Art. 19b ust. 1 pkt 1–12 (Dz.U. z 2024 r. poz. 1491): the twelve public tasks, in order.
ART_19B = [
    "community",
    "charity",
    "tradition",
    "minorities",
    "culture",
    "volunteering",
    "education",
    "sport",
    "tourism",
    "nature",
    "safety",
    "revitalisation",
]


def test_public_tasks_are_the_twelve_of_art_19b_in_the_acts_order():
    assert App.Area.values == ART_19B


@pytest.mark.parametrize("area", ["social_aid", "health", "disability"])
def test_a_task_the_act_does_not_list_is_refused(initiative, area):
    application = draft(initiative)
    with pytest.raises(ValidationError) as error:
        local.application_save(
            application=application,
            user=initiative.started_by,
            title="Podwórko",
            area=area,
            description="",
            place="",
            starts_on=None,
            ends_on=None,
        )
    assert "area" in error.value.message_dict


def test_tourism_and_volunteering_are_tasks_of_a_local_initiative(initiative):
    for area in ("tourism", "volunteering"):
        application = draft(initiative)
        local.application_save(
            application=application,
            user=initiative.started_by,
            title="Szlak",
            area=area,
            description="",
            place="",
            starts_on=None,
            ends_on=None,
        )
        application.refresh_from_db()
        assert application.area == area


def test_migration_clears_tasks_the_act_does_not_list(initiative):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "initiatives.migrations.0005_local_initiative_areas_of_art_19b"
    )
    kept, cleared = draft(initiative), draft(initiative)
    App.objects.filter(pk=cleared.pk).update(area="health")
    migration.clear_tasks_not_in_the_act(apps, None)
    assert App.objects.get(pk=cleared.pk).area == ""
    assert App.objects.get(pk=kept.pk).area == "nature"
    gaps = len(local.missing(App.objects.get(pk=cleared.pk)))
    assert gaps == len(local.missing(App.objects.get(pk=kept.pk))) + 1
