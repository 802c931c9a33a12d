"""Share links on the proposal page: plain links carrying the absolute address, escaped."""

import html
import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from tests.factories_proposals import ProposalFactory, open_consultation

pytestmark = pytest.mark.django_db
XSS_TITLE = '<script>alert("x")</script> & "ławki"'


@pytest.fixture
def detail(client, home_page):
    consultation = open_consultation(home_page)
    proposal = ProposalFactory(consultation=consultation, title=XSS_TITLE)
    path = consultation.url + consultation.reverse_subpage(
        "proposal_detail", kwargs={"pk": proposal.pk}
    )
    response = client.get(path)
    assert response.status_code == 200
    return "http://testserver" + path, response.content.decode()


def hrefs(page: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]*)"', page)]


def link_to(page: str, prefix: str) -> str:
    return next(h for h in hrefs(page) if h.startswith(prefix))


def test_the_address_is_absolute_in_a_labelled_readonly_input(detail):
    url, page = detail
    field = re.search(r'<input[^>]*id="share-url"[^>]*>', page).group(0)
    assert "readonly" in field
    assert f'value="{url}"' in field
    assert '<label class="field__label" for="share-url">' in page


def test_email_link_carries_the_address_and_the_title_encoded(detail):
    url, page = detail
    mailto = link_to(page, "mailto:")
    query = parse_qs(urlsplit(mailto).query)
    assert url in query["body"][0]
    assert XSS_TITLE in query["subject"][0]
    assert "<" not in mailto and " " not in mailto  # percent-encoded, nothing raw


def test_facebook_and_x_links_carry_the_address_and_open_safely(detail):
    url, page = detail
    facebook = link_to(page, "https://www.facebook.com/sharer/sharer.php?")
    x = link_to(page, "https://x.com/intent/tweet?")
    assert parse_qs(urlsplit(facebook).query)["u"] == [url]
    assert parse_qs(urlsplit(x).query)["url"] == [url]
    assert parse_qs(urlsplit(x).query)["text"] == [XSS_TITLE]
    for link in re.findall(r"<a [^>]*(?:facebook|x\.com)[^>]*>", page):
        assert 'rel="noopener noreferrer"' in link


def test_no_third_party_scripts_and_the_title_stays_escaped(detail):
    _url, page = detail
    assert "<script>alert" not in page
    scripts = re.findall(r'<script[^>]*src="([^"]*)"', page)
    assert all(not s.startswith("http") for s in scripts)
    assert unquote("%3Cscript%3E") not in link_to(page, "https://x.com/")
