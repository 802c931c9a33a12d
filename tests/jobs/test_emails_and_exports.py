"""Through the database queue: nothing is sent or written in the request, the worker does it,
and a task run twice (its first worker died after finishing) does its work once."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from accounts.notifications import deliver_email
from outcomes.exports.services import run_export_job
from outcomes.models import ExportJob
from tests.factories import UserFactory
from tests.factories_voting import voting_consultation
from tests.jobs.helpers import database_queue, run_worker  # noqa: F401  (a fixture)
from tests.outcomes.exports_helpers import export_url, official_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_queue")]


@pytest.fixture
def big(home_page, client, settings):
    settings.MAM_EXPORT_BACKGROUND_ROWS = 2
    consultation, _proposals = voting_consultation(home_page, proposals=3)
    official = official_of(consultation)
    client.force_login(official)
    return consultation, official


def test_a_large_export_waits_for_the_worker_and_its_page_says_so(big, client, mailoutbox):
    consultation, _official = big
    response = client.post(export_url(consultation, "proposals"), {"format": "csv"})
    job = ExportJob.objects.get()
    assert (job.state, job.rows_done, job.rows_total) == ("queued", 0, 3)
    page = client.get(response.url).content.decode()
    assert 'http-equiv="refresh"' in page
    assert "0 of 3" in page
    assert not mailoutbox


def test_the_worker_writes_the_export_with_its_progress_and_emails_once(big, client, mailoutbox):
    consultation, official = big
    response = client.post(export_url(consultation, "proposals"), {"format": "csv"})
    run_worker()
    job = ExportJob.objects.get()
    assert (job.state, job.rows_done, job.rows_total) == ("ready", 3, 3)
    page = client.get(response.url).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert reverse("outcomes_exports:job_download", args=[job.pk]) in page
    (email,) = mailoutbox
    assert email.to == [official.email]


def test_an_export_job_run_again_after_it_finished_changes_nothing(big, client, mailoutbox):
    consultation, _official = big
    client.post(export_url(consultation, "proposals"), {"format": "csv"})
    run_worker()
    job = ExportJob.objects.get()
    run_export_job.call(job_id=job.pk)
    run_worker()
    again = ExportJob.objects.get()
    assert (again.state, again.file.name, again.finished_at) == (
        "ready",
        job.file.name,
        job.finished_at,
    )
    assert len(mailoutbox) == 1


def test_an_export_job_left_running_by_a_dead_worker_starts_over_and_ends_once(big, mailoutbox):
    consultation, official = big
    job = ExportJob.objects.create(
        consultation=consultation,
        kind="proposals",
        format="csv",
        requested_by=official,
        state="running",
        rows_done=2,
        rows_total=3,
    )
    run_export_job.call(job_id=job.pk)
    run_worker()
    job.refresh_from_db()
    assert (job.state, job.rows_done) == ("ready", 3)
    assert len(mailoutbox) == 1


def test_an_email_task_run_twice_sends_one_email(mailoutbox):
    result = deliver_email.enqueue(to="a@example.org", subject="Hello", body="Text")
    run_worker()
    DBTaskResult.objects.filter(pk=result.id).update(status="READY")  # as a recovery would
    run_worker()
    assert len(mailoutbox) == 1


def test_an_account_email_is_sent_by_the_worker_not_in_the_request(client, mailoutbox):
    user = UserFactory(email="ania@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.post(reverse("account_reset_password"), {"email": "ania@example.org"})
    assert not mailoutbox
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    run_worker()
    (email,) = mailoutbox
    assert email.to == ["ania@example.org"]
    assert "/password/reset/key/" in email.body
