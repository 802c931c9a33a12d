"""The dashboard's panel for appeal bodies (review.admin.dashboard): the appeals waiting for
the body's decision, for its members whether officials or not, in constant queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone

from review import services
from review.models import Criterion, Outcome, ReviewSetup
from tests.factories import UserFactory
from tests.factories_consultations import ConsultationIndexPageFactory, ConsultationPageFactory
from tests.factories_proposals import ProposalFactory, confirmed_user
from tests.review.conftest import CRITERIA, assess_all, make_official

pytestmark = pytest.mark.django_db
HOME = "wagtailadmin_home"
PANEL = 'id="mam-body-appeals'


@pytest.fixture
def resident():
    return UserFactory(email="radna@example.org")


def join_body(setup, *members):
    setup.appeal_body_members.add(*members)
    setup.save()  # a ParentalManyToManyField: saved with the rules
    services.appeal_body_access_sync()


def appealed(consultation, official, *, days_ago=0, title="Ławki w parku"):
    """A project of `consultation` not admitted and appealed `days_ago` days ago."""
    when = timezone.now() - datetime.timedelta(days=days_ago)
    proposal = ProposalFactory(consultation=consultation, author=confirmed_user(), title=title)
    review = services.review_start(proposal=proposal, by=official, now=when)
    assess_all(review, official, failing=[CRITERIA[1]], now=when)
    services.review_decide(review=review, outcome=Outcome.NOT_ADMITTED, by=official, now=when)
    return services.appeal_file(review=review, reasons="Teren gminy.", by=proposal.author, now=when)


def other_consultation(centre):
    consultation = ConsultationPageFactory(parent=ConsultationIndexPageFactory(parent=centre))
    setup = ReviewSetup.objects.create(consultation=consultation, decision_days=14)
    for position, text in enumerate(CRITERIA):
        Criterion.objects.create(setup=setup, text=text, sort_order=position)
    return consultation


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse(HOME))
    assert response.status_code == 200
    return response.content.decode()


def test_a_member_who_is_not_an_official_sees_the_appeal_waiting(
    client, setup, official, resident, centre
):
    join_body(setup, resident)
    appeal = appealed(setup.consultation, official)
    html = dashboard(client, resident)
    assert PANEL in html
    assert reverse("mam_reviews:appeal", args=[appeal.review_id]) in html
    for text in ("Ławki w parku", centre.title, setup.consultation.title):
        assert text in html


def test_an_appeal_past_its_date_is_marked_overdue_in_words(client, setup, official, resident):
    join_body(setup, resident)
    appealed(setup.consultation, official, days_ago=20)
    panel = html_of_panel(dashboard(client, resident))
    assert "Po terminie" in panel


def test_an_appeal_within_its_date_is_not_marked_overdue(client, setup, official, resident):
    join_body(setup, resident)
    appealed(setup.consultation, official)
    panel = html_of_panel(dashboard(client, resident))
    assert "Po terminie" not in panel


def test_decided_appeals_are_not_waiting(client, setup, official, resident):
    join_body(setup, resident)
    appeal = appealed(setup.consultation, official)
    services.appeal_decide(appeal=appeal, upheld=False, reasons="Teren prywatny.", by=resident)
    html = dashboard(client, resident)
    assert PANEL in html
    assert reverse("mam_reviews:appeal", args=[appeal.review_id]) not in html


def test_an_official_on_no_body_gets_no_panel(client, setup, official, resident):
    join_body(setup, resident)
    appealed(setup.consultation, official)
    assert PANEL not in dashboard(client, official)


def test_an_official_on_a_body_sees_only_the_appeals_of_that_body(client, setup, official, centre):
    member = make_official(centre)
    join_body(setup, member)
    own = appealed(setup.consultation, official, title="Nasz projekt")
    foreign = appealed(other_consultation(centre), official, title="Cudzy projekt")
    html = dashboard(client, member)
    assert reverse("mam_reviews:appeal", args=[own.review_id]) in html
    assert reverse("mam_reviews:appeal", args=[foreign.review_id]) not in html


def test_every_admin_link_of_a_members_dashboard_opens(client, setup, official, resident):
    """review.middleware keeps the member to the appeal screens: the dashboard offers no
    link it would refuse."""
    join_body(setup, resident)
    appealed(setup.consultation, official)
    html = dashboard(client, resident)
    links = set(re.findall(r'href="(/admin/[^"#?]*)', html))
    assert links
    for link in links:
        if resolve(link).url_name == "wagtailadmin_logout":
            continue
        assert client.get(link).status_code == 200, link


def test_the_panels_queries_do_not_grow_with_the_appeals(client, setup, official, resident, centre):
    join_body(setup, resident)
    appealed(setup.consultation, official)
    client.force_login(resident)
    client.get(reverse(HOME))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse(HOME))
    other = other_consultation(centre)
    join_body(ReviewSetup.objects.get(consultation=other), resident)
    for n in range(3):
        appealed(setup.consultation, official, title=f"Projekt {n}")
        appealed(other, official, title=f"Inny {n}", days_ago=20)
    client.get(reverse(HOME))  # the new pages and group reloaded, as after the first request
    with CaptureQueriesContext(connection) as many:
        html = client.get(reverse(HOME)).content.decode()
    assert html.count('href="/admin/reviews/') >= 7
    assert len(many) == len(one)


def html_of_panel(html: str) -> str:
    start = html.index(PANEL)
    return html[start : html.index("</section>", start)]
