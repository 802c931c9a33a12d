"""Newsletters in Wagtail's admin."""

from wagtail import hooks

from outreach.admin import NewsletterAdminViewSet


@hooks.register("register_admin_viewset")
def register_newsletters_admin():
    return NewsletterAdminViewSet()
