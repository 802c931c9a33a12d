"""A demo activity organised by a residents' initiative: the mast group's open meeting in
Nowy Sącz's centre, with places and sign-ups. Its coordinator (anna.maszt@…, demo/
initiatives_nowy_sacz.py) sees the sign-ups and prints the list from the activity's page,
as a partner's people do for theirs. A rerun adds it when it is missing (found by title)."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from demo.events import _at, _create, _fill, _index, _next
from demo.partners import partners_by_name
from demo.rooms import rooms_by_name
from demo.stream import p, text
from events import recurrence
from events.models import ActivityPage, Audience, Kind, Organiser
from initiatives.models import Initiative

MAST_TITLE = "Nie dla masztu przy Szkole Podstawowej nr 12"
MEETING_TITLE = "Otwarte spotkanie grupy „Nie dla masztu”"


def _meeting(initiative: Initiative, today: datetime.date) -> dict:
    return {
        "title": MEETING_TITLE,
        "kind": Kind.MEETING,
        "lead": "Co dalej z masztem przy szkole? Podsumujemy zbiórkę podpisów pod projektem "
        "uchwały i ustalimy, kto pójdzie na sesję rady miasta. Zapraszamy sąsiadów.",
        "body": [
            text(
                p(
                    "Spotkanie prowadzi koordynatorka grupy. Będzie czas na pytania i na "
                    "podpisanie listy poparcia na miejscu.",
                )
            )
        ],
        "starts_at": _at(_next(today, 0, after=3), 18),  # a Monday evening
        "hours": 2,
        "room": "Sala spotkań",
        "audience": Audience.EVERYONE,
        "organiser": Organiser.INITIATIVE,
        "organiser_name": initiative.title,
        "initiative": initiative,
        "places": 30,
        "step_free": True,
        "induction_loop": True,
        "fill": 4,
    }


def ensure_initiative_meetings(admin) -> int:
    """The mast group's meeting under Nowy Sącz's activities, when the group exists and the
    meeting does not; return how many were added."""
    initiative = Initiative.objects.filter(title=MAST_TITLE).select_related("centre").first()
    if initiative is None:
        return 0
    centre = initiative.centre
    index = _index(centre, admin)
    if ActivityPage.objects.child_of(index).filter(title=MEETING_TITLE).exists():
        return 0
    today = recurrence.local(timezone.now()).date()
    spec = _meeting(initiative, today)
    page = _create(index, spec, admin, rooms_by_name(centre), partners_by_name(centre))
    neighbours = list(
        get_user_model().objects.filter(email__startswith="maszt.").order_by("email")[:4]
    )
    _fill(page, spec["fill"], admin, neighbours)
    return 1
