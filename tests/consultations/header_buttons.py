"""Helper for the tests of the buttons a consultation offers in its admin page header."""

from django.urls import reverse

from consultations.wagtail_hooks import consultation_buttons


def header_button(page, user, url_name):
    """The header button of this page that leads to `url_name`, if this user gets it."""
    url = reverse(url_name, args=[page.pk])
    buttons = consultation_buttons(page=page, user=user, view_name="edit")
    return next((button for button in buttons if button.url == url), None)
