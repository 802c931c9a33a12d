"""Similar proposals are really similar, and come after the resident's own proposal."""

import pytest

from proposals.selectors import similar_proposals
from tests.factories_proposals import ProposalFactory, confirmed_user, open_consultation

pytestmark = pytest.mark.django_db


def test_titles_sharing_only_a_stop_word_are_not_similar(home_page):
    consultation = open_consultation(home_page)
    for title in ("Ławki przy szkole", "Parking przy kościele", "Drzewa przy Rynku"):
        ProposalFactory(consultation=consultation, title=title)
    assert similar_proposals(consultation, "Kosze na śmieci przy przystanku") == []


def test_one_shared_word_among_many_is_not_enough(home_page):
    consultation = open_consultation(home_page)
    ProposalFactory(consultation=consultation, title="Remont boiska szkolnego przy Zielonej")
    assert similar_proposals(consultation, "Nowe ławki koło boiska i fontanna w parku") == []


def test_inflected_and_capitalised_words_still_match(home_page):
    consultation = open_consultation(home_page)
    ProposalFactory(consultation=consultation, title="Ławki na przystanku Zielona")
    found = similar_proposals(consultation, "ławki przy przystanek Zielona")
    assert [p.title for p in found] == ["Ławki na przystanku Zielona"]


def test_the_check_step_shows_the_proposal_and_publish_button_before_similar_ones(
    client, home_page
):
    consultation = open_consultation(home_page)
    ProposalFactory(consultation=consultation, title="Ławki nad rzeką")
    client.force_login(confirmed_user())
    response = client.post(
        consultation.url + consultation.reverse_subpage("proposal_create"),
        {"title": "Nowe ławki nad rzeką", "body": "Brakuje ławek.", "place": "Bulwary"},
    )
    html = response.content.decode()
    assert 'id="similar-title"' in html
    assert html.index('value="publish"') < html.index('id="similar-title"')
    assert html.index("Nowe ławki nad rzeką") < html.index('id="similar-title"')
