"""The shared moderation mechanism: reports, hide/restore with a public reason, warn and block."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from accounts.models import Report
from accounts.services import moderation
from tests.factories import UserFactory
from tests.testapp.models import Remark


@pytest.fixture
def moderator(db):
    return UserFactory(display_name="Moderatorka")


@pytest.fixture
def remark(db):
    return Remark.objects.create(author=UserFactory(), text="Jakiś komentarz")


def test_report_is_open_for_moderators(remark):
    report = moderation.report_submit(reporter=UserFactory(), target=remark, reason="offensive")
    assert report.state == Report.State.OPEN
    assert report.content_object == remark


def test_same_person_reporting_twice_makes_one_report(remark):
    reporter = UserFactory()
    moderation.report_submit(reporter=reporter, target=remark, reason="offensive")
    moderation.report_submit(reporter=reporter, target=remark, reason="spam")
    assert Report.objects.count() == 1


def test_unknown_reason_is_refused(remark):
    with pytest.raises(ValidationError):
        moderation.report_submit(reporter=UserFactory(), target=remark, reason="boring")


def test_hiding_keeps_a_public_reason_and_resolves_reports(remark, moderator):
    moderation.report_submit(reporter=UserFactory(), target=remark, reason="offensive")
    moderation.contribution_hide(target=remark, moderator=moderator, reason="Obraźliwy język")
    remark.refresh_from_db()
    assert remark.is_hidden
    assert remark.hidden_reason == "Obraźliwy język"
    assert Report.objects.get().state == Report.State.UPHELD


def test_hiding_and_restoring_are_in_the_admin_history(remark, moderator):
    moderation.contribution_hide(target=remark, moderator=moderator, reason="Spam")
    moderation.contribution_restore(target=remark, moderator=moderator)
    actions = list(
        ModelLogEntry.objects.for_instance(remark)
        .order_by("timestamp")
        .values_list("action", "user")
    )
    assert actions == [
        ("mam.moderation.hide", moderator.pk),
        ("mam.moderation.restore", moderator.pk),
    ]
    remark.refresh_from_db()
    assert not remark.is_hidden


def test_hiding_needs_a_reason(remark, moderator):
    with pytest.raises(ValidationError):
        moderation.contribution_hide(target=remark, moderator=moderator, reason="")


def test_dismissing_closes_open_reports(remark, moderator):
    moderation.report_submit(reporter=UserFactory(), target=remark, reason="spam")
    assert moderation.reports_dismiss(target=remark, moderator=moderator) == 1
    assert Report.objects.get().state == Report.State.DISMISSED


def test_warning_is_emailed_and_recorded(moderator):
    user = UserFactory(email="ktos@example.org")
    moderation.user_warn(user=user, moderator=moderator, reason="Wulgaryzmy w komentarzu")
    assert user.warnings.count() == 1
    assert mail.outbox[0].to == ["ktos@example.org"]
    assert "Wulgaryzmy w komentarzu" in mail.outbox[0].body


def test_blocked_user_cannot_report(remark, moderator):
    user = UserFactory()
    moderation.user_block(user=user, moderator=moderator, reason="Spam")
    with pytest.raises(ValidationError):
        moderation.report_submit(reporter=user, target=remark, reason="spam")


def test_unblocking_lets_the_user_take_part_again(remark, moderator):
    user = UserFactory()
    moderation.user_block(user=user, moderator=moderator, reason="Spam")
    moderation.user_unblock(user=user, moderator=moderator)
    assert moderation.report_submit(reporter=user, target=remark, reason="spam")


def test_administrator_cannot_be_blocked(moderator):
    admin = UserFactory(is_superuser=True)
    with pytest.raises(ValidationError):
        moderation.user_block(user=admin, moderator=moderator, reason="?")
