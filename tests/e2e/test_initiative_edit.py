"""The initiative's edit page in a browser: axe finds no WCAG 2.1 A/AA violation with and
without JavaScript (empty and with errors, a kept photo's text among them); the point and area
pickers open on the initiative's centre, and on the area already drawn when editing."""

import io
import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from initiatives.models import InitiativeIndexPage
from tests.factories import CentrePageFactory
from tests.initiatives.helpers import resident, running

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
TIMEOUT = 15_000
CENTRE = (49.625, 20.691)  # tests.factories.CentrePageFactory
ELSEWHERE = [[20.60, 49.60], [20.61, 49.60], [20.61, 49.61], [20.60, 49.61], [20.60, 49.60]]


@pytest.fixture(autouse=True)
def _offline_and_fresh(settings):
    """No map tiles from the internet; fresh rate limits."""
    settings.MAP_TILE_URL = "/static/no-tiles/{z}/{x}/{y}.png"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def index(page_tree):
    centre = CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")
    index = InitiativeIndexPage(title="Inicjatywy mieszkańców", slug="inicjatywy")
    centre.add_child(instance=index)
    return index


def _edit_url(initiative) -> str:
    return initiative.index.sub_url("edit", pk=initiative.pk)


def _jpeg() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(out, format="JPEG")
    return SimpleUploadedFile("a.jpg", out.getvalue(), content_type="image/jpeg")


def check(page, screenshot, name):
    screenshot(page, name)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.django_db(transaction=True)
def test_edit_page_has_no_wcag_aa_violations(
    sign_in, index, live_server, narrow_context, screenshot
):
    area = {"type": "Polygon", "coordinates": [ELSEWHERE]}
    initiative = running(
        index, latitude=49.605, longitude=20.605, area=area, photos=[(_jpeg(), "Podwórko")]
    )
    alt = f"#id_photo_alt_{initiative.photos.get().pk}"
    page = narrow_context.new_page()
    sign_in(page, live_server.url, initiative.started_by.email)
    page.goto(live_server.url + _edit_url(initiative))
    assert page.input_value(alt) == "Podwórko"
    check(page, screenshot, "initiative-edit")
    page.fill("#id_issue", "")
    page.fill(alt, "")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator(".error-summary").count() == 1
    assert page.locator(f".error-summary a[href='{alt}']").count() == 1
    check(page, screenshot, "initiative-edit-errors")


def _near(value: float, wanted: float) -> bool:
    return abs(value - wanted) < 0.002


@pytest.mark.django_db(transaction=True)
def test_the_start_forms_pickers_open_on_the_centre(sign_in, index, live_server, phone_context):
    user = resident(index.centre)
    page = phone_context.new_page()
    sign_in(page, live_server.url, user.email)
    page.goto(live_server.url + index.url + "nowa/")
    page.locator("#point-picker-map").wait_for(state="visible", timeout=TIMEOUT)
    page.click("#point-picker-centre")
    latitude = float(page.input_value("#id_latitude"))
    longitude = float(page.input_value("#id_longitude"))
    assert _near(latitude, CENTRE[0]) and _near(longitude, CENTRE[1])
    for _ in range(3):
        page.click("#area-picker-centre")
    corner = json.loads(page.input_value("#id_area"))["coordinates"][0][0]
    assert _near(corner[1], CENTRE[0]) and _near(corner[0], CENTRE[1])


@pytest.mark.django_db(transaction=True)
def test_the_edit_forms_area_picker_opens_on_the_area_drawn(
    sign_in, index, live_server, phone_context
):
    initiative = running(index, area={"type": "Polygon", "coordinates": [ELSEWHERE]})
    page = phone_context.new_page()
    sign_in(page, live_server.url, initiative.started_by.email)
    page.goto(live_server.url + _edit_url(initiative))
    page.locator("#area-picker-map").wait_for(state="visible", timeout=TIMEOUT)
    page.click("#area-picker-centre")
    ring = json.loads(page.input_value("#id_area"))["coordinates"][0]
    assert ring[:4] == ELSEWHERE[:4]
    added = ring[4]
    assert _near(added[0], 20.605) and _near(added[1], 49.605)
