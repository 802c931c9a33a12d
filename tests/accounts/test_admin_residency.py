"""Staff side of residency verification in Wagtail's admin: declarations, verifications,
printed codes and organisation claims, and who may see and do what, centre by centre."""

import csv
import io
import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from wagtail.admin.menu import admin_menu
from wagtail.models import ModelLogEntry
from wagtail.users.forms import GroupForm

from accounts import roles
from accounts.models import ResidencyDeclaration, Verification, VerificationCodeBatch
from accounts.services import residency
from tests.accounts.staff_helpers import DENIED, LOGIN, NOT_FOUND, OK, html, outcome, staff
from tests.factories import UserFactory


def declare(user, centre, **overrides):
    data = {"first_name": "Jan", "last_name": "Kowalski", "street_address": "ul. Lwowska 10/2"}
    return residency.declaration_submit(user=user, centre=centre, **{**data, **overrides})


# --- Who may see and do what -------------------------------------------------------------


@pytest.fixture
def world(nowy_sacz, chrzanow):
    """Nowy Sącz data (a declaration, a verification, a batch) and staff of both centres."""
    claimant = UserFactory(display_name="Zenobia Sądecka", organisation_name="Koło Gospodyń")
    declaration = declare(claimant, nowy_sacz, last_name="Sądecki-Zdrojowy")
    resident = UserFactory(display_name="Bonifacy Nowosądecki")
    verification = residency.verification_grant(
        user=resident, centre=nowy_sacz, method=Verification.Method.IN_PERSON, by=None
    )
    batch, _ = residency.code_batch_create(
        centre=nowy_sacz, by=None, count=2, valid_days=30, note="dla klubu seniora z Sącza"
    )
    return SimpleNamespace(
        declaration=declaration,
        verification=verification,
        batch=batch,
        claimant=claimant,
        users={
            "moderator": staff(nowy_sacz, roles.MODERATOR),
            "official": staff(nowy_sacz, roles.OFFICIAL),
            "editor": staff(nowy_sacz, roles.EDITOR),
            "resident": UserFactory(),
            "anonymous": None,
            "chrzanow moderator": staff(chrzanow, roles.MODERATOR),
            "chrzanow official": staff(chrzanow, roles.OFFICIAL),
        },
    )


VIEWS = {
    "declarations": lambda w: reverse("mam_declarations:index"),
    "review declaration": lambda w: reverse("mam_declarations:review", args=[w.declaration.pk]),
    "declaration history": lambda w: reverse("mam_declarations:history", args=[w.declaration.pk]),
    "verifications": lambda w: reverse("mam_verifications:index"),
    "verify in person": lambda w: reverse("mam_verifications:in_person"),
    "revoke": lambda w: reverse("mam_verifications:revoke", args=[w.verification.pk]),
    "verification history": lambda w: reverse(
        "mam_verifications:history", args=[w.verification.pk]
    ),
    "code batches": lambda w: reverse("mam_code_batches:index"),
    "print codes": lambda w: reverse("mam_code_batches:add"),
    "organisations": lambda w: reverse("mam_organisations:index"),
    "confirm organisation": lambda w: reverse("mam_organisations:confirm", args=[w.claimant.pk]),
}

EVERY_VIEW = dict.fromkeys(VIEWS, OK)
# Outcomes on Nowy Sącz's data, by role; staff of Chrzanów must not find any of it.
EXPECTED = {
    "official": EVERY_VIEW,
    "moderator": {**EVERY_VIEW, "revoke": DENIED, "code batches": DENIED, "print codes": DENIED},
    "editor": dict.fromkeys(VIEWS, DENIED),
    "resident": dict.fromkeys(VIEWS, LOGIN),
    "anonymous": dict.fromkeys(VIEWS, LOGIN),
    "chrzanow official": {
        **EVERY_VIEW,
        "review declaration": NOT_FOUND,
        "declaration history": NOT_FOUND,
        "revoke": NOT_FOUND,
        "verification history": NOT_FOUND,
        "confirm organisation": NOT_FOUND,
    },
    "chrzanow moderator": {
        **EVERY_VIEW,
        "review declaration": NOT_FOUND,
        "declaration history": NOT_FOUND,
        "revoke": DENIED,
        "verification history": NOT_FOUND,
        "code batches": DENIED,
        "print codes": DENIED,
        "confirm organisation": NOT_FOUND,
    },
}


