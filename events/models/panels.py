"""The activity page's editing panels in Wagtail's admin, in the order an editor fills them:
what, when (the repeat helper, the RFC 5545 rule and dated changes), where, who and for whom,
accessibility, photo, sign-up."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Page

ACTIVITY_PANELS = [
    *Page.content_panels,
    FieldPanel("kind"),
    FieldPanel("lead"),
    FieldPanel("body"),
    MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
            FieldPanel("repeat"),
            FieldRowPanel([FieldPanel("repeat_interval"), FieldPanel("repeat_position")]),
            FieldPanel("repeat_days"),
            FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
            FieldPanel("recurrence", heading=_("Rule (advanced)")),
            InlinePanel("date_changes", heading=_("Cancelled or moved dates")),
        ],
        heading=_("When"),
    ),
    MultiFieldPanel(
        [
            FieldPanel("room"),
            FieldPanel("place"),
            FieldPanel("address"),
            FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        ],
        heading=_("Where"),
    ),
    MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("organiser"), FieldPanel("organiser_name")]),
            FieldPanel("partner"),
            FieldPanel("audience"),
            FieldPanel("price"),
            FieldPanel("consultation"),
            FieldPanel("initiative"),
        ],
        heading=_("Who and for whom"),
    ),
    MultiFieldPanel(
        [
            FieldPanel("step_free"),
            FieldPanel("induction_loop"),
            FieldPanel("sign_language"),
            FieldPanel("accessibility_notes"),
        ],
        heading=_("Accessibility"),
    ),
    MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Photo")),
    MultiFieldPanel(
        [FieldPanel("places"), FieldPanel("waiting_list"), FieldPanel("signup_closes_hours")],
        heading=_("Sign-up"),
    ),
]
