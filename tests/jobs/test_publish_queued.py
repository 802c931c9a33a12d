"""Publishing a result through the database queue: the request answers at once with a progress
page, the worker publishes and emails once, and a job whose worker died midway (before or
after the switch) is picked up again and publishes exactly once."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail import hooks

from jobs.services import tasks_requeue_stale
from tests.jobs.helpers import database_queue, run_worker  # noqa: F401  (a fixture)
from tests.voting.paper_helpers import enter
from tests.voting.results_helpers import close_voting, official_of, sub_url
from tests.voting.test_publishing import closed_vote  # noqa: F401  (a fixture)
from voting.models import PublishJob, ResultSnapshot
from voting.services import publishing, results

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_queue")]
TASK = "voting.services.publishing.run_publish_job"


class Killed(BaseException):
    """The worker process dies here (nothing after it runs, no handler catches it)."""


@pytest.fixture
def asked(client, closed_vote):  # noqa: F811
    consultation, _proposals = closed_vote
    official = official_of(consultation)
    client.force_login(official)
    response = client.post(reverse("voting_results:publish", args=[consultation.pk]))
    return consultation, official, response


@pytest.fixture
def announced():
    calls = []

    def on_published(*, consultation, result):
        calls.append(result.pk)

    with hooks.register_temporarily("mam_results_published", on_published):
        yield calls


def test_publishing_answers_at_once_with_a_progress_page_and_publishes_nothing(asked, client):
    consultation, _official, response = asked
    job = PublishJob.objects.get()
    assert response.url == reverse("voting_results:job", args=[job.pk])
    assert (job.state, job.steps_done, job.steps_total) == ("queued", 0, 5)
    assert DBTaskResult.objects.get(task_path=TASK).status == "READY"
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'http-equiv="refresh"' in page
    assert "step 0 of 5" in page
    assert results.published_result(consultation) is None


def test_the_worker_publishes_with_its_progress_and_emails_once(
    asked, client, mailoutbox, announced
):
    consultation, official, response = asked
    run_worker()
    job = PublishJob.objects.get()
    snapshot = results.published_result(consultation)
    assert (job.state, job.steps_done, job.result) == ("done", 5, snapshot)
    assert announced == [snapshot.pk]
    (email,) = [message for message in mailoutbox if response.url in message.body]
    assert email.to == [official.email]
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert sub_url(consultation, "results") in page


def job_emails(mailoutbox, job) -> list:
    """The emails about `job` (publishing also tells proposals' authors their outcome)."""
    address = reverse("voting_results:job", args=[job.pk])
    return [message for message in mailoutbox if address in message.body]


def _die_as(worker_id: str) -> None:
    """Make the queued task look claimed by `worker_id`, long enough ago for its lease to lapse."""
    task = DBTaskResult.objects.get(task_path=TASK)
    task.claim(worker_id)
    DBTaskResult.objects.filter(pk=task.pk).update(
        started_at=timezone.now() - datetime.timedelta(minutes=10)
    )


def test_a_worker_dying_midway_is_replaced_and_the_result_is_published_once(
    asked, monkeypatch, mailoutbox, announced
):
    consultation, _official, _response = asked
    job = PublishJob.objects.get()
    _die_as("dead-worker")
    counted = results.tally

    def die_after_counting(document):
        counted(document)
        raise Killed

    monkeypatch.setattr(results, "tally", die_after_counting)
    with pytest.raises(Killed):
        publishing.run_publish_job.call(job_id=job.pk)
    job.refresh_from_db()
    assert (job.state, job.steps_done) == ("running", 2)  # real progress, then the death
    assert results.published_result(consultation) is None  # never half a result
    monkeypatch.setattr(results, "tally", counted)

    assert tasks_requeue_stale() == 1
    run_worker("second-worker")
    job.refresh_from_db()
    assert (job.state, job.steps_done) == ("done", 5)
    assert ResultSnapshot.objects.filter(consultation=consultation).count() == 1
    assert announced == [job.result_id]
    assert len(job_emails(mailoutbox, job)) == 1
    assert DBTaskResult.objects.get(task_path=TASK).status == "SUCCESSFUL"


def test_a_worker_dying_right_after_the_switch_is_replaced_and_finishes_once(
    asked, monkeypatch, mailoutbox, announced
):
    consultation, _official, _response = asked
    job = PublishJob.objects.get()
    _die_as("dead-worker")
    announce = results.results_announce

    def die_before_announcing(snapshot):
        raise Killed

    monkeypatch.setattr(results, "results_announce", die_before_announcing)
    with pytest.raises(Killed):
        publishing.run_publish_job.call(job_id=job.pk)
    job.refresh_from_db()
    published = results.published_result(consultation)
    assert (job.state, job.result) == ("running", published)
    monkeypatch.setattr(results, "results_announce", announce)

    assert tasks_requeue_stale() == 1
    run_worker("second-worker")
    job.refresh_from_db()
    assert job.state == "done"
    assert ResultSnapshot.objects.filter(consultation=consultation).count() == 1
    assert announced == [published.pk]
    assert len(job_emails(mailoutbox, job)) == 1


def test_a_job_run_again_after_it_finished_changes_nothing(asked, mailoutbox, announced):
    _consultation, _official, _response = asked
    run_worker()
    job = PublishJob.objects.get()
    publishing.run_publish_job.call(job_id=job.pk)
    run_worker()
    again = PublishJob.objects.get()
    assert (again.state, again.result_id, again.finished_at) == (
        "done",
        job.result_id,
        job.finished_at,
    )
    assert ResultSnapshot.objects.count() == 1
    assert len(announced) == 1
    assert len(job_emails(mailoutbox, job)) == 1


def test_a_vote_that_became_unpublishable_while_queued_is_refused_by_the_worker(asked, mailoutbox):
    consultation, official, _response = asked
    # A paper card entered after the job was queued: the protocol no longer agrees.
    phase = consultation.phases.get(kind="voting")
    phase.closed_early_at = None
    phase.save()
    enter(consultation, official, 1, [consultation.proposals.first()])
    close_voting(consultation)
    run_worker()
    job = PublishJob.objects.get()
    assert job.state == "refused"
    assert results.published_result(consultation) is None
    (email,) = job_emails(mailoutbox, job)
    assert email.to == [official.email]