@pytest.mark.parametrize("role", EXPECTED)
def test_permission_matrix(client, world, role):
    user = world.users[role]
    if user:
        client.force_login(user)
    seen = {name: outcome(client.get(url(world))) for name, url in VIEWS.items()}
    assert seen == EXPECTED[role]


@pytest.mark.parametrize("role", ["chrzanow official", "chrzanow moderator"])
def test_staff_of_another_centre_never_see_its_data_in_lists(client, world, role):
    client.force_login(world.users[role])
    for name in ["declarations", "verifications", "code batches", "organisations"]:
        page = client.get(VIEWS[name](world))
        if outcome(page) != OK:
            continue
        text = html(page)
        for secret in ["MAM Nowy Sącz", "Sądecki-Zdrojowy", "Bonifacy", "Zenobia", "Sącza"]:
            assert secret not in text, (name, secret)


def test_staff_of_another_centre_cannot_act_on_its_data(client, world, chrzanow):
    client.force_login(world.users["chrzanow official"])
    client.post(VIEWS["review declaration"](world), {"decision": "accept"})
    client.post(VIEWS["revoke"](world), {"reason": "Pomyłka"})
    client.post(VIEWS["confirm organisation"](world))
    world.declaration.refresh_from_db()
    world.verification.refresh_from_db()
    world.claimant.refresh_from_db()
    assert world.declaration.state == ResidencyDeclaration.State.PENDING
    assert world.verification.is_active
    assert world.claimant.organisation_confirmed_at is None


def test_centre_choices_offer_only_the_staff_members_own_centres(client, world, nowy_sacz):
    client.force_login(world.users["chrzanow official"])
    for name in ["verify in person", "print codes", "declarations", "verifications"]:
        assert "MAM Nowy Sącz" not in html(client.get(VIEWS[name](world))), name
    response = client.post(
        VIEWS["print codes"](world), {"centre": nowy_sacz.pk, "count": 5, "valid_days": 30}
    )
    assert response.status_code == 400
    assert "Choose one of your centres." in html(response)
    assert VerificationCodeBatch.objects.count() == 1  # only the fixture's batch


