"""seed_demo: two centres with news, idempotent reruns, a working admin, pages that render."""

from contextlib import redirect_stdout
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from demo.seed import ADMIN_EMAIL, DEFAULT_ADMIN_PASSWORD
from home.models import CentrePage, FooterSettings, HomePage, NewsIndexPage, NewsPage


def seed_demo(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for a class of tests (a few seconds); each test still rolls back its own writes."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed_demo()
        transaction.set_rollback(True)


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
    }


@pytest.mark.django_db
class TestSeededDemo:
    def test_creates_both_centres_each_with_published_news(self, seeded):
        centres = {centre.town: centre for centre in CentrePage.objects.live()}
        assert set(centres) == {"Nowy Sącz", "Chrzanów"}
        for centre in centres.values():
            index = NewsIndexPage.objects.child_of(centre).get()
            news = NewsPage.objects.child_of(index).live()
            assert 5 <= news.count() <= 8
            assert all(item.live_revision_id for item in news)

    def test_news_use_several_block_types_and_every_image_has_alt_text(self, seeded):
        block_types = set()
        for item in NewsPage.objects.all():
            assert item.tags.exists()
            assert not item.image or item.image_alt
            for block in item.body:
                block_types.add(block.block_type)
                if block.block_type == "image":
                    assert block.value["image"].contextual_alt_text
        assert {"heading", "paragraph", "quote", "call_to_action", "image"} <= block_types

    def test_footer_links_the_statement_and_privacy_notice_and_shows_three_logos(self, seeded):
        footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
        assert footer.accessibility_statement.slug == "deklaracja-dostepnosci"
        assert footer.privacy_page.slug == "polityka-prywatnosci"
        assert "Europejskiego Funduszu Społecznego" in footer.funding_notice
        alt_texts = [logo.value["image"].contextual_alt_text for logo in footer.funding_logos]
        assert len(alt_texts) == 3
        assert all(alt_texts)

    def test_second_run_creates_nothing_and_keeps_edits(self, seeded):
        news = NewsPage.objects.first()
        news.title = "Tytuł poprawiony przez redakcję"
        news.save_revision().publish()
        before = counts()

        output = seed_demo()

        assert counts() == before
        news.refresh_from_db()
        assert news.title == "Tytuł poprawiony przez redakcję"
        assert "Nothing to do" in output

    def test_prints_the_admin_login(self, seeded):
        assert f"email: {ADMIN_EMAIL}  password: {DEFAULT_ADMIN_PASSWORD}" in seeded

    def test_admin_can_log_in_and_open_the_admin(self, seeded, client):
        assert client.login(email=ADMIN_EMAIL, password=DEFAULT_ADMIN_PASSWORD)
        assert client.get("/admin/").status_code == 200

    def test_rerun_never_resets_a_changed_admin_password(self, seeded):
        admin = get_user_model().objects.get(email=ADMIN_EMAIL)
        admin.set_password("changed-by-the-admin")
        admin.save()

        output = seed_demo(admin_password="another-demo-password")

        admin.refresh_from_db()
        assert admin.check_password("changed-by-the-admin")
        assert "changed-by-the-admin" not in output
        assert "another-demo-password" not in output

    def test_site_search_finds_the_demo_proposal_about_buses(self, seeded, client):
        response = client.get("/szukaj/", {"q": "autobus"})
        titles = [
            item.title for section in response.context["sections"] for item in section["results"]
        ]
        assert "Autobus w niedziele do szpitala" in titles

    def test_home_page_and_every_news_item_render(self, seeded, client):
        home = HomePage.objects.get()
        response = client.get(home.url)
        assert response.status_code == 200
        assert "1\u00a0897\u00a0188,00\u00a0zł" in response.content.decode()
        for news in NewsPage.objects.live():
            assert client.get(news.url).status_code == 200, news.url

    def test_every_other_demo_page_renders(self, seeded, client):
        pages = Page.objects.live().filter(depth__gt=2).not_type(NewsPage)
        assert pages.count() > 10
        for page in pages:
            assert client.get(page.url).status_code == 200, page.url


def test_admin_password_comes_from_the_environment(db, monkeypatch, client):
    monkeypatch.setenv("MAM_DEMO_ADMIN_PASSWORD", "from-the-environment")
    seed_demo()
    assert client.login(email=ADMIN_EMAIL, password="from-the-environment")


