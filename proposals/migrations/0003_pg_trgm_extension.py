"""Enable PostgreSQL's pg_trgm, used to find proposals with similar titles (nothing on SQLite)."""

from django.db import migrations


def create_extension(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


class Migration(migrations.Migration):
    dependencies = [("proposals", "0002_add_follow_last_notified")]

    operations = [migrations.RunPython(create_extension, migrations.RunPython.noop, elidable=True)]
