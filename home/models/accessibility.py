"""The accessibility statement (deklaracja dostępności) each site and centre publishes."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from home.blocks import RICH_TEXT_FEATURES
from home.restrictions import OneQueryViewRestrictions


class AccessibilityStatementPage(OneQueryViewRestrictions, Page):
    """Deklaracja dostępności, in the structure Polish law (ustawa z 4 kwietnia 2019) requires."""

    class Compliance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    class Assessment(models.TextChoices):
        SELF = "self", _("self-assessment by the public body")
        EXTERNAL = "external", _("assessment by an external entity")

    entity_name = models.CharField(
        _("public body"), max_length=250, help_text=_("Who commits to making the site accessible.")
    )
    site_name = models.CharField(_("website name"), max_length=250)
    site_url = models.URLField(_("website address"))
    published_on = models.DateField(_("website published on"))
    updated_on = models.DateField(_("last significant update"))
    compliance = models.CharField(
        _("compliance status"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
    )
    inaccessible_content = RichTextField(
        _("inaccessible content"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("What is not accessible, why (reasons or exemptions), and the alternative."),
    )
    alternative_access = RichTextField(
        _("alternative access"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("How to get inaccessible content another way."),
    )
    prepared_on = models.DateField(_("statement prepared on"))
    reviewed_on = models.DateField(_("statement last reviewed on"), null=True, blank=True)
    assessment = models.CharField(
        _("how it was assessed"),
        max_length=10,
        choices=Assessment.choices,
        default=Assessment.SELF,
    )
    assessed_by = models.CharField(_("assessed by"), max_length=250, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=150)
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(_("contact phone"), max_length=40)
    keyboard_shortcuts = models.TextField(_("keyboard shortcuts"), blank=True)
    architectural_accessibility = RichTextField(
        _("architectural accessibility"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("The building: entrances, lifts, toilets, parking, assistance dogs, loops."),
    )
    mobile_apps = models.TextField(_("mobile applications"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("entity_name"),
                FieldPanel("site_name"),
                FieldPanel("site_url"),
                FieldRowPanel([FieldPanel("published_on"), FieldPanel("updated_on")]),
            ],
            heading=_("Website"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("compliance"),
                FieldPanel("inaccessible_content"),
                FieldPanel("alternative_access"),
            ],
            heading=_("Compliance"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")]),
                FieldPanel("assessment"),
                FieldPanel("assessed_by"),
                FieldPanel("keyboard_shortcuts"),
            ],
            heading=_("Preparing the statement"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_person"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading=_("Feedback and contact"),
        ),
        FieldPanel("architectural_accessibility"),
        FieldPanel("mobile_apps"),
    ]

    parent_page_types = ["home.HomePage", "home.CentrePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("accessibility statement")
