"""Factories for consultation pages, their phases and categories.

index = ConsultationIndexPageFactory(parent=centre)
consultation = ConsultationPageFactory(parent=index)
with_phases(consultation, current="proposals")   # information past, proposals now, ...
"""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from consultations.models import Category, ConsultationIndexPage, ConsultationPage, Phase

PHASE_ORDER = [kind for kind, _label in Phase.Kind.choices]


class ConsultationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Konsultacje"
    slug = factory.Sequence(lambda n: f"konsultacje-{n}")

    class Meta:
        model = ConsultationIndexPage


class ConsultationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Konsultacja {n}")
    slug = factory.Sequence(lambda n: f"konsultacja-{n}")
    lead = "Wspólnie zdecydujmy, co zmienić w naszej okolicy."
    eligibility = ConsultationPage.Eligibility.CONFIRMED
    map_latitude = "49.625000"
    map_longitude = "20.691000"
    map_zoom = 14

    class Meta:
        model = ConsultationPage


class PhaseFactory(factory.django.DjangoModelFactory):
    kind = Phase.Kind.PROPOSALS
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(days=14))

    class Meta:
        model = Phase


class CategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Kategoria {n}")
    colour = "#0b5e55"
    icon = Category.Icon.OTHER

    class Meta:
        model = Category


def with_phases(
    page: ConsultationPage,
    now: datetime.datetime | None = None,
    current: str | None = "proposals",
    *,
    kinds: list[str] | None = None,
    days: int = 14,
    categories: list[str] | tuple[str, ...] = (),
    publish: bool = True,
) -> ConsultationPage:
    """Give `page` back-to-back phases (default: all six), `current` running at `now`.

    Each phase lasts `days` days; the current one started `days // 2` days before `now`.
    current=None puts every phase in the future (the consultation is upcoming);
    current="finished" puts them all in the past. Returns the page, its revision published.
    """
    now = now or timezone.now()
    kinds = kinds or PHASE_ORDER
    length = datetime.timedelta(days=days)
    if current is None:
        first_start = now + datetime.timedelta(days=1)
    elif current == "finished":
        first_start = now - length * len(kinds) - datetime.timedelta(days=1)
    else:
        first_start = now - length // 2 - length * kinds.index(current)
    page.phases.all().delete()
    for position, kind in enumerate(kinds):
        starts_at = first_start + length * position
        Phase.objects.create(
            consultation=page,
            kind=kind,
            starts_at=starts_at,
            ends_at=starts_at + length,
            sort_order=position,
        )
    for position, name in enumerate(categories):
        Category.objects.get_or_create(
            consultation=page, name=name, defaults={"sort_order": position}
        )
    if publish:
        page = ConsultationPage.objects.get(pk=page.pk)
        page.save_revision().publish()
        page.refresh_from_db()
    return page
