"""The centre's activity list, month view, archive and an activity's page; the centre's and
the home page's activities, in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events import recurrence, selectors
from events.models import Kind, SignUp
from tests.factories import CentrePageFactory
from tests.factories_events import activity, change, index_of

pytestmark = pytest.mark.django_db


def soon(days: int, hour: int = 17) -> datetime.datetime:
    """`days` from today at `hour`, Polish time."""
    day = recurrence.local(timezone.now()).date() + datetime.timedelta(days=days)
    return recurrence.place(datetime.datetime.combine(day, datetime.time(hour)))


def queries(client, url) -> int:
    """Queries of a warm request (the site's chrome and routes read once before)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_list_shows_upcoming_dates_with_places_left(client, centre):
    activity(centre, title="Warsztaty segregacji", starts_at=soon(3), places=12)
    response = client.get(index_of(centre).url)
    assert response.status_code == 200
    assert "Warsztaty segregacji" in response.text
    assert "12 wolnych miejsc" in response.text


def test_list_leaves_out_past_activities(client, centre):
    activity(centre, title="Było dawno", starts_at=soon(-10))
    assert "Było dawno" not in client.get(index_of(centre).url).text


def test_list_filters_by_kind(client, centre):
    activity(centre, title="Dyżur prawnika", kind=Kind.DUTY_HOUR, starts_at=soon(2))
    activity(centre, title="Warsztaty", kind=Kind.WORKSHOP, starts_at=soon(2))
    text = client.get(index_of(centre).url, {"rodzaj": "duty_hour"}).text
    assert "Dyżur prawnika" in text and ">Warsztaty<" not in text


def test_list_filters_by_day(client, centre):
    activity(centre, title="Pierwszy", starts_at=soon(2))
    activity(centre, title="Drugi", starts_at=soon(5))
    text = client.get(index_of(centre).url, {"dzien": soon(5).date().isoformat()}).text
    assert "Drugi" in text and "Pierwszy" not in text


def test_a_bad_filter_value_is_an_error_message_not_a_server_error(client, centre):
    response = client.get(index_of(centre).url, {"rodzaj": "²", "dzien": "9" * 30})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text


def test_a_cancelled_date_is_shown_as_cancelled(client, centre):
    page = activity(centre, starts_at=soon(1), recurrence="FREQ=WEEKLY")
    change(page, soon(8).date(), note="Remont sali")
    text = client.get(index_of(centre).url).text
    assert "Remont sali" in text


def test_month_view_shows_the_month_as_a_table(client, centre):
    start = soon(3)
    activity(centre, title="Dzień otwarty", starts_at=start)
    url = f"{index_of(centre).url}miesiac/{start.year}/{start.month}/"
    response = client.get(url)
    assert response.status_code == 200
    assert "<table" in response.text and "Dzień otwarty" in response.text


@pytest.mark.parametrize("tail", ["2026/13/", "2026/0/", "99999/1/", "1/1/"])
def test_month_view_of_a_month_that_cannot_be_is_not_found(client, centre, tail):
    activity(centre, starts_at=soon(3))
    assert client.get(f"{index_of(centre).url}miesiac/{tail}").status_code == 404


def test_archive_shows_past_activities(client, centre):
    activity(centre, title="Było w zeszłym miesiącu", starts_at=soon(-30))
    response = client.get(index_of(centre).url + "archiwum/")
    assert response.status_code == 200 and "Było w zeszłym miesiącu" in response.text


def test_activity_page_offers_sign_up_and_the_calendar_file(client, centre):
    page = activity(centre, starts_at=soon(3), places=5)
    text = client.get(page.url).text
    assert f"zapisy/{soon(3).date().isoformat()}/" in text
    assert f"{page.url}kalendarz.ics" in text


def test_activity_page_says_when_no_places_are_left(client, centre):
    page = activity(centre, starts_at=soon(3), places=1, waiting_list=True)
    now = timezone.now()
    SignUp.objects.create(
        activity=page, occurrence=soon(3).date(), name="Jan", state="confirmed",
        created_at=now, changed_at=now,
    )  # fmt: skip
    text = client.get(page.url).text
    assert "Brak wolnych miejsc" in text and "listę rezerwową" in text


def test_centre_page_shows_what_is_on_in_the_coming_seven_days(client, centre):
    activity(centre, title="Jeszcze dziś", starts_at=soon(0, 23))
    activity(centre, title="Za sześć dni", starts_at=soon(6, 10))
    activity(centre, title="Za osiem dni", starts_at=soon(8))
    text = client.get(centre.url).text
    assert "Jeszcze dziś" in text and "Za sześć dni" in text
    assert "Za osiem dni" not in text


def test_on_a_saturday_the_centre_page_shows_the_next_weeks_first_days(centre):
    saturday = recurrence.place(datetime.datetime(2027, 3, 6, 12))
    activity(centre, title="Wtorkowe warsztaty", starts_at=saturday + datetime.timedelta(days=3))
    coming = selectors.this_week(index_of(centre), now=saturday)
    assert [entry.activity.title for entry in coming] == ["Wtorkowe warsztaty"]


def test_home_page_shows_the_next_activities_of_every_centre(client, home_page, centre):
    other = CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")
    activity(centre, title="W Nowym Sączu", starts_at=soon(2))
    activity(other, title="W Chrzanowie", starts_at=soon(4))
    text = client.get(home_page.url).text
    assert "W Nowym Sączu" in text and "W Chrzanowie" in text


def test_list_queries_do_not_grow_with_activities(client, centre, settings):
    settings.MAM_PAGE_CACHE = False
    activity(centre, starts_at=soon(2), places=5, recurrence="FREQ=DAILY")
    one = queries(client, index_of(centre).url)
    for days in range(3, 8):
        activity(centre, starts_at=soon(days), places=5, recurrence="FREQ=WEEKLY")
    assert queries(client, index_of(centre).url) == one


def test_activity_page_queries_do_not_grow_with_dates(client, centre, settings):
    settings.MAM_PAGE_CACHE = False
    once = activity(centre, starts_at=soon(2), places=5)
    daily = activity(centre, starts_at=soon(2), places=5, recurrence="FREQ=DAILY")
    assert queries(client, daily.url) == queries(client, once.url)


def test_home_page_queries_do_not_grow_with_centres_and_activities(
    client, home_page, centre, settings
):
    settings.MAM_PAGE_CACHE = False
    activity(centre, starts_at=soon(2), places=5)
    one = queries(client, home_page.url)
    for number in range(3):
        other = CentrePageFactory(parent=home_page, slug=f"centrum-{number}")
        activity(other, starts_at=soon(3), places=5, recurrence="FREQ=DAILY")
        activity(other, starts_at=soon(4))
    assert queries(client, home_page.url) == one
