"""Demo activities: a month of each centre's life, with sign-ups made through the services.

Each centre gets its activity index (`<centre>/wydarzenia/`) with a waste-sorting workshop
(full, with a waiting list), a weekly seniors' computer course (one date cancelled, one
moved), a civic-budget consultation meeting, an NGO's weekly legal-advice duty hour (linked
to its partner entry, demo/partners.py), a partner group's repair café whose six dates are
past, with the number who came entered (the yearly attendance summary), and a grant-writing
workshop run by the partner whose account signs in (its people see the sign-ups). Dates
are set from today, so the demo always shows an upcoming month. A rerun adds what is missing
(the index, an activity by its title) and leaves the rest as the editors keep it.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify
from wagtail.coreutils import string_to_ascii

from consultations.models import ConsultationPage
from demo.partners import FOUNDATION, LEGAL_AID, REPAIR_CAFE, partners_by_name
from demo.rooms import rooms_by_name
from demo.stream import p, text
from events import recurrence, services
from events.models import ActivityIndexPage, ActivityPage, Audience, DateChange, Kind, Organiser
from home.models import CentrePage

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DESK_NAMES = ["Pani Krystyna (telefon)", "Pan Zbigniew (recepcja)", "Pani Irena (telefon)"]


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return recurrence.place(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _next(today: datetime.date, weekday: int, *, after: int = 1) -> datetime.date:
    """The first `weekday` (0 = Monday) at least `after` days from today."""
    day = today + datetime.timedelta(days=after)
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def _activities(centre: CentrePage, today: datetime.date) -> list[dict]:
    town = centre.town
    consultation = ConsultationPage.objects.descendant_of(centre).live().first()
    return [
        _waste_workshop(town, today),
        _computer_course(today),
        _budget_meeting(town, today, consultation),
        _legal_duty_hour(today),
        _repair_cafe(today),
        _grant_workshop(today),
    ]


def _waste_workshop(town: str, today: datetime.date) -> dict:
    return {
        "title": "Warsztaty segregacji odpadów",
        "kind": Kind.WORKSHOP,
        "lead": "Jak segregować śmieci w domu i w bloku, co zrobić z elektrośmieciami "
        "i gdzie oddać duże odpady. Zabierz pytania, kawa na nas.",
        "body": [
            text(
                p(
                    f"Pracownicy miejskiej spółki komunalnej z miasta {town} pokażą, "
                    "do którego pojemnika trafia każdy odpad, i odpowiedzą na pytania "
                    "o harmonogram odbioru.",
                    "Każdy uczestnik dostanie ściągawkę do powieszenia na lodówce.",
                )
            )
        ],
        "starts_at": _at(_next(today, 3, after=4), 17),
        "hours": 2,
        "room": "Sala warsztatowa",
        "audience": Audience.EVERYONE,
        "places": 6,
        "step_free": True,
        "induction_loop": True,
        "fill": 8,  # six confirmed, two on the waiting list
    }


def _computer_course(today: datetime.date) -> dict:
    course_day = _next(today, 1)  # Tuesdays
    return {
        "title": "Kurs komputerowy dla seniorów",
        "kind": Kind.COURSE,
        "lead": "Co tydzień we wtorek: poczta, wideorozmowy z rodziną, bezpieczne zakupy "
        "i sprawy urzędowe przez internet. Komputery na miejscu.",
        "body": [
            text(
                p(
                    "Zajęcia prowadzą wolontariusze z liceum. Tempo dopasowujemy do grupy, "
                    "nie trzeba nic umieć na początek.",
                )
            )
        ],
        "starts_at": _at(course_day, 10),
        "hours": 2,
        "recurrence": f"FREQ=WEEKLY;BYDAY={WEEKDAYS[1]}",
        "room": "Pracownia komputerowa",
        "audience": Audience.SENIORS,
        "price": Decimal("10.00"),
        "places": 10,
        "step_free": True,
        "changes": [
            (course_day + datetime.timedelta(days=14), None, "Centrum nieczynne – szkolenie"),
            (
                course_day + datetime.timedelta(days=21),
                _at(course_day + datetime.timedelta(days=22), 10),
                "Przeniesione na środę",
            ),
            (  # another room, fewer places: the yearly report and the page show it
                course_day + datetime.timedelta(days=28),
                _at(course_day + datetime.timedelta(days=30), 10),
                "Przegląd komputerów: zajęcia na laptopach centrum",
                {"room": "Sala warsztatowa", "places": 6},
            ),
        ],
        "fill": 4,
    }


def _budget_meeting(town: str, today: datetime.date, consultation) -> dict:
    return {
        "title": "Spotkanie konsultacyjne: budżet obywatelski",
        "kind": Kind.CONSULTATION,
        "lead": "Porozmawiajmy o pomysłach do budżetu obywatelskiego: jak zgłosić projekt, "
        "ile kosztuje i kto go oceni.",
        "body": [text(p("Urzędnicy odpowiedzą na pytania o zasady i harmonogram."))],
        "starts_at": _at(_next(today, 2, after=8), 18),
        "hours": 2,
        "room": "Sala spotkań",
        "audience": Audience.ADULTS,
        "organiser": Organiser.TOWN,
        "organiser_name": f"Urząd Miasta {town}",
        "step_free": True,
        "induction_loop": True,
        "sign_language": True,
        "consultation": consultation,
    }


def _legal_duty_hour(today: datetime.date) -> dict:
    return {
        "title": "Dyżur prawnika organizacji pozarządowej",
        "kind": Kind.DUTY_HOUR,
        "lead": "Bezpłatne porady prawne w sprawach mieszkaniowych, sąsiedzkich i rodzinnych. "
        "Co tydzień w czwartek, bez zapisów.",
        "body": [text(p("Przynieś dokumenty, o które chcesz zapytać. Porady są poufne."))],
        "starts_at": _at(_next(today, 3), 16),
        "hours": 2,
        "recurrence": f"FREQ=WEEKLY;BYDAY={WEEKDAYS[3]}",
        "place": "Pokój porad (parter)",
        "audience": Audience.ADULTS,
        "organiser": Organiser.PARTNER,
        "organiser_name": LEGAL_AID,
        "partner": LEGAL_AID,
        "step_free": True,
    }


def _grant_workshop(today: datetime.date) -> dict:
    """Run by a partner whose organisation account signs in (demo/people.py): its people see
    the sign-ups and print the attendance list from the activity's page."""
    return {
        "title": "Jak napisać wniosek o mały grant",
        "kind": Kind.WORKSHOP,
        "lead": "Dla grup sąsiedzkich i małych organizacji: od pomysłu do budżetu i harmonogramu. "
        "Przynieś swój pomysł, wyjdziesz z planem wniosku.",
        "body": [text(p("Prowadzą doradczynie Fundacji Razem. Liczba miejsc ograniczona."))],
        "starts_at": _at(_next(today, 0, after=5), 17),
        "hours": 2,
        "room": "Sala warsztatowa",
        "audience": Audience.ADULTS,
        "organiser": Organiser.PARTNER,
        "organiser_name": FOUNDATION,
        "partner": FOUNDATION,
        "places": 12,
        "step_free": True,
        "fill": 3,
    }


