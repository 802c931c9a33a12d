"""Buttons in a consultation's page header in the admin, each offered by its own rule.

Each app above consultations that adds buttons (voting: paper ballots, publishing the
results) lists its own `ConsultationButton`s and offers them from its
`register_page_header_buttons` hook with `offer_buttons`.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from wagtail.admin.widgets import Button
from wagtail.models import Page

from consultations.models import ConsultationPage


@dataclass(frozen=True, kw_only=True)
class ConsultationButton:
    """A page header button on a consultation, offered when `shown(user, consultation, page)`."""

    label: str
    url_name: str
    icon: str
    priority: int
    shown: Callable[[Any, ConsultationPage, Page], bool]


def offer_buttons(buttons, page, user) -> Iterator[Button]:
    """Each of `buttons` whose rule lets `user` see it, in list order, on a consultation."""
    consultation = page.specific_deferred
    if not isinstance(consultation, ConsultationPage):
        return
    for button in buttons:
        if button.shown(user, consultation, page):
            yield Button(
                button.label,
                reverse(button.url_name, args=[page.pk]),
                icon_name=button.icon,
                priority=button.priority,
            )