def _residents_menu(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    with translation.override("en"):
        items = {item.name: item for item in admin_menu.menu_items_for_request(request)}
        group = items.get("residents")
        if group is None:
            return None
        return [str(item.label) for item in group.menu.menu_items_for_request(request)]


def test_residents_menu_shows_each_role_its_own_items(world):
    assert _residents_menu(world.users["official"]) == [
        "Residency declarations",
        "Verified residents",
        "Verification codes",
        "Organisation claims",
    ]
    assert _residents_menu(world.users["moderator"]) == [
        "Moderation",
        "Residency declarations",
        "Verified residents",
        "Organisation claims",
    ]
    assert _residents_menu(world.users["editor"]) is None


def test_our_permissions_are_offered_in_the_group_editor(db):
    reverse("wagtailadmin_home")  # the admin's viewsets register their permissions with its URLs
    offered = GroupForm().fields["permissions"].queryset
    codenames = set(
        offered.filter(content_type__app_label="accounts").values_list("codename", flat=True)
    )
    assert {
        "view_residencydeclaration",
        "change_residencydeclaration",
        "view_verification",
        "add_verification",
        "change_verification",
        "view_verificationcodebatch",
        "add_verificationcodebatch",
        "view_report",
        "change_report",
        "add_userwarning",
        "block_user",
    } <= codenames
    assert "delete_residencydeclaration" not in codenames


# --- Residency declarations --------------------------------------------------------------


@pytest.fixture
def official(nowy_sacz, client):
    user = staff(nowy_sacz, roles.OFFICIAL, display_name="Urzędniczka Ala")
    client.force_login(user)
    return user


def test_declarations_list_puts_pending_first_and_flags_duplicates(client, official, nowy_sacz):
    older = declare(UserFactory(), nowy_sacz, last_name="Czekający")
    same_person = declare(UserFactory(), nowy_sacz, last_name="Czekający")
    reviewed = declare(UserFactory(), nowy_sacz, last_name="Przyjęty")
    residency.declaration_accept(declaration=reviewed, reviewer=official)

    text = html(client.get(reverse("mam_declarations:index")))

    assert text.index("Czekający") < text.index("Przyjęty")
    for declaration in [older, same_person]:
        flag = reverse("mam_declarations:review", args=[declaration.pk]) + "#duplicates"
        assert flag in text
    assert "Possible duplicate: 1 other account" in text


def test_declarations_list_filters_by_state(client, official, nowy_sacz):
    declare(UserFactory(), nowy_sacz, last_name="Czekający")
    rejected = declare(UserFactory(), nowy_sacz, last_name="Odrzucony")
    residency.declaration_reject(declaration=rejected, reviewer=official, reason="Spoza miasta")

    text = html(client.get(reverse("mam_declarations:index"), {"state": "rejected"}))

    assert "Odrzucony" in text
    assert "Czekający" not in text


def test_review_page_links_to_the_possible_duplicates(client, official, nowy_sacz):
    declaration = declare(UserFactory(), nowy_sacz)
    second_account = UserFactory(email="drugie@example.org")
    other = declare(second_account, nowy_sacz, street_address="Lwowska 10/2")

    text = html(client.get(reverse("mam_declarations:review", args=[declaration.pk])))

    assert 'id="duplicates"' in text
    assert reverse("mam_declarations:review", args=[other.pk]) in text
    assert "drugie@example.org" in text


def test_accepting_a_declaration_verifies_the_resident(client, official, nowy_sacz):
    resident = UserFactory()
    declaration = declare(resident, nowy_sacz)

    response = client.post(
        reverse("mam_declarations:review", args=[declaration.pk]), {"decision": "accept"}
    )

    assert response.status_code == 302
    verification = Verification.objects.get(user=resident, centre=nowy_sacz)
    assert verification.method == Verification.Method.DECLARATION
    assert verification.verified_by == official
    declaration.refresh_from_db()
    assert declaration.state == ResidencyDeclaration.State.ACCEPTED


def test_review_page_warns_when_the_person_is_verified_in_another_town(
    client, official, nowy_sacz, chrzanow
):
    resident = UserFactory()
    residency.verification_grant(
        user=resident, centre=chrzanow, method=Verification.Method.IN_PERSON, by=None
    )
    declaration = declare(resident, nowy_sacz)

    text = html(client.get(reverse("mam_declarations:review", args=[declaration.pk])))

    assert 'id="verified-elsewhere"' in text
    assert "MAM Chrzanów" in text


def test_review_page_has_no_residence_warning_for_a_newcomer(client, official, nowy_sacz):
    declaration = declare(UserFactory(), nowy_sacz)
    text = html(client.get(reverse("mam_declarations:review", args=[declaration.pk])))
    assert 'id="verified-elsewhere"' not in text


def test_rejecting_without_a_reason_is_refused_beside_the_field(client, official, nowy_sacz):
    declaration = declare(UserFactory(), nowy_sacz)

    response = client.post(
        reverse("mam_declarations:review", args=[declaration.pk]), {"decision": "reject"}
    )

    assert response.status_code == 400
    assert 'aria-invalid="true" id="id_reason"' in html(response)
    declaration.refresh_from_db()
    assert declaration.state == ResidencyDeclaration.State.PENDING


def test_rejecting_keeps_the_reason_and_logs_it(client, official, nowy_sacz):
    declaration = declare(UserFactory(), nowy_sacz)

    client.post(
        reverse("mam_declarations:review", args=[declaration.pk]),
        {"decision": "reject", "reason": "Adres jest poza miastem."},
    )

    declaration.refresh_from_db()
    assert declaration.state == ResidencyDeclaration.State.REJECTED
    assert declaration.review_reason == "Adres jest poza miastem."
    entry = ModelLogEntry.objects.for_instance(declaration).get()
    assert (entry.action, entry.user) == ("mam.declaration.reject", official)


def test_a_reviewed_declaration_cannot_be_decided_again(client, official, nowy_sacz):
    declaration = declare(UserFactory(), nowy_sacz)
    residency.declaration_accept(declaration=declaration, reviewer=official)
    url = reverse("mam_declarations:review", args=[declaration.pk])

    assert 'name="decision"' not in html(client.get(url))
    response = client.post(url, {"decision": "reject", "reason": "Jednak nie"})

    assert response.status_code == 400
    declaration.refresh_from_db()
    assert declaration.state == ResidencyDeclaration.State.ACCEPTED


def test_declarations_list_queries_do_not_grow_with_rows(
    client, official, nowy_sacz, django_assert_max_num_queries
):
    url = reverse("mam_declarations:index")
    declare(UserFactory(), nowy_sacz, last_name="Pierwszy")
    client.get(url)  # warm per-process caches (content types, site)
    with CaptureQueriesContext(connection) as one_row:
        assert client.get(url).status_code == 200
    for number in range(19):
        declare(UserFactory(), nowy_sacz, last_name=f"Kolejny{number}")

    with django_assert_max_num_queries(len(one_row.captured_queries)):
        response = client.get(url)

    assert html(response).count('<td class="title">') == 20


# --- Verifications -----------------------------------------------------------------------


def test_verifying_in_person_finds_the_account_by_email_in_any_case(client, official, nowy_sacz):
    resident = UserFactory(email="ania.nowak@example.org")

    response = client.post(
        reverse("mam_verifications:in_person"),
        {"account": "  Ania.Nowak@EXAMPLE.org ", "centre": nowy_sacz.pk, "note": "Legitymacja"},
    )

    assert response.status_code == 302
    verification = Verification.objects.get(user=resident)
    assert verification.method == Verification.Method.IN_PERSON
    assert verification.verified_by == official
    assert verification.centre == nowy_sacz
    assert verification.note == "Legitymacja"


def test_verifying_in_person_a_resident_of_another_town_says_the_old_one_ended(
    client, official, nowy_sacz, chrzanow
):
    resident = UserFactory(email="przeprowadzka@example.org")
    old = residency.verification_grant(
        user=resident, centre=chrzanow, method=Verification.Method.IN_PERSON, by=None
    )

    response = client.post(
        reverse("mam_verifications:in_person"),
        {"account": "przeprowadzka@example.org", "centre": nowy_sacz.pk},
        follow=True,
    )

    assert "MAM Chrzanów" in html(response)
    old.refresh_from_db()
    assert old.revoked_at is not None
    assert Verification.objects.active().get(user=resident).centre == nowy_sacz


def test_verifying_in_person_finds_the_account_by_display_name(client, official, nowy_sacz):
    resident = UserFactory(display_name="Pani Halina z Lwowskiej")

    client.post(
        reverse("mam_verifications:in_person"),
        {"account": "pani halina z lwowskiej", "centre": nowy_sacz.pk},
    )

    assert Verification.objects.filter(user=resident, centre=nowy_sacz).exists()


@pytest.mark.parametrize(
    ("account", "message"),
    [
        ("Tomek", "Several accounts use this display name."),
        ("nikt@example.org", "No account has this email address or display name."),
    ],
)
def test_verifying_in_person_refuses_unclear_accounts(
    client, official, nowy_sacz, account, message
):
    UserFactory(display_name="Tomek")
    UserFactory(display_name="tomek")

    response = client.post(
        reverse("mam_verifications:in_person"), {"account": account, "centre": nowy_sacz.pk}
    )

    assert message in html(response)
    assert not Verification.objects.exists()


def test_revoking_needs_a_reason(client, official, nowy_sacz):
    verification = residency.verification_grant(
        user=UserFactory(), centre=nowy_sacz, method=Verification.Method.IN_PERSON, by=official
    )
    url = reverse("mam_verifications:revoke", args=[verification.pk])

    assert client.post(url, {"reason": "  "}).status_code == 400
    verification.refresh_from_db()
    assert verification.is_active

    client.post(url, {"reason": "Wyprowadził się z miasta"})
    verification.refresh_from_db()
    assert not verification.is_active
    assert verification.revoke_reason == "Wyprowadził się z miasta"
    assert ModelLogEntry.objects.for_instance(verification).filter(
        action="mam.verification.revoke", user=official
    )


def test_verification_export_names_residents_only_by_display_name(client, official, nowy_sacz):
    resident = UserFactory(email="prywatny@example.org", display_name="=HYPERLINK(1)")
    declaration = declare(resident, nowy_sacz, first_name="Prywatne", last_name="Nazwisko")
    residency.declaration_accept(declaration=declaration, reviewer=official)

    response = client.get(reverse("mam_verifications:index"), {"export": "csv"})

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 2
    assert "'=HYPERLINK(1)" in rows[1]  # a formula typed by a user stays text
    for private in ["prywatny@example.org", "Prywatne", "Nazwisko", "Lwowska"]:
        assert private not in text


# --- Printed codes -----------------------------------------------------------------------


def test_printing_codes_answers_with_a_sheet_that_is_never_cached(client, official, nowy_sacz):
    response = client.post(
        reverse("mam_code_batches:add"),
        {"centre": nowy_sacz.pk, "count": 3, "valid_days": 30, "note": "Klub seniora"},
    )

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    text = html(response)
    assert "@page" in text and "A4" in text
    assert "These codes are shown only once." in text
    assert text.count('class="slip"') == 3
    batch = VerificationCodeBatch.objects.get()
    with translation.override("pl"):
        expiry = date_format(localtime(batch.expires_at), "j E Y")
    assert expiry in text  # e.g. "26 grudnia 2026": the Polish month in the genitive


def test_printed_codes_verify_residents(client, official, nowy_sacz):
    response = client.post(
        reverse("mam_code_batches:add"), {"centre": nowy_sacz.pk, "count": 3, "valid_days": 30}
    )

    printed = re.findall(r'<p class="code">([A-Z0-9-]+)</p>', html(response))
    assert len(set(printed)) == 3
    for code in printed:
        verification = residency.code_redeem(user=UserFactory(), code=code)
        assert verification.centre == nowy_sacz
    listing = html(client.get(reverse("mam_code_batches:index")))
    assert re.search(r">\s*3\s*</td>\s*<td\s*>\s*3\s*<", listing)  # used 3 of 3


@pytest.mark.parametrize("count", [0, 501])
def test_batch_size_is_checked_before_anything_is_created(client, official, nowy_sacz, count):
    response = client.post(
        reverse("mam_code_batches:add"), {"centre": nowy_sacz.pk, "count": count, "valid_days": 30}
    )

    assert response.status_code == 400
    assert 'aria-invalid="true"' in html(response)
    assert not VerificationCodeBatch.objects.exists()


# --- Organisation claims -----------------------------------------------------------------


def test_confirming_an_organisation(client, official, nowy_sacz):
    claimant = UserFactory(organisation_name="Stowarzyszenie Sądeczan")
    declare(claimant, nowy_sacz)
    assert "Stowarzyszenie Sądeczan" in html(client.get(reverse("mam_organisations:index")))

    response = client.post(reverse("mam_organisations:confirm", args=[claimant.pk]))

    assert response.status_code == 302
    claimant.refresh_from_db()
    assert claimant.confirmed_organisation == "Stowarzyszenie Sądeczan"
    assert claimant.organisation_confirmed_by == official
    confirm_url = reverse("mam_organisations:confirm", args=[claimant.pk])
    assert confirm_url not in html(client.get(reverse("mam_organisations:index")))


def test_organisation_claims_of_strangers_are_not_listed(client, official):
    UserFactory(organisation_name="Fundacja Znikąd")  # no link to any of the official's centres

    assert "Fundacja Znikąd" not in html(client.get(reverse("mam_organisations:index")))


# --- Known gaps outside the admin views (strict: they fail loudly once fixed) ------------


def test_an_editor_here_and_official_there_sees_only_the_official_centre(
    client, nowy_sacz, chrzanow
):
    user = staff(chrzanow, roles.OFFICIAL)
    user.groups.add(roles.centre_groups_ensure(nowy_sacz)[roles.EDITOR])
    declare(UserFactory(), nowy_sacz, last_name="Sądecki-Zdrojowy")
    client.force_login(user)

    assert "Sądecki-Zdrojowy" not in html(client.get(reverse("mam_declarations:index")))


def test_site_history_does_not_show_another_centres_private_names(client, world, nowy_sacz):
    residency.declaration_reject(
        declaration=world.declaration, reviewer=world.users["official"], reason="Spoza miasta"
    )
    client.force_login(world.users["chrzanow official"])

    response = client.get(reverse("wagtailadmin_reports:site_history"))

    assert "Sądecki-Zdrojowy" not in html(response)
