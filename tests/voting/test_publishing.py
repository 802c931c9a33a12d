"""Publishing as a job (the tests' immediate backend): checks before queueing and again in the
task, the result switched on in one transaction, the `mam_results_published` hooks once."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from wagtail import hooks

from tests.accounts.staff_helpers import DENIED, outcome
from tests.factories_voting import voting_consultation
from tests.voting.paper_helpers import enter, paper_vote
from tests.voting.results_helpers import cast, close_voting, official_of, sub_url
from tests.voting.test_results_admin import other_centres_official
from voting.models import Ballot, PublishJob, ResultSnapshot
from voting.services import publishing, results

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def closed_vote(home_page):
    consultation, proposals = voting_consultation(home_page, winners=1)
    cast(consultation, [proposals[0]], [proposals[0], proposals[1]], [proposals[1]], [proposals[0]])
    close_voting(consultation)
    return consultation, proposals


@pytest.fixture
def lot_tie(home_page):
    consultation, (a, b, c) = voting_consultation(home_page, winners=1, tie_rule="lot")
    cast(consultation, [a], [b], [c, a], [c, b])
    close_voting(consultation)
    return consultation


@pytest.fixture
def unconfirmed_paper(home_page):
    consultation, (first, _second, _third), official = paper_vote(home_page)
    enter(consultation, official, 1, [first])  # never confirmed by a second person
    close_voting(consultation)
    return consultation


def queued_job(consultation, by):
    """A job as if queued when the checks passed (the task checks again)."""
    return PublishJob.objects.create(
        consultation=consultation, requested_by=by, steps_total=results.PUBLISH_STEPS
    )


# --- Checks before queueing and in the task -----------------------------------------------------


def test_publishing_is_not_queued_while_a_deciding_tie_waits_for_its_draw(lot_tie):
    with pytest.raises(ValidationError) as error:
        publishing.publish_start(consultation=lot_tie, by=official_of(lot_tie))
    assert error.value.code == "undecided_tie"
    assert not PublishJob.objects.exists()


def test_publishing_is_not_queued_while_the_paper_protocol_does_not_agree(unconfirmed_paper):
    with pytest.raises(ValidationError) as error:
        publishing.publish_start(consultation=unconfirmed_paper, by=official_of(unconfirmed_paper))
    assert error.value.code == "paper_protocol"
    assert not PublishJob.objects.exists()


def test_the_task_checks_the_paper_protocol_again_and_refuses(unconfirmed_paper, mailoutbox):
    official = official_of(unconfirmed_paper)
    job = queued_job(unconfirmed_paper, official)
    publishing.run_publish_job.call(job_id=job.pk)
    job.refresh_from_db()
    assert job.state == "refused"
    assert "Protokół komisji" in job.message
    assert not ResultSnapshot.objects.exists()
    (email,) = mailoutbox
    assert email.to == [official.email]


def test_the_task_checks_the_ties_again_and_refuses(lot_tie):
    job = queued_job(lot_tie, official_of(lot_tie))
    publishing.run_publish_job.call(job_id=job.pk)
    job.refresh_from_db()
    assert (job.state, job.result) == ("refused", None)
    assert "losowaniem" in job.message
    assert not ResultSnapshot.objects.exists()


def test_a_second_request_while_a_job_waits_returns_the_same_job(closed_vote):
    consultation, _proposals = closed_vote
    job = queued_job(consultation, official_of(consultation))
    again = publishing.publish_start(consultation=consultation, by=official_of(consultation))
    assert again == job
    assert PublishJob.objects.count() == 1


# --- The switch ------------------------------------------------------------------------------


def test_nothing_is_public_until_the_last_step(client, closed_vote):
    consultation, _proposals = closed_vote
    seen = []

    def progress(done):
        response = client.get(sub_url(consultation, "results"))
        seen.append((done, results.published_result(consultation), response.status_code))

    results.publish_results(
        consultation=consultation, by=official_of(consultation), progress=progress
    )
    assert [step for step, _result, _status in seen] == [1, 2, 3, 4, 5]
    assert all(result is None for step, result, _status in seen if step < 5)
    assert seen[-1][1] is not None


def test_ballots_changed_while_counting_are_counted_again_under_the_lock(closed_vote):
    consultation, (first, _second, _third) = closed_vote

    def progress(done):
        if done == 4:  # a ballot made void after the count, before the switch
            ballot = Ballot.objects.filter(consultation=consultation).order_by("id").first()
            ballot.void_reason = Ballot.Void.DOUBLE_VOTE
            ballot.save(update_fields=["void_reason"])

    snapshot = results.publish_results(
        consultation=consultation, by=official_of(consultation), progress=progress
    )
    assert snapshot.figures["turnout"]["void"] == 1
    assert snapshot.figures == results.tally(snapshot.ballots)


def test_the_published_hook_runs_once_with_the_published_result(closed_vote):
    consultation, _proposals = closed_vote
    calls = []

    def on_published(*, consultation, result):
        calls.append((consultation.pk, result.pk, results.published_result(consultation).pk))

    with hooks.register_temporarily("mam_results_published", on_published):
        snapshot = results.publish_results(consultation=consultation, by=official_of(consultation))
        assert results.results_announce(snapshot) is False  # a second call changes nothing
    assert calls == [(consultation.pk, snapshot.pk, snapshot.pk)]


def test_the_command_publishes_through_the_same_service_and_runs_the_hook(closed_vote):
    consultation, _proposals = closed_vote
    official = official_of(consultation)
    calls = []
    with hooks.register_temporarily(
        "mam_results_published", lambda **kwargs: calls.append(kwargs["result"].pk)
    ):
        call_command(
            "publish_results", consultation=consultation.pk, by=official.email, stdout=None
        )
    assert calls == [ResultSnapshot.objects.get().pk]


# --- The admin's job page ----------------------------------------------------------------------


def job_url(job):
    return reverse("voting_results:job", args=[job.pk])


def test_the_job_page_refreshes_itself_and_shows_the_step_while_it_waits(client, closed_vote):
    consultation, _proposals = closed_vote
    official = official_of(consultation)
    job = queued_job(consultation, official)
    client.force_login(official)
    page = client.get(job_url(job), **EN).content.decode()
    assert 'http-equiv="refresh"' in page
    assert "step 0 of 5" in page
    assert '<progress id="publish-progress" max="100" value="0">' in page


def test_the_publish_page_leads_to_the_job_while_one_runs(client, closed_vote):
    consultation, _proposals = closed_vote
    official = official_of(consultation)
    job = queued_job(consultation, official)
    client.force_login(official)
    response = client.get(reverse("voting_results:publish", args=[consultation.pk]))
    assert response.url == job_url(job)


def test_the_finished_job_page_links_to_the_results(client, closed_vote):
    consultation, _proposals = closed_vote
    official = official_of(consultation)
    client.force_login(official)
    response = client.post(reverse("voting_results:publish", args=[consultation.pk]))
    page = client.get(response.url, **EN).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert sub_url(consultation, "results") in page


def test_the_job_page_is_refused_to_another_centres_official(client, closed_vote, home_page):
    consultation, _proposals = closed_vote
    job = queued_job(consultation, official_of(consultation))
    client.force_login(other_centres_official(home_page))
    assert outcome(client.get(job_url(job))) == DENIED


def test_a_failing_hook_leaves_the_result_published_and_says_so(closed_vote):
    consultation, _proposals = closed_vote

    def broken(**kwargs):
        raise RuntimeError("a hook of another app")

    with hooks.register_temporarily("mam_results_published", broken):
        job = publishing.publish_start(consultation=consultation, by=official_of(consultation))
    assert job.state == "failed"
    assert job.result == results.published_result(consultation)
    assert "Wyniki są opublikowane" in job.message


def test_the_automatic_refresh_can_be_turned_off(client, closed_vote):
    consultation, _proposals = closed_vote
    official = official_of(consultation)
    job = queued_job(consultation, official)
    client.force_login(official)
    page = client.get(job_url(job), **EN).content.decode()
    assert f"{job_url(job)}?refresh=off" in page
    still = client.get(job_url(job) + "?refresh=off", **EN).content.decode()
    assert 'http-equiv="refresh"' not in still
    assert "step 0 of 5" in still