def _repair_cafe(today: datetime.date) -> dict:
    return {
        "title": "Kawiarenka naprawcza",
        "kind": Kind.WORKSHOP,
        "lead": "Przynieś zepsuty czajnik, rower albo spodnie: naprawimy je razem. "
        "Sześć spotkań jesienią, co tydzień w sobotę.",
        "body": [text(p("Narzędzia, nici i kawa na miejscu. Bez zapisów."))],
        # Eight weeks ago, six dates: all held, with the number who came entered.
        "starts_at": _at(_next(today - datetime.timedelta(days=63), 5), 11),
        "hours": 3,
        "recurrence": f"FREQ=WEEKLY;BYDAY={WEEKDAYS[5]};COUNT=6",
        "place": "Hol na parterze",
        "audience": Audience.EVERYONE,
        "organiser": Organiser.PARTNER,
        "organiser_name": REPAIR_CAFE,
        "partner": REPAIR_CAFE,
        "attended": [14, 11, 17, 9, 15, 12],
    }


def _create(
    index: ActivityIndexPage, spec: dict, admin, rooms: dict, partners: dict
) -> ActivityPage:
    spec = dict(spec)
    hours, changes, _fill = spec.pop("hours"), spec.pop("changes", []), spec.pop("fill", 0)
    spec.pop("attended", None)
    if "partner" in spec:  # a partner of the centre (demo/partners.py), when it is there
        spec["partner"] = partners.get(spec["partner"])
    if "room" in spec:  # a room of the centre (demo/rooms.py); its name as the place if none
        name = spec.pop("room")
        spec["room"] = rooms.get(name)
        spec["place"] = "" if spec["room"] else name
    page = ActivityPage(
        **spec,
        # Plain letters, as the other demo pages have: an address printed on a poster is
        # typed by hand ("odpadow", not "odpad%C3%B3w").
        slug=slugify(string_to_ascii(spec["title"])),
        ends_at=spec["starts_at"] + datetime.timedelta(hours=hours),
        owner=admin,
    )
    page.date_changes = [_change(change, rooms) for change in changes]
    index.add_child(instance=page)
    page.save_revision(user=admin).publish(user=admin)
    return page


