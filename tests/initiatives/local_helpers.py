"""Building blocks for the local initiative tests: terms, criteria, a complete application."""

import datetime
from decimal import Decimal

from initiatives.models import EvaluationCriterion, LocalInitiativeTerms
from initiatives.services import local_initiative as local
from initiatives.services import membership

COSTS = [
    {"description": "Sadzonki drzew i krzewów", "amount": "3200.00"},
    {"description": "Ziemia i kora", "amount": "800.00"},
]
CONTRIBUTIONS = [
    {"kind": "work", "description": "Sadzenie i podlewanie", "hours": "40"},
    {"kind": "in_kind", "description": "Łopaty i taczki sąsiadów", "value": "300.00"},
    {"kind": "money", "description": "Zrzutka sąsiadów", "value": "200.00"},
]


def terms(centre, rate="30.00"):
    return LocalInitiativeTerms.objects.update_or_create(
        centre=centre, defaults={"hourly_rate": Decimal(rate) if rate else None}
    )[0]


def criteria(centre):
    return [
        EvaluationCriterion.objects.create(centre=centre, name=name, max_score=most, position=i)
        for i, (name, most) in enumerate(
            [("Wkład własny mieszkańców", 10), ("Celowość zadania", 5)]
        )
    ]


def sections(**overrides):
    return {
        "title": "Zielone podwórko przy ul. Lwowskiej",
        "area": "nature",
        "description": "Posadzimy 12 drzew i 40 krzewów, ustawimy ławki.",
        "place": "podwórko przy ul. Lwowskiej 12–18",
        "starts_on": datetime.date(2027, 4, 1),
        "ends_on": datetime.date(2027, 6, 30),
        "applicant_name": "Sąsiedzi z Lwowskiej",
        "costs": COSTS,
        "contributions": CONTRIBUTIONS,
        **overrides,
    }


def draft(initiative, **overrides):
    user = initiative.started_by
    application = local.application_start(
        index=initiative.index, user=user, title="Zielone podwórko", initiative=initiative
    )
    return local.application_save(application=application, user=user, **sections(**overrides))


def ready(initiative, **overrides):
    terms(initiative.centre)
    return local.application_mark_ready(
        application=draft(initiative, **overrides), user=initiative.started_by
    )


def member(initiative, person):
    membership.initiative_join(initiative=initiative, user=person, kind="member")
    return person
