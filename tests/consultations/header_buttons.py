"""Helper for the tests of the buttons a consultation offers in its admin page header."""

from django.urls import reverse
from wagtail import hooks


def header_button(page, user, url_name):
    """The header button of this page that leads to `url_name`, if this user gets it (from
    every app's `register_page_header_buttons` hook: consultations, voting, outcomes)."""
    url = reverse(url_name, args=[page.pk])
    for hook in hooks.get_hooks("register_page_header_buttons"):
        for button in hook(page=page, user=user, view_name="edit") or []:
            if button.url == url:
                return button
    return None
