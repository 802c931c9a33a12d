"""Confirming residence from the resident's side: choosing the town, a declaration, a code."""

import datetime
import time
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import ratelimit
from accounts.models import ResidencyDeclaration, Verification, VerificationCode
from accounts.permissions import contribution_allowed
from accounts.services import residency
from consultations import participation
from consultations.models import ConsultationPage
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import ConsultationIndexPageFactory, ConsultationPageFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def chrzanow(home_page):
    return CentrePageFactory(
        parent=home_page,
        title="MAM Chrzanów",
        town="Chrzanów",
        address="ul. Focha 3\n32-500 Chrzanów",
        opening_hours="Wtorek: 12:00–18:00",
    )


@pytest.fixture
def nowy_sacz(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", town="Nowy Sącz")


@pytest.fixture
def staff(db):
    return UserFactory(display_name="Urzędniczka")


def make_resident(email="ola@example.org"):
    user = UserFactory(email=email)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def resident(db):
    return make_resident()


@pytest.fixture
def signed_in(client, resident):
    client.force_login(resident)
    return client


def codes_for(centre, staff, count=1, days=30):
    _batch, plain = residency.code_batch_create(
        centre=centre, by=staff, count=count, valid_days=days
    )
    return plain


def url(centre, step=""):
    return f"/konto/zamieszkanie/{centre.pk}/{step}"


# Choosing the town


def test_choosing_the_town(signed_in, chrzanow, nowy_sacz):
    html = signed_in.get("/konto/zamieszkanie/").content.decode()
    assert "Chrzanów" in html and "Nowy Sącz" in html
    response = signed_in.get("/konto/zamieszkanie/", {"centre": chrzanow.pk})
    assert response.status_code == 302
    assert response.url == url(chrzanow)


def test_not_choosing_a_town_links_the_error_to_the_first_option(signed_in, chrzanow, nowy_sacz):
    response = signed_in.get("/konto/zamieszkanie/", {"centre": ""})
    assert response.status_code == 400
    assert 'href="#id_centre_0"' in response.content.decode()


def test_with_one_centre_there_is_nothing_to_choose(signed_in, chrzanow):
    response = signed_in.get("/konto/zamieszkanie/", {"next": "/glosowanie/"})
    assert response.status_code == 302
    assert response.url == url(chrzanow) + "?next=%2Fglosowanie%2F"


def test_centre_page_offers_code_declaration_and_the_desk(signed_in, chrzanow):
    html = signed_in.get(url(chrzanow)).content.decode()
    assert url(chrzanow, "kod/") in html
    assert url(chrzanow, "deklaracja/") in html
    assert "ul. Focha 3" in html
    assert "Wtorek: 12:00–18:00" in html


def test_residency_pages_need_a_signed_in_user(client, chrzanow):
    response = client.get(url(chrzanow))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_blocked_user_is_told_why(signed_in, resident, chrzanow):
    resident.blocked_at = timezone.now()
    resident.blocked_reason = "Spam"
    resident.save()
    response = signed_in.get(url(chrzanow, "kod/"))
    assert response.status_code == 403
    assert "Spam" in response.content.decode()


def test_unconfirmed_email_is_told_to_confirm_it(client, chrzanow, db):
    user = UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client.force_login(user)
    response = client.get(url(chrzanow, "deklaracja/"))
    assert response.status_code == 403
    assert 'href="/accounts/email/"' in response.content.decode()


# Declaration


def test_declaration_page_says_what_is_not_needed(signed_in, chrzanow):
    html = signed_in.get(url(chrzanow, "deklaracja/"), HTTP_ACCEPT_LANGUAGE="en").content
    assert b"PESEL" in html
    assert b"meldunek" in html


def test_submitting_a_declaration(signed_in, resident, chrzanow):
    response = signed_in.post(
        url(chrzanow, "deklaracja/"),
        {"first_name": "Ola", "last_name": "Nowak", "street_address": "Długa 5/3"},
    )
    assert response.status_code == 302
    assert response.url == url(chrzanow)
    declaration = ResidencyDeclaration.objects.get(user=resident, centre=chrzanow)
    assert declaration.state == ResidencyDeclaration.State.PENDING
    assert declaration.street_address == "Długa 5/3"


def test_declaration_needs_every_field(signed_in, resident, chrzanow):
    response = signed_in.post(url(chrzanow, "deklaracja/"), {"first_name": "Ola"})
    html = response.content.decode()
    assert 'href="#id_last_name"' in html and 'href="#id_street_address"' in html
    assert not ResidencyDeclaration.objects.exists()


def test_verified_resident_is_not_asked_again(signed_in, resident, chrzanow):
    residency.verification_grant(user=resident, centre=chrzanow, method="in_person", by=None)
    response = signed_in.get(url(chrzanow, "deklaracja/"))
    assert response.status_code == 302
    assert response.url == url(chrzanow)


# Codes


def test_a_valid_code_verifies_at_once(signed_in, resident, chrzanow, staff):
    [code] = codes_for(chrzanow, staff)
    response = signed_in.post(url(chrzanow, "kod/"), {"code": code.lower()[:5] + "-" + code[5:]})
    assert response.status_code == 302
    assert Verification.objects.active().get(user=resident).centre == chrzanow


def test_after_a_code_the_resident_goes_back_where_they_were(signed_in, chrzanow, staff):
    [code] = codes_for(chrzanow, staff)
    response = signed_in.post(url(chrzanow, "kod/"), {"code": code, "next": "/glosowanie/"})
    assert response.url == "/glosowanie/"


def test_an_outside_next_address_is_ignored(signed_in, chrzanow, staff):
    [code] = codes_for(chrzanow, staff)
    response = signed_in.post(
        url(chrzanow, "kod/"), {"code": code, "next": "https://evil.example/"}
    )
    assert response.url == url(chrzanow)


def code_error(response):
    return " ".join(response.context["form"].errors["code"])


def test_a_used_code_is_refused(signed_in, chrzanow, staff):
    [code] = codes_for(chrzanow, staff)
    residency.code_redeem(user=make_resident("piotr@example.org"), code=code)
    response = signed_in.post(url(chrzanow, "kod/"), {"code": code}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "already been used" in code_error(response)
    assert 'href="#id_code"' in response.content.decode()


def test_an_expired_code_is_refused(signed_in, chrzanow, staff):
    [code] = codes_for(chrzanow, staff)
    batch = VerificationCode.objects.get().batch  # the batch carries the expiry
    batch.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    batch.save()
    response = signed_in.post(url(chrzanow, "kod/"), {"code": code}, HTTP_ACCEPT_LANGUAGE="en")
    assert "expired" in code_error(response)
    assert not Verification.objects.exists()


def test_a_code_from_another_centre_is_refused_and_named(signed_in, chrzanow, nowy_sacz, staff):
    [code] = codes_for(nowy_sacz, staff)
    response = signed_in.post(url(chrzanow, "kod/"), {"code": code}, HTTP_ACCEPT_LANGUAGE="en")
    assert "MAM Nowy Sącz" in code_error(response)
    assert not Verification.objects.exists()
    assert VerificationCode.objects.get().used_at is None


def test_a_wrong_code_is_refused(signed_in, chrzanow):
    response = signed_in.post(
        url(chrzanow, "kod/"), {"code": "AAAAA-BBBBB"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "not right" in code_error(response)


def test_a_code_of_the_wrong_length_is_not_counted(signed_in, resident, chrzanow):
    for _attempt in range(10):
        response = signed_in.post(url(chrzanow, "kod/"), {"code": "ABC"})
        assert response.status_code == 200
    assert not ratelimit.is_limited("verification-code-user", str(resident.pk), limit=5, period=900)


def test_guessing_is_stopped_after_five_attempts_even_for_a_valid_code(
    signed_in, resident, chrzanow, staff, monkeypatch
):
    [code] = codes_for(chrzanow, staff)
    for _attempt in range(5):
        assert signed_in.post(url(chrzanow, "kod/"), {"code": "AAAAA-BBBBB"}).status_code == 200

    response = signed_in.post(url(chrzanow, "kod/"), {"code": code}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many attempts" in response.content.decode()
    assert not Verification.objects.exists()

    # Once the window has passed, the valid code works.
    later = time.time() + 16 * 60
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: later))
    response = signed_in.post(url(chrzanow, "kod/"), {"code": code})
    assert response.status_code == 302
    assert Verification.objects.filter(user=resident).exists()


def test_one_address_is_limited_across_accounts(client, chrzanow, staff):
    [code] = codes_for(chrzanow, staff)
    for n in range(4):
        client.force_login(make_resident(f"bot{n}@example.org"))
        for _attempt in range(5):
            client.post(url(chrzanow, "kod/"), {"code": "AAAAA-BBBBB"})
    client.force_login(make_resident("ostatni@example.org"))
    response = client.post(url(chrzanow, "kod/"), {"code": code})
    assert response.status_code == 429
    assert not Verification.objects.exists()


def test_choose_page_query_count_does_not_grow_with_centres(signed_in, home_page):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert signed_in.get("/konto/zamieszkanie/").status_code == 200
        return len(queries)

    CentrePageFactory(parent=home_page)
    CentrePageFactory(parent=home_page)
    count()
    two = count()
    for _n in range(4):
        CentrePageFactory(parent=home_page)
    count()  # new pages change the cached menu: warm again
    assert count() == two


# The participation rule's refusals for the person, as the site shows them


def check(user, centre):
    """Ask the rule about the person for a consultation of `centre`'s verified residents."""
    index = ConsultationIndexPageFactory(parent=centre)
    consultation = ConsultationPageFactory(
        parent=index, eligibility=ConsultationPage.Eligibility.VERIFIED
    )
    request = RequestFactory().get("/glosowanie/")
    request.user = user
    request.session = {}
    decision = participation.person_decision(user, consultation, "vote")
    if decision:
        return None
    return participation.refusal_response(request, decision, consultation=consultation)


def test_verified_resident_may_go_on(resident, chrzanow):
    residency.verification_grant(user=resident, centre=chrzanow, method="in_person", by=None)
    assert check(resident, chrzanow) is None


def test_anonymous_visitor_is_sent_to_sign_in_first(chrzanow):
    response = check(AnonymousUser(), chrzanow)
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/glosowanie/"


def test_resident_of_another_town_is_shown_how_to_confirm(resident, chrzanow, nowy_sacz):
    residency.verification_grant(user=resident, centre=nowy_sacz, method="in_person", by=None)
    response = check(resident, chrzanow)
    assert response.status_code == 403
    assert f"{url(chrzanow)}?next=%2Fglosowanie%2F" in response.content.decode()


def test_blocked_verified_resident_is_refused(resident, chrzanow):
    residency.verification_grant(user=resident, centre=chrzanow, method="in_person", by=None)
    resident.blocked_at = timezone.now()
    resident.blocked_reason = "Spam"
    assert check(resident, chrzanow).status_code == 403


def test_contribution_allowed_refuses_an_unconfirmed_email(db):
    request = RequestFactory().get("/")
    request.user = UserFactory()
    request.session = {}
    response = contribution_allowed(lambda request: HttpResponse("ok"))(request)
    assert response.status_code == 403


# One place of residence at a time


def test_town_page_tells_a_resident_of_another_town_how_moving_works(
    signed_in, resident, chrzanow, nowy_sacz
):
    residency.verification_grant(user=resident, centre=nowy_sacz, method="in_person", by=None)
    html = signed_in.get(url(chrzanow)).content.decode()
    assert 'id="elsewhere-title"' in html
    assert "MAM Nowy Sącz" in html


def test_a_code_from_another_town_is_refused_beside_the_field(
    signed_in, resident, chrzanow, nowy_sacz, staff
):
    residency.verification_grant(user=resident, centre=nowy_sacz, method="in_person", by=None)
    [code] = codes_for(chrzanow, staff)
    response = signed_in.post(url(chrzanow, "kod/"), {"code": code})
    assert response.status_code == 200
    assert "MAM Nowy Sącz" in response.content.decode()
    assert residency.is_verified_resident(resident, nowy_sacz)
    assert not residency.is_verified_resident(resident, chrzanow)
