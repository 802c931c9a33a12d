"""The user logs in with an email address and is shown publicly by a display name only."""

import pytest
from django.contrib.auth import authenticate
from django.db import IntegrityError

from accounts.models import User


def test_user_logs_in_with_email_and_password(db):
    User.objects.create_user(email="Jan@Example.org", password="a-long-password-123")
    assert authenticate(email="jan@example.org", password="a-long-password-123") is not None


def test_email_is_stored_lowercase(db):
    user = User.objects.create_user(email="Anna.Nowak@Example.ORG", password="x" * 12)
    assert user.email == "anna.nowak@example.org"


def test_same_email_in_other_case_cannot_register_twice(db):
    User.objects.create_user(email="ola@example.org", password="x" * 12)
    with pytest.raises(IntegrityError):
        User.objects.create(email="OLA@example.org")


def test_public_name_is_the_display_name(db):
    user = User.objects.create_user(email="k@example.org", display_name="Sąsiadka z Osiedla")
    assert user.public_name == "Sąsiadka z Osiedla"


def test_public_name_never_reveals_the_email(db):
    user = User.objects.create_user(email="tajny@example.org")
    assert "tajny" not in str(user.public_name)
    assert str(user) == user.public_name


def test_superuser_gets_staff_and_superuser_flags(db):
    admin = User.objects.create_superuser(email="admin@example.org", password="x" * 12)
    assert admin.is_staff and admin.is_superuser
