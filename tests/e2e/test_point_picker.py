"""The map on the proposal form: a click, or the keyboard, marks the point and fills the inputs."""

import pytest

from tests.factories import CentrePageFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_proposals import confirmed_user

TIMEOUT = 15_000


@pytest.fixture(autouse=True)
def _no_tile_server(settings):
    """Tests never fetch map tiles from the internet; the map works on a blank background."""
    settings.MAP_TILE_URL = "/static/no-tiles/{z}/{x}/{y}.png"


@pytest.fixture
def form_url(page_tree):
    centre = CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")
    index = ConsultationIndexPageFactory(parent=centre)
    consultation = with_phases(
        ConsultationPageFactory(parent=index, title="Park nad Kamienicą"), current="proposals"
    )
    return consultation.url + consultation.reverse_subpage("proposal_create")


@pytest.fixture
def signed_in(browser, share_session):
    """A browser context with a confirmed resident's session cookie."""
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    share_session(context, confirmed_user())
    yield context
    context.close()


def open_form(context, live_server, form_url):
    page = context.new_page()
    page.goto(live_server.url + form_url)
    page.locator("#point-picker-map").wait_for(state="visible", timeout=TIMEOUT)
    return page


@pytest.mark.django_db(transaction=True)
def test_click_on_the_map_fills_latitude_and_longitude(signed_in, live_server, form_url):
    page = open_form(signed_in, live_server, form_url)
    assert page.input_value("#id_latitude") == ""
    page.locator("#point-picker-map").click(position={"x": 200, "y": 120})
    lat, lon = float(page.input_value("#id_latitude")), float(page.input_value("#id_longitude"))
    assert 49.5 < lat < 49.75 and 20.5 < lon < 20.9  # near the consultation's map point
    assert page.locator("#id_latitude").is_visible()
    assert "49." in page.locator("#point-picker-status").inner_text()


@pytest.mark.django_db(transaction=True)
def test_remove_button_clears_the_point(signed_in, live_server, form_url):
    page = open_form(signed_in, live_server, form_url)
    page.locator("#point-picker-map").click(position={"x": 200, "y": 120})
    page.get_by_role("button", name="Remove the point").click()
    assert page.input_value("#id_latitude") == ""
    assert page.input_value("#id_longitude") == ""
    assert page.locator(".leaflet-marker-icon").count() == 0
    assert not page.get_by_role("button", name="Remove the point").is_visible()


@pytest.mark.django_db(transaction=True)
def test_keyboard_alone_pans_the_map_and_puts_the_point_in_its_centre(
    signed_in, live_server, form_url
):
    page = open_form(signed_in, live_server, form_url)
    page.locator("#point-picker-map").focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_timeout(400)  # the pan animation
    page.locator("#point-picker-centre").focus()
    page.keyboard.press("Enter")
    lon = float(page.input_value("#id_longitude"))
    assert lon > 20.691  # panned east of the consultation's map point
    assert float(page.input_value("#id_latitude")) == pytest.approx(49.625, abs=0.01)


@pytest.mark.django_db(transaction=True)
def test_marked_point_is_published_with_the_proposal(signed_in, live_server, form_url):
    from proposals.models import Proposal

    page = open_form(signed_in, live_server, form_url)
    page.fill("#id_title", "Ławka przy stawie")
    page.fill("#id_body", "Postawmy ławkę przy stawie.")
    page.locator("#point-picker-map").click(position={"x": 200, "y": 120})
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Publish the proposal").click()
    proposal = Proposal.objects.get()
    assert proposal.latitude is not None and proposal.place == ""
