"""The map on the initiative's start form: clicks draw the area's corners and fill the typed
area field with a closed GeoJSON polygon, which the server stores as if it were typed."""

import json

import pytest

from initiatives.models import Initiative, InitiativeIndexPage
from tests.factories import CentrePageFactory
from tests.initiatives.helpers import resident

TIMEOUT = 15_000


@pytest.fixture(autouse=True)
def _no_tile_server(settings):
    """Tests never fetch map tiles from the internet; the map works on a blank background."""
    settings.MAP_TILE_URL = "/static/no-tiles/{z}/{x}/{y}.png"


@pytest.mark.django_db(transaction=True)
def test_three_clicks_draw_a_closed_area_that_is_saved(
    page_tree, browser, live_server, share_session
):
    centre = CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")
    index = InitiativeIndexPage(title="Inicjatywy mieszkańców", slug="inicjatywy")
    centre.add_child(instance=index)
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    share_session(context, resident(centre))
    try:
        page = context.new_page()
        page.goto(live_server.url + index.url + "nowa/")
        area_map = page.locator("#area-picker-map")
        area_map.wait_for(state="visible", timeout=TIMEOUT)
        for x, y in ((100, 80), (300, 80), (200, 250)):
            area_map.click(position={"x": x, "y": y})
        area = json.loads(page.input_value("#id_area"))
        ring = area["coordinates"][0]
        assert area["type"] == "Polygon" and len(ring) == 4 and ring[0] == ring[-1]
        page.fill("#id_title", "Skwer bez ławek")
        page.fill("#id_issue", "Nie ma gdzie usiąść.")
        page.fill("#id_goal", "Ławki i cień.")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").last.click()
    finally:
        context.close()
    assert Initiative.objects.get().area["coordinates"][0] == ring
