"""A backup restores into a fresh database and fresh buckets: the same published result, the
same ballot files byte for byte, every photo and image readable, every private file back."""

import contextlib
import io
import json
import uuid

import psycopg
import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.management import call_command
from django.db import connection
from PIL import Image
from wagtail.images.models import Image as WagtailImage
from wagtail.images.models import Rendition
from wagtail.images.tests.utils import get_test_image_file

from outcomes.models import ExportJob
from proposals.models import ProposalPhoto
from tests.factories_proposals import ProposalPhotoFactory
from tests.factories_voting import voting_consultation
from tests.s3server import use_buckets
from tests.voting.results_helpers import cast, publish, sub_url
from voting.models import ResultSnapshot

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BALLOT_FILES = ("ballots_json", "ballots_csv")


def _server_connection():
    database = connection.settings_dict
    return psycopg.connect(
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        user=database["USER"] or None,
        password=database["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


@pytest.fixture
def fresh_database():
    """A new, empty database on the same PostgreSQL server: (name, DATABASE_URL)."""
    database = connection.settings_dict
    name = f"mam_restored_{uuid.uuid4().hex[:10]}"
    with _server_connection() as server:
        server.execute(f'CREATE DATABASE "{name}"')
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    url = f"postgres://{database['USER']}{password}@{database['HOST']}:{database['PORT']}/{name}"
    yield name, url
    with _server_connection() as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def serving_from(name: str):
    """Let the site read the database `name` for a while, as a restored server would."""
    tested = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    cache.clear()
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = tested
        cache.clear()


@pytest.fixture
def published_site(page_tree, client, s3_storages):
    """A published result with proposal photos, a Wagtail image with a rendition, and a
    background export in the private bucket."""
    consultation, (first, second, *_rest) = voting_consultation(page_tree)
    ProposalPhotoFactory(proposal=first)
    ProposalPhotoFactory(proposal=second)
    cast(consultation, [first], [first, second], [second])
    snapshot = publish(consultation)
    WagtailImage.objects.create(title="Park", file=get_test_image_file()).get_rendition("width-50")
    job = ExportJob.objects.create(consultation=consultation, kind="proposals", format="csv")
    job.file.save("propozycje.csv", ContentFile("tytuł;głosy\nŁawki;2\n".encode()))
    files = {name: client.get(sub_url(consultation, name)).getvalue() for name in BALLOT_FILES}
    return consultation, snapshot, files


def test_a_backup_lists_every_file_with_its_checksum(published_site, s3_storages, tmp_path):
    call_command("backup", output=tmp_path / "backup")
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    listed = {(entry.get("storage"), entry.get("name")) for entry in manifest["files"]}
    media = {("default", key) for key in s3_storages.keys("media")}
    private = {("private", key) for key in s3_storages.keys("private")}
    assert media | private <= listed
    assert {entry["path"] for entry in manifest["files"]} >= {"database.dump"}
    assert not (tmp_path / "backup.partial").exists()


def test_a_restore_into_a_fresh_database_and_buckets_shows_the_same_result(
    published_site, s3_storages, fresh_database, tmp_path, client, settings
):
    consultation, snapshot, files = published_site
    call_command("backup", output=tmp_path / "backup")
    server = s3_storages.server
    fresh = use_buckets(
        settings,
        server,
        media=server.new_bucket("restored-media", public=True),
        private=server.new_bucket("restored-private"),
    )
    name, url = fresh_database
    call_command("restore", str(tmp_path / "backup"), database_url=url)

    assert sorted(fresh.keys("media")) == sorted(s3_storages.keys("media"))
    assert sorted(fresh.keys("private")) == sorted(s3_storages.keys("private"))
    with serving_from(name):
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_database()")
            assert cursor.fetchone()[0] == name
        restored = ResultSnapshot.objects.get(published_at__isnull=False)
        assert (restored.ballots_checksum, restored.csv_checksum) == (
            snapshot.ballots_checksum,
            snapshot.csv_checksum,
        )
        page = client.get(sub_url(consultation, "results"))
        assert page.status_code == 200
        assert snapshot.ballots_checksum in page.content.decode()
        assert snapshot.csv_checksum in page.content.decode()
        for ballot_file in BALLOT_FILES:
            assert client.get(sub_url(consultation, ballot_file)).getvalue() == files[ballot_file]
        images = [photo.image for photo in ProposalPhoto.objects.all()]
        images += [image.file for image in WagtailImage.objects.all()]
        images += [rendition.file for rendition in Rendition.objects.all()]
        assert len(images) == 4
        for image in images:
            with default_storage.open(image.name) as stored:
                Image.open(io.BytesIO(stored.read())).verify()
        job = ExportJob.objects.get()
        with storages["private"].open(job.file.name) as stored:
            assert stored.read() == "tytuł;głosy\nŁawki;2\n".encode()


def test_a_restore_refuses_a_database_that_is_not_empty(published_site, s3_storages, tmp_path):
    from django.core.management.base import CommandError

    call_command("backup", output=tmp_path / "backup")
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(tmp_path / "backup"))
