"""Wagtail's documents live with the private files from now on (config.storage.MediaStorage):
move those saved in the media storage earlier, so no restricted document stays readable at a
guessed address. Files already moved are left alone; nothing is moved back."""

from django.core.files.storage import default_storage, storages
from django.db import migrations

from config.storage import MediaStorage, move_to_private_folders


def move_documents(apps, schema_editor):
    if not isinstance(default_storage, MediaStorage):
        return  # a settings module without the router (none of MAM's) keeps its layout
    Document = apps.get_model("wagtaildocs", "Document")
    names = Document.objects.values_list("file", flat=True).iterator()
    move_to_private_folders(media=default_storage.media, private=storages["private"], names=names)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_remove_sitewide_default_groups"),
        ("wagtaildocs", "__latest__"),
    ]

    operations = [migrations.RunPython(move_documents, migrations.RunPython.noop)]
