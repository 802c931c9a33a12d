"""A signed-in resident's news list: the list the same for everyone is rendered once per
version (`{% shared_for_everyone %}`), the person's own bits per request (#17)."""

import pytest

from tests.factories import CentrePageFactory, NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db
MAX_QUERIES = 4


@pytest.fixture
def news(home_page):
    centre = CentrePageFactory(parent=home_page, title="Centrum Nowy Sącz")
    index = NewsIndexPageFactory(parent=centre)
    NewsPageFactory(parent=index, title="Nowa świetlica")
    return index


def test_the_news_list_costs_the_same_few_queries_for_one_or_many_items(
    news, signed_in_client, repeat_queries
):
    client = signed_in_client()
    one = repeat_queries(client, news.url, MAX_QUERIES)
    for n in range(12):
        NewsPageFactory(parent=news, title=f"Wiadomość {n}")
    assert repeat_queries(client, news.url, MAX_QUERIES) == one


def test_a_published_news_item_shows_on_the_list_at_once(news, signed_in_client):
    client = signed_in_client()
    client.get(news.url)
    NewsPageFactory(parent=news, title="Zebranie rady osiedla")
    assert "Zebranie rady osiedla" in client.get(news.url).text


def test_two_residents_each_see_their_own_name_and_not_the_others(news, two_residents_pages):
    _first, second = two_residents_pages(news.url)
    assert "Nowa świetlica" in second


def test_each_language_gets_its_own_list(news, signed_in_client):
    client = signed_in_client()
    polish = client.get(news.url, HTTP_ACCEPT_LANGUAGE="pl").text
    english = client.get(news.url, HTTP_ACCEPT_LANGUAGE="en").text
    assert "Subskrybuj te aktualności" in polish and "Subscribe to this news" not in polish
    assert "Subscribe to this news" in english and "Subskrybuj te aktualności" not in english
