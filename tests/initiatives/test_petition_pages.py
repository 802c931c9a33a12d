"""The petition's public pages, its signature sheets (PDF) and the staff's admin screens."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from initiatives.models import Petition, PetitionRules, PetitionSupport
from initiatives.services import petitions
from tests.factories import UserFactory
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, organiser, running
from tests.initiatives.petition_helpers import (
    committee,
    draft,
    open_resolution,
    signed_resolution,
    with_signatures,
)

pytestmark = pytest.mark.django_db


def url(petition, name="petition"):
    initiative = petition.initiative
    return initiative.index.sub_url(name, pk=initiative.pk)


def test_page_says_online_support_is_not_a_legal_signature(client, index):
    page = client.get(url(open_resolution(index))).content.decode()
    assert "nie podpis" in page or "not a legal signature" in page


def test_page_shows_paper_and_online_progress_apart(client, index):
    petition = open_resolution(index)
    Petition.objects.filter(pk=petition.pk).update(paper_signatures=180, supporters_count=95)
    page = client.get(url(petition)).content.decode()
    assert f"180 z {petition.signatures_required}" in page or "180 of" in page
    assert ">95<" in page


def test_a_draft_resolution_shows_the_threshold_it_will_need_to_the_group(client, index):
    petition = draft(running(index))
    PetitionRules.objects.create(centre=index.centre, population=12_000)
    client.force_login(petition.initiative.started_by)
    page = client.get(url(petition)).content.decode()
    assert "0 z 200" in page
    assert 'max="200"' in page


def test_draft_is_not_shown_to_visitors(client, index):
    initiative = running(index)
    petition = draft(initiative)
    assert client.get(url(petition)).status_code == 404
    client.force_login(initiative.started_by)
    assert client.get(url(petition)).status_code == 200


def test_committee_names_are_public_only_with_consent(client, index):
    initiative = running(index)
    committee(initiative, size=5)
    petitions.committee_record(
        initiative=initiative,
        staff=organiser(index.centre),
        full_name="Halina Jawna",
        consent=True,
        show_name=True,
    )
    petition = petitions.petition_publish(petition=draft(initiative), user=initiative.started_by)
    page = client.get(url(petition)).content.decode()
    assert "Halina Jawna" in page
    assert "Członek Komitetu 2" not in page


def test_support_and_withdraw_through_the_page(client, index):
    petition = open_resolution(index)
    user = confirmed_user()
    client.force_login(user)
    assert client.post(url(petition, "petition_support")).status_code == 302
    assert PetitionSupport.objects.filter(user=user).exists()
    client.post(url(petition, "petition_support"), {"action": "withdraw"})
    assert not PetitionSupport.objects.filter(user=user).exists()


def test_publishing_without_a_committee_is_refused_with_a_reason(client, index):
    initiative = running(index)
    petition = draft(initiative)
    client.force_login(initiative.started_by)
    response = client.post(url(petition, "petition_publish"))
    assert response.status_code == 403
    assert "5" in response.content.decode()
    assert Petition.objects.get().state == Petition.State.DRAFT


def test_invited_member_consents_on_the_page(client, index):
    initiative = running(index)
    committee(initiative, size=4)
    petition = draft(initiative)
    person = confirmed_user()
    from initiatives.models import Membership
    from initiatives.services import membership

    membership.initiative_join(initiative=initiative, user=person, kind="member")
    petitions.committee_invite(
        initiative=initiative,
        coordinator=initiative.started_by,
        member=Membership.objects.get(user=person),
    )
    client.force_login(person)
    client.post(url(petition, "committee_consent"), {"full_name": "Józef Zgodny"})
    assert petitions.consented_committee(initiative).count() == 5


def sheets(client, petition, count):
    client.force_login(petition.initiative.started_by)
    response = client.post(url(petition, "petition_sheets"), {"count": count})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def test_sheets_pdf_carries_title_committee_and_numbers_on_every_page(client, index):
    petition = open_resolution(index, title="Żółta łąka")
    reader = sheets(client, petition, 3)
    assert len(reader.pages) == 3
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Arkusz nr {number}" in text
        assert "masztów z dala od szkół" in text  # the draft's title, Polish letters intact
        assert "Członek Komitetu 5" in text
        assert "miejsca stałego zamieszkania" in text


def test_sheets_name_the_towns_council_not_the_centre(client, index):
    text = sheets(client, open_resolution(index), 1).pages[0].extract_text()
    assert "do rady miasta (Nowy Sącz)" in text
    assert index.centre.title not in text


def test_sheets_pdf_uses_only_embedded_fonts(client, index):
    reader = sheets(client, open_resolution(index), 1)
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert fonts <= {"MAM-Report-Sans", "MAM-Report-Sans-Bold"}


def test_a_visitor_cannot_print_sheets(client, index):
    petition = open_resolution(index)
    client.force_login(confirmed_user())
    assert client.post(url(petition, "petition_sheets"), {"count": 2}).status_code == 403
    assert not petition.sheets.exists()


def test_initiative_page_shows_the_filed_draft_with_its_deadline_and_overdue_marker(client, index):
    petition = signed_resolution(index)
    petitions.petition_file(
        petition=petition, staff=organiser(index.centre), filed_on=datetime.date(2025, 1, 10)
    )
    page = client.get(petition.initiative.get_absolute_url()).content.decode()
    assert "2025-04-10" in page
    assert "overdue" in page or "po terminie" in page


def count_queries(client, target, django_assert_max_num_queries, limit):
    client.get(target)
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(target).status_code == 200
    return len(captured)


def test_petition_page_query_count_does_not_grow(client, index, django_assert_max_num_queries):
    petition = open_resolution(index)
    target = url(petition)
    client.force_login(petition.initiative.started_by)
    one = count_queries(client, target, django_assert_max_num_queries, 30)
    for _n in range(5):
        petitions.petition_support(petition=petition, user=confirmed_user())
    petitions.committee_record(
        initiative=petition.initiative,
        staff=organiser(index.centre),
        full_name="Ktoś Nowy",
        consent=True,
        show_name=True,
    )
    many = count_queries(client, target, django_assert_max_num_queries, 30)
    assert one == many


def test_sheet_counts_in_the_admin_need_two_staff_members(client, index):
    petition = open_resolution(index)
    petitions.sheets_print(petition=petition, user=petition.initiative.started_by, count=1)
    admin_url = reverse("mam_petitions:manage", args=[petition.pk])
    for staff in (organiser(index.centre), organiser(index.centre)):
        client.force_login(staff)
        assert client.post(admin_url, {"number": 1, "count": 14}).status_code == 302
    petition.refresh_from_db()
    assert petition.paper_signatures == 14


def test_admin_of_another_centre_does_not_find_the_petition(client, index, home_page):
    petition = open_resolution(index)
    other, _other_index = centre_with_index(home_page)
    client.force_login(organiser(other))
    assert client.get(reverse("mam_petitions:manage", args=[petition.pk])).status_code == 404


def test_petition_admin_screens_show_no_english_sentence(client, index):
    from wagtail.users.models import UserProfile

    from tests.config.test_admin_polish import english_on

    petition = open_resolution(index)
    admin = UserFactory(is_superuser=True, is_staff=True)
    UserProfile.objects.update_or_create(user=admin, defaults={"preferred_language": "pl"})
    client.force_login(admin)
    screens = [
        reverse("mam_petitions:index"),
        reverse("mam_petitions:manage", args=[petition.pk]),
        reverse("mam_petitions:committee", args=[petition.pk]),
        reverse("mam_petitions:file", args=[petition.pk]),
        reverse("mam_petitions:decide", args=[petition.pk]),
        reverse("mam_petitions:extend", args=[petition.pk]),
        reverse("mam_petitions:rules", args=[index.centre.pk]),
        reverse("mam_petitions:history", args=[petition.pk]),
    ]
    found = {}
    for target in screens:
        response = client.get(target, HTTP_ACCEPT_LANGUAGE="pl")
        assert response.status_code == 200, target
        if english := english_on(response.content.decode()):
            found[target] = english
    assert found == {}


def test_admin_refuses_filing_a_draft_below_its_threshold_without_the_tick(client, index):
    petition = open_resolution(index)
    client.force_login(organiser(index.centre))
    response = client.post(
        reverse("mam_petitions:file", args=[petition.pk]), {"filed_on": "2026-01-05"}
    )
    assert response.status_code == 400
    assert "art. 41a" in response.content.decode()
    petition.refresh_from_db()
    assert petition.state == Petition.State.OPEN


def test_admin_asks_to_confirm_a_statute_threshold_below_the_acts(client, index):
    from initiatives.models import PetitionRules

    client.force_login(organiser(index.centre))
    target = reverse("mam_petitions:rules", args=[index.centre.pk])
    data = {"population": 83_000, "signatures_required": 150}
    assert client.post(target, data).status_code == 400
    assert not PetitionRules.objects.exists()
    assert client.post(target, {**data, "statute_lower": "on"}).status_code == 302
    assert petitions.signature_threshold(index.centre) == 150


def test_admin_filing_form_asks_to_confirm_with_the_numbers_below_the_threshold(client, index):
    petition = with_signatures(open_resolution(index), 30)
    client.force_login(organiser(index.centre))
    page = client.get(reverse("mam_petitions:file", args=[petition.pk])).content.decode()
    assert 'name="below_threshold_confirmed"' in page
    assert "30" in page and "300" in page and "41a" in page


def test_admin_filing_form_has_no_confirmation_at_the_threshold(client, index):
    petition = signed_resolution(index)
    client.force_login(organiser(index.centre))
    page = client.get(reverse("mam_petitions:file", args=[petition.pk])).content.decode()
    assert "below_threshold_confirmed" not in page


def test_admin_files_a_draft_below_its_threshold_with_the_tick(client, index):
    petition = with_signatures(open_resolution(index), 30)
    client.force_login(organiser(index.centre))
    response = client.post(
        reverse("mam_petitions:file", args=[petition.pk]),
        {"filed_on": "2026-01-05", "below_threshold_confirmed": "on"},
    )
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.state == Petition.State.FILED and petition.below_threshold


def file_below_threshold(index):
    petition = with_signatures(open_resolution(index), 30)
    return petitions.petition_file(
        petition=petition,
        staff=organiser(index.centre),
        filed_on=datetime.date(2026, 1, 5),
        below_threshold_confirmed=True,
    )


def test_petition_page_says_the_draft_was_filed_below_its_threshold(client, index):
    petition = file_below_threshold(index)
    page = client.get(url(petition), HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "złożony z 30 z 300 wymaganych podpisów — poniżej progu z art. 41a" in page
    assert "Rada nie ma obowiązku go rozpatrzyć" in page


def test_initiative_timeline_says_the_draft_was_filed_below_its_threshold(client, index):
    petition = file_below_threshold(index)
    page = client.get(url(petition, "detail"), HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "złożony z 30 z 300 wymaganych podpisów — poniżej progu z art. 41a" in page


def test_petition_page_of_a_draft_filed_at_its_threshold_says_nothing_of_it(client, index):
    petition = petitions.petition_file(
        petition=signed_resolution(index),
        staff=organiser(index.centre),
        filed_on=datetime.date(2026, 1, 5),
    )
    page = client.get(url(petition), HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "poniżej progu" not in page


def test_admin_screen_of_a_draft_filed_below_its_threshold_says_so(client, index):
    petition = file_below_threshold(index)
    client.force_login(organiser(index.centre))
    response = client.get(
        reverse("mam_petitions:manage", args=[petition.pk]), HTTP_ACCEPT_LANGUAGE="pl"
    )
    assert "złożony z 30 z 300 wymaganych podpisów" in response.content.decode()


def test_ordinary_petition_timeline_gives_the_answer_deadline_of_the_ustawa_o_petycjach(
    client, index
):
    initiative = running(index)
    petition = draft(initiative, kind="petition", addressee="mayor")
    petition = petitions.petition_publish(petition=petition, user=initiative.started_by)
    petitions.petition_file(
        petition=petition, staff=organiser(index.centre), filed_on=datetime.date(2026, 1, 5)
    )
    page = client.get(url(petition)).content.decode()
    assert "ustawą o petycjach" in page or "ustawa o petycjach" in page
    assert "termin dla rady" not in page and "council's deadline" not in page
