"""Wagtail's documents are kept with the private files, also those saved before that rule."""

import importlib

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from wagtail.documents.models import Document

pytestmark = pytest.mark.django_db

migration = importlib.import_module("home.migrations.0005_documents_to_private_storage")


def test_a_new_document_is_saved_in_the_private_storage():
    document = Document.objects.create(title="Regulamin", file=ContentFile(b"%PDF", "r.pdf"))
    assert storages["private"].exists(document.file.name)
    assert not default_storage.media.exists(document.file.name)


def test_the_migration_moves_documents_saved_among_the_media_earlier():
    name = default_storage.media.save("documents/stary.pdf", ContentFile(b"%PDF-old"))
    Document.objects.create(title="Stary", file=name)
    migration.move_documents(apps, None)
    assert not default_storage.media.exists(name)
    with storages["private"].open(name) as moved:
        assert moved.read() == b"%PDF-old"


def test_photos_stay_among_the_public_media():
    name = default_storage.save("proposals/2026/12/zdjecie.jpg", ContentFile(b"jpeg"))
    assert default_storage.media.exists(name)
    assert not storages["private"].exists(name)
