from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from proposals.search_config import ensure_polish_configuration

MEANING = {
    "hunspell": "Polish word forms from hunspell-pl",
    "fallback": "simple + unaccent, without stemming (hunspell-pl is not installed)",
    "": "none: not PostgreSQL",
}


class Command(BaseCommand):
    help = (
        "Say which PostgreSQL `polish` search configuration the database has; with --rebuild, "
        "create it again (after installing hunspell-pl) and rebuild the search index."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true")

    def handle(self, *args, rebuild=False, **options):
        kind = ensure_polish_configuration(connection, rebuild=rebuild)
        self.stdout.write(f"Search configuration: {MEANING[kind]}.")
        if rebuild and kind:
            call_command("update_index", stdout=self.stdout)
