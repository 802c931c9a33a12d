"""Answer templates per centre: filled in on the status form without JavaScript, editable."""

import pytest
from django.urls import reverse

from casework import services
from casework.models import AnswerTemplate
from proposals.models import Proposal
from tests.casework.conftest import staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(nowy_sacz):
    return AnswerTemplate.objects.create(
        centre=nowy_sacz,
        title="Przekazano do wydziału",
        text="Dziękujemy, {autor}. Projekt „{tytuł}” ({adres}) trafił do wydziału.",
    )


def test_placeholders_are_filled_from_the_proposal(template, proposal):
    text = services.template_fill(template=template, proposal=proposal)
    assert text == (
        "Dziękujemy, Ania z Zawady. Projekt „Ławki w parku Strzeleckim” (Park Strzelecki) "
        "trafił do wydziału."
    )


def test_using_a_template_fills_the_answer_and_changes_nothing(
    client, proposal, official, template
):
    client.force_login(official)
    url = reverse("mam_proposals:status", args=[proposal.pk])
    assert template.title in client.get(url).content.decode()
    response = client.post(
        url, {"status": "under_review", "template": template.pk, "use_template": "1"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "Ławki w parku Strzeleckim" in form.initial["answer"]
    assert form.initial["status"] == "under_review"
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED


def test_the_filled_answer_is_sent_as_edited(client, proposal, official, template):
    client.force_login(official)
    url = reverse("mam_proposals:status", args=[proposal.pk])
    response = client.post(
        url, {"status": "under_review", "template": template.pk, "answer": "Poprawiony tekst."}
    )
    assert response.status_code == 302
    assert proposal.status_changes.get().answer == "Poprawiony tekst."


def test_another_centres_templates_are_not_offered(client, chrzanow_proposal, template, chrzanow):
    client.force_login(staff(chrzanow))
    url = reverse("mam_proposals:status", args=[chrzanow_proposal.pk])
    assert template.title not in client.get(url).content.decode()


def test_templates_are_managed_within_the_centre(client, template, official, chrzanow):
    client.force_login(official)
    assert template.title in client.get(reverse("mam_answer_templates:index")).content.decode()
    client.force_login(staff(chrzanow))
    assert template.title not in client.get(reverse("mam_answer_templates:index")).content.decode()
    edit = reverse("mam_answer_templates:edit", args=[template.pk])
    assert client.get(edit).status_code == 404
    delete = reverse("mam_answer_templates:delete", args=[template.pk])
    assert client.post(delete).status_code == 404
    assert AnswerTemplate.objects.filter(pk=template.pk).exists()


def test_an_official_adds_a_template_only_for_their_centre(client, official, nowy_sacz, chrzanow):
    client.force_login(official)
    url = reverse("mam_answer_templates:add")
    data = {"title": "Odmowa", "text": "Niestety, {autor}…"}
    assert client.post(url, {**data, "centre": chrzanow.pk}).status_code == 200
    assert client.post(url, {**data, "centre": nowy_sacz.pk}).status_code == 302
    assert AnswerTemplate.objects.get().centre == nowy_sacz