def test_weak_admin_password_is_refused_and_nothing_is_created(db):
    with pytest.raises(CommandError, match="Admin password rejected"):
        seed_demo(admin_password="short")
    assert not CentrePage.objects.exists()
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
class TestDemoAccounts:
    def test_every_demo_account_logs_in_with_the_documented_password(self, seeded, client):
        from demo.people import DEMO_PASSWORD, demo_logins

        for _, email in demo_logins():
            assert client.login(email=email, password=DEMO_PASSWORD), email
            client.logout()

    def test_chrzanow_official_is_staff_for_chrzanow_only(self, seeded):
        from accounts import roles

        official = get_user_model().objects.get(email="urzednik.chrzanow@mam.example.org")
        centres = roles.staff_centres(official, "accounts.add_verification")
        assert [centre.town for centre in centres] == ["Chrzanów"]

    def test_demo_resident_is_verified_for_nowy_sacz(self, seeded):
        from accounts.services.residency import is_verified_resident

        resident = get_user_model().objects.get(email="mieszkanka@mam.example.org")
        assert is_verified_resident(resident, CentrePage.objects.get(town="Nowy Sącz"))

    def test_centres_have_districts_kept_in_their_revisions(self, seeded):
        centre = CentrePage.objects.get(town="Chrzanów")
        assert centre.districts.count() >= 5
        assert centre.get_latest_revision_as_object().districts.count() == centre.districts.count()


@pytest.mark.django_db
class TestDemoRooms:
    def test_each_centre_has_three_rooms_with_bookings_and_waiting_requests(self, seeded):
        from rooms.models import Booking, Room

        for centre in CentrePage.objects.live():
            assert Room.objects.filter(centre=centre).count() == 3
            requests = Booking.objects.filter(centre=centre).requests()
            assert requests.filter(state="confirmed").exists()
            assert requests.filter(state="pending").exists()

    def test_demo_activities_are_placed_in_rooms_and_book_them(self, seeded):
        from events.models import ActivityPage
        from rooms.models import Booking

        placed = ActivityPage.objects.exclude(room=None)
        assert placed.count() >= 6
        assert Booking.objects.filter(activity__in=placed).exists()

    def test_demo_activity_addresses_are_plain_letters_to_type_from_a_poster(self, seeded):
        from events.models import ActivityPage

        slugs = set(ActivityPage.objects.values_list("slug", flat=True))
        assert "warsztaty-segregacji-odpadow" in slugs
        assert all(slug.isascii() for slug in slugs)

    def test_the_foundations_account_sees_the_sign_ups_of_its_own_workshop(self, seeded):
        from django.contrib.auth import get_user_model

        from events import access
        from events.models import ActivityPage

        account = get_user_model().objects.get(email="fundacja.nowysacz@mam.example.org")
        workshop = ActivityPage.objects.get(
            title="Jak napisać wniosek o mały grant", partner__accounts=account
        )
        assert workshop.signups.exists()
        assert access.organised_activities(account).filter(pk=workshop.pk).exists()

    def test_the_mast_groups_coordinator_sees_the_sign_ups_of_its_open_meeting(self, seeded):
        from django.contrib.auth import get_user_model

        from events import access
        from events.models import ActivityPage, Organiser

        meeting = ActivityPage.objects.get(title="Otwarte spotkanie grupy „Nie dla masztu”")
        assert meeting.organiser == Organiser.INITIATIVE
        assert meeting.initiative.title == "Nie dla masztu przy Szkole Podstawowej nr 12"
        assert meeting.signups.count() == 4
        coordinator = get_user_model().objects.get(email="anna.maszt@mam.example.org")
        assert access.organised_activities(coordinator).filter(pk=meeting.pk).exists()

    def test_the_foundations_account_may_still_ask_for_a_room(self, seeded):
        """The README's walk: the foundation asks for a room (its demo bookings leave room
        under the centre's limit of open requests)."""
        from django.contrib.auth import get_user_model

        from rooms.models import Booking, BookingRules

        account = get_user_model().objects.get(email="fundacja.nowysacz@mam.example.org")
        for rules in BookingRules.objects.all():
            open_now = Booking.objects.filter(
                requested_by=account, centre=rules.centre, state__in=["pending", "confirmed"]
            ).count()
            assert open_now < rules.open_requests

    def test_each_centre_has_a_held_booking_whose_count_the_yearly_usage_shows(self, seeded):
        from rooms import usage
        from rooms.models import Booking, Room

        for centre in CentrePage.objects.live():
            held = Booking.objects.filter(centre=centre).exclude(attended=None).get()
            rows = usage.yearly(list(Room.objects.filter(centre=centre)), held.starts_at.year)
            assert sum(row.total_came for row in rows) >= held.attended == 23

    def test_a_demo_date_moved_to_another_room_books_it_for_its_fewer_places(self, seeded):
        from events.models import DateChange
        from rooms.models import Booking

        for moved in DateChange.objects.exclude(room=None):
            booking = Booking.objects.get(activity=moved.activity, occurrence=moved.original_date)
            assert (booking.room, booking.people) == (moved.room, moved.places)
            assert moved.places < moved.activity.places
        assert DateChange.objects.exclude(room=None).count() == 2  # one per centre

    def test_rooms_pages_render(self, seeded, client):
        from rooms.models import Room, RoomIndexPage

        for index in RoomIndexPage.objects.live():
            assert client.get(index.url).status_code == 200
            room = Room.objects.filter(centre=index.get_parent()).first()
            assert client.get(f"{index.url}{room.pk}/").status_code == 200


