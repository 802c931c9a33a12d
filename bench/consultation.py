"""The benchmark's centre and its consultation, in the voting phase (approval vote).

Django is set up by the caller (bench.generate's main), so models are imported in functions.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from bench.names import CENTRE_SLUG, CONSULTATION_SLUG

CATEGORIES = ["Zieleń", "Plac zabaw", "Komunikacja", "Czystość", "Bezpieczeństwo", "Kultura"]


def bench_consultation():
    """Return the benchmark consultation, creating its centre and index the first time."""
    from django.utils import timezone

    from consultations.models import Category, ConsultationIndexPage, ConsultationPage, Phase
    from home.models import CentrePage, HomePage

    consultation = ConsultationPage.objects.filter(slug=CONSULTATION_SLUG).first()
    if consultation is None:
        home = HomePage.objects.first()
        centre = home.add_child(
            instance=CentrePage(
                title="MAM Benchmark",
                slug=CENTRE_SLUG,
                town="Nowy Sącz",
                address="ul. Testowa 1\n33-300 Nowy Sącz",
                latitude=Decimal("49.625"),
                longitude=Decimal("20.691"),
            )
        )
        index = centre.add_child(instance=ConsultationIndexPage(title="Konsultacje", slug="k"))
        consultation = index.add_child(
            instance=ConsultationPage(
                title="Budżet benchmarku",
                slug=CONSULTATION_SLUG,
                lead="Dane wygenerowane do pomiarów wydajności.",
                voting_method=ConsultationPage.VotingMethod.APPROVAL,
                max_choices=5,
                winners_count=10,
                map_latitude=Decimal("49.625"),
                map_longitude=Decimal("20.691"),
            )
        )
        for position, name in enumerate(CATEGORIES):
            Category.objects.create(consultation=consultation, name=name, sort_order=position)
    # The voting phase runs for a week from now, after the proposals phase.
    now = timezone.now()
    day = datetime.timedelta(days=1)
    consultation.phases.all().delete()
    Phase.objects.create(
        consultation=consultation,
        kind=Phase.Kind.PROPOSALS,
        starts_at=now - 30 * day,
        ends_at=now - day,
        sort_order=0,
    )
    Phase.objects.create(
        consultation=consultation,
        kind=Phase.Kind.VOTING,
        starts_at=now - day,
        ends_at=now + 7 * day,
        sort_order=1,
    )
    return consultation


def measured_paths():
    """The bench consultation, its URL and the ids of its 50 most supported proposals."""
    from consultations.models import ConsultationPage

    consultation = ConsultationPage.objects.get(slug=CONSULTATION_SLUG)
    base = consultation.url
    top = consultation.proposals.order_by("-supports_count", "pk").values_list("pk", flat=True)
    return consultation, base, list(top[:50])
