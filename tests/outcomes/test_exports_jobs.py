"""Large exports run in the background; the exports page; fixed query counts."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from outcomes.exports.services import clear_old_exports
from outcomes.models import ExportJob
from tests.consultations.header_buttons import header_button
from tests.factories_voting import voting_consultation
from tests.outcomes.exports_helpers import (
    add_proposals,
    body_of,
    export_url,
    known_consultation,
    official_of,
    read_csv,
    read_xlsx,
    refused,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def big(home_page, client, settings):
    settings.MAM_EXPORT_BACKGROUND_ROWS = 2
    consultation, _proposals = voting_consultation(home_page, proposals=3)
    official = official_of(consultation)
    client.force_login(official)
    return consultation, official


def test_a_large_export_becomes_a_job_with_a_download_and_an_email(big, client, mailoutbox):
    consultation, official = big
    response = client.post(export_url(consultation, "proposals"), {"format": "xlsx"})
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("outcomes_exports:job", args=[job.pk])
    assert (job.state, job.rows_done, job.rows_total) == ("ready", 3, 3)
    status = client.get(response.url)
    download_url = reverse("outcomes_exports:job_download", args=[job.pk])
    assert download_url in status.content.decode()
    _sheet, _header, rows = read_xlsx(body_of(client.get(download_url)))
    assert len(rows) == 3
    (email,) = mailoutbox
    assert email.to == [official.email]
    assert response.url in email.body


def test_a_background_export_file_is_kept_in_private_storage_not_public_media(big, client):
    from django.core.files.storage import default_storage, storages

    consultation, _official = big
    client.post(export_url(consultation, "proposals"), {"format": "csv"})
    job = ExportJob.objects.get()
    assert job.file.storage is storages["private"]
    assert storages["private"].exists(job.file.name)
    assert not default_storage.exists(job.file.name)


def test_a_running_job_page_refreshes_itself_and_shows_progress(big, client):
    consultation, official = big
    job = ExportJob.objects.create(
        consultation=consultation,
        kind="proposals",
        format="csv",
        requested_by=official,
        state="running",
        rows_done=1,
        rows_total=4,
    )
    page = client.get(reverse("outcomes_exports:job", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' in page
    assert 'value="25"' in page


def test_whoever_needs_more_time_turns_the_job_pages_refresh_off(big, client):
    consultation, official = big
    job = ExportJob.objects.create(
        consultation=consultation,
        kind="proposals",
        format="csv",
        requested_by=official,
        state="running",
        rows_done=1,
        rows_total=4,
    )
    url = reverse("outcomes_exports:job", args=[job.pk])
    assert f'href="{url}?refresh=off"' in client.get(url).content.decode()
    page = client.get(url + "?refresh=off").content.decode()
    assert 'http-equiv="refresh"' not in page and 'value="25"' in page


def test_another_centres_official_cannot_see_or_download_a_job(big, client, home_page):
    consultation, _official = big
    client.post(export_url(consultation, "proposals"), {"format": "csv"})
    job = ExportJob.objects.get()
    other, _p = voting_consultation(home_page)
    client.force_login(official_of(other))
    assert refused(client.get(reverse("outcomes_exports:job", args=[job.pk])))
    assert refused(client.get(reverse("outcomes_exports:job_download", args=[job.pk])))


def test_old_export_files_are_deleted(big):
    consultation, official = big
    job = ExportJob.objects.create(
        consultation=consultation,
        kind="proposals",
        format="csv",
        requested_by=official,
        state="ready",
        created_at=timezone.now() - datetime.timedelta(days=30),
    )
    job.file.save("old.csv", ContentFile(b"x"))
    storage, name = job.file.storage, job.file.name
    assert clear_old_exports(days=7) == 1
    job.refresh_from_db()
    assert job.state == "expired"
    assert not storage.exists(name)


def test_the_exports_page_lists_every_export_with_its_formats(home_page, client):
    consultation, _proposal = known_consultation(home_page)
    client.force_login(official_of(consultation))
    response = client.get(
        reverse("outcomes_exports:index", args=[consultation.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    page = response.content.decode()
    assert response.status_code == 200
    for name in ("proposals", "comments", "supports_daily", "paper_ballots"):
        assert export_url(consultation, name) in page
    assert 'value="csv_semicolon"' in page
    assert "The results are not published yet." in page
    assert 'name="include_contact"' not in page  # officials are not administrators


def test_the_exports_button_shows_to_the_centres_officials_only(home_page):
    consultation, _proposal = known_consultation(home_page)
    other, _p = voting_consultation(home_page)
    exports = "outcomes_exports:index"
    assert header_button(consultation, official_of(consultation), exports) is not None
    assert header_button(consultation, official_of(other), exports) is None


def _export_queries(client, consultation, name, export_format) -> int:
    from django.core.cache import cache

    cache.clear()  # both measured cold: cached permissions and sites would favour the second
    with CaptureQueriesContext(connection) as queries:
        response = client.post(export_url(consultation, name), {"format": export_format})
        body_of(response)
    return len(queries)


@pytest.mark.parametrize("name", ["proposals", "comments", "supports_daily", "paper_ballots"])
def test_an_exports_query_count_does_not_grow_with_rows(home_page, client, name):
    from tests.factories_proposals import CommentFactory, SupportFactory

    small, _p = voting_consultation(home_page, proposals=0)
    large, _p = voting_consultation(home_page, proposals=0)
    add_proposals(small, 1)
    add_proposals(large, 20)
    for consultation in (small, large):
        for proposal in consultation.proposals.all():
            CommentFactory(proposal=proposal)
            SupportFactory(proposal=proposal)
    client.force_login(official_of(small))
    first = _export_queries(client, small, name, "csv")
    client.force_login(official_of(large))
    second = _export_queries(client, large, name, "csv")
    assert first == second


def test_profile_form_saves_the_consent_to_share_contact(client):
    from tests.factories_proposals import confirmed_user

    user = confirmed_user(display_name="Ola")
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {"display_name": "Ola", "share_contact_with_officials": "on"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.share_contact_with_officials
    page = client.get(reverse("accounts:profile")).content.decode()
    assert 'name="share_contact_with_officials"' in page


def test_the_csv_of_a_large_consultation_is_read_back_whole(home_page, client):
    consultation, _p = voting_consultation(home_page, proposals=0)
    add_proposals(consultation, 20)
    client.force_login(official_of(consultation))
    response = client.post(export_url(consultation, "proposals"), {"format": "csv"})
    assert response.streaming
    assert len(read_csv(body_of(response))) == 20


def test_a_job_that_breaks_is_marked_failed_and_offers_no_download(big, client, monkeypatch):
    from outcomes.exports import services

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "write_file", broken)
    consultation, _official = big
    response = client.post(export_url(consultation, "proposals"), {"format": "csv"})
    job = ExportJob.objects.get()
    assert job.state == "failed"
    assert not job.file
    assert client.get(response.url).status_code == 200
    download = client.get(reverse("outcomes_exports:job_download", args=[job.pk]))
    assert download.status_code == 404
