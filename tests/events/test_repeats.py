"""Repeats chosen in fields: built into the stored RFC 5545 rule, read back, said in words."""

import datetime

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events import recurrence, repeats
from events.models import ActivityPage
from tests.factories_events import activity, warsaw

TUESDAY_17 = warsaw(2026, 12, 8, 17)  # a Tuesday
MONDAY_18 = warsaw(2026, 12, 7, 18)  # the first Monday of December


@pytest.mark.parametrize(
    "text",
    [
        "FREQ=WEEKLY;BYDAY=TU",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH",
        "FREQ=MONTHLY;BYDAY=1MO",
        "FREQ=MONTHLY;BYDAY=-1SA;COUNT=6",
        "FREQ=MONTHLY;UNTIL=20270630",
        "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630",
    ],
)
def test_a_simple_rule_read_into_choices_builds_the_same_dates(text):
    built = repeats.build(repeats.parse(text), TUESDAY_17)
    start = recurrence.wall(TUESDAY_17)
    original = list(recurrence.rule(text, TUESDAY_17).xafter(start, count=30, inc=True))
    assert list(recurrence.rule(built, TUESDAY_17).xafter(start, count=30, inc=True)) == original


@pytest.mark.parametrize(
    "text", ["FREQ=DAILY", "FREQ=YEARLY", "FREQ=WEEKLY;BYHOUR=9", "FREQ=MONTHLY;BYDAY=MO,1TU"]
)
def test_a_rule_the_choices_cannot_express_stays_advanced(text):
    assert repeats.parse(text).frequency == "ADVANCED"


@pytest.mark.parametrize(
    ("text", "starts_at", "words"),
    [
        ("FREQ=WEEKLY;BYDAY=TU", TUESDAY_17, "co tydzień we wtorki o 17:00"),
        ("FREQ=WEEKLY", TUESDAY_17, "co tydzień we wtorki o 17:00"),
        ("FREQ=MONTHLY;BYDAY=1MO", MONDAY_18, "w pierwszy poniedziałek miesiąca o 18:00"),
        ("FREQ=MONTHLY;BYDAY=-1SA", TUESDAY_17, "w ostatnią sobotę miesiąca o 17:00"),
        (
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20270630",
            TUESDAY_17,
            "co 2 tygodnie we wtorki i czwartki o 17:00, do 30 czerwca 2027",
        ),
        (
            "FREQ=MONTHLY;INTERVAL=5;COUNT=3",
            TUESDAY_17,
            "co 5 miesięcy, 8. dnia miesiąca o 17:00, 3 razy",
        ),
        ("FREQ=DAILY", TUESDAY_17, ""),
    ],
)
def test_the_rule_in_polish_words(text, starts_at, words):
    assert repeats.describe(text, starts_at) == words


@pytest.mark.django_db
def test_the_activity_page_says_how_it_repeats(client, centre):
    page = activity(centre, starts_at=TUESDAY_17, recurrence="FREQ=WEEKLY;BYDAY=TU")
    assert "Co tydzień we wtorki o 17:00." in client.get(page.url).text


# --- The editor's form in Wagtail's admin ---------------------------------------------------


def edit(admin_client, page, **repeat):
    data = {
        "title": page.title,
        "slug": page.slug,
        "kind": "workshop",
        "lead": page.lead,
        "body": streamfield([]),
        "starts_at": "2026-12-08 17:00",
        "ends_at": "2026-12-08 19:00",
        "recurrence": "",
        "date_changes": inline_formset([]),
        "place": "Sala duża",
        "organiser": "centre",
        "audience": "everyone",
        "signup_closes_hours": "2",
        "repeat_interval": "1",
    }
    # the ticked days are a list: posted as they are, not through nested_form_data
    return admin_client.post(f"/admin/pages/{page.pk}/edit/", {**nested_form_data(data), **repeat})


@pytest.fixture
def weekly(centre):
    return activity(centre, starts_at=TUESDAY_17)


def stored(page) -> str:
    return ActivityPage.objects.get(pk=page.pk).get_latest_revision_as_object().recurrence


@pytest.mark.django_db
def test_weekly_on_ticked_days_is_saved_as_the_rule(admin_client, weekly):
    response = edit(admin_client, weekly, repeat="WEEKLY", repeat_days=["TU", "TH"])
    assert response.status_code == 302
    assert stored(weekly) == "FREQ=WEEKLY;BYDAY=TU,TH"


@pytest.mark.django_db
def test_the_first_weekday_of_the_month_is_saved_as_the_rule(admin_client, weekly):
    response = edit(
        admin_client, weekly, repeat="MONTHLY", repeat_position="1", repeat_until="2027-06-30"
    )
    assert response.status_code == 302
    assert stored(weekly) == "FREQ=MONTHLY;UNTIL=20270630T235959;BYDAY=+1TU"


@pytest.mark.django_db
def test_does_not_repeat_clears_the_rule(admin_client, centre):
    page = activity(centre, starts_at=TUESDAY_17, recurrence="FREQ=WEEKLY")
    assert edit(admin_client, page, repeat="").status_code == 302
    assert stored(page) == ""


@pytest.mark.django_db
def test_an_advanced_rule_is_kept_as_written(admin_client, weekly):
    edit(admin_client, weekly, repeat="ADVANCED", recurrence="FREQ=DAILY;COUNT=3")
    assert stored(weekly) == "FREQ=DAILY;COUNT=3"


@pytest.mark.django_db
def test_the_form_opens_with_the_stored_rule_as_choices(admin_client, centre):
    page = activity(centre, starts_at=MONDAY_18, recurrence="FREQ=MONTHLY;BYDAY=1MO;COUNT=4")
    form = admin_client.get(f"/admin/pages/{page.pk}/edit/").context["form"]
    assert [form[name].value() for name in ("repeat", "repeat_position", "repeat_count")] == [
        "MONTHLY",
        "1",
        4,
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("repeat", "field", "message"),
    [
        (
            {"repeat": "WEEKLY", "repeat_until": "2027-01-01", "repeat_count": "3"},
            "repeat_count",
            "Podaj ostatni dzień albo liczbę powtórzeń, nie oba.",
        ),
        (
            {"repeat": "WEEKLY", "repeat_until": "2026-11-01"},
            "repeat_until",
            "Ostatni dzień nie może być przed pierwszym terminem.",
        ),
        (
            {"repeat": "WEEKLY", "repeat_days": ["MO"]},
            "repeat_days",
            "Zaznacz też dzień tygodnia pierwszego terminu.",
        ),
        (
            {"repeat": "MONTHLY", "repeat_days": ["TU"]},
            "repeat_position",
            "Wybierz, który tydzień miesiąca.",
        ),
    ],
)
def test_a_repeat_that_cannot_be_is_refused_in_polish(admin_client, weekly, repeat, field, message):
    response = edit(admin_client, weekly, **repeat)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert stored(weekly) == ""


def test_weekly_every_other_week_until_a_day_builds_with_dateutil():
    choice = repeats.Repeat(
        frequency="WEEKLY", interval=2, days=["TU"], until=datetime.date(2027, 6, 30)
    )
    assert (
        repeats.build(choice, TUESDAY_17) == "FREQ=WEEKLY;INTERVAL=2;UNTIL=20270630T235959;BYDAY=TU"
    )
