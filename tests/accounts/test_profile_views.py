"""The profile page: public name, district, organisation, emails, residence summary."""

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.services import residency
from home.models import District
from tests.factories import CentrePageFactory, UserFactory

PROFILE = "/konto/"


@pytest.fixture
def centre(home_page):
    centre = CentrePageFactory(parent=home_page, title="MAM Chrzanów", town="Chrzanów")
    District.objects.create(centre=centre, name="Kościelec")
    return centre


@pytest.fixture
def resident(db):
    user = UserFactory(email="ola@example.org", display_name="Ola z Rynku")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def signed_in(client, resident):
    client.force_login(resident)
    return client


def profile_data(**overrides):
    data = {"display_name": "Ola", "district": "", "organisation_name": ""}
    data.update(overrides)
    return data


def test_anonymous_visitor_is_sent_to_sign_in(client, db):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=/konto/")


def test_profile_shows_districts_grouped_by_town(signed_in, centre):
    html = signed_in.get(PROFILE).content.decode()
    assert '<optgroup label="Chrzanów">' in html
    assert "Kościelec" in html


def test_saving_the_profile(signed_in, resident, centre):
    district = centre.districts.get()
    response = signed_in.post(
        PROFILE, profile_data(display_name="Ola W.", district=district.pk, notify_comments="on")
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.display_name == "Ola W."
    assert resident.district == district
    assert resident.notify_comments
    assert not resident.notify_status_changes


def test_display_name_cannot_be_emptied(signed_in, resident):
    response = signed_in.post(PROFILE, profile_data(display_name=""))
    assert response.status_code == 200
    assert 'href="#id_display_name"' in response.content.decode()
    resident.refresh_from_db()
    assert resident.display_name == "Ola z Rynku"


def test_organisation_waits_for_the_centre_and_a_new_name_needs_confirming_again(
    signed_in, resident
):
    resident.organisation_name = "Klub Seniora"
    resident.organisation_confirmed_at = timezone.now()
    resident.save()

    signed_in.post(PROFILE, profile_data(organisation_name="Stowarzyszenie Rynek"))

    resident.refresh_from_db()
    assert resident.organisation_name == "Stowarzyszenie Rynek"
    assert resident.organisation_confirmed_at is None
    html = signed_in.get(PROFILE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "is waiting for confirmation by the centre" in html


def test_keeping_the_organisation_keeps_its_confirmation(signed_in, resident):
    resident.organisation_name = "Klub Seniora"
    resident.organisation_confirmed_at = timezone.now()
    resident.save()
    signed_in.post(PROFILE, profile_data(organisation_name="Klub Seniora"))
    resident.refresh_from_db()
    assert resident.organisation_confirmed_at is not None


def test_profile_sums_up_verifications_and_pending_declarations(signed_in, resident, home_page):
    verified = CentrePageFactory(parent=home_page, town="Nowy Sącz")
    declared = CentrePageFactory(parent=home_page, town="Chrzanów")
    residency.verification_grant(user=resident, centre=verified, method="in_person", by=None)
    residency.declaration_submit(
        user=resident, centre=declared, first_name="Ola", last_name="Nowak", street_address="X 1"
    )
    html = signed_in.get(PROFILE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Confirmed resident since" in html
    assert "You sent a declaration on" in html
    assert "/konto/zamieszkanie/" in html


def test_profile_links_email_password_data_and_deleting(signed_in):
    html = signed_in.get(PROFILE).content.decode()
    for url in [
        "/accounts/email/",
        "/accounts/password/change/",
        "/konto/moje-dane/",
        "/konto/usun/",
    ]:
        assert f'href="{url}"' in html


def test_blocked_user_sees_why_and_cannot_change_the_public_name(signed_in, resident):
    resident.blocked_at = timezone.now()
    resident.blocked_reason = "Obraźliwe komentarze"
    resident.save()

    html = signed_in.get(PROFILE).content.decode()
    assert "Obraźliwe komentarze" in html
    signed_in.post(PROFILE, profile_data(display_name="Nowa nazwa"))
    resident.refresh_from_db()
    assert resident.display_name == "Ola z Rynku"


def test_profile_query_count_does_not_grow_with_centres(signed_in, resident, home_page):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert signed_in.get(PROFILE).status_code == 200
        return len(queries)

    first = CentrePageFactory(parent=home_page)
    District.objects.create(centre=first, name="A")
    residency.verification_grant(user=resident, centre=first, method="in_person", by=None)
    count()  # the first request also fills per-process caches (site, content types)
    one = count()
    for n in range(4):
        centre = CentrePageFactory(parent=home_page)
        District.objects.create(centre=centre, name=f"D{n}")
        residency.verification_grant(user=resident, centre=centre, method="in_person", by=None)
    count()  # new pages change the cached menu: warm again
    assert count() == one
