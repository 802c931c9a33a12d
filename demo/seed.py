"""Build the demo content through Wagtail's page API: create what is missing, keep the rest."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from wagtail.models import Page, Site

from demo.casework import ensure_casework, ensure_review_cases
from demo.centres import centre_pages
from demo.consultations import ensure_consultations
from demo.events import ensure_activities
from demo.images import alt_text, ensure_images
from demo.implementation import ensure_implementation
from demo.initiative_meetings import ensure_initiative_meetings
from demo.initiatives import ensure_initiatives
from demo.legal import SITE_NAME, legal_pages
from demo.newsletters import ensure_newsletters
from demo.partners import ensure_partners
from demo.people import ensure_people
from demo.platform import HOME_LEAD, HOME_TITLE, footer_values, home_body
from demo.programme import programme_pages
from demo.proposals import ensure_proposals
from demo.review import ensure_open_review, ensure_review
from demo.rooms import ensure_room_bookings, ensure_rooms
from demo.stream import PageSpec, Refs
from demo.voting import ensure_votes
from home.models import FooterSettings, HomePage

ADMIN_EMAIL = "admin@mam.example.org"
DEFAULT_ADMIN_PASSWORD = "mam-demo-admin-2026"  # noqa: S105 - the documented demo login
# What migration home/0002 leaves behind; anything else means someone has named the site.
FRESH_SITE_NAMES = {"", "MAM"}


@dataclass
class Report:
    pages: int = 0
    images: int = 0
    admin_created: bool = False
    accounts: int = 0
    home_filled: bool = False
    site_configured: bool = False
    footer_filled: bool = False


def seed(*, admin_password: str = DEFAULT_ADMIN_PASSWORD) -> tuple[Report, object]:
    """Create the missing demo content; return what was created and the admin user."""
    report = Report()
    admin = ensure_admin(admin_password, report)
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None or not isinstance(site.root_page.specific, HomePage):
        raise CommandError("The default site must have the platform's HomePage as its root.")
    home = site.root_page.specific
    point_site_at(site, settings.MAM_SITE_URL)

    refs = Refs(pages={"home": home})
    refs.images, report.images = ensure_images(user=admin)
    # Place every missing page first, so that any text may link to any page; tree order
    # is menu order. Then write and publish the new pages.
    created: list[tuple[Page, PageSpec]] = []
    place_pages(home, [*programme_pages(), *centre_pages(), *legal_pages()], refs, created)
    for page, spec in created:
        if spec.body is not None:
            page.body = spec.body(refs)
        page.save_revision(user=admin).publish(user=admin)
    report.pages = len(created)

    fill_home(home, refs, admin, report)
    configure_site(site, report)
    fill_footer(site, refs, report)
    report.accounts = len(ensure_people(admin))
    ensure_consultations(refs, admin)
    ensure_proposals(admin)
    ensure_votes(admin)
    ensure_initiatives(admin)
    ensure_review(admin)
    ensure_rooms(admin)
    ensure_casework(admin)  # the town's departments, before the implementation records name one
    ensure_review_cases(admin)  # after the review and the departments
    ensure_open_review(admin)  # Chrzanów's 2027 budget: after its departments and cases
    ensure_implementation(admin)
    ensure_partners(admin)  # before the activities, which name their partner
    ensure_activities(admin)
    ensure_initiative_meetings(admin)  # after the activities' index and the initiatives
    ensure_room_bookings(admin)
    ensure_newsletters(admin)  # recorded as sent: seeding emails nobody
    return report, admin


def ensure_admin(password: str, report: Report):
    """Return the demo superuser; set its password only when creating it."""
    User = get_user_model()
    admin = User.objects.filter(email__iexact=ADMIN_EMAIL).first()
    if admin is not None:
        return admin
    try:
        validate_password(password, User(email=ADMIN_EMAIL))
    except ValidationError as error:
        raise CommandError(f"Admin password rejected: {' '.join(error.messages)}") from error
    report.admin_created = True
    return User.objects.create_superuser(
        email=ADMIN_EMAIL, password=password, display_name="Administrator (demo)"
    )


def place_pages(parent: Page, specs: list[PageSpec], refs: Refs, created: list) -> None:
    """Find each page by slug under its parent or add it there (bodyless), then its children."""
    for spec in specs:
        page = parent.get_children().filter(slug=spec.slug).specific().first()
        if page is None:
            page = spec.model(title=spec.title, slug=spec.slug, **spec.fields)
            if spec.image:
                page.image = refs.images[spec.image]
                page.image_alt = alt_text(spec.image)
            if spec.tags:
                page.tags.add(*spec.tags)
            parent.add_child(instance=page)
            created.append((page, spec))
        elif not isinstance(page, spec.model):
            raise CommandError(
                f"{page.url_path} should be a {spec.model.__name__}, not {type(page).__name__}."
            )
        refs.pages[spec.key] = page
        place_pages(page, spec.children, refs, created)


def fill_home(home: HomePage, refs: Refs, user, report: Report) -> None:
    """Write the home page's text while it is still the empty page of a fresh install."""
    if home.lead or home.body:
        return
    home.title = HOME_TITLE
    home.lead = HOME_LEAD
    home.body = home_body(refs)
    home.save_revision(user=user).publish(user=user)
    report.home_filled = True


def configure_site(site: Site, report: Report) -> None:
    if site.site_name not in FRESH_SITE_NAMES:
        return
    site.site_name = SITE_NAME
    site.save(update_fields=["site_name"])
    report.site_configured = True


def point_site_at(site: Site, url: str) -> None:
    """Give the Wagtail Site the host and port the site is served at (MAM_SITE_URL).

    On every run, so `make run PORT=…` after an earlier run on another port still gives
    Wagtail's own links (previews, "view live") the address that opens.
    """
    parts = urlsplit(url)
    hostname = parts.hostname or "localhost"
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])


def fill_footer(site: Site, refs: Refs, report: Report) -> None:
    footer = FooterSettings.for_site(site)
    if footer.organisation_name:
        return
    for name, value in footer_values(refs).items():
        setattr(footer, name, value)
    footer.save()
    report.footer_filled = True
