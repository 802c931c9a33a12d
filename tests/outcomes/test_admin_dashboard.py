"""Officials reach their consultations' proposals, exports, report and paper ballots in two
clicks from the admin dashboard, and every link there opens for them."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.users.models import UserProfile

from accounts import roles
from outcomes import admin_dashboard
from tests.factories import CentrePageFactory
from tests.factories_consultations import ConsultationPageFactory
from tests.factories_proposals import confirmed_user
from tests.factories_voting import voting_consultation

pytestmark = pytest.mark.django_db


def staff_of(centre, role=roles.OFFICIAL, language="pl"):
    user = confirmed_user()
    user.groups.add(roles.centre_groups_ensure(centre)[role])
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    return user


def panel(html: str) -> str:
    found = re.search(r'id="mam-your-consultations-section".*?</section>', html, re.S)
    return found.group(0) if found else ""


def panel_links(html: str) -> list[str]:
    return re.findall(r'<li><a href="([^"]+)">', panel(html))


@pytest.fixture
def vote(home_page):
    consultation, _proposals = voting_consultation(home_page, title="Budżet na lato 2027")
    return consultation


def test_the_dashboard_lists_the_officials_consultations_with_their_tools(client, vote):
    client.force_login(staff_of(vote.centre))
    html = panel(client.get("/admin/").content.decode())
    assert "Twoje konsultacje" in html
    assert "Budżet na lato 2027" in html
    for label in ["Propozycje", "Eksporty", "Raport z konsultacji", "Karty papierowe"]:
        assert f">{label}</a>" in html, label


def test_every_link_on_the_panel_opens_for_the_official(client, vote):
    client.force_login(staff_of(vote.centre))
    links = panel_links(client.get("/admin/").content.decode())
    assert len(links) == 4
    for url in links:
        assert client.get(url).status_code == 200, url


def test_another_centres_consultation_is_not_listed(client, vote, home_page):
    other = CentrePageFactory(parent=home_page, title="MAM Chrzanów")
    client.force_login(staff_of(other))
    assert "Budżet na lato 2027" not in client.get("/admin/").content.decode()


def test_a_moderator_gets_no_panel_of_links_they_could_not_open(client, vote):
    client.force_login(staff_of(vote.centre, roles.MODERATOR))
    assert panel(client.get("/admin/").content.decode()) == ""


def test_the_reports_way_back_opens_for_an_official(client, vote):
    client.force_login(staff_of(vote.centre))
    html = client.get(reverse("outcomes_report:html", args=[vote.pk])).content.decode()
    back = re.search(r'<nav class="toolbar[^>]*>.*?</nav>', html, re.S).group(0)
    assert reverse("wagtailadmin_pages:edit", args=[vote.pk]) not in back
    for url in re.findall(r'href="([^"]+)"', back):
        assert client.get(url, follow=True).status_code == 200, url


def test_the_panels_queries_do_not_grow_with_the_consultations(vote, django_assert_num_queries):
    official = staff_of(vote.centre)
    admin_dashboard.consultation_rows(official)  # warm the content type caches

    def rows():
        fresh = type(official).objects.get(pk=official.pk)  # its own permission caches
        with CaptureQueriesContext(connection) as queries:
            count = len(admin_dashboard.consultation_rows(fresh))
        return count, len(queries)

    one, queries_for_one = rows()
    for number in range(3):
        ConsultationPageFactory(parent=vote.get_parent(), title=f"Konsultacja {number}")
    assert rows() == (one + 3, queries_for_one)
