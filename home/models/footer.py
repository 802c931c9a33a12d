"""The site setting every page's footer shows: contact, social media, EU funding."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from home.blocks import FundingLogoBlock


@register_setting(icon="list-ul")
class FooterSettings(BaseSiteSetting):
    """Who runs the site, how to reach them, and the EU-funding notice every page carries."""

    organisation_name = models.CharField(_("organisation"), max_length=250, blank=True)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    funding_notice = models.TextField(
        _("funding notice"),
        blank=True,
        help_text=_("The sentence on EU co-financing that must appear on every page."),
    )
    funding_logos = StreamField(
        [("logo", FundingLogoBlock())], verbose_name=_("funding logos"), blank=True
    )
    accessibility_statement = models.ForeignKey(
        "home.AccessibilityStatementPage",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("instagram_url"), FieldPanel("youtube_url")],
            heading=_("Social media"),
        ),
        MultiFieldPanel(
            [FieldPanel("funding_notice"), FieldPanel("funding_logos")],
            heading=_("EU funding"),
        ),
        FieldPanel("accessibility_statement"),
        FieldPanel("privacy_page"),
    ]

    class Meta:
        verbose_name = _("footer")

    @property
    def social_links(self) -> list[tuple[str, str]]:
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("YouTube", self.youtube_url),
        ]
        return [(name, url) for name, url in links if url]
