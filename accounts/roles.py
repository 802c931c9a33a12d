"""Roles are Django groups: model permissions say *what* staff may do, Wagtail page permissions
on a centre's page say *where*. A Chrzanów official is in "MAM Chrzanów – Urzędnicy", whose page
permission sits on the Chrzanów centre, so every staff view lists Chrzanów's data only."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from home.models import CentrePage
from home.scope import pages_under

RESIDENTS = "Mieszkańcy"
ADMINISTRATORS = "Administratorzy"

MODERATOR = "moderator"
OFFICIAL = "official"
EDITOR = "editor"
ORGANISER = "organiser"

# Centre staff (officials and moderators) type in paper ballots handed in at the centre,
# correct them and settle double votes (voting/admin_paper*.py).
PAPER_BALLOT_PERMISSIONS = [
    "voting.view_ballot",
    "voting.add_ballot",
    "voting.change_ballot",
    "voting.view_participation",
    "voting.change_participation",
]

# Centre staff answer room booking requests (rooms.admin); officials and editors also keep
# the rooms and the opening hours and booking rules.
ROOM_BOOKING_PERMISSIONS = ["rooms.view_booking", "rooms.change_booking"]
ROOM_PERMISSIONS = [
    "rooms.view_room",
    "rooms.add_room",
    "rooms.change_room",
    "rooms.delete_room",
    "rooms.view_bookingrules",
    "rooms.add_bookingrules",
    "rooms.change_bookingrules",
]

# Officials and editors keep the centre's partners and decide on the changes partner
# organisations propose (partners.admin); moderators decide on the changes only.
PARTNER_CHANGE_PERMISSIONS = ["partners.view_partnerchange", "partners.change_partnerchange"]
PARTNER_PERMISSIONS = [
    "partners.view_partner",
    "partners.add_partner",
    "partners.change_partner",
    "partners.delete_partner",
]

# Editors write newsletters to a consultation's followers or an initiative's people (outreach).
NEWSLETTER_PERMISSIONS = [
    "outreach.view_newsletter",
    "outreach.add_newsletter",
    "outreach.change_newsletter",
    "outreach.delete_newsletter",
]

# Group name suffixes are data (Polish, as the admin shows them), not interface strings.
CENTRE_ROLES = {
    MODERATOR: {
        "suffix": "Moderatorzy",
        "page": ["add"],
        "model": [
            "accounts.view_report",
            "accounts.change_report",
            "accounts.block_user",
            "accounts.add_userwarning",
            "accounts.view_residencydeclaration",
            "accounts.change_residencydeclaration",
            "accounts.view_verification",
            "accounts.add_verification",
            "proposals.view_comment",
            "proposals.change_comment",
            *PAPER_BALLOT_PERMISSIONS,
            *ROOM_BOOKING_PERMISSIONS,
            *PARTNER_CHANGE_PERMISSIONS,
        ],
    },
    OFFICIAL: {
        "suffix": "Urzędnicy",
        "page": ["add"],
        "model": [
            "accounts.view_residencydeclaration",
            "accounts.change_residencydeclaration",
            "accounts.view_verification",
            "accounts.add_verification",
            "accounts.change_verification",
            "accounts.view_verificationcodebatch",
            "accounts.add_verificationcodebatch",
            "proposals.view_proposal",
            "proposals.add_proposal",
            "proposals.change_proposal",
            "proposals.view_comment",
            "proposals.change_comment",
            *PAPER_BALLOT_PERMISSIONS,
            "surveys.view_surveyresponse",
            *ROOM_BOOKING_PERMISSIONS,
            *ROOM_PERMISSIONS,
            *PARTNER_CHANGE_PERMISSIONS,
            *PARTNER_PERMISSIONS,
        ],
    },
    # Community organisers review residents' initiatives before they are public.
    ORGANISER: {
        "suffix": "Organizatorzy",
        "page": ["add"],  # what scopes staff to their centre (see staff_centres)
        "model": ["initiatives.view_initiative", "initiatives.change_initiative"],
    },
    EDITOR: {
        "suffix": "Redaktorzy",
        "page": ["add", "change", "publish", "lock", "unlock"],
        "model": [
            "surveys.view_surveyresponse",
            *ROOM_BOOKING_PERMISSIONS,
            *ROOM_PERMISSIONS,
            *PARTNER_CHANGE_PERMISSIONS,
            *PARTNER_PERMISSIONS,
            *NEWSLETTER_PERMISSIONS,
        ],
        "collection": [
            "add_image",
            "change_image",
            "choose_image",
            "add_document",
            "change_document",
            "choose_document",
        ],
    },
}


def _permissions(names: list[str]) -> list[Permission]:
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def _page_permission(kind: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{kind}_page")


def group_name(centre: CentrePage, role: str) -> str:
    return f"{centre.title} – {CENTRE_ROLES[role]['suffix']}"


@transaction.atomic
def centre_groups_ensure(centre: CentrePage) -> dict[str, Group]:
    """Create (or complete) the moderator, official and editor groups of one centre."""
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    groups = {}
    for role, spec in CENTRE_ROLES.items():
        group, _ = Group.objects.get_or_create(name=group_name(centre, role))
        group.permissions.add(access_admin, *_permissions(spec["model"]))
        for kind in spec["page"]:
            GroupPagePermission.objects.get_or_create(
                group=group, page=centre, permission=_page_permission(kind)
            )
        for codename in spec.get("collection", []):
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=Collection.get_first_root_node(),
                permission=Permission.objects.get(codename=codename),
            )
        groups[role] = group
    return groups


@transaction.atomic
def global_groups_ensure() -> dict[str, Group]:
    """The residents' group (everyone who signs up) and the administrators' group."""
    residents, _ = Group.objects.get_or_create(name=RESIDENTS)
    administrators, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    administrators.permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["accounts", "home", "wagtailadmin", "auth"]
        )
    )
    root = Page.get_first_root_node()
    for kind in ["add", "change", "publish", "lock", "unlock", "bulk_delete"]:
        GroupPagePermission.objects.get_or_create(
            group=administrators, page=root, permission=_page_permission(kind)
        )
    return {"residents": residents, "administrators": administrators}


def staff_centres(user, permission: str):
    """Centres where `user` holds `permission` ("app.codename"): their own centres only.

    Only the groups that grant the permission count, so an editor of one centre who is an
    official of another gets the official's rights in the second centre alone.
    """
    if not (user.is_authenticated and user.is_active):
        return CentrePage.objects.none()
    if user.is_superuser:
        return CentrePage.objects.all()
    if not user.has_perm(permission):
        # No group grants it anywhere (the permission sets are cached: no query for residents).
        return CentrePage.objects.none()
    app_label, codename = permission.split(".")
    granting_groups = user.groups.filter(
        permissions__content_type__app_label=app_label, permissions__codename=codename
    )
    granted_on = Page.objects.filter(
        pk__in=GroupPagePermission.objects.filter(group__in=granting_groups).values("page")
    ).only("path", "depth")
    return pages_under(CentrePage.objects.all(), granted_on)


def is_staff_for(user, permission: str, centre: CentrePage) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if not user.is_superuser and not user.has_perm(permission):
        return False
    return staff_centres(user, permission).filter(pk=centre.pk).exists()


def is_staff_for_consultation(user, permission: str, consultation) -> bool:
    """`is_staff_for` the consultation's centre; the centre (a query) is looked up only for
    someone who holds the permission somewhere (the permission sets are cached)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if not user.is_superuser and not user.has_perm(permission):
        return False
    return is_staff_for(user, permission, consultation.centre)
