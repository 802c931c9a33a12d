"""Editors close a running phase from the page editor; others cannot."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from consultations.models import Phase
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)


@pytest.fixture
def consultation(home_page):
    index = ConsultationIndexPageFactory(parent=CentrePageFactory(parent=home_page))
    return with_phases(ConsultationPageFactory(parent=index), current="proposals")


def close_url(page):
    return reverse("consultations_phase:close", args=[page.pk])


def test_editor_sees_the_close_phase_button_while_a_phase_runs(admin_client, consultation):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[consultation.pk]))
    assert close_url(consultation) in response.text


def test_confirmation_page_changes_nothing(admin_client, consultation):
    response = admin_client.get(close_url(consultation))
    assert response.status_code == 200
    assert not consultation.phases.filter(closed_early_at__isnull=False).exists()


def test_posting_closes_the_running_phase_and_logs_it(admin_client, consultation):
    response = admin_client.post(close_url(consultation))
    assert response.status_code == 302
    phase = consultation.phases.get(kind=Phase.Kind.PROPOSALS)
    assert phase.closed_early_at is not None
    assert PageLogEntry.objects.filter(action="mam.phase.close_early").count() == 1


def test_posting_when_nothing_runs_redirects_with_a_message(admin_client, consultation):
    admin_client.post(close_url(consultation))
    response = admin_client.post(close_url(consultation), follow=True)
    assert response.status_code == 200
    assert PageLogEntry.objects.filter(action="mam.phase.close_early").count() == 1


def test_staff_without_publish_rights_cannot_close_a_phase(client, consultation):
    from django.contrib.auth.models import Permission

    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.post(close_url(consultation))
    assert response.status_code in (302, 403)
    assert not consultation.phases.filter(closed_early_at__isnull=False).exists()