@pytest.mark.django_db
class TestDemoProposalsAndVotes:
    def test_each_open_consultation_has_thirty_varied_proposals(self, seeded):
        from consultations.models import ConsultationPage
        from proposals.models import Proposal

        for consultation in ConsultationPage.objects.live().filter(voting_method=""):
            proposals = Proposal.objects.filter(consultation=consultation)
            assert proposals.count() == 30
            assert proposals.filter(supports_count__gt=0).exists()
            assert proposals.filter(comments_count__gt=0).exists()
            assert proposals.exclude(status="submitted").exists()
            assert proposals.filter(latitude__isnull=False).exists()
            assert proposals.filter(latitude__isnull=True).exclude(place="").exists()

    def test_support_counters_match_the_supports(self, seeded):
        from django.db.models import Count

        from proposals.models import Proposal

        for proposal in Proposal.objects.annotate(rows=Count("supports")):
            assert proposal.supports_count == proposal.rows

    def test_the_2026_civic_budget_has_published_results_that_recompute(self, seeded):
        from consultations.models import ConsultationPage
        from voting.services.results import published_result
        from voting.tally import tally

        budget = ConsultationPage.objects.get(slug="budzet-obywatelski-2026")
        result = published_result(budget)
        assert result.figures["turnout"]["online"] > 0
        assert result.figures["turnout"]["paper"] > 0
        assert any(row["funded"] for row in result.figures["options"])
        assert tally(result.ballots) == result.figures
        assert not budget.ballots.exclude(voter_key=None).exists()

    def test_the_2026_civic_budget_has_a_deciding_tie_drawn_by_lot(self, seeded):
        from consultations.models import ConsultationPage
        from voting.models import TieDraw
        from voting.services.results import published_result
        from voting.tally import tally

        budget = ConsultationPage.objects.get(slug="budzet-obywatelski-2026")
        result = published_result(budget)
        drawn = [tie for tie in result.figures["ties"] if tie["rule"] == "lot"]
        assert drawn and all(tie["decided"] for tie in drawn)
        draw = TieDraw.objects.filter(consultation=budget).first()
        assert draw.witnesses and draw.drawn_by and draw.drawn_at < result.published_at
        assert result.ballots["rules"]["draws"][0]["order"] == draw.order
        assert tally(result.ballots) == result.figures

    def test_the_2026_paper_cards_are_confirmed_by_two_people_and_the_protocol_agrees(self, seeded):
        from consultations.models import ConsultationPage
        from voting import paper_protocol
        from voting.models import Ballot

        budget = ConsultationPage.objects.get(slug="budzet-obywatelski-2026")
        cards = Ballot.objects.filter(consultation=budget, channel="paper")
        assert cards.exists()
        assert not cards.filter(confirmed_at=None).exists()
        assert all(card.confirmed_by_id != card.entered_by_id for card in cards)
        assert paper_protocol.differences(budget) == []

    def test_the_demo_resident_may_vote_in_the_open_budget(self, seeded):
        from consultations.models import ConsultationPage
        from consultations.participation import decide

        resident = get_user_model().objects.get(email="mieszkanka@mam.example.org")
        summer = ConsultationPage.objects.get(slug="budzet-na-lato-2027")
        assert summer.voting_method == "budget"
        assert decide(resident, summer, "vote")
        assert not summer.participations.filter(user=resident).exists()

    def test_an_approval_vote_is_open_in_chrzanow(self, seeded):
        from consultations.models import ConsultationPage
        from consultations.selectors import current_phase

        vote = ConsultationPage.objects.get(slug="ktory-plac-zabaw")
        assert vote.voting_method == "approval"
        assert current_phase(vote).kind == "voting"
        assert vote.ballots.exists()


SERVED_AT = "http://127.0.0.1:8831"


@pytest.fixture(scope="class")
def seeded_elsewhere(django_db_setup, django_db_blocker):
    """Seed as `make run PORT=8831` does, with emails printed to the terminal as in dev."""
    terminal = StringIO()
    console = "django.core.mail.backends.console.EmailBackend"
    with django_db_blocker.unblock(), transaction.atomic():
        with (
            override_settings(MAM_SITE_URL=SERVED_AT, EMAIL_BACKEND=console),
            redirect_stdout(terminal),
        ):
            summary = seed_demo()
        yield summary, terminal.getvalue()
        transaction.set_rollback(True)


@pytest.mark.django_db
class TestSeedingForAnotherAddress:
    def test_seeding_prints_no_email_only_the_summary(self, seeded_elsewhere):
        summary, terminal = seeded_elsewhere
        assert "Subject:" not in terminal
        assert "Subject:" not in summary
        assert summary.startswith("Created ")

    def test_the_wagtail_site_and_the_printed_admin_link_use_the_configured_address(
        self, seeded_elsewhere
    ):
        summary, _terminal = seeded_elsewhere
        site = Site.objects.get(is_default_site=True)
        assert (site.hostname, site.port) == ("127.0.0.1", 8831)
        assert site.root_url == SERVED_AT
        assert f"Admin: {SERVED_AT}/admin/" in summary
