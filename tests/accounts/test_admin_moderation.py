"""The moderation queue in Wagtail's admin: reported contributions of the moderator's centres,
hiding and restoring them, dismissing reports, warning and blocking authors."""

from types import SimpleNamespace

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts import roles
from accounts.models import Report, UserWarning
from accounts.services import moderation
from tests.accounts.staff_helpers import DENIED, LOGIN, NOT_FOUND, OK, html, outcome, staff
from tests.factories import UserFactory
from tests.testapp.models import Remark


def reported_remark(centre, text, reasons=("offensive",), author=None):
    remark = Remark.objects.create(author=author or UserFactory(), centre=centre, text=text)
    for reason in reasons:
        moderation.report_submit(reporter=UserFactory(), target=remark, reason=reason)
    return remark


def url(name, remark):
    content_type = ContentType.objects.get_for_model(Remark)
    return reverse(f"mam_moderation:{name}", args=[content_type.pk, remark.pk])


@pytest.fixture
def moderator(client, nowy_sacz):
    user = staff(nowy_sacz, roles.MODERATOR, display_name="Moderatorka Ewa")
    client.force_login(user)
    return user


@pytest.fixture
def remark(nowy_sacz):
    author = UserFactory(display_name="Autor Komentarza", email="autor@example.org")
    return reported_remark(
        nowy_sacz, "Treść obraźliwa z Sącza", ("offensive", "offensive", "spam"), author
    )


# --- The queue ---------------------------------------------------------------------------


def test_queue_shows_one_row_per_contribution_with_counts_and_reasons(client, moderator, remark):
    text = html(client.get(reverse("mam_moderation:index")))

    assert text.count("Treść obraźliwa z Sącza") == 1
    assert "offensive or hateful language (2), spam or advertising (1)" in text
    assert "Autor Komentarza" in text
    assert url("detail", remark) in text


def test_queue_lists_only_the_moderators_centres(client, moderator, remark, chrzanow):
    reported_remark(chrzanow, "Sprawa z Chrzanowa")

    text = html(client.get(reverse("mam_moderation:index")))

    assert "Treść obraźliwa z Sącza" in text
    assert "Sprawa z Chrzanowa" not in text
    assert "MAM Chrzanów" not in text  # not even as a filter choice


def test_queue_shows_handled_reports_on_request(client, moderator, remark):
    moderation.contribution_hide(target=remark, moderator=moderator, reason="Obraźliwe")

    assert "Treść obraźliwa" not in html(client.get(reverse("mam_moderation:index")))
    hidden = html(client.get(reverse("mam_moderation:index"), {"state": "upheld"}))
    assert "Treść obraźliwa" in hidden


def test_contribution_without_a_page_of_its_own_is_shown_as_text(client, moderator, remark):
    response = client.get(url("detail", remark))

    assert response.status_code == 200
    assert "Treść obraźliwa z Sącza" in html(response)
    assert "See it on the site" not in html(response)


def test_queue_queries_do_not_grow_with_rows(
    client, moderator, nowy_sacz, django_assert_max_num_queries
):
    reported_remark(nowy_sacz, "Pierwsza sprawa", ("spam", "offensive"))
    queue = reverse("mam_moderation:index")
    client.get(queue)  # warm per-process caches (content types, site)
    with CaptureQueriesContext(connection) as one_row:
        assert client.get(queue).status_code == 200
    for number in range(19):
        reported_remark(nowy_sacz, f"Kolejna sprawa {number}", ("spam", "offensive"))

    with django_assert_max_num_queries(len(one_row.captured_queries)):
        response = client.get(queue)

    assert html(response).count('<td class="title">') == 20


# --- Acting on a contribution ------------------------------------------------------------


def test_hiding_asks_first_and_needs_a_public_reason(client, moderator, remark):
    assert client.get(url("hide", remark)).status_code == 200
    response = client.post(url("hide", remark), {"reason": ""})

    assert response.status_code == 400
    assert "Give the public reason for hiding." in html(response)
    remark.refresh_from_db()
    assert not remark.is_hidden


def test_hiding_and_restoring_are_logged(client, moderator, remark):
    response = client.post(url("hide", remark), {"reason": "Obraźliwy język"})

    assert response.status_code == 302
    assert response.url == url("detail", remark)
    remark.refresh_from_db()
    assert remark.hidden_reason == "Obraźliwy język"
    assert set(Report.objects.values_list("state", flat=True)) == {Report.State.UPHELD}

    client.post(url("restore", remark))

    remark.refresh_from_db()
    assert not remark.is_hidden
    entries = ModelLogEntry.objects.for_instance(remark).order_by("timestamp")
    assert list(entries.values_list("action", "user")) == [
        ("mam.moderation.hide", moderator.pk),
        ("mam.moderation.restore", moderator.pk),
    ]


