"""Residency verification: declarations, in-person checks, one-time codes and revocation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from accounts import codes
from accounts.models import ResidencyDeclaration, Verification, VerificationCode
from accounts.services import residency
from tests.factories import CentrePageFactory, UserFactory


@pytest.fixture(autouse=True)
def english_messages():
    """The messages checked below are matched in their English source form."""
    with translation.override("en"):
        yield


@pytest.fixture
def nowy_sacz(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", town="Nowy Sącz")


@pytest.fixture
def chrzanow(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Chrzanów", town="Chrzanów")


@pytest.fixture
def staff(db):
    return UserFactory(display_name="Pracownica centrum")


@pytest.fixture
def resident(db):
    return UserFactory()


def declare(user, centre, **overrides):
    data = {"first_name": "Jan", "last_name": "Kowalski", "street_address": "ul. Lwowska 10/2"}
    return residency.declaration_submit(user=user, centre=centre, **{**data, **overrides})


def test_accepted_declaration_verifies_the_resident(nowy_sacz, resident, staff):
    declaration = declare(resident, nowy_sacz)
    verification = residency.declaration_accept(declaration=declaration, reviewer=staff)
    assert verification.method == Verification.Method.DECLARATION
    assert verification.verified_by == staff
    assert residency.is_verified_resident(resident, nowy_sacz)


def test_verification_for_one_centre_does_not_count_for_another(nowy_sacz, chrzanow, resident):
    residency.verification_grant(
        user=resident, centre=nowy_sacz, method=Verification.Method.IN_PERSON, by=None
    )
    assert not residency.is_verified_resident(resident, chrzanow)


def test_rejecting_a_declaration_needs_a_reason(nowy_sacz, resident, staff):
    declaration = declare(resident, nowy_sacz)
    with pytest.raises(ValidationError):
        residency.declaration_reject(declaration=declaration, reviewer=staff, reason=" ")
    rejected = residency.declaration_reject(
        declaration=declaration, reviewer=staff, reason="Adres spoza miasta."
    )
    assert rejected.state == ResidencyDeclaration.State.REJECTED
    assert not residency.is_verified_resident(resident, nowy_sacz)


def test_a_declaration_cannot_be_reviewed_twice(nowy_sacz, resident, staff):
    declaration = declare(resident, nowy_sacz)
    residency.declaration_accept(declaration=declaration, reviewer=staff)
    with pytest.raises(ValidationError):
        residency.declaration_reject(declaration=declaration, reviewer=staff, reason="Pomyłka")


def test_resubmitting_updates_the_pending_declaration(nowy_sacz, resident):
    first = declare(resident, nowy_sacz)
    second = declare(resident, nowy_sacz, street_address="ul. Jagiellońska 5")
    assert first.pk == second.pk
    assert ResidencyDeclaration.objects.get().street_address == "ul. Jagiellońska 5"


def test_same_person_and_address_on_two_accounts_is_flagged(nowy_sacz, resident):
    first = declare(resident, nowy_sacz)
    second = declare(UserFactory(), nowy_sacz, first_name="JAN", street_address="Lwowska 10 / 2")
    assert list(first.possible_duplicates()) == [second]
    assert list(second.possible_duplicates()) == [first]


def test_different_people_are_not_flagged(nowy_sacz, resident):
    first = declare(resident, nowy_sacz)
    declare(UserFactory(), nowy_sacz, first_name="Anna")
    assert not first.possible_duplicates().exists()


def test_in_person_verification_records_who_and_how(nowy_sacz, resident, staff):
    verification = residency.verification_grant(
        user=resident, centre=nowy_sacz, method=Verification.Method.IN_PERSON, by=staff
    )
    assert (verification.verified_by, verification.method) == (staff, "in_person")
    assert ModelLogEntry.objects.filter(action="mam.verification.grant", user=staff).exists()


def test_granting_twice_keeps_one_active_verification(nowy_sacz, resident, staff):
    first = residency.verification_grant(
        user=resident, centre=nowy_sacz, method=Verification.Method.IN_PERSON, by=staff
    )
    second = residency.verification_grant(
        user=resident, centre=nowy_sacz, method=Verification.Method.CODE, by=None
    )
    assert first == second
    assert Verification.objects.active().count() == 1


def test_database_refuses_two_active_verifications(nowy_sacz, resident):
    Verification.objects.create(user=resident, centre=nowy_sacz, method="in_person")
    with pytest.raises(IntegrityError):
        Verification.objects.create(user=resident, centre=nowy_sacz, method="code")


def test_revoking_needs_a_reason_and_ends_the_verification(nowy_sacz, resident, staff):
    verification = residency.verification_grant(
        user=resident, centre=nowy_sacz, method=Verification.Method.IN_PERSON, by=staff
    )
    with pytest.raises(ValidationError):
        residency.verification_revoke(verification=verification, by=staff, reason="")
    residency.verification_revoke(verification=verification, by=staff, reason="Wyprowadzka")
    assert not residency.is_verified_resident(resident, nowy_sacz)
    verification.refresh_from_db()
    assert (verification.revoked_by, verification.revoke_reason) == (staff, "Wyprowadzka")


def test_code_batch_stores_only_hashes(nowy_sacz, staff):
    batch, plain = residency.code_batch_create(centre=nowy_sacz, by=staff, count=20, valid_days=30)
    stored = set(VerificationCode.objects.filter(batch=batch).values_list("code_hash", flat=True))
    assert len(plain) == len(set(plain)) == 20
    assert not stored & set(plain)
    assert stored == {codes.hash_code(code) for code in plain}


def test_valid_code_verifies_the_resident_for_its_centre(nowy_sacz, resident, staff):
    _, plain = residency.code_batch_create(centre=nowy_sacz, by=staff, count=1, valid_days=30)
    verification = residency.code_redeem(user=resident, code=plain[0])
    assert (verification.centre, verification.method) == (nowy_sacz, "code")


def test_code_is_accepted_as_typed_from_paper(nowy_sacz, resident, staff):
    _, plain = residency.code_batch_create(centre=nowy_sacz, by=staff, count=1, valid_days=30)
    typed = " " + codes.for_display(plain[0]).lower() + " "
    assert residency.code_redeem(user=resident, code=typed).centre == nowy_sacz


def test_used_code_cannot_verify_someone_else(nowy_sacz, resident, staff):
    _, plain = residency.code_batch_create(centre=nowy_sacz, by=staff, count=1, valid_days=30)
    residency.code_redeem(user=resident, code=plain[0])
    other = UserFactory()
    with pytest.raises(residency.CodeError, match="already been used"):
        residency.code_redeem(user=other, code=plain[0])
    assert not residency.is_verified_resident(other, nowy_sacz)


def test_expired_code_is_refused(nowy_sacz, resident, staff):
    batch, plain = residency.code_batch_create(centre=nowy_sacz, by=staff, count=1, valid_days=1)
    batch.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    batch.save()
    with pytest.raises(residency.CodeError, match="expired"):
        residency.code_redeem(user=resident, code=plain[0])


def test_code_of_another_centre_is_refused(nowy_sacz, chrzanow, resident, staff):
    _, plain = residency.code_batch_create(centre=chrzanow, by=staff, count=1, valid_days=30)
    with pytest.raises(residency.CodeError, match="MAM Chrzanów"):
        residency.code_redeem(user=resident, code=plain[0], centre=nowy_sacz)
    assert VerificationCode.objects.get().used_at is None


def test_wrong_code_is_refused(nowy_sacz, resident, staff):
    residency.code_batch_create(centre=nowy_sacz, by=staff, count=5, valid_days=30)
    with pytest.raises(residency.CodeError, match="not right"):
        residency.code_redeem(user=resident, code="ABCDE-FGHJK")


@pytest.mark.parametrize("count", [0, 501])
def test_batch_size_is_bounded(nowy_sacz, staff, count):
    with pytest.raises(ValidationError):
        residency.code_batch_create(centre=nowy_sacz, by=staff, count=count, valid_days=30)


# One place of residence at a time


def test_verifying_in_another_town_ends_the_first_verification(
    nowy_sacz, chrzanow, resident, staff
):
    first = residency.verification_grant(
        user=resident, centre=chrzanow, method=Verification.Method.IN_PERSON, by=staff
    )
    residency.verification_grant(
        user=resident, centre=nowy_sacz, method=Verification.Method.IN_PERSON, by=staff
    )
    first.refresh_from_db()
    assert first.revoked_at is not None and "MAM Nowy Sącz" in first.revoke_reason
    assert residency.is_verified_resident(resident, nowy_sacz)
    assert not residency.is_verified_resident(resident, chrzanow)


def test_accepting_a_declaration_elsewhere_moves_the_residence(
    nowy_sacz, chrzanow, resident, staff
):
    residency.verification_grant(
        user=resident, centre=chrzanow, method=Verification.Method.IN_PERSON, by=staff
    )
    declaration = declare(resident, nowy_sacz)
    residency.declaration_accept(declaration=declaration, reviewer=staff)
    assert list(Verification.objects.active().values_list("centre", flat=True)) == [nowy_sacz.pk]


def test_a_code_does_not_move_a_resident_verified_elsewhere(nowy_sacz, chrzanow, resident, staff):
    residency.verification_grant(
        user=resident, centre=chrzanow, method=Verification.Method.IN_PERSON, by=staff
    )
    _, [code] = residency.code_batch_create(centre=nowy_sacz, by=staff, count=1, valid_days=30)
    with pytest.raises(residency.CodeError, match="MAM Chrzanów"):
        residency.code_redeem(user=resident, code=code)
    assert residency.is_verified_resident(resident, chrzanow)
    assert not VerificationCode.objects.filter(used_by=resident).exists()  # still usable


def test_database_refuses_active_verifications_in_two_towns(nowy_sacz, chrzanow, resident):
    Verification.objects.create(user=resident, centre=nowy_sacz, method="in_person")
    with pytest.raises(IntegrityError):
        Verification.objects.create(user=resident, centre=chrzanow, method="in_person")
