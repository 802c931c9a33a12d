"""The printable paper documents: PDFs that open, with the options, costs and Polish letters in
embedded fonts only, for the staff of the consultation's own centre."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts import roles
from tests.accounts.staff_helpers import html, staff
from tests.consultations.header_buttons import header_button
from tests.factories import UserFactory
from tests.factories_voting import Method
from tests.voting.paper_helpers import paper_vote
from voting import paper_protocol

pytestmark = pytest.mark.django_db

POLISH_TITLE = "Ławki przy źródle na Żółkiewskiego"


@pytest.fixture
def budget(home_page):
    consultation, items, official = paper_vote(
        home_page, method=Method.BUDGET, costs=[12500, 300, 700], budget=20000
    )
    items[0].title = POLISH_TITLE
    items[0].save()
    consultation.supporters_required = 15
    consultation.save()
    return consultation, items, official


def doc_url(consultation, kind):
    return reverse("voting_paper:document", args=[consultation.pk, kind])


def pdf(client, consultation, kind) -> PdfReader:
    response = client.get(doc_url(consultation, kind))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def text_of(reader) -> str:
    return " ".join(page.extract_text() for page in reader.pages)


def font_names(reader) -> set:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor  # embedded
            names.add(str(font["/BaseFont"]).split("+")[-1])
    return names


def test_the_ballot_card_lists_every_option_with_its_number_and_cost(client, budget):
    consultation, items, official = budget
    client.force_login(official)
    text = text_of(pdf(client, consultation, "karta"))
    assert POLISH_TITLE in text
    for item in items[1:]:
        assert item.title in text
    assert "12 500,00 zł" in text or "12500,00 zł" in text or "12,500.00" in text
    assert "1" in text and "Card no." in text or "Nr karty" in text


def test_the_ballot_card_says_how_to_vote_validly_and_has_a_stamp_box(client, budget):
    consultation, _items, official = budget
    client.force_login(official)
    text = text_of(pdf(client, consultation, "karta"))
    assert "one district" in text or "jednej dzielnicy" in text
    assert "Stamp" in text or "Pieczęć" in text


def test_the_ballot_card_uses_only_the_embedded_report_fonts(client, budget):
    consultation, _items, official = budget
    client.force_login(official)
    assert font_names(pdf(client, consultation, "karta")) <= {
        "MAM-Paper-Sans",
        "MAM-Paper-Sans-Bold",
    }


@pytest.mark.parametrize("kind", ["formularz", "lista-poparcia", "protokol"])
def test_every_document_is_a_pdf_with_embedded_fonts(client, budget, kind):
    consultation, _items, official = budget
    client.force_login(official)
    reader = pdf(client, consultation, kind)
    assert font_names(reader) <= {"MAM-Paper-Sans", "MAM-Paper-Sans-Bold"}
    assert consultation.title in text_of(reader)


def test_the_proposal_form_has_the_fields_of_the_online_form(client, budget):
    consultation, _items, official = budget
    client.force_login(official)
    text = text_of(pdf(client, consultation, "formularz"))
    for label in ("Title", "Description", "Place", "Estimated cost in złoty"):
        assert label in text
    assert "15" in text  # the supporters the regulamin asks for


def test_the_supporter_list_has_numbered_rows_with_name_address_and_signature(client, budget):
    consultation, _items, official = budget
    client.force_login(official)
    text = text_of(pdf(client, consultation, "lista-poparcia"))
    for label in ("First name and surname", "Address of residence", "Signature", "25"):
        assert label in text


def test_no_supporter_list_where_the_regulamin_asks_for_none(client, budget):
    consultation, _items, official = budget
    consultation.supporters_required = 0
    consultation.save()
    client.force_login(official)
    assert client.get(doc_url(consultation, "lista-poparcia")).status_code == 404


def test_the_protocol_carries_the_entered_figures_and_members(client, budget):
    consultation, _items, official = budget
    paper_protocol.record_protocol(
        consultation=consultation,
        by=official,
        figures={
            "cards_received": 140,
            "cards_issued": 120,
            "cards_unused": 20,
            "cards_valid": 117,
            "invalid_no_mark": 2,
            "invalid_too_many": 1,
            "invalid_other": 0,
        },
        members="Grażyna Łęcka, przewodnicząca",
    )
    client.force_login(official)
    text = text_of(pdf(client, consultation, "protokol"))
    assert "117" in text and "140" in text
    assert "Grażyna Łęcka" in text


def test_the_documents_page_lists_the_downloads(client, budget):
    consultation, _items, official = budget
    client.force_login(official)
    page = html(client.get(reverse("voting_paper:documents", args=[consultation.pk])))
    for kind in ("karta", "formularz", "lista-poparcia", "protokol"):
        assert doc_url(consultation, kind) in page


@pytest.mark.parametrize("who", ["other centre's official", "resident"])
def test_others_cannot_download_the_documents(client, home_page, budget, who):
    consultation, _items, _official = budget
    other, *_ = paper_vote(home_page)
    person = (
        staff(other.centre, roles.OFFICIAL) if who == "other centre's official" else UserFactory()
    )
    client.force_login(person)
    for address in (
        reverse("voting_paper:documents", args=[consultation.pk]),
        doc_url(consultation, "karta"),
        doc_url(consultation, "protokol"),
    ):
        response = client.get(address)
        assert response.status_code in (302, 403, 404), address
        assert response.get("Content-Type") != "application/pdf"


def test_the_consultation_header_offers_the_documents_to_its_centres_staff(home_page, budget):
    consultation, _items, official = budget
    other, *_ = paper_vote(home_page)
    assert header_button(consultation, official, "voting_paper:documents") is not None
    outsider = staff(other.centre, roles.OFFICIAL)
    assert header_button(consultation, outsider, "voting_paper:documents") is None


def sorted_items(items):
    """One town-wide pool: the card lists the proposals by title."""
    return sorted(items, key=lambda item: (item.title, item.pk))


def test_the_entry_form_numbers_the_options_as_the_printed_card(client, budget):
    consultation, items, official = budget
    client.force_login(official)
    page = html(client.get(reverse("voting_paper:enter", args=[consultation.pk])))
    numbered = {f"{number}. {item.title}" for number, item in enumerate(sorted_items(items), 1)}
    assert all(label in page for label in numbered)
