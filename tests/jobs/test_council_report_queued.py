"""The council PDF is drawn by the worker: a progress page at once, the file and an email with
the link when it is ready."""

import pytest
from django.urls import reverse

from outcomes.models import ExportJob
from tests.jobs.helpers import database_queue, run_worker  # noqa: F401  (a fixture)
from tests.outcomes.exports_helpers import body_of
from tests.outcomes.test_report import finished_budget, pdf_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_queue")]


@pytest.fixture
def asked(home_page, client):
    consultation, _items, official, _snapshot = finished_budget(home_page)
    client.force_login(official)
    response = client.get(pdf_url(consultation), HTTP_ACCEPT_LANGUAGE="en")
    return consultation, official, response


def test_asking_for_the_pdf_answers_at_once_with_a_progress_page(asked, client):
    _consultation, _official, response = asked
    job = ExportJob.objects.get(kind="council_report")
    assert (job.state, job.rows_done, job.rows_total) == ("queued", 0, 3)
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'http-equiv="refresh"' in page
    assert "step 0 of 3" in page
    assert "Council report (PDF)" in page


def test_asking_again_while_it_is_drawn_shows_the_same_job(asked, client):
    consultation, _official, response = asked
    again = client.get(pdf_url(consultation))
    assert again.url == response.url
    assert ExportJob.objects.filter(kind="council_report").count() == 1


def test_the_worker_draws_the_pdf_into_private_storage_and_emails_the_link(
    asked, client, mailoutbox
):
    from django.core.files.storage import storages

    _consultation, official, response = asked
    run_worker()
    job = ExportJob.objects.get(kind="council_report")
    assert (job.state, job.rows_done) == ("ready", 3)
    assert job.file.storage is storages["private"]
    download = client.get(reverse("outcomes_exports:job_download", args=[job.pk]))
    assert body_of(download).startswith(b"%PDF")
    (email,) = [message for message in mailoutbox if response.url in message.body]
    assert email.to == [official.email]
