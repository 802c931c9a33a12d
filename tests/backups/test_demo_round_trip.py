"""The issue's round trip: the demo, with its published civic-budget result, backed up by the
code `make backup` runs, restored by the code `make restore` runs into a second, fresh
PostgreSQL cluster and empty buckets; nothing is republished, and the restored site shows the
same SHA-256 checksums, the same ballot files byte for byte, and every photo opens."""

import contextlib
import io
from io import StringIO

import dj_database_url
import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, models
from PIL import Image

from tests.pgcluster import throwaway_cluster
from tests.s3server import use_buckets
from tests.voting.results_helpers import sub_url
from voting.models import ResultSnapshot

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BALLOT_FILES = ("ballots_json", "ballots_csv")
SERVER_KEYS = ("NAME", "HOST", "PORT", "USER", "PASSWORD")


@contextlib.contextmanager
def serving_from_cluster(url: str):
    """Let the site read the database at `url` (another cluster) for a while."""
    tested = {key: connection.settings_dict[key] for key in SERVER_KEYS}
    restored = dj_database_url.parse(url)
    connection.close()
    connection.settings_dict.update({key: restored[key] for key in SERVER_KEYS})
    cache.clear()
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(tested)
        cache.clear()


def published_results(client) -> dict:
    """Each published result: its checksums, its page and its ballot files as served."""
    shown = {}
    for snapshot in ResultSnapshot.objects.filter(published_at__isnull=False).order_by("pk"):
        consultation = snapshot.consultation.specific
        page = client.get(sub_url(consultation, "results"))
        assert page.status_code == 200
        shown[snapshot.pk] = {
            "published_at": snapshot.published_at,
            "checksums": (snapshot.ballots_checksum, snapshot.csv_checksum),
            "page": page.content.decode(),
            "files": {
                name: client.get(sub_url(consultation, name)).getvalue() for name in BALLOT_FILES
            },
        }
    return shown


def stored_images() -> list:
    """Every image file the database names, in every model with an image field."""
    files = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.ImageField):
                for row in model.objects.exclude(**{field.name: ""}).only(field.name):
                    files.append(getattr(row, field.name))
    return files


def test_the_demo_restored_into_a_fresh_cluster_shows_the_same_result(
    page_tree, s3_storages, settings, client, tmp_path
):
    call_command("seed_demo", stdout=StringIO())
    before = published_results(client)
    assert before, "the demo publishes a civic-budget result"
    images_before = sorted(image.name for image in stored_images())
    assert images_before, "the demo has photos"
    call_command("backup", output=tmp_path / "backup", stdout=StringIO())

    server = s3_storages.server
    use_buckets(
        settings,
        server,
        media=server.new_bucket("restored-media", public=True),
        private=server.new_bucket("restored-private"),
    )
    with throwaway_cluster("mam_restored") as url:
        call_command("restore", str(tmp_path / "backup"), database_url=url, stdout=StringIO())
        with serving_from_cluster(url):
            with connection.cursor() as cursor:
                cursor.execute("SELECT current_database(), inet_server_port()")
                assert cursor.fetchone() == ("mam_restored", dj_database_url.parse(url)["PORT"])
            after = published_results(client)
            images = stored_images()
            assert sorted(image.name for image in images) == images_before
            for image in images:
                with image.storage.open(image.name) as stored:
                    Image.open(io.BytesIO(stored.read())).verify()

    assert after.keys() == before.keys()  # nothing republished, nothing lost
    for pk, shown in before.items():
        assert after[pk]["published_at"] == shown["published_at"]
        assert after[pk]["checksums"] == shown["checksums"]
        for checksum in shown["checksums"]:
            assert checksum in after[pk]["page"]
        assert after[pk]["files"] == shown["files"]
