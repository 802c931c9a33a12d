"""A consultation's centre: no query for each freshly loaded page, never a stale one."""

import pytest

from consultations.models import ConsultationPage
from tests.factories_proposals import open_consultation

pytestmark = pytest.mark.django_db


def test_a_freshly_loaded_consultation_finds_its_centre_without_a_query(
    home_page, django_assert_num_queries
):
    consultation = open_consultation(home_page)
    assert ConsultationPage.objects.get(pk=consultation.pk).centre is not None
    fresh = ConsultationPage.objects.get(pk=consultation.pk)
    with django_assert_num_queries(0):
        centre = fresh.centre
    assert centre.pk == consultation.get_parent().get_parent().pk


def test_a_renamed_centre_shows_at_once_on_the_next_load(home_page):
    consultation = open_consultation(home_page)
    centre = ConsultationPage.objects.get(pk=consultation.pk).centre
    centre.title = "Nowa nazwa"
    centre.save_revision().publish()
    assert ConsultationPage.objects.get(pk=consultation.pk).centre.title == "Nowa nazwa"


def test_a_consultation_moved_to_another_centre_finds_the_new_one(home_page):
    consultation = open_consultation(home_page)
    other_index = open_consultation(home_page).get_parent()
    ConsultationPage.objects.get(pk=consultation.pk).centre  # noqa: B018 (cached)
    consultation.move(other_index, pos="last-child")
    moved = ConsultationPage.objects.get(pk=consultation.pk)
    assert moved.centre.pk == other_index.get_parent().pk
