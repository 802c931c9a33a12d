"""Partners in Wagtail's admin (partners.admin)."""

from wagtail import hooks

from partners.admin import PartnerAdminViewSet, PartnerChangeAdminViewSet


@hooks.register("register_admin_viewset")
def register_partners_admin():
    return PartnerAdminViewSet()


@hooks.register("register_admin_viewset")
def register_partner_changes_admin():
    return PartnerChangeAdminViewSet()
