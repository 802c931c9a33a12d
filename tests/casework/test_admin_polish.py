"""Case work's admin screens read as Polish (the heuristic of tests/config/test_admin_polish)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from casework import services
from casework.models import AnswerTemplate, Assignment
from tests.config.test_admin_polish import english_on
from tests.factories_proposals import ProposalFactory

pytestmark = pytest.mark.django_db


def test_no_casework_screen_shows_an_english_sentence(client, proposal, official, roads):
    today = timezone.localdate()
    case = services.assignment_create(
        proposal=proposal, by=official, department=roads, due_date=today, note="Teren"
    )
    Assignment.objects.filter(pk=case.pk).update(due_date=today - datetime.timedelta(days=1))
    services.note_add(proposal=proposal, by=official, text="Notatka")
    ProposalFactory(
        consultation=proposal.consultation,
        forwarded_to="MZK",
        answer_due=today - datetime.timedelta(days=1),
    )
    template = AnswerTemplate.objects.create(
        centre=roads.centre, title="Podziękowanie", text="Dziękujemy, {autor}."
    )
    UserProfile.objects.update_or_create(user=official, defaults={"preferred_language": "pl"})
    client.force_login(official)
    screens = [
        "/admin/",
        reverse("mam_cases:index"),
        reverse("mam_cases:index") + "?state=overdue",
        reverse("mam_cases:mine"),
        reverse("mam_cases:overdue"),
        reverse("mam_cases:assign", args=[proposal.pk]),
        reverse("mam_cases:edit", args=[case.pk]),
        reverse("mam_cases:done", args=[case.pk]),
        reverse("mam_cases:file", args=[proposal.pk]),
        reverse("mam_departments:index"),
        reverse("mam_departments:add"),
        reverse("mam_departments:edit", args=[roads.pk]),
        reverse("mam_answer_templates:index"),
        reverse("mam_answer_templates:add"),
        reverse("mam_answer_templates:edit", args=[template.pk]),
        reverse("mam_answer_templates:delete", args=[template.pk]),
        reverse("mam_proposals:index"),
        reverse("mam_proposals:status", args=[proposal.pk]),
    ]
    found = {}
    for url in screens:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="pl")
        assert response.status_code == 200, url
        if english := english_on(response.content.decode()):
            found[url] = english
    assert found == {}
