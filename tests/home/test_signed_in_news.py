"""A signed-in resident's news list: the list the same for everyone is rendered once per
version (`{% shared_for_everyone %}`), the person's own bits per request (#17)."""

import pytest
from django.test import Client

from tests.factories import CentrePageFactory, NewsIndexPageFactory, NewsPageFactory
from tests.factories_proposals import confirmed_user

pytestmark = pytest.mark.django_db
MAX_QUERIES = 4


@pytest.fixture
def news(home_page):
    centre = CentrePageFactory(parent=home_page, title="Centrum Nowy Sącz")
    index = NewsIndexPageFactory(parent=centre)
    NewsPageFactory(parent=index, title="Nowa świetlica")
    return index


def signed_in(user=None) -> Client:
    client = Client()
    client.force_login(user or confirmed_user())
    return client


def queries(client, url, django_assert_max_num_queries) -> int:
    client.get(url)
    with django_assert_max_num_queries(MAX_QUERIES) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_news_list_costs_the_same_few_queries_for_one_or_many_items(
    news, django_assert_max_num_queries
):
    client = signed_in()
    one = queries(client, news.url, django_assert_max_num_queries)
    for n in range(12):
        NewsPageFactory(parent=news, title=f"Wiadomość {n}")
    assert queries(client, news.url, django_assert_max_num_queries) == one


def test_a_published_news_item_shows_on_the_list_at_once(news):
    client = signed_in()
    client.get(news.url)
    NewsPageFactory(parent=news, title="Zebranie rady osiedla")
    assert "Zebranie rady osiedla" in client.get(news.url).text


def test_two_residents_each_see_their_own_name_and_not_the_others(news):
    first = signed_in(confirmed_user(display_name="Anna Wierzbicka")).get(news.url).text
    second = signed_in(confirmed_user(display_name="Jan Zieliński")).get(news.url).text
    assert "Anna Wierzbicka" in first and "Anna Wierzbicka" not in second
    assert "Jan Zieliński" in second and "Nowa świetlica" in second


def test_each_language_gets_its_own_list(news):
    client = signed_in()
    polish = client.get(news.url, HTTP_ACCEPT_LANGUAGE="pl").text
    english = client.get(news.url, HTTP_ACCEPT_LANGUAGE="en").text
    assert "Subskrybuj te aktualności" in polish and "Subscribe to this news" not in polish
    assert "Subscribe to this news" in english and "Subskrybuj te aktualności" not in english
