"""Demo implementation records of the finished 2026 civic budget: every funded project gets a
record, one is done with photos before and after, one is delayed with its reason, one is in
tender. Written through implementation.services (so each change is on the timeline), dated
after the result's publication; the records themselves open when the result is published.
Kept when present."""

import datetime
from decimal import Decimal
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from accounts import roles
from casework.models import Department
from consultations.models import ConsultationPage
from implementation import services
from implementation.models import Implementation, Photo, Status
from proposals.services.submission import photo_clean
from voting.models import ResultSnapshot

SLUG = "budzet-obywatelski-2026"
DEPARTMENT = "Wydział Inwestycji"  # made by demo/casework.py (seeded before)
DELAY_REASON = (
    "Pierwszy przetarg unieważniono: jedyna oferta przekraczała kwotę zaplanowaną o 40%. "
    "Drugi przetarg ogłoszono w październiku."
)


def _picture(colour: str, accent: str) -> ContentFile:
    """A small drawn stand-in photo, cleaned like an upload (no metadata)."""
    image = Image.new("RGB", (480, 320), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((60, 200, 420, 300), fill=accent)
    draw.ellipse((180, 60, 300, 180), fill=accent)
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return photo_clean(ContentFile(buffer.getvalue(), name="demo.jpg"))


def _values(record, **changes) -> dict:
    values = {
        "status": record.status,
        "reason": record.reason,
        "percent_done": record.percent_done,
        "money_planned": record.money_planned,
        "money_spent": record.money_spent,
        "department": record.department,
    }
    values.update(changes)
    return values


def _milestones(record, done: int, start: datetime.date) -> list:
    """The first `done` standard milestones done, every one planned a month apart."""
    changes = []
    for number, milestone in enumerate(record.milestones.all()):
        planned = start + datetime.timedelta(days=30 * number)
        changes.append(
            services.MilestoneChange(
                milestone=milestone,
                name=milestone.name,
                planned_on=planned,
                done_on=planned + datetime.timedelta(days=3) if number < done else None,
            )
        )
    return changes


def ensure_implementation(admin) -> int:
    """Open the 2026 budget's records when missing; returns how many were opened."""
    page = ConsultationPage.objects.filter(slug=SLUG).first()
    if page is None:
        return 0
    # Publishing the result opened the records (still "planned"); the demo's progress is
    # written once: a record moved on means a run before this one did it.
    if (
        Implementation.objects.filter(proposal__consultation=page)
        .exclude(status=Status.PLANNED)
        .exists()
    ):
        return 0
    result = ResultSnapshot.objects.filter(consultation=page, published_at__isnull=False).first()
    if result is None:
        return 0
    group = roles.centre_groups_ensure(page.centre)[roles.OFFICIAL]
    official = get_user_model().objects.filter(groups=group).first() or admin
    department, _created = Department.objects.get_or_create(
        centre=page.centre, name=DEPARTMENT, defaults={"email": "inwestycje@example.org"}
    )
    now = timezone.now()
    published = result.published_at

    def moment(days: int) -> datetime.datetime:
        return min(published + datetime.timedelta(days=days), now)

    count = services.records_create_for(consultation=page, by=official, now=moment(1))
    records = list(
        Implementation.objects.filter(proposal__consultation=page)
        .select_related("proposal__consultation", "department")
        .order_by("proposal__title", "pk")
    )
    start = timezone.localdate(published) + datetime.timedelta(days=14)
    for number, (record, plan) in enumerate(zip(records, _plans(), strict=False)):
        _progress(
            record, plan, number, official=official, department=department, start=start, at=moment
        )
    return count


def _plans() -> list[dict]:
    """Where the first three records stand: done with photos, delayed, in tender."""
    return [
        # done, with photos before and after
        {
            "status": Status.DONE,
            "percent_done": 100,
            "spent": Decimal("0.96"),
            "milestones": 5,
            "photos": [
                (Photo.Kind.BEFORE, _picture("#8a8f94", "#6b6f73"), "Pusty, zniszczony teren"),
                (Photo.Kind.AFTER, _picture("#7fbf6a", "#d9534f"), "Nowy plac z urządzeniami"),
            ],
        },
        # delayed, with its reason
        {"status": Status.DELAYED, "percent_done": 25, "spent": Decimal("0.08"), "milestones": 2},
        # in tender
        {
            "status": Status.IN_PROGRESS,
            "percent_done": 35,
            "spent": Decimal("0.1"),
            "milestones": 2,
        },
    ]


def _progress(record, plan: dict, number: int, *, official, department, start, at) -> None:
    """Carry one record through two updates: design ready, then the plan's stage."""
    planned = record.money_planned or Decimal(0)
    services.implementation_update(
        record=record,
        by=official,
        **_values(
            record,
            status=Status.IN_PROGRESS,
            percent_done=10,
            department=department,
            money_spent=round(planned * Decimal("0.05"), 2),
        ),
        milestones=_milestones(record, 1, start),
        photos=plan.get("photos", [])[:1],
        note="Projekt techniczny gotowy.",
        now=at(40 + number),
    )
    record.refresh_from_db()
    services.implementation_update(
        record=record,
        by=official,
        **_values(
            record,
            status=plan["status"],
            reason=DELAY_REASON if plan["status"] == Status.DELAYED else "",
            percent_done=plan["percent_done"],
            money_spent=round(planned * plan["spent"], 2),
        ),
        milestones=_milestones(record, plan["milestones"], start),
        photos=plan.get("photos", [])[1:],
        note="Trwa przetarg na wykonawcę robót." if number == 2 else "",
        now=at(120 + number),
    )