def test_history_page_shows_the_moderators_actions(client, moderator, remark):
    moderation.contribution_hide(target=remark, moderator=moderator, reason="Spam")

    response = client.get(url("history", remark))

    assert response.status_code == 200
    assert "Hidden by a moderator" in html(response)


def test_dismissing_closes_the_open_reports(client, moderator, remark):
    client.post(url("dismiss", remark))

    assert set(Report.objects.values_list("state", flat=True)) == {Report.State.DISMISSED}
    assert ModelLogEntry.objects.for_instance(remark).filter(action="mam.moderation.dismiss")
    assert "Dismiss the reports" not in html(client.get(url("detail", remark)))


def test_warning_the_author_emails_them(client, moderator, remark):
    client.post(url("warn", remark), {"reason": "Proszę o kulturę wypowiedzi."})

    warning = UserWarning.objects.get()
    assert (warning.user, warning.given_by) == (remark.author, moderator)
    assert mail.outbox[-1].to == ["autor@example.org"]


def test_blocking_and_unblocking_the_author(client, moderator, remark):
    assert client.post(url("block", remark), {"reason": " "}).status_code == 400
    remark.author.refresh_from_db()
    assert not remark.author.is_blocked

    client.post(url("block", remark), {"reason": "Powtarzające się obelgi"})
    remark.author.refresh_from_db()
    assert remark.author.is_blocked
    assert "Unblock the author" in html(client.get(url("detail", remark)))

    client.post(url("unblock", remark))
    remark.author.refresh_from_db()
    assert not remark.author.is_blocked


def test_an_administrator_cannot_be_blocked(client, moderator, nowy_sacz):
    admin = UserFactory(is_superuser=True, is_staff=True)
    remark = reported_remark(nowy_sacz, "Wpis administratora", author=admin)

    response = client.post(url("block", remark), {"reason": "Próba"})

    assert "An administrator cannot be blocked." in html(response)
    admin.refresh_from_db()
    assert not admin.is_blocked


# --- Who may see and do what -------------------------------------------------------------

VIEWS = ["detail", "hide", "restore", "dismiss", "warn", "block", "unblock", "history"]


@pytest.fixture
def world(nowy_sacz, chrzanow, remark):
    return SimpleNamespace(
        remark=remark,
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


EXPECTED = {
    "moderator": {"queue": OK, **dict.fromkeys(VIEWS, OK)},
    "official": {"queue": DENIED, **dict.fromkeys(VIEWS, DENIED)},
    "editor": {"queue": DENIED, **dict.fromkeys(VIEWS, DENIED)},
    "resident": {"queue": LOGIN, **dict.fromkeys(VIEWS, LOGIN)},
    "anonymous": {"queue": LOGIN, **dict.fromkeys(VIEWS, LOGIN)},
    "chrzanow moderator": {"queue": OK, **dict.fromkeys(VIEWS, NOT_FOUND)},
    "chrzanow official": {"queue": DENIED, **dict.fromkeys(VIEWS, DENIED)},
}


@pytest.mark.parametrize("role", EXPECTED)
def test_permission_matrix(client, world, role):
    user = world.users[role]
    if user:
        client.force_login(user)
    seen = {"queue": outcome(client.get(reverse("mam_moderation:index")))}
    seen.update({name: outcome(client.get(url(name, world.remark))) for name in VIEWS})
    assert seen == EXPECTED[role]


def test_moderator_of_another_centre_changes_nothing(client, world):
    client.force_login(world.users["chrzanow moderator"])

    responses = [
        client.post(url("hide", world.remark), {"reason": "Nie moje"}),
        client.post(url("dismiss", world.remark)),
        client.post(url("block", world.remark), {"reason": "Nie moje"}),
        client.post(url("warn", world.remark), {"reason": "Nie moje"}),
    ]

    assert {outcome(response) for response in responses} == {NOT_FOUND}
    world.remark.refresh_from_db()
    world.remark.author.refresh_from_db()
    assert not world.remark.is_hidden
    assert not world.remark.author.is_blocked
    assert set(Report.objects.values_list("state", flat=True)) == {Report.State.OPEN}
    assert not UserWarning.objects.exists()
