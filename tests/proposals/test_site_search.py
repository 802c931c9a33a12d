"""Site search finds residents' proposals anyone may see, and links to them."""

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import PageViewRestriction

from proposals.models import Proposal
from tests.factories_proposals import ProposalFactory, open_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(home_page):
    return open_consultation(home_page, current="discussion")


def found(client, query) -> list[str]:
    response = client.get("/szukaj/", {"q": query})
    assert response.status_code == 200
    return [
        proposal.title
        for section in response.context["sections"]
        for proposal in section["results"]
    ]


def test_search_finds_a_proposal_and_links_to_it(client, consultation):
    proposal = ProposalFactory(
        consultation=consultation,
        title="Nowa linia do szpitala",
        body="Brakuje bezpośredniego połączenia: autobus powinien jeździć co 20 minut.",
    )
    response = client.get("/szukaj/", {"q": "autobus"})
    assert found(client, "autobus") == ["Nowa linia do szpitala"]
    assert f'href="{proposal.get_absolute_url()}"' in response.text
    assert "0 wyników" not in response.text


def test_search_leaves_out_hidden_and_withdrawn_proposals(client, consultation):
    ProposalFactory(consultation=consultation, title="Autobus ukryty", hidden_at=timezone.now())
    ProposalFactory(
        consultation=consultation, title="Autobus wycofany", status=Proposal.Status.WITHDRAWN
    )
    assert found(client, "autobus") == []


def test_search_leaves_out_proposals_of_restricted_or_unpublished_consultations(client, home_page):
    restricted = open_consultation(home_page, current="discussion")
    unpublished = open_consultation(home_page, current="discussion")
    ProposalFactory(consultation=restricted, title="Autobus za hasłem")
    ProposalFactory(consultation=unpublished, title="Autobus w szkicu")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    unpublished.unpublish()
    assert found(client, "autobus") == []


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Polish stemming is PostgreSQL's"
)


def has_polish_dictionary() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_dict WHERE dictname = 'polish_hunspell'")
        return cursor.fetchone() is not None


@postgres_only
def test_postgres_has_the_polish_search_configuration(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('polish', 'Zażółć'), to_tsvector('polish', 'Łąka')")
        assert all(cursor.fetchone())


@postgres_only
@pytest.mark.parametrize(
    ("query", "title"),
    [("autobusy", "Nowy autobus do centrum"), ("łąkach", "Kwiaty na łąka przy rzece")],
)
def test_polish_search_finds_other_forms_of_a_word(client, consultation, query, title):
    if not has_polish_dictionary():
        pytest.skip("hunspell-pl is not installed for this PostgreSQL (make test-postgres does)")
    ProposalFactory(consultation=consultation, title=title, body="Opis.")
    assert found(client, query) == [title]


@postgres_only
def test_without_the_dictionary_the_configuration_falls_back_to_unaccent(db, monkeypatch):
    from proposals import search_config

    missing = [
        statement.replace("pl_pl", "pl_missing") for statement in search_config.WITH_DICTIONARY
    ]
    monkeypatch.setattr(search_config, "WITH_DICTIONARY", missing)
    assert search_config.ensure_polish_configuration(connection, rebuild=True) == "fallback"
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('polish', 'Łąkach')::text")
        assert cursor.fetchone()[0] == "'lakach':1"


@postgres_only
def test_with_the_dictionary_words_become_their_lemmas(db):
    if not has_polish_dictionary():
        pytest.skip("hunspell-pl is not installed for this PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('polish', 'łąkach') @@ to_tsquery('polish', 'łąka')")
        assert cursor.fetchone()[0]
