"""The public list of a centre's initiatives: cards in pages, the first photo, running first."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from initiatives.views.start import PER_PAGE
from tests.initiatives.helpers import centre_with_index, running

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return centre_with_index(home_page)[1]


def _jpeg() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(out, format="JPEG")
    return SimpleUploadedFile("a.jpg", out.getvalue(), content_type="image/jpeg")


def test_the_list_shows_one_page_of_cards_and_links_to_the_next(client, index):
    for n in range(PER_PAGE + 1):
        running(index, title=f"Inicjatywa {n:02d}")
    first = client.get(index.url)
    assert first.status_code == 200
    assert first.text.count('class="card__link"') == PER_PAGE
    assert 'rel="next"' in first.text
    second = client.get(index.url, {"page": 2})
    assert second.text.count('class="card__link"') == 1


def test_a_page_number_past_the_end_shows_the_last_page(client, index):
    running(index, title="Ławki na skwerze")
    response = client.get(index.url, {"page": "99"})
    assert response.status_code == 200
    assert "Ławki na skwerze" in response.text


def test_a_card_shows_the_initiatives_first_photo(client, index):
    initiative = running(index, photos=[(_jpeg(), "Podwórko przed zmianą")])
    text = client.get(index.url).text
    assert initiative.photos.get().image.url in text


def test_a_card_links_the_title_to_the_initiative(client, index):
    initiative = running(index, title="Zielone podwórko")
    text = client.get(index.url).text
    assert f'class="card__link" href="{index.url}{initiative.pk}/"' in text


def test_the_list_costs_the_same_queries_on_a_page_of_one_or_of_many(
    client, index, django_assert_max_num_queries
):
    running(index, title="Pierwsza", photos=[(_jpeg(), "Zdjęcie")])
    client.get(index.url)
    with django_assert_max_num_queries(50) as first:
        client.get(index.url)
    one = len(first)  # now: the connection's query log is a ring that later writes wrap
    for n in range(PER_PAGE):
        running(index, title=f"Inicjatywa {n}", photos=[(_jpeg(), "Zdjęcie")])
    with django_assert_max_num_queries(one):
        client.get(index.url)
