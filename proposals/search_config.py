"""PostgreSQL's `polish` text-search configuration for site search (proposals migration 0008).

From the hunspell-pl dictionary when the server has it (Debian's `hunspell-pl` package puts
pl_pl.dict/pl_pl.affix into PostgreSQL's tsearch_data): words are lemmatised, so "autobusy"
finds "autobus" and "łąkach" finds "łąka". Without the dictionary it falls back to `simple`
with `unaccent`: search still works, without stemming.
"""

from django.db import DatabaseError, transaction

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
DROP = [
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS polish",
    "DROP TEXT SEARCH DICTIONARY IF EXISTS polish_hunspell",
]


def polish_configuration(connection) -> str:
    """Which `polish` configuration the database has: "hunspell", "fallback" or ""."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = 'polish'")
        if not cursor.fetchone():
            return ""
        cursor.execute("SELECT 1 FROM pg_ts_dict WHERE dictname = 'polish_hunspell'")
        return "hunspell" if cursor.fetchone() else "fallback"


def ensure_polish_configuration(connection, *, rebuild: bool = False) -> str:
    """Create the `polish` configuration (PostgreSQL only); return which one the database has."""
    if connection.vendor != "postgresql":
        return ""
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if rebuild:
            for statement in DROP:
                cursor.execute(statement)
        elif polish_configuration(connection):
            return polish_configuration(connection)
        try:
            with transaction.atomic(using=connection.alias):  # a savepoint to fall back from
                for statement in WITH_DICTIONARY:
                    cursor.execute(statement)
        except DatabaseError:  # the dictionary files are not installed
            for statement in FALLBACK:
                cursor.execute(statement)
    return polish_configuration(connection)


def drop_polish_configuration(connection) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for statement in DROP:
                cursor.execute(statement)
