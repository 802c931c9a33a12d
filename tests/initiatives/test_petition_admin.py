"""The staff's petition listing: drafts filed below their art. 41a threshold are marked and
can be filtered, without a query per row."""

import datetime

import pytest
from django.urls import reverse

from initiatives.models import Petition
from initiatives.services import petitions
from tests.initiatives.helpers import centre_with_index, organiser
from tests.initiatives.petition_helpers import open_resolution, signed_resolution, with_signatures

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return centre_with_index(home_page)[1]


def filed(index, *, below: bool) -> Petition:
    petition = with_signatures(open_resolution(index), 30) if below else signed_resolution(index)
    return petitions.petition_file(
        petition=petition,
        staff=organiser(index.centre),
        filed_on=datetime.date(2026, 1, 5),
        below_threshold_confirmed=below,
    )


def listing(client, index, query="") -> str:
    client.force_login(organiser(index.centre))
    response = client.get(reverse("mam_petitions:index") + query, HTTP_ACCEPT_LANGUAGE="pl")
    assert response.status_code == 200
    return response.content.decode()


TITLES = ("Pełny próg", "Poniżej progu")


def squeeze(html: str) -> str:
    return "".join(html.split())


def test_listing_has_a_below_threshold_column(client, index):
    filed(index, below=True)
    assert "Złożony poniżej progu" in listing(client, index)


def test_listing_marks_only_the_draft_filed_below_its_threshold(client, index):
    Petition.objects.filter(pk=filed(index, below=False).pk).update(title="Pełny próg")
    Petition.objects.filter(pk=filed(index, below=True).pk).update(title="Poniżej progu")
    rows = listing(client, index).split("<tr")
    marked = {title: ">Tak<" in squeeze(row) for row in rows for title in TITLES if title in row}
    assert marked == {"Pełny próg": False, "Poniżej progu": True}


def test_below_threshold_filter_keeps_only_those_drafts(client, index):
    Petition.objects.filter(pk=filed(index, below=False).pk).update(title="Pełny próg")
    Petition.objects.filter(pk=filed(index, below=True).pk).update(title="Poniżej progu")
    page = listing(client, index, "?below_threshold=true")
    assert "Poniżej progu" in page
    assert "Pełny próg" not in page


def test_listing_query_count_does_not_grow_with_rows(client, index, django_assert_max_num_queries):
    filed(index, below=True)
    client.force_login(organiser(index.centre))
    url = reverse("mam_petitions:index")
    client.get(url)
    with django_assert_max_num_queries(100) as one:
        client.get(url)
    for _n in range(3):
        filed(index, below=True)
    client.get(url)  # new staff members were made: warm the permission caches again
    with django_assert_max_num_queries(100) as many:
        client.get(url)
    assert len(many.captured_queries) == len(one.captured_queries)
