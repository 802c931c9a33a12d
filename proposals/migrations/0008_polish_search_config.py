"""Create the `polish` text-search configuration site search uses on PostgreSQL (nothing on
SQLite): from hunspell-pl when installed, else simple+unaccent (proposals/search_config.py)."""

from django.db import migrations

from proposals.search_config import drop_polish_configuration, ensure_polish_configuration


def create_configuration(apps, schema_editor):
    ensure_polish_configuration(schema_editor.connection)


def drop_configuration(apps, schema_editor):
    drop_polish_configuration(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("proposals", "0007_follow_comments_pending")]

    operations = [migrations.RunPython(create_configuration, drop_configuration)]
