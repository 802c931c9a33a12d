"""Demo newsletters: each centre's log shows one newsletter sent to a consultation's followers.

Seeding sends no email: the newsletter is recorded as the worker would leave it after
sending (a delivery row per recipient, the counts, who sent it and when). A centre that
already has a newsletter is left as it is.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from consultations.models import ConsultationPage
from home.models import CentrePage
from outreach import services
from outreach.models import Delivery, Newsletter

SUBJECT = "Co słychać w konsultacji „{title}”"
BODY = (
    "<p>Dziękujemy, że obserwujesz propozycje w tej konsultacji.</p>"
    "<p>W tym miesiącu urzędnicy odpowiedzieli na nowe pomysły, a w centrum odbyło się "
    "spotkanie konsultacyjne. Zajrzyj na stronę konsultacji, przeczytaj odpowiedzi "
    "i wesprzyj propozycje, które uważasz za ważne.</p>"
    "<ul><li>spotkanie w centrum: w czwartek o 17:00,</li>"
    "<li>dyżur urzędnika: we wtorki 10:00–12:00.</li></ul>"
)


def ensure_newsletters(admin, *, now: datetime.datetime | None = None) -> int:
    """Record one sent newsletter per centre; return how many were made."""
    now = now or timezone.now()
    made = 0
    for centre in CentrePage.objects.live().order_by("path"):
        if Newsletter.objects.filter(centre=centre).exists():
            continue
        consultation = (
            ConsultationPage.objects.live().descendant_of(centre).order_by("path").first()
        )
        if consultation is None:
            continue
        sent_at = now - datetime.timedelta(days=3)
        newsletter = Newsletter.objects.create(
            centre=centre,
            consultation=consultation,
            subject=SUBJECT.format(title=consultation.title),
            body=BODY,
            created_by=admin,
            created_at=sent_at - datetime.timedelta(hours=2),
        )
        people = list(services.recipients(newsletter))
        Delivery.objects.bulk_create(
            Delivery(newsletter=newsletter, user=person, sent_at=sent_at) for person in people
        )
        Newsletter.objects.filter(pk=newsletter.pk).update(
            state=Newsletter.State.SENT,
            queued_by=admin,
            queued_at=sent_at,
            sent_at=sent_at + datetime.timedelta(minutes=2),
            recipients_count=len(people),
            sent_count=len(people),
        )
        made += 1
    return made
