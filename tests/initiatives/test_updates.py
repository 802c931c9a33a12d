"""Updates: a public dated timeline, emailed to members and supporters, unsubscribe by link."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from consultations.participation import NotAllowed
from initiatives.models import Membership
from initiatives.services import membership, updates
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, running

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(home_page):
    return running(centre_with_index(home_page)[1])


def post(initiative, **kwargs):
    return updates.update_post(
        initiative=initiative, user=initiative.started_by, body="Spotkanie w sobotę.", **kwargs
    )


def test_update_is_emailed_to_members_and_supporters_but_not_its_author(
    initiative, django_capture_on_commit_callbacks
):
    member, supporter = confirmed_user(), confirmed_user()
    membership.initiative_join(initiative=initiative, user=member, kind="member")
    membership.initiative_join(initiative=initiative, user=supporter, kind="supporter")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post(initiative)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, supporter.email])
    assert "Spotkanie w sobotę." in mail.outbox[0].body


def test_digest_task_run_again_sends_nobody_a_second_email(initiative):
    membership.initiative_join(initiative=initiative, user=confirmed_user(), kind="member")
    update = post(initiative)  # the task is queued on commit: not run in this transaction
    mail.outbox.clear()
    assert updates.send_update_emails.call(update_id=update.pk) == 1
    assert updates.send_update_emails.call(update_id=update.pk) == 0
    assert len(mail.outbox) == 1


def test_unsubscribed_people_get_no_email(initiative):
    user = confirmed_user()
    membership.initiative_join(initiative=initiative, user=user, kind="supporter")
    updates.emails_stop(initiative=initiative, user=user)
    mail.outbox.clear()
    assert updates.send_update_emails.call(update_id=post(initiative).pk) == 0


def test_unsubscribe_link_works_without_signing_in(client, initiative):
    user = confirmed_user()
    membership.initiative_join(initiative=initiative, user=user, kind="supporter")
    link = updates.unsubscribe_url(initiative, user)
    path = link.split("://", 1)[-1]
    path = path[path.index("/") :]
    assert client.get(path).status_code == 200
    assert Membership.objects.get(user=user).emails  # GET only asks
    assert client.post(path).status_code == 200
    assert not Membership.objects.get(user=user).emails


def test_an_unsubscribe_link_is_never_kept_as_a_shared_copy(client, initiative, page_cache_on):
    user = confirmed_user()
    membership.initiative_join(initiative=initiative, user=user, kind="supporter")
    link = updates.unsubscribe_url(initiative, user)
    path = link.split("://", 1)[-1]
    path = path[path.index("/") :]
    client.get(path)
    response = client.get(path)
    assert response["X-Page-Cache"] == "miss"
    assert "no-store" in response["Cache-Control"]


def test_broken_unsubscribe_link_is_a_400(client, initiative):
    assert client.get(initiative.index.sub_url("unsubscribe", token="zepsuty")).status_code == 400


def test_only_leaders_post_updates(initiative):
    with pytest.raises(NotAllowed):
        updates.update_post(initiative=initiative, user=confirmed_user(), body="Hej")


def test_document_must_be_a_pdf(initiative):
    fake = SimpleUploadedFile("list.pdf", b"<html>nie pdf</html>")
    with pytest.raises(ValidationError):
        post(initiative, document=fake)


def test_pdf_document_is_attached(initiative):
    pdf = SimpleUploadedFile("list.pdf", b"%PDF-1.4\n%%EOF\n")
    update = post(initiative, document=pdf, document_title="Pismo do prezydenta")
    assert update.document.name.endswith(".pdf")


def test_timeline_shows_updates_newest_first_with_dates(client, initiative):
    import datetime

    from django.utils import timezone

    earlier = timezone.now() - datetime.timedelta(days=3)
    updates.update_post(
        initiative=initiative, user=initiative.started_by, body="Pierwsza", now=earlier
    )
    updates.update_post(initiative=initiative, user=initiative.started_by, body="Druga")
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert page.index("Druga") < page.index("Pierwsza")
    assert "<time" in page


def test_update_form_page_publishes_an_update(client, initiative):
    from initiatives.models import Update

    client.force_login(initiative.started_by)
    url = initiative.index.sub_url("update_create", pk=initiative.pk)
    assert client.get(url).status_code == 200
    response = client.post(url, {"body": "Zebraliśmy 100 podpisów."})
    assert response.status_code == 302
    assert Update.objects.get().body == "Zebraliśmy 100 podpisów."


def test_update_form_asks_what_the_photo_shows(client, initiative):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(out, format="PNG")
    client.force_login(initiative.started_by)
    url = initiative.index.sub_url("update_create", pk=initiative.pk)
    photo = SimpleUploadedFile("z.png", out.getvalue(), content_type="image/png")
    response = client.post(url, {"body": "Zdjęcie", "photo": photo})
    assert response.status_code == 200
    assert "photo_alt" in response.context["form"].errors


def test_an_update_dated_earlier_does_not_move_the_last_activity_back(initiative):
    later = initiative.last_activity_at + datetime.timedelta(days=3)
    post(initiative, now=later)
    post(initiative, now=later - datetime.timedelta(days=40))
    initiative.refresh_from_db()
    assert initiative.last_activity_at == later


def test_a_new_update_moves_the_last_activity_forward(initiative):
    later = initiative.last_activity_at + datetime.timedelta(days=3)
    post(initiative, now=later)
    initiative.refresh_from_db()
    assert initiative.last_activity_at == later