def _change(change: tuple, rooms: dict) -> DateChange:
    """A change (day, moved to or None, note[, {"room": name, "places": n}])."""
    day, moved, note, *more = change
    extra = more[0] if more else {}
    room = rooms.get(extra.get("room", ""))
    return DateChange(
        original_date=day, new_starts_at=moved, note=note, room=room, places=extra.get("places")
    )


def _fill(page: ActivityPage, count: int, admin, residents: list) -> None:
    now = timezone.now()
    first = recurrence.next_occurrence(page, now=now)
    if first is None or not count:
        return
    for number in range(count):
        if number < len(residents):
            services.signup_join(activity=page, day=first.key, user=residents[number], now=now)
        else:
            name = DESK_NAMES[number % len(DESK_NAMES)]
            services.signup_join(activity=page, day=first.key, name=name, entered_by=admin, now=now)


def _attendance(page: ActivityPage, numbers: list[int], admin) -> None:
    """Enter how many came on each date already held (the yearly report counts them)."""
    now = timezone.now()
    held = recurrence.occurrences(page, start=page.starts_at, end=now)
    for occurrence, attended in zip(held, numbers, strict=False):
        services.attendance_record(
            activity=page, day=occurrence.key, attended=attended, by=admin, now=now
        )


def _index(centre: CentrePage, admin) -> ActivityIndexPage:
    index = ActivityIndexPage.objects.child_of(centre).first()
    if index is None:
        index = ActivityIndexPage(
            title="Wydarzenia",
            slug="wydarzenia",
            intro="Warsztaty, kursy, spotkania i dyżury w centrum. Na zajęcia z limitem miejsc "
            "zapiszesz się przez stronę, telefonicznie lub w recepcji.",
            owner=admin,
        )
        centre.add_child(instance=index)
        index.save_revision(user=admin).publish(user=admin)
    return index


def ensure_activities(admin) -> int:
    """Give each centre its activity index and those of its demo activities that are missing
    (found by title under the index), with their sign-ups and counts; return how many were
    added. An activity that exists is left as the editors keep it."""
    today = recurrence.local(timezone.now()).date()
    residents = list(
        get_user_model().objects.filter(email__startswith="sasiad").order_by("email")[:5]
    )
    made = 0
    for centre in CentrePage.objects.live().order_by("path"):
        index = _index(centre, admin)
        existing = set(ActivityPage.objects.child_of(index).values_list("title", flat=True))
        rooms, partners = rooms_by_name(centre), partners_by_name(centre)
        for spec in _activities(centre, today):
            if spec["title"] in existing:
                continue
            page = _create(index, spec, admin, rooms, partners)
            _fill(page, spec.get("fill", 0), admin, residents)
            _attendance(page, spec.get("attended", []), admin)
            made += 1
    return made
