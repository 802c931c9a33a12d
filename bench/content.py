"""The bench centre's other pages (news, activities, rooms, initiatives) and the paths of
the content pages bench/run.py loads.

Django is set up by the caller, so models are imported in functions.
"""

from __future__ import annotations

import datetime
import random

from bench.bulk import sentence
from bench.names import CENTRE_SLUG, EDITION_SLUG

CONTENT_ACTIVITIES = 20


CONTENT_NEWS = 12


CONTENT_ROOMS = 3


CONTENT_INITIATIVES = 30


def centre_content(consultation, users: list, rng: random.Random) -> dict:
    """The bench centre's other pages, made once: news, activities over the next two weeks,
    rooms, initiatives (the pages the later apps add, loaded like the proposals' pages)."""
    from django.utils import timezone

    from home.models import CentrePage

    centre = CentrePage.objects.get(slug=CENTRE_SLUG)
    now = timezone.now()
    made = {"news": _news(centre, rng, now=now)}
    made.update(_activities(centre, rng, now=now))
    made.update(_rooms(centre))
    made.update(_initiatives(centre, users, rng))
    return made


def _news(centre, rng: random.Random, *, now):
    from home.models import NewsIndexPage, NewsPage

    news = NewsIndexPage.objects.child_of(centre).first()
    if news is None:
        news = centre.add_child(instance=NewsIndexPage(title="Aktualności", slug="aktualnosci"))
        for n in range(CONTENT_NEWS):
            news.add_child(
                instance=NewsPage(
                    title=f"Wiadomość {n}",
                    slug=f"wiadomosc-{n}",
                    date=(now - datetime.timedelta(days=n)).date(),
                    lead=sentence(rng, 15),
                )
            )
    return news


def _activities(centre, rng: random.Random, *, now) -> dict:
    from events.models import ActivityIndexPage, ActivityPage

    activities = ActivityIndexPage.objects.child_of(centre).first()
    if activities is None:
        activities = centre.add_child(
            instance=ActivityIndexPage(title="Wydarzenia", slug="wydarzenia")
        )
        for n in range(CONTENT_ACTIVITIES):
            starts = (now + datetime.timedelta(days=n % 14, hours=1)).replace(
                minute=0, second=0, microsecond=0
            )
            activities.add_child(
                instance=ActivityPage(
                    title=f"Warsztaty {n}",
                    slug=f"warsztaty-{n}",
                    lead=sentence(rng, 10),
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=2),
                    place="Sala duża",
                )
            )
    first = ActivityPage.objects.child_of(activities).order_by("pk").first()
    return {"activities": activities, "activity": first}


def _rooms(centre) -> dict:
    from rooms.models import Room, RoomIndexPage

    rooms = RoomIndexPage.objects.child_of(centre).first()
    if rooms is None:
        rooms = centre.add_child(instance=RoomIndexPage(title="Sale", slug="sale"))
        for n in range(CONTENT_ROOMS):
            Room.objects.create(centre=centre, name=f"Sala {n}", capacity=20, sort_order=n)
    return {"rooms": rooms, "room": Room.objects.filter(centre=centre).order_by("pk").first()}


def _initiatives(centre, users: list, rng: random.Random) -> dict:
    from initiatives.models import Initiative, InitiativeIndexPage

    initiatives = InitiativeIndexPage.objects.child_of(centre).first()
    if initiatives is None:
        initiatives = centre.add_child(
            instance=InitiativeIndexPage(title="Inicjatywy", slug="inicjatywy")
        )
    if not Initiative.objects.filter(index=initiatives).exists():
        Initiative.objects.bulk_create(
            Initiative(
                index=initiatives,
                centre=centre,
                started_by=users[n % len(users)],
                title=f"Inicjatywa {n}",
                issue=sentence(rng, 20),
                goal=sentence(rng, 12),
                state=Initiative.State.ACTIVE,
            )
            for n in range(CONTENT_INITIATIVES)
        )
    first = Initiative.objects.filter(index=initiatives).order_by("pk").first()
    return {"initiatives": initiatives, "initiative": first}


def content_urls() -> dict:
    """The paths of the bench centre's content pages (bench/run.py loads them)."""
    from consultations.models import ConsultationPage
    from events.models import ActivityIndexPage, ActivityPage
    from home.models import CentrePage, NewsIndexPage, NewsPage
    from initiatives.models import Initiative, InitiativeIndexPage
    from rooms.models import Room, RoomIndexPage

    centre = CentrePage.objects.get(slug=CENTRE_SLUG)
    urls = {"centre": centre.url}
    edition = ConsultationPage.objects.filter(slug=EDITION_SLUG).first()
    if edition is not None:  # the past edition's records (the bench consultation has none)
        urls["implementation"] = edition.url + "realizacja/"
    news = NewsIndexPage.objects.child_of(centre).first()
    if news is not None:
        urls["news"] = news.url
        item = NewsPage.objects.child_of(news).order_by("-date", "pk").first()
        if item is not None:
            urls["news_item"] = item.url
    activities = ActivityIndexPage.objects.child_of(centre).first()
    if activities is not None:
        urls["activities"] = activities.url
        first = ActivityPage.objects.child_of(activities).order_by("pk").first()
        if first is not None:
            urls["activity"] = first.url
    rooms = RoomIndexPage.objects.child_of(centre).first()
    if rooms is not None:
        urls["rooms"] = rooms.url
        room = Room.objects.filter(centre=centre).order_by("pk").first()
        if room is not None:
            urls["room_week"] = rooms.url + rooms.reverse_subpage("room", args=[room.pk])
    initiatives = InitiativeIndexPage.objects.child_of(centre).first()
    if initiatives is not None:
        urls["initiatives"] = initiatives.url
        initiative = Initiative.objects.filter(index=initiatives).order_by("pk").first()
        if initiative is not None:
            urls["initiative"] = initiatives.sub_url("detail", pk=initiative.pk)
    return urls
