"""Partners in Wagtail's admin (partners.admin)."""

from wagtail import hooks

from partners import (
    admin_waiting,  # noqa: F401 - registers its dashboard count
    views,
)
from partners.admin import PartnerAdminViewSet, PartnerChangeAdminViewSet


@hooks.register("mam_partner_views")
def partner_views():
    """The partners index page's views (its routes ask for them: models cannot import views)."""
    return views


@hooks.register("register_admin_viewset")
def register_partners_admin():
    return PartnerAdminViewSet()


@hooks.register("register_admin_viewset")
def register_partner_changes_admin():
    return PartnerChangeAdminViewSet()
