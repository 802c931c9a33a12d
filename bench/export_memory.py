"""Peak memory of the proposals CSV export at N rows and at 10·N rows.

    PYTHONPATH=.:site python -m bench.export_memory [--rows 2000] [--settings config.settings.dev]

It builds a throwaway centre, consultation and proposals (with authors, categories, districts,
status answers and pledges) inside a transaction, streams the export the way the admin does
(`csv_stream` over the export's `.iterator()` rows) while tracemalloc follows Python's
allocations, and rolls everything back. Runs against whatever database the settings name.
A streaming export shows about the same peak at both sizes; a ratio near 10 would mean the
rows are being held in memory. Rows are read 500 at a time (exports.base.CHUNK_SIZE), so the
peak holds about two chunks of model instances: choose N well above 500 (the default is 2000),
or the N run measures a partial chunk.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import tracemalloc


class Rollback(Exception):
    """Raised to roll back the throwaway data."""


def build(rows: int, tag: str):
    from accounts.models import User
    from consultations.models import Category, ConsultationIndexPage, ConsultationPage
    from home.models import CentrePage, District, HomePage
    from proposals.models import Pledge, Proposal, StatusChange

    home = HomePage.objects.first()
    centre = home.add_child(
        instance=CentrePage(
            title=f"Bench {tag}",
            slug=f"bench-{tag}",
            town="Nowy Sącz",
            address="ul. Przykładowa 1",
            opening_hours="10:00–18:00",
            latitude="49.625000",
            longitude="20.691000",
        )
    )
    index = centre.add_child(instance=ConsultationIndexPage(title="Konsultacje", slug="k"))
    consultation = index.add_child(
        instance=ConsultationPage(title="Budżet", slug="budzet", lead="Pomiar eksportu.")
    )
    category = Category.objects.create(consultation=consultation, name="Zieleń")
    district = District.objects.create(centre=centre, name="Centrum")
    authors = User.objects.bulk_create(
        User(email=f"bench-{tag}-{n}@example.org", display_name=f"Autor {n}") for n in range(50)
    )
    proposals = Proposal.objects.bulk_create(
        Proposal(
            consultation=consultation,
            author=authors[n % len(authors)],
            title=f"Propozycja numer {n}",
            body="Nowe ławki, kosze i drzewa przy ulicy. " * 10,
            category=category,
            district=district,
            place="ul. Jagiellońska 1",
            estimated_cost=1000 + n,
            supports_count=n % 40,
        )
        for n in range(rows)
    )
    StatusChange.objects.bulk_create(
        StatusChange(proposal=p, status="under_review", answer="Sprawdzamy.") for p in proposals
    )
    Pledge.objects.bulk_create(Pledge(proposal=p, user=authors[0]) for p in proposals)
    return consultation


def measure(rows: int, tag: str) -> dict:
    from django.db import transaction

    from outcomes import exports
    from outcomes.exports.base import Options
    from outcomes.exports.writers import csv_stream

    export = exports.get("proposals")
    result = {}
    try:
        with transaction.atomic():
            consultation = build(rows, tag)
            options = Options()
            columns = export.columns(consultation, options)
            # Timed without tracemalloc (which slows Python down several times).
            started = time.perf_counter()
            size = sum(
                len(chunk) for chunk in csv_stream(columns, export.rows(consultation, options))
            )
            seconds = time.perf_counter() - started
            tracemalloc.start()
            for _chunk in csv_stream(columns, export.rows(consultation, options)):
                pass
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            result = {"rows": rows, "peak_kib": peak / 1024, "bytes": size, "seconds": seconds}
            raise Rollback
    except Rollback:
        pass
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000, help="N (the second run uses 10·N)")
    parser.add_argument("--settings", default=os.environ.get("DJANGO_SETTINGS_MODULE"))
    args = parser.parse_args(argv)
    os.environ["DJANGO_SETTINGS_MODULE"] = args.settings or "config.settings.dev"
    import django

    django.setup()
    from django.db import connection

    measure(10, "warm-up")  # first-use imports and caches are not the export's memory
    small = measure(args.rows, "n")
    large = measure(args.rows * 10, "ten-n")
    out = sys.stdout
    out.write(f"database: {connection.vendor}\n")
    for item in (small, large):
        out.write(
            f"{item['rows']:>8} rows  peak {item['peak_kib']:9.1f} KiB  "
            f"{item['bytes'] / 1024:9.1f} KiB written  {item['seconds']:6.2f} s\n"
        )
    out.write(f"peak ratio (10·N / N): {large['peak_kib'] / small['peak_kib']:.2f}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
