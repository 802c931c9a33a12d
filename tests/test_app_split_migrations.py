"""A database made before the apps' split (issue #12) migrates forward with its data intact.

The vote's models left `consultations` for `voting`, `ExportJob` for `outcomes`, the surveys
for `surveys`, without copying a row: the migrations move
only Django's state, the tables keep their names and the content types follow the models (so
the permissions granted to groups keep working). Each test makes data at today's code, takes
the database back to just before the split, checks and adds data through the historical
models there, migrates forward and reads it all through the new apps.
"""

import hashlib
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Page

from outcomes.models import ExportJob
from surveys import selectors
from surveys.models import SurveyPage, SurveyResponse
from tests.factories_proposals import confirmed_user
from tests.factories_survey import respond, survey_page
from tests.factories_voting import voting_consultation
from tests.voting.results_helpers import cast, publish, sub_url
from voting.models import Ballot, BallotChoice, Participation, ResultFile, ResultSnapshot

pytestmark = pytest.mark.django_db(transaction=True)

# The last migrations before the split; the new apps unapplied.
BEFORE_SPLIT = [
    ("consultations", "0008_paper_two_person_entry_and_protocol"),
    ("outcomes", None),
    ("voting", None),
]


def migrate_back_to_before_the_split():
    """Unapply the split and return the historical apps as they were before it."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_SPLIT)
    executor = MigrationExecutor(connection)
    return executor.loader.project_state([BEFORE_SPLIT[0]]).apps


def migrate_forward():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()


def test_ballots_and_the_published_result_are_read_by_the_voting_app(client, page_tree):
    published, (first, second, _third) = voting_consultation(page_tree, winners=1)
    cast(published, [first], [first, second])
    snapshot = publish(published)
    json_checksum = snapshot.ballots_checksum
    running, (option, *_rest) = voting_consultation(page_tree)

    old = migrate_back_to_before_the_split()
    assert old.get_model("consultations", "Ballot").objects.count() == 2
    assert old.get_model("consultations", "ResultSnapshot").objects.get().ballots_checksum == (
        json_checksum
    )
    # A paper ballot typed in before the split, through the historical models.
    OldParticipation = old.get_model("consultations", "Participation")
    OldBallot = old.get_model("consultations", "Ballot")
    OldChoice = old.get_model("consultations", "BallotChoice")
    OldParticipation.objects.create(
        consultation_id=running.pk, channel="paper", paper_number=7, voter_name="Jan Nowak"
    )
    paper = OldBallot.objects.create(consultation_id=running.pk, channel="paper", paper_number=7)
    OldChoice.objects.create(ballot=paper, proposal_id=option.pk)

    migrate_forward()
    assert Ballot.objects.filter(consultation=published).count() == 2
    entered = Ballot.objects.get(consultation=running)
    assert (entered.channel, entered.paper_number) == ("paper", 7)
    assert BallotChoice.objects.get(ballot=entered).proposal == option
    assert Participation.objects.get(consultation=running).voter_name == "Jan Nowak"
    result = ResultSnapshot.objects.get(consultation=published, published_at__isnull=False)
    assert result.ballots_checksum == json_checksum
    assert ResultFile.objects.filter(snapshot=result, format=ResultFile.Format.JSON).exists()

    page = client.get(sub_url(published, "results"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert first.title in page.text
    ballots = client.get(sub_url(published, "ballots_json"))
    assert hashlib.sha256(ballots.getvalue()).hexdigest() == json_checksum


def test_content_types_and_granted_permissions_follow_the_vote_models(page_tree):
    old = migrate_back_to_before_the_split()
    OldPermission = old.get_model("auth", "Permission")
    OldGroup = old.get_model("auth", "Group")
    enter = OldPermission.objects.get(
        content_type__app_label="consultations", codename="add_ballot"
    )
    group = OldGroup.objects.create(name="MAM Testowo – Urzędnicy")
    group.permissions.add(enter)

    migrate_forward()
    assert ContentType.objects.get_for_model(Ballot).app_label == "voting"
    assert not ContentType.objects.filter(app_label="consultations", model="ballot").exists()
    user = confirmed_user()
    user.groups.add(Group.objects.get(name="MAM Testowo – Urzędnicy"))
    assert user.has_perm("voting.add_ballot")


def test_an_export_job_made_before_the_split_is_read_by_the_outcomes_app(page_tree):
    consultation, _proposals = voting_consultation(page_tree)
    official = confirmed_user()
    old = migrate_back_to_before_the_split()
    OldExportJob = old.get_model("consultations", "ExportJob")
    OldExportJob.objects.create(
        consultation_id=consultation.pk,
        requested_by_id=official.pk,
        kind="proposals",
        format="csv",
        state="done",
        rows_done=3,
    )

    migrate_forward()
    job = ExportJob.objects.get(consultation=consultation)
    assert (job.kind, job.state, job.rows_done, job.requested_by) == (
        "proposals",
        "done",
        3,
        official,
    )
    assert ContentType.objects.get_for_model(ExportJob).app_label == "outcomes"


# The surveys split: the last consultations migration before it; the surveys app unapplied.
BEFORE_SURVEYS_SPLIT = [("consultations", "0010_move_exports_to_outcomes_app"), ("surveys", None)]


def migrate_back_to_before_the_surveys_split():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_SURVEYS_SPLIT)
    executor = MigrationExecutor(connection)
    return executor.loader.project_state([BEFORE_SURVEYS_SPLIT[0]]).apps


def old_survey_page(old, consultation, slug):
    """A live survey page under `consultation` made through the historical models (as a
    database of that day holds it: a Wagtail page row of the consultations content type)."""
    OldContentType = old.get_model("contenttypes", "ContentType")
    OldPage = old.get_model("wagtailcore", "Page")
    parent = OldPage.objects.get(pk=consultation.pk)
    content_type, _created = OldContentType.objects.get_or_create(
        app_label="consultations", model="surveypage"
    )
    OldSurveyPage = old.get_model("consultations", "SurveyPage")
    # Wagtail's FormMixin.__init__ reads a template the historical class lacks (no PageBase).
    OldSurveyPage.landing_page_template = "surveys/survey_thanks.html"
    survey = OldSurveyPage.objects.create(
        title="Ankieta sprzed podziału",
        draft_title="Ankieta sprzed podziału",
        slug=slug,
        path=parent.path + "0009",
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{slug}/",
        content_type=content_type,
        locale_id=parent.locale_id,
        live=True,
        show_results_while_open=True,
    )
    OldPage.objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
    old.get_model("consultations", "SurveyQuestion").objects.create(
        page=survey, label="Jak oceniasz park?", clean_name="jak_oceniasz_park",
        field_type="scale", required=True, sort_order=0,
    )  # fmt: skip
    return survey


def test_surveys_made_before_the_split_are_served_and_read_by_the_surveys_app(client, page_tree):
    consultation, _proposals = voting_consultation(page_tree, current="proposals")
    today = survey_page(consultation, questions=[("Co zmienić?", "multiline", "", False)])
    respond(today, {"Co zmienić?": "Więcej ławek"}, user=confirmed_user())

    old = migrate_back_to_before_the_surveys_split()
    OldResponse = old.get_model("consultations", "SurveyResponse")
    assert OldResponse.objects.get(page_id=today.pk).form_data == {"co_zmienic": "Więcej ławek"}
    earlier = old_survey_page(old, consultation, slug="ankieta-sprzed-podzialu")
    for rating in (4, 5):
        OldResponse.objects.create(page_id=earlier.pk, form_data={"jak_oceniasz_park": rating})

    migrate_forward()
    survey_type = ContentType.objects.get_for_model(SurveyPage)
    assert survey_type.app_label == "surveys"
    assert not ContentType.objects.filter(app_label="consultations", model="surveypage").exists()
    # The page rows keep pointing at the (renamed) content type: Wagtail finds the specific page.
    page = Page.objects.get(pk=earlier.pk)
    assert page.content_type_id == survey_type.pk
    assert isinstance(page.specific, SurveyPage)
    assert SurveyResponse.objects.filter(page_id=earlier.pk).count() == 2
    assert SurveyResponse.objects.get(page_id=today.pk).form_data == {"co_zmienic": "Więcej ławek"}
    (question,) = selectors.survey_summary(page.specific)
    assert (question.answered, question.mean) == (2, Decimal("4.5"))
    assert client.get(page.url).status_code == 200
    assert client.get(today.url).status_code == 200


def test_granted_survey_permissions_follow_the_survey_models(page_tree):
    old = migrate_back_to_before_the_surveys_split()
    see_answers = old.get_model("auth", "Permission").objects.get(
        content_type__app_label="consultations", codename="view_surveyresponse"
    )
    group = old.get_model("auth", "Group").objects.create(name="MAM Testowo – Urzędnicy")
    group.permissions.add(see_answers)

    migrate_forward()
    user = confirmed_user()
    user.groups.add(Group.objects.get(name="MAM Testowo – Urzędnicy"))
    assert user.has_perm("surveys.view_surveyresponse")
