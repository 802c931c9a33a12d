"""The consultation list and page: grouping, timeline, the 'today' box, queries, admin forms."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from consultations.models import ConsultationIndexPage, ConsultationPage, Phase
from home.models import CentrePage, HomePage
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)

pytestmark = pytest.mark.usefixtures("_english")


@pytest.fixture
def _english():
    with override_settings(LANGUAGE_CODE="en"):
        yield


@pytest.fixture
def centre(home_page):
    return CentrePageFactory(parent=home_page, slug="nowy-sacz", town="Nowy Sącz")


@pytest.fixture
def index(centre):
    return ConsultationIndexPageFactory(parent=centre, slug="konsultacje")


def consultation(index, current="proposals", **kwargs):
    return with_phases(ConsultationPageFactory(parent=index, **kwargs), current=current)


# --- Index page -------------------------------------------------------------------------


def test_index_groups_open_upcoming_and_finished(client, index):
    consultation(index, title="Park nad Kamienicą", current="proposals")
    consultation(index, title="Autobusy do Chełmca", current=None)
    consultation(index, title="Plac zabaw 2025", current="finished")
    response = client.get(index.url)
    assert response.status_code == 200
    groups = {key: [c.title for c in items] for key, _label, items in response.context["groups"]}
    assert groups == {
        "open": ["Park nad Kamienicą"],
        "upcoming": ["Autobusy do Chełmca"],
        "finished": ["Plac zabaw 2025"],
    }


def test_index_card_says_the_phase_and_days_left_in_words(client, index):
    consultation(index)
    response = client.get(index.url)
    assert re.search(r"Submitting ideas runs until \d+ \w+, \d+ days? left", response.text)


def test_index_filters_by_status(client, index):
    consultation(index, title="Otwarta", current="proposals")
    consultation(index, title="Zakończona", current="finished")
    response = client.get(index.url, {"status": "finished"})
    assert "Zakończona" in response.text
    assert "Otwarta" not in response.text


def test_index_searches_titles_and_leads(client, index):
    consultation(index, title="Zielone podwórka", lead="Drzewa i ławki.")
    consultation(index, title="Autobusy", lead="Nowe połączenia.")
    response = client.get(index.url, {"q": "ławki"})
    assert "Zielone podwórka" in response.text
    assert "Autobusy" not in response.text


def test_index_with_an_unknown_status_shows_an_error_not_a_crash(client, index):
    consultation(index)
    response = client.get(index.url, {"status": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "<script>alert(1)</script>" not in response.text


def test_index_skips_draft_consultations(client, index):
    draft = ConsultationPageFactory(parent=index, title="Szkic", live=False)
    with_phases(draft, publish=False)
    assert "Szkic" not in client.get(index.url).text


def test_index_escapes_titles(client, index):
    consultation(index, title="<img src=x onerror=alert(1)>")
    response = client.get(index.url)
    assert "<img src=x onerror" not in response.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in response.text


def test_index_query_count_does_not_grow_with_consultations(
    client, index, django_assert_num_queries, pages_changed
):
    consultation(index)
    client.get(index.url)  # warm caches (site root paths)
    pages_changed(listings=True)  # the anonymous copy is rebuilt: count the rendering
    with CaptureQueriesContext(connection) as one:
        client.get(index.url)
    expected = len(one.captured_queries)  # read now: the next request clears the log
    for _ in range(9):
        consultation(index)
    client.get(index.url)  # new pages change the cached menu and breadcrumbs: warm again
    pages_changed(listings=True)
    with django_assert_num_queries(expected):
        response = client.get(index.url)
    assert len(response.context["groups"][0][2]) == 10


# --- Consultation page ------------------------------------------------------------------


def test_consultation_page_shows_lead_rules_and_easy_read_with_a_link(client, index):
    page = consultation(
        index,
        lead="Zdecyduj o podwórkach.",
        easy_read="<p>Możesz zgłosić pomysł.</p>",
        rules="<p>Jeden pomysł to jedno miejsce.</p>",
    )
    text = client.get(page.url).text
    assert "Zdecyduj o podwórkach." in text
    assert 'href="#easy-read"' in text and 'id="easy-read"' in text
    assert "Możesz zgłosić pomysł." in text
    assert "Jeden pomysł to jedno miejsce." in text


def test_timeline_marks_the_current_phase_in_text_and_aria(client, index):
    page = consultation(index, current="discussion")
    text = client.get(page.url).text
    current = re.findall(
        r'<li class="timeline__step[^"]*" aria-current="step">(.*?)</li>', text, re.S
    )
    assert len(current) == 1
    assert "Discussion" in current[0] and "Now" in current[0]
    assert text.count('aria-current="step"') == 1


def test_timeline_is_an_ordered_list_of_all_phases(client, index):
    page = consultation(index)
    text = client.get(page.url).text
    assert '<ol class="timeline"' in text
    assert text.count('class="timeline__step') == 6


def test_anonymous_visitor_is_invited_to_sign_in_during_proposals(client, index):
    page = consultation(index)
    text = client.get(page.url).text
    assert "Sign in or create an account to submit an idea." in text
    assert f'?next={page.url}"' in text  # sign in, then come back
    assert 'href="' + page.url + 'propozycje/"' in text
    assert "propozycje/nowa/" not in text


def test_confirmed_resident_gets_the_submit_button(client, index):
    page = consultation(index)
    user = UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.force_login(user)
    text = client.get(page.url).text
    assert f'href="{page.url}propozycje/nowa/"' in text


def test_verified_only_consultation_explains_to_a_non_resident(client, index):
    page = consultation(index, eligibility=ConsultationPage.Eligibility.VERIFIED)
    user = UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.force_login(user)
    text = client.get(page.url).text
    assert "Only verified residents of Nowy Sącz may take part." in text
    assert "propozycje/nowa/" not in text


def test_voting_phase_offers_no_submit_button(client, index):
    page = consultation(index, current="voting")
    text = client.get(page.url).text
    assert "propozycje/nowa/" not in text


def test_categories_show_their_name_and_a_safe_colour(client, index):
    page = ConsultationPageFactory(parent=index)
    page = with_phases(page, categories=["Zieleń"])
    page.categories.update(colour="red;}")
    text = client.get(page.url).text
    assert "Zieleń" in text
    assert "red;}" not in text


def test_consultation_page_query_count_is_fixed(client, index, django_assert_num_queries):
    page = consultation(index)
    client.get(page.url)
    with CaptureQueriesContext(connection) as first:
        client.get(page.url)
    expected = len(first.captured_queries)  # read now: the next request clears the log
    with_phases(page, categories=[f"Kategoria {n}" for n in range(10)])
    client.get(page.url)  # a saved page changes the cached chrome: warm again
    with django_assert_num_queries(expected):
        client.get(page.url)


def test_closed_early_phase_is_labelled_on_the_timeline(client, index):
    page = consultation(index)
    page.phases.filter(kind=Phase.Kind.PROPOSALS).update(
        closed_early_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    text = client.get(page.url).text
    assert "(closed early)" in text
    assert 'aria-current="step"' not in text


# --- Admin --------------------------------------------------------------------------------


class TreeRulesTests(WagtailPageTestCase):
    def test_consultation_index_lives_under_a_centre(self):
        self.assertAllowedParentPageTypes(ConsultationIndexPage, {CentrePage})
        self.assertAllowedSubpageTypes(ConsultationIndexPage, {ConsultationPage})

    def test_centre_accepts_a_consultation_index(self):
        self.assertCanCreateAt(CentrePage, ConsultationIndexPage)


class AdminCreationTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.centre = CentrePageFactory(parent=HomePage.objects.get())

    def test_editor_creates_a_consultation_index_under_a_centre(self):
        self.assertCanCreate(
            self.centre,
            ConsultationIndexPage,
            nested_form_data({"title": "Konsultacje", "slug": "konsultacje", "intro": ""}),
        )

    def test_editor_creates_a_consultation_with_phases_and_categories(self):
        index = ConsultationIndexPageFactory(parent=self.centre)
        self.assertCanCreate(
            index,
            ConsultationPage,
            nested_form_data(
                {
                    "title": "Zielone podwórka",
                    "slug": "zielone-podworka",
                    "lead": "Zdecyduj, co posadzić na podwórkach.",
                    "intro": streamfield([]),
                    "easy_read": rich_text("<p>Zgłoś pomysł.</p>"),
                    "rules": rich_text("<p>Jeden pomysł to jedno miejsce.</p>"),
                    "eligibility": "confirmed",
                    "support_threshold": "50",
                    "map_latitude": "49.625",
                    "map_longitude": "20.691",
                    "map_zoom": "14",
                    "boundary": "null",
                    "phases": inline_formset(
                        [
                            {
                                "kind": "proposals",
                                "starts_at": "2026-11-01 00:00",
                                "ends_at": "2026-12-01 00:00",
                                "closed_early_at": "",
                                "description": "Zgłaszaj pomysły.",
                            }
                        ],
                        min=1,
                    ),
                    "categories": inline_formset(
                        [{"name": "Zieleń", "colour": "#2d6a2e", "icon": "greenery"}]
                    ),
                    "voting_method": "",
                    "double_vote_rule": "online_counts",
                    "show_turnout": "on",
                    "budget_pools": inline_formset([]),
                    "questions": inline_formset([]),
                }
            ),
        )
        page = ConsultationPage.objects.get(slug="zielone-podworka")
        assert page.phases.get().kind == "proposals"
        assert page.categories.get().name == "Zieleń"
