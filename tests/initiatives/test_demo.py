"""seed_demo's initiatives: the mast and the courtyard in Nowy Sącz, the bus in Chrzanów."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from initiatives import selectors
from initiatives.models import Initiative, LocalInitiativeApplication
from initiatives.services import local_initiative as local
from proposals.models import Proposal


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_nowy_sacz_has_the_mast_and_the_courtyard(seeded):
    titles = set(
        Initiative.objects.public().filter(centre__slug="nowy-sacz").values_list("title", flat=True)
    )
    assert any("maszt" in title for title in titles)
    assert any("podwórko" in title.lower() for title in titles)


@pytest.mark.django_db
def test_chrzanow_bus_group_started_from_a_rejected_proposal(seeded):
    bus = Initiative.objects.get(centre__slug="chrzanow")
    assert bus.origin_proposal.status == Proposal.Status.REJECTED


@pytest.mark.django_db
def test_no_demo_group_with_recent_updates_is_listed_as_stalled(seeded):
    assert not selectors.stalled(Initiative.objects.public()).exists()


@pytest.mark.django_db
def test_counters_match_the_memberships(seeded):
    for initiative in Initiative.objects.all():
        members = initiative.memberships.filter(kind="member").count()
        supporters = initiative.memberships.filter(kind="supporter").count()
        assert (initiative.members_count, initiative.supporters_count) == (members, supporters)


@pytest.mark.django_db
def test_second_run_adds_no_initiative(seeded):
    before = Initiative.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert Initiative.objects.count() == before


@pytest.mark.django_db
def test_demo_initiative_pages_render(seeded, client):
    for initiative in Initiative.objects.public():
        assert client.get(initiative.get_absolute_url()).status_code == 200
    assert client.get(initiative.index.url).status_code == 200


@pytest.mark.django_db
def test_the_courtyard_has_a_local_initiative_application_with_40_hours_pledged(seeded):
    application = LocalInitiativeApplication.objects.get(initiative__centre__slug="nowy-sacz")
    assert application.state == LocalInitiativeApplication.State.READY
    pledged = local.pledge_totals(application)
    assert pledged.hours == 40
    assert pledged.value > 0  # something in kind too


@pytest.mark.django_db
def test_the_demo_application_page_and_pdf_render(seeded, client):
    application = LocalInitiativeApplication.objects.get(initiative__centre__slug="nowy-sacz")
    assert client.get(application.get_absolute_url()).status_code == 200
    pdf = client.get(application.index.sub_url("local_pdf", pk=application.pk))
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_the_mast_collects_for_a_draft_resolution_with_paper_and_online_support(seeded):
    from initiatives.models import Petition
    from initiatives.services.petitions import consented_committee, sheets_mismatched

    petition = Petition.objects.select_related("initiative").get(centre__slug="nowy-sacz")
    assert "maszt" in petition.initiative.title
    assert (petition.paper_signatures, petition.signatures_required) == (180, 300)
    assert petition.supporters_count == 95
    assert 0 < petition.verified_supporters_count < 95
    assert consented_committee(petition.initiative).count() >= 5
    # 180 of 300: below the threshold the draft cannot be filed yet.
    assert petition.state == Petition.State.OPEN
    assert [sheet.number for sheet in sheets_mismatched(petition)] == [16]
