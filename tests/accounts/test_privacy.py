"""Download my data and delete my account."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.utils import translation

from accounts.models import Report, ResidencyDeclaration, User, Verification
from accounts.services import moderation, privacy, residency
from tests.factories import CentrePageFactory, UserFactory
from tests.testapp.models import Remark


@pytest.fixture
def centre(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Chrzanów")


@pytest.fixture
def resident(centre):
    user = UserFactory(email="ola@example.org", display_name="Ola z Rynku")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    residency.declaration_submit(
        user=user, centre=centre, first_name="Ola", last_name="Nowak", street_address="Rynek 1"
    )
    return user


def test_export_holds_the_users_own_data(resident):
    data = privacy.user_data_export(resident)
    assert data["account"]["email"] == "ola@example.org"
    assert data["account"]["display_name"] == "Ola z Rynku"
    assert data["residency_declarations"][0]["street_address"] == "Rynek 1"
    json.dumps(data)  # serialisable as the downloaded file


def test_export_holds_nothing_of_other_users(resident, centre):
    other = UserFactory(email="sasiad@example.org", display_name="Sąsiad")
    residency.declaration_submit(
        user=other, centre=centre, first_name="Piotr", last_name="Lis", street_address="Długa 3"
    )
    moderation.report_submit(
        reporter=other, target=Remark.objects.create(author=resident, text="x"), reason="spam"
    )
    text = json.dumps(privacy.user_data_export(resident), ensure_ascii=False)
    for secret in ["sasiad@example.org", "Sąsiad", "Piotr", "Długa 3"]:
        assert secret not in text


def test_deleting_removes_personal_data(resident):
    privacy.user_delete(user=resident)
    resident.refresh_from_db()
    assert resident.email.endswith("@deleted.invalid")
    assert (resident.display_name, resident.first_name, resident.last_name) == ("", "", "")
    assert not resident.is_active
    assert not resident.has_usable_password()
    assert not ResidencyDeclaration.objects.filter(user=resident).exists()
    assert not EmailAddress.objects.filter(user=resident).exists()


def test_deleted_users_contributions_stay_as_deleted_user(resident):
    remark = Remark.objects.create(author=resident, text="Potrzebujemy więcej koszy.")
    privacy.user_delete(user=resident)
    remark.refresh_from_db()
    assert remark.text == "Potrzebujemy więcej koszy."
    with translation.override("en"):
        assert remark.author.public_name == "Deleted user"


def test_deleting_keeps_counts(resident, centre):
    residency.verification_grant(user=resident, centre=centre, method="in_person", by=None)
    moderation.report_submit(
        reporter=resident,
        target=Remark.objects.create(author=UserFactory(), text="x"),
        reason="spam",
    )
    users_before = User.objects.count()
    privacy.user_delete(user=resident)
    assert User.objects.count() == users_before
    assert Report.objects.count() == 1
    assert Verification.objects.count() == 1  # ended, not erased: the record stays


def test_deleted_email_can_sign_up_again(resident):
    privacy.user_delete(user=resident)
    assert User.objects.create_user(email="ola@example.org", password="x" * 12).pk


def test_deleting_ends_the_verifications(resident, centre):
    verification = residency.verification_grant(
        user=resident, centre=centre, method="in_person", by=None
    )
    privacy.user_delete(user=resident)
    verification.refresh_from_db()
    assert verification.revoked_at is not None and verification.revoke_reason
    assert not Verification.objects.active().filter(user=resident).exists()


def test_migration_ends_verifications_of_accounts_deleted_before(resident, centre):
    import importlib

    from django.apps import apps
    from django.utils import timezone

    migration = importlib.import_module("accounts.migrations.0005_one_residence_per_person")
    verification = Verification.objects.create(user=resident, centre=centre, method="in_person")
    User.objects.filter(pk=resident.pk).update(deleted_at=timezone.now())
    kept = Verification.objects.create(user=UserFactory(), centre=centre, method="in_person")
    migration.end_extra_verifications(apps, None)
    verification.refresh_from_db()
    kept.refresh_from_db()
    assert verification.revoked_at is not None
    assert kept.revoked_at is None
