"""Create the `polish` text-search configuration that site search uses on PostgreSQL.

From the hunspell-pl dictionary when the server has it (Debian's `hunspell-pl` package puts
pl_pl.dict/pl_pl.affix into PostgreSQL's tsearch_data): words are lemmatised, so "autobusy"
finds "autobus" and "łąkach" finds "łąka". Without the dictionary it falls back to `simple`
with `unaccent`, so search still works (without stemming). Nothing on SQLite. To upgrade a
fallback configuration after installing the dictionary: migrate proposals 0006, then forward.
"""

from django.db import DatabaseError, migrations, transaction

TOKENS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"
# unaccent must not come before hunspell: it strips the diacritics the dictionary needs.
WITH_DICTIONARY = [
    "CREATE TEXT SEARCH DICTIONARY polish_hunspell "
    "(TEMPLATE = ispell, DictFile = pl_pl, AffFile = pl_pl)",
    "CREATE TEXT SEARCH CONFIGURATION polish (COPY = simple)",
    f"ALTER TEXT SEARCH CONFIGURATION polish ALTER MAPPING FOR {TOKENS} "
    "WITH polish_hunspell, simple",
]
FALLBACK = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION polish (COPY = simple)",
    f"ALTER TEXT SEARCH CONFIGURATION polish ALTER MAPPING FOR {TOKENS} WITH unaccent, simple",
]


def create_configuration(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = 'polish'")
        if cursor.fetchone():
            return
        try:
            with transaction.atomic(using=connection.alias):  # a savepoint to fall back from
                for statement in WITH_DICTIONARY:
                    cursor.execute(statement)
        except DatabaseError:  # the dictionary files are not installed
            for statement in FALLBACK:
                cursor.execute(statement)


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS polish")
        schema_editor.execute("DROP TEXT SEARCH DICTIONARY IF EXISTS polish_hunspell")


class Migration(migrations.Migration):
    dependencies = [("proposals", "0006_status_not_selected")]

    operations = [migrations.RunPython(create_configuration, drop_configuration)]
