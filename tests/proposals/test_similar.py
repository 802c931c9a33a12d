"""Similar proposals: shown while typing (htmx), on a page of their own, and before publishing."""

import pytest

from proposals.models import Proposal
from proposals.selectors import similar_proposals
from tests.factories_proposals import ProposalFactory, open_consultation

pytestmark = pytest.mark.django_db


def test_similar_titles_are_found_best_first(home_page):
    consultation = open_consultation(home_page)
    ProposalFactory(consultation=consultation, title="Nowe kosze na śmieci przy przystanku")
    ProposalFactory(consultation=consultation, title="Kosze na śmieci w parku")
    ProposalFactory(consultation=consultation, title="Autobus do szpitala")
    found = [p.title for p in similar_proposals(consultation, "Kosze na śmieci przy przystanku")]
    assert found == ["Nowe kosze na śmieci przy przystanku", "Kosze na śmieci w parku"]


def test_similar_ignores_other_consultations_hidden_and_withdrawn(home_page):
    consultation = open_consultation(home_page)
    other = open_consultation(home_page)
    ProposalFactory(consultation=other, title="Plac zabaw")
    ProposalFactory(consultation=consultation, title="Plac zabaw", hidden_at="2026-01-01T00:00Z")
    ProposalFactory(consultation=consultation, title="Plac zabaw", status=Proposal.Status.WITHDRAWN)
    assert similar_proposals(consultation, "Plac zabaw") == []


def test_at_most_five_similar(home_page):
    consultation = open_consultation(home_page)
    for number in range(8):
        ProposalFactory(consultation=consultation, title=f"Remont chodnika {number}")
    assert len(similar_proposals(consultation, "Remont chodnika")) == 5


def test_similar_view_gives_a_page_without_js_and_a_fragment_for_htmx(client, home_page):
    consultation = open_consultation(home_page)
    ProposalFactory(consultation=consultation, title="Oświetlenie boiska <i>")
    url = consultation.url + consultation.reverse_subpage("proposal_similar")
    page = client.get(url, {"title": "oświetlenie boiska"}).content.decode()
    fragment = client.get(url, {"title": "oświetlenie boiska"}, HTTP_HX_REQUEST="true")
    assert "<html" in page
    assert "Oświetlenie boiska &lt;i&gt;" in page
    assert "<html" not in fragment.content.decode()
    assert "Oświetlenie boiska &lt;i&gt;" in fragment.content.decode()


def test_preview_step_shows_similar_proposals(client, home_page):
    from tests.factories_proposals import confirmed_user

    consultation = open_consultation(home_page)
    ProposalFactory(consultation=consultation, title="Ławki nad rzeką")
    client.force_login(confirmed_user())
    response = client.post(
        consultation.url + consultation.reverse_subpage("proposal_create"),
        {"title": "Nowe ławki nad rzeką", "body": "Brakuje ławek.", "place": "Bulwary"},
    )
    assert [p.title for p in response.context["similar"]] == ["Ławki nad rzeką"]


@pytest.mark.postgres
def test_trigram_similarity_finds_titles_with_typos_on_postgres(home_page):
    consultation = open_consultation(home_page)
    ProposalFactory(consultation=consultation, title="Oświetlenie boiska szkolnego")
    ProposalFactory(consultation=consultation, title="Autobus do szpitala")
    found = [p.title for p in similar_proposals(consultation, "oswietlenie boiska")]
    assert found == ["Oświetlenie boiska szkolnego"]


@pytest.mark.postgres
def test_full_text_search_on_postgres(home_page):
    from proposals.selectors import proposal_list

    consultation = open_consultation(home_page)
    ProposalFactory(consultation=consultation, title="Ławki", body="Nowe ławki nad Dunajcem")
    ProposalFactory(consultation=consultation, title="Autobus", body="Linia 5")
    assert [p.title for p in proposal_list(consultation, q="Dunajcem")] == ["Ławki"]
