"""Staff admin: applications of the organiser's centre, evaluation and decision, stalled list."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from initiatives.models import EvaluationCriterion, Initiative, LocalInitiativeApplication
from initiatives.selectors import stalled
from initiatives.services import local_initiative as local
from tests.factories import UserFactory
from tests.initiatives.helpers import centre_with_index, organiser, running
from tests.initiatives.local_helpers import criteria, ready

pytestmark = pytest.mark.django_db
App = LocalInitiativeApplication


@pytest.fixture
def initiative(home_page):
    return running(centre_with_index(home_page)[1])


def test_organiser_lists_only_their_centres_applications(client, initiative, home_page):
    ready(initiative, title="Nasze podwórko")
    other = running(centre_with_index(home_page)[1])
    ready(other, title="Cudze podwórko")
    client.force_login(organiser(initiative.centre))
    page = client.get(reverse("mam_local_initiatives:index")).content.decode()
    assert "Nasze podwórko" in page
    assert "Cudze podwórko" not in page


def test_organiser_records_the_evaluation_in_the_admin(client, initiative):
    application = ready(initiative)
    first, second = criteria(initiative.centre)
    client.force_login(organiser(initiative.centre))
    url = reverse("mam_local_initiatives:evaluate", args=[application.pk])
    assert client.get(url).status_code == 200
    data = {f"criterion_{first.pk}": "9", f"criterion_{second.pk}": "3", "filed_on": "2027-02-01"}
    assert client.post(url, data).status_code == 302
    assert sum(application.scores.values_list("score", flat=True)) == 12
    assert ModelLogEntry.objects.filter(action="mam.local_initiative.evaluate").exists()


def test_the_evaluation_screen_writes_amounts_in_the_staff_members_language(client, initiative):
    from wagtail.users.models import UserProfile

    application = ready(initiative)
    staff = organiser(initiative.centre)
    UserProfile.objects.update_or_create(user=staff, defaults={"preferred_language": "pl"})
    client.force_login(staff)
    page = client.get(reverse("mam_local_initiatives:evaluate", args=[application.pk])).text
    assert "4\xa0000,00" in page  # the total cost, as a Polish official reads it
    assert "4000.00" not in page


def test_a_score_above_the_maximum_is_refused_in_the_admin(client, initiative):
    application = ready(initiative)
    first, second = criteria(initiative.centre)
    client.force_login(organiser(initiative.centre))
    url = reverse("mam_local_initiatives:evaluate", args=[application.pk])
    response = client.post(url, {f"criterion_{first.pk}": "99", f"criterion_{second.pk}": "1"})
    assert response.status_code == 400
    assert not application.scores.exists()


def test_deciding_before_the_evaluation_changes_nothing(client, initiative):
    application = ready(initiative)
    client.force_login(organiser(initiative.centre))
    url = reverse("mam_local_initiatives:decide", args=[application.pk])
    response = client.post(url, {"accepted": "1", "reasons": "Tak", "decided_on": "2027-03-01"})
    assert response.status_code in (400, 403)
    application.refresh_from_db()
    assert application.state == App.State.READY


def test_another_centres_organiser_cannot_open_the_evaluation(client, initiative, home_page):
    application = ready(initiative)
    other, _index = centre_with_index(home_page)
    client.force_login(organiser(other))
    url = reverse("mam_local_initiatives:evaluate", args=[application.pk])
    assert client.get(url).status_code in (302, 403, 404)


def test_staff_without_the_role_are_refused(client, initiative):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("mam_local_initiatives:index")).status_code in (302, 403)


def test_stalled_means_no_activity_for_30_days(initiative):
    now = timezone.now()
    quiet = running(initiative.index, title="Cicha")
    Initiative.objects.filter(pk=quiet.pk).update(last_activity_at=now - datetime.timedelta(31))
    Initiative.objects.filter(pk=initiative.pk).update(
        last_activity_at=now - datetime.timedelta(29)
    )
    assert list(stalled(Initiative.objects.all(), now=now)) == [quiet]


def test_the_admin_filter_lists_stalled_initiatives(client, initiative):
    quiet = running(initiative.index, title="Cicha grupa")
    Initiative.objects.filter(pk=quiet.pk).update(
        last_activity_at=timezone.now() - datetime.timedelta(31)
    )
    client.force_login(organiser(initiative.centre))
    page = client.get(reverse("mam_initiatives:index"), {"stalled": "true"}).content.decode()
    assert "Cicha grupa" in page
    assert initiative.title not in page


def test_admin_screens_show_no_english_sentence(client, initiative):
    from wagtail.users.models import UserProfile

    from tests.config.test_admin_polish import english_on

    application = ready(initiative)
    criteria(initiative.centre)
    admin = UserFactory(is_superuser=True, is_staff=True)
    UserProfile.objects.update_or_create(user=admin, defaults={"preferred_language": "pl"})
    client.force_login(admin)
    found = {}
    for url in [
        reverse("mam_local_initiatives:index"),
        reverse("mam_local_initiatives:evaluate", args=[application.pk]),
        reverse("mam_local_initiatives:decide", args=[application.pk]),
        reverse("mam_local_initiatives:history", args=[application.pk]),
        reverse("mam_local_initiatives:terms", args=[initiative.centre.pk]),
    ]:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="pl")
        assert response.status_code == 200, url
        if english := english_on(response.content.decode()):
            found[url] = english
    assert not found


def test_organiser_sets_the_towns_rate_and_criteria(client, initiative):
    client.force_login(organiser(initiative.centre))
    url = reverse("mam_local_initiatives:terms", args=[initiative.centre.pk])
    assert client.get(url).status_code == 200
    data = {"hourly_rate": "32.50", "resolution": "Uchwała nr X", "criteria": "Wkład; 10\nCel; 5"}
    assert client.post(url, data).status_code == 302
    assert local.town_rate(initiative.centre) == Decimal("32.50")
    assert list(
        EvaluationCriterion.objects.filter(centre=initiative.centre).values_list(
            "name", "max_score"
        )
    ) == [("Wkład", 10), ("Cel", 5)]


def test_a_criterion_used_in_an_evaluation_cannot_be_removed(initiative):
    application = ready(initiative)
    first, second = criteria(initiative.centre)
    staff = organiser(initiative.centre)
    local.evaluation_record(
        application=application, staff=staff, scores={first.pk: (1, ""), second.pk: (1, "")}
    )
    with pytest.raises(ValidationError):
        local.terms_set(
            centre=initiative.centre,
            staff=staff,
            hourly_rate=Decimal(30),
            resolution="",
            criteria=[(first.name, 10)],
        )


def test_another_centres_organiser_cannot_set_the_rules(client, initiative, home_page):
    other, _index = centre_with_index(home_page)
    client.force_login(organiser(other))
    url = reverse("mam_local_initiatives:terms", args=[initiative.centre.pk])
    assert client.get(url).status_code in (302, 403, 404)
