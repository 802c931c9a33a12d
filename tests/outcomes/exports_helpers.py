"""Known data for the export tests and ways to read an export back."""

import csv
import datetime
import io
import json
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts import roles
from consultations.models import Category
from home.models import District
from proposals.models import Proposal
from tests.accounts.staff_helpers import staff
from tests.factories import UserFactory
from tests.factories_proposals import PledgeFactory, ProposalFactory, StatusChangeFactory
from tests.factories_voting import voting_consultation

SUBMITTED = timezone.make_aware(datetime.datetime(2026, 5, 3, 10, 30))


def official_of(consultation):
    return staff(consultation.centre, roles.OFFICIAL)


def known_consultation(home_page, **kwargs):
    """An approval vote with one fully described proposal; returns (consultation, proposal)."""
    consultation, (proposal, *_others) = voting_consultation(home_page, proposals=1, **kwargs)
    category = Category.objects.create(consultation=consultation, name="Zieleń")
    district = District.objects.create(centre=consultation.centre, name="Osiedle Zachód")
    author = UserFactory(
        display_name="Ania z parku",
        first_name="Anna",
        last_name="Kowalska",
        email="anna.kowalska@example.org",
    )
    Proposal.objects.filter(pk=proposal.pk).update(
        title="Ławki w parku",
        body="Trzy nowe ławki przy stawie.",
        author=author,
        category=category,
        district=district,
        latitude=Decimal("49.625000"),
        longitude=Decimal("20.691000"),
        place="ul. Parkowa 1",
        estimated_cost=Decimal("12000.50"),
        official_cost=Decimal("15000.00"),
        supports_count=7,
        comments_count=2,
        created_at=SUBMITTED,
    )
    StatusChangeFactory(proposal=proposal, status="under_review", answer="Sprawdzamy teren.")
    StatusChangeFactory(proposal=proposal, status="accepted", answer="Przyjęte do głosowania.")
    StatusChangeFactory(proposal=proposal, status="accepted", answer="")
    PledgeFactory(proposal=proposal)
    PledgeFactory(proposal=proposal)
    proposal.refresh_from_db()
    return consultation, proposal


def add_proposals(consultation, count: int):
    category = Category.objects.create(consultation=consultation, name=f"Kategoria {count}")
    district = District.objects.create(centre=consultation.centre, name=f"Dzielnica {count}")
    for _number in range(count):
        proposal = ProposalFactory(consultation=consultation, category=category, district=district)
        StatusChangeFactory(proposal=proposal, answer="Odpowiedź")
        PledgeFactory(proposal=proposal)


def export_url(consultation, name: str) -> str:
    return reverse("outcomes_exports:download", args=[consultation.pk, name])


def download(client, consultation, name: str, export_format: str, **extra) -> bytes:
    response = client.post(export_url(consultation, name), {"format": export_format, **extra})
    assert response.status_code == 200, response.status_code
    return body_of(response)


def refused(response) -> bool:
    """Wagtail's admin turns a refusal into a redirect to its home page (with a message)."""
    from tests.accounts.staff_helpers import DENIED, LOGIN, outcome

    return response.status_code == 403 or outcome(response) in (DENIED, LOGIN)


def body_of(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def read_csv(data: bytes, delimiter: str = ",") -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM missing"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


def read_xlsx(data: bytes):
    """(sheet, header, rows as dicts of cell values)."""
    sheet = load_workbook(io.BytesIO(data)).active
    values = list(sheet.iter_rows(values_only=True))
    header = list(values[0])
    return sheet, header, [dict(zip(header, row, strict=True)) for row in values[1:]]


def read_json(data: bytes) -> list[dict]:
    return json.loads(data)
