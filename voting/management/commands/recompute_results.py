"""Count a published ballot file again and compare with the published result.

    python manage.py recompute_results karty.json                     # MATCH or MISMATCH
    python manage.py recompute_results karty.json --csv karty.csv     # count the CSV instead

Exit status 0 when the figures match (or when there is nothing to compare with: the figures
are printed), 1 on a mismatch, 2 when a file cannot be read.
"""

import hashlib
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from voting.models import ResultSnapshot
from voting.services.results import document_from_csv
from voting.tally import canonical_json, tally

SECTIONS = {"options": "proposal", "pools": "pool", "questions": "question"}


def _label(kind: str, row: dict) -> str:
    name = row.get("title") or row.get("text") or row.get("name") or ""
    return f"{kind} {row['id']} “{name}”" if name else f"{kind} {row['id']}"


def _row_differences(kind: str, before: list, after: list) -> list[str]:
    old_rows = {row["id"]: row for row in before}
    new_rows = {row["id"]: row for row in after}
    lines = []
    for row_id in list(old_rows) + [pk for pk in new_rows if pk not in old_rows]:
        old, new = old_rows.get(row_id), new_rows.get(row_id)
        if old is None or new is None:
            where = "counted" if old is None else "published"
            lines.append(f"{_label(kind, old or new)}: only in the {where} result")
            continue
        changed = [
            f"{field} published {old.get(field)}, counted {new.get(field)}"
            for field in sorted(set(old) | set(new))
            if old.get(field) != new.get(field)
        ]
        if changed:
            lines.append(f"{_label(kind, old)}: " + "; ".join(changed))
    return lines


def differences(published: dict, counted: dict) -> list[str]:
    """Say, row by row, where the counted figures differ from the published ones."""
    lines = []
    for key in sorted(set(published) | set(counted)):
        before, after = published.get(key), counted.get(key)
        if before == after:
            continue
        if key == "turnout":
            for field in sorted(set(before or {}) | set(after or {})):
                old, new = (before or {}).get(field), (after or {}).get(field)
                if old != new:
                    lines.append(f"turnout {field}: published {old}, counted {new}")
        elif key in SECTIONS:
            lines += _row_differences(SECTIONS[key], before or [], after or []) or [
                f"{key}: the rows are in a different order"
            ]
        else:
            lines.append(f"{key}: published {before!r}, counted {after!r}")
    return lines


class Command(BaseCommand):
    help = (
        "Count a published ballot file (mam-ballots/1 JSON, or the CSV with the JSON for the "
        "rules) and compare the figures with the published result: MATCH or MISMATCH."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the ballots as published in JSON (karty-….json)")
        parser.add_argument(
            "--csv", dest="csv_file", help="count this CSV file; FILE then only gives the rules"
        )
        parser.add_argument(
            "--consultation", type=int, help="compare with this consultation (default: the file's)"
        )

    def _read(self, path: str) -> bytes:
        try:
            return Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}", returncode=2) from None

    def handle(self, *args, **options):
        raw = self._read(options["file"])
        try:
            document = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{options['file']} is not JSON: {error}", returncode=2) from None
        counted_bytes = raw
        try:
            if options["csv_file"]:
                counted_bytes = self._read(options["csv_file"])
                document = document_from_csv(document, counted_bytes)
            figures = tally(document)
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise CommandError(f"Not a ballots file MAM can count: {error}", returncode=2) from None

        consultation_id = options["consultation"]
        if consultation_id is None and isinstance(document.get("consultation"), dict):
            named = document["consultation"].get("id")
            consultation_id = named if isinstance(named, int) else None
        snapshot = (
            ResultSnapshot.objects.filter(
                consultation_id=consultation_id, published_at__isnull=False
            ).first()
            if consultation_id
            else None
        )
        if snapshot is None:
            self.stdout.write("No published result to compare with. The figures of this file:")
            self.stdout.write(canonical_json(figures).decode(), ending="")
            return

        published_sum = snapshot.csv_checksum if options["csv_file"] else snapshot.ballots_checksum
        same_file = hashlib.sha256(counted_bytes).hexdigest() == published_sum
        self.stdout.write(
            "The file is byte for byte the published one (SHA-256 matches)."
            if same_file
            else "The file is not the published one (its SHA-256 differs)."
        )
        if figures == snapshot.figures:
            turnout = figures["turnout"]
            self.stdout.write(
                f"MATCH: {turnout['valid']} valid ballots of {turnout['ballots']} give the "
                f"published result of consultation {snapshot.consultation_id}."
            )
            return
        self.stdout.write(f"MISMATCH with the published result of consultation {consultation_id}:")
        for line in differences(snapshot.figures, figures) or ["the figures differ"]:
            self.stdout.write(f"  {line}")
        raise CommandError("MISMATCH", returncode=1)
