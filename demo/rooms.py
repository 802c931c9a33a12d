"""Demo rooms: each centre's three rooms at `<centre>/sale/`, its opening hours and booking
rules, confirmed bookings and requests waiting for the centre, all through the services.

The rooms are made before the activities (demo/events.py places the activities in them, and
publishing an activity books its room); the bookings after, at times the activities leave
free. A rerun adds what is missing (the index, the rules of a centre without any, a room by
its name, a booking by its purpose) and leaves the rest as the centre's staff keep it.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import Verification
from accounts.services import residency
from consultations.participation import NotAllowed
from demo.partners import foundation_account
from demo.people import _confirmed_user
from home.models import CentrePage
from rooms import selectors, services
from rooms.models import Booking, BookingRules, ClosedDay, OpeningHours, Room, RoomIndexPage

ROOMS = [
    {
        "name": "Sala warsztatowa",
        "capacity": 24,
        "equipment": "stoły warsztatowe\nzlew i czajnik\nrzutnik i ekran\n24 krzesła",
        "accessibility": "Parter, wejście bez progów, toaleta dostosowana obok.",
        "step_free": True,
        "house_rules": "Po zajęciach zostaw salę czystą i ustaw stoły pod ścianą. "
        "Klucz odbierasz i oddajesz w recepcji.",
    },
    {
        "name": "Sala spotkań",
        "capacity": 40,
        "equipment": "nagłośnienie z mikrofonem\npętla indukcyjna\nrzutnik\n40 krzeseł",
        "accessibility": "Parter, wejście bez progów, pętla indukcyjna.",
        "step_free": True,
        "house_rules": "Spotkania kończą się najpóźniej o godzinie zamknięcia centrum.",
    },
    {
        "name": "Pracownia komputerowa",
        "capacity": 12,
        "equipment": "10 komputerów z internetem\ndrukarka\ntablica interaktywna",
        "accessibility": "I piętro, winda.",
        "step_free": True,
        "house_rules": "Nie instaluj programów. Wyloguj się z kont po zajęciach.",
    },
]
R, N = Booking.UserKind.RESIDENT, Booking.UserKind.NGO
BOOKINGS = [
    # room, requester, kind, weekday, hour, hours, purpose (its natural key), people, confirm
    ("Sala spotkań", "resident", R, 0, 17, 2, "Spotkanie wspólnoty mieszkaniowej", 25, True),
    ("Sala warsztatowa", "ngo", N, 4, 16, 3, "Warsztaty pierwszej pomocy", 18, True),
    ("Pracownia komputerowa", "ngo", N, 2, 10, 2, "Szkolenie wolontariuszy", 8, True),
    ("Sala warsztatowa", "resident", R, 2, 10, 2, "Klub robótek ręcznych", 10, False),
    ("Sala spotkań", "ngo", N, 4, 12, 2, "Spotkanie organizacji pozarządowych", 30, False),
]  # fmt: skip
CALLER_PURPOSE = "Próba chóru seniorów (zapis telefoniczny)"
HELD_PURPOSE = "Spotkanie sąsiedzkie o zieleni na osiedlu"
WEEK = [(0, 8, 20), (1, 8, 20), (2, 8, 20), (3, 8, 20), (4, 8, 20), (5, 9, 14)]


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return selectors.at(day, datetime.time(hour))


def _next(today: datetime.date, weekday: int, *, after: int) -> datetime.date:
    day = today + datetime.timedelta(days=after)
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def _index(centre: CentrePage, admin) -> None:
    if RoomIndexPage.objects.child_of(centre).exists():
        return
    index = RoomIndexPage(
        title="Sale",
        slug="sale",
        intro="Sale centrum są dla mieszkańców i organizacji: na spotkania sąsiedzkie, "
        "warsztaty, próby i naukę. Sprawdź, kiedy sala jest wolna, i poproś o nią.",
        owner=admin,
    )
    centre.add_child(instance=index)
    index.save_revision(user=admin).publish(user=admin)


def _rules(centre: CentrePage, today: datetime.date) -> None:
    """The centre's booking rules with opening hours and a closed day, only when it has no
    rules yet (staff's own are kept)."""
    rules, created = BookingRules.objects.get_or_create(
        centre=centre, defaults={"ahead_days": 60, "longest_hours": 4, "open_requests": 5}
    )
    if not created:
        return
    for weekday, opens, closes in WEEK:
        OpeningHours.objects.create(
            rules=rules, weekday=weekday, opens=datetime.time(opens), closes=datetime.time(closes)
        )
    ClosedDay.objects.create(
        rules=rules, date=_next(today, 4, after=21), note="szkolenie pracowników"
    )


def ensure_rooms(admin) -> int:
    """Give each centre its rooms index, its rules (when it has none) and those of its three
    rooms that are missing (found by name); return how many rooms were added."""
    made = 0
    today = selectors.local(timezone.now()).date()
    for centre in CentrePage.objects.live().order_by("path"):
        _index(centre, admin)
        _rules(centre, today)
        existing = set(Room.objects.filter(centre=centre).values_list("name", flat=True))
        for order, spec in enumerate(ROOMS):
            if spec["name"] not in existing:
                Room.objects.create(centre=centre, sort_order=order, **spec)
                made += 1
    return made


def _requesters(centre: CentrePage, admin) -> tuple:
    short = centre.slug.replace("-", "")
    created: list[str] = []
    resident = _confirmed_user(f"sasiadka.sale.{short}@mam.example.org", "Klub Sąsiadek", created)
    if not Verification.objects.filter(user=resident).exists():
        residency.verification_grant(
            user=resident, centre=centre, method=Verification.Method.IN_PERSON, by=admin
        )
    return resident, foundation_account(centre, admin)


def ensure_room_bookings(admin) -> int:
    """Confirmed bookings and waiting requests in each centre's rooms: each one made once,
    found again by its purpose in the centre (a rerun adds only the missing ones; one the
    rules refuse now, e.g. a time taken since, is left out)."""
    made = 0
    for centre in CentrePage.objects.live().order_by("path"):
        rooms = {room.name: room for room in Room.objects.filter(centre=centre)}
        if all(name in rooms for name, *_rest in BOOKINGS):
            made += _centre_bookings(centre, rooms, admin)
    return made


def _made(make) -> int:
    """1 when `make()` made its booking, 0 when the rules refused it now."""
    try:
        make()
    except NotAllowed:
        return 0
    return 1


def _centre_bookings(centre: CentrePage, rooms: dict, admin) -> int:
    now = timezone.now()
    today = selectors.local(now).date()
    made = 0
    done = set(Booking.objects.filter(centre=centre).values_list("purpose", flat=True))
    resident, ngo = _requesters(centre, admin)
    people = {"resident": resident, "ngo": ngo}
    for spec in BOOKINGS:
        if spec[6] not in done:
            made += _made(lambda spec=spec: _request(spec, rooms, people, admin, today, now))
    if CALLER_PURPOSE not in done:
        made += _made(lambda: _caller(rooms["Sala spotkań"], admin, today, now))
    if HELD_PURPOSE not in done:
        made += _made(lambda: _held_with_count(rooms["Sala spotkań"], resident, admin, today))
    return made


def _request(spec: tuple, rooms: dict, people: dict, admin, today: datetime.date, now) -> None:
    name, who, kind, weekday, hour, hours, purpose, number, confirm = spec
    day = _next(today, weekday, after=2)
    booking = services.booking_request(
        room=rooms[name],
        user=people[who],
        starts_at=_at(day, hour),
        ends_at=_at(day, hour + hours),
        purpose=purpose,
        people=number,
        user_kind=kind,
        now=now,
    )
    if confirm:
        services.booking_confirm(booking=booking, by=admin, now=now)


def _caller(room: Room, admin, today: datetime.date, now) -> None:
    """A caller without an account, booked by the desk (fictional name and number)."""
    day = _next(today, 3, after=2)
    services.booking_for_caller(
        room=room,
        by=admin,
        name="Zdzisław Nowak",
        phone="+48 600 000 000",
        organisation="Chór seniorów „Złota Jesień”",
        starts_at=_at(day, 11),
        ends_at=_at(day, 13),
        purpose=CALLER_PURPOSE,
        people=14,
        now=now,
    )


def _held_with_count(room: Room, resident, admin, today: datetime.date) -> int:
    """A booking held two weeks ago, asked for and confirmed then, with who came entered
    afterwards: the yearly usage counts it (its own column beside the number asked for)."""
    day = _next(today - datetime.timedelta(days=20), 1, after=0)  # a Tuesday, 14–20 days ago
    then = _at(day - datetime.timedelta(days=7), 9)
    booking = services.booking_request(
        room=room,
        user=resident,
        starts_at=_at(day, 17),
        ends_at=_at(day, 19),
        purpose=HELD_PURPOSE,
        people=20,
        user_kind=Booking.UserKind.RESIDENT,
        now=then,
    )
    services.booking_confirm(booking=booking, by=admin, now=then)
    services.booking_attendance_record(booking=booking, attended=23, by=admin)
    return 1


def rooms_by_name(centre: CentrePage) -> dict[str, Room]:
    return {room.name: room for room in Room.objects.filter(centre=centre)}
