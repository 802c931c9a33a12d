"""The platform's front page, its centres (with their districts) and plain content pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from config import cache_versions
from home import routing
from home.blocks import BodyBlock
from home.models.news import NewsIndexPage, NewsPage
from home.restrictions import OneQueryViewRestrictions


class HomePage(OneQueryViewRestrictions, Page):
    """The platform's front page: what MAM is, its centres, current news."""

    lead = models.TextField(_("lead"), blank=True, help_text=_("One or two sentences."))
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.CentrePage", "home.ContentPage", "home.AccessibilityStatementPage"]
    max_count = 1

    class Meta:
        verbose_name = _("platform home page")

    def page_copy_versions(self) -> tuple[str, ...]:
        """Anonymous copies (home/page_cache.py) also depend on what is open across the site."""
        return (cache_versions.LISTINGS_KEY,)

    def route(self, request, path_components):
        """Wagtail's walk, resumed from the page a path reached before (home/routing.py)."""
        return routing.route(self, request, path_components, super().route)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["centres"] = CentrePage.objects.child_of(self).live().public().specific()
        context["latest_news"] = (
            NewsPage.objects.descendant_of(self).live().public().order_by("-date", "-pk")[:3]
        )
        return context


class CentrePage(OneQueryViewRestrictions, Page):
    """One community centre: where it is, when it is open, how to reach it."""

    town = models.CharField(_("town"), max_length=100)
    lead = models.TextField(_("lead"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    address = models.TextField(_("address"), help_text=_("Street, number, postcode and town."))
    opening_hours = models.TextField(
        _("opening hours"), blank=True, help_text=_("One line per day or group of days.")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    accessibility_info = models.TextField(
        _("building accessibility"),
        blank=True,
        help_text=_(
            "Entrance, lift, toilet, induction loop, parking for people with disabilities."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("town"),
        FieldPanel("lead"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("opening_hours"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("accessibility_info"),
            ],
            heading=_("Visiting the centre"),
        ),
        InlinePanel("districts", heading=_("Districts"), label=_("District")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("town"),
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("address"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "home.ContentPage",
        "home.NewsIndexPage",
        "consultations.ConsultationIndexPage",
        "initiatives.InitiativeIndexPage",
        "events.ActivityIndexPage",
        "partners.PartnerIndexPage",
        "rooms.RoomIndexPage",
        "home.AccessibilityStatementPage",
    ]

    class Meta:
        verbose_name = _("centre")
        verbose_name_plural = _("centres")

    def page_copy_versions(self) -> tuple[str, ...]:
        """Anonymous copies (home/page_cache.py) also depend on what is open across the site."""
        return (cache_versions.LISTINGS_KEY,)

    @property
    def map_url(self) -> str:
        if self.latitude is None or self.longitude is None:
            return ""
        return f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}#map=17/{self.latitude}/{self.longitude}"

    @property
    def opening_hours_lines(self) -> list[str]:
        return [line.strip() for line in self.opening_hours.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = (
            NewsPage.objects.descendant_of(self).live().public().order_by("-date", "-pk")[:3]
        )
        context["news_index"] = NewsIndexPage.objects.child_of(self).live().first()
        return context


class District(Orderable):
    """A district (osiedle) of the centre's town, which residents may pick on their profile."""

    centre = ParentalKey(CentrePage, on_delete=models.CASCADE, related_name="districts")
    name = models.CharField(_("name"), max_length=100)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
            models.UniqueConstraint(fields=["centre", "name"], name="home_district_unique_name")
        ]

    def __str__(self):
        return self.name


class ContentPage(OneQueryViewRestrictions, Page):
    """A page of text, images and links: about the centre, its values, how to take part."""

    lead = models.TextField(_("lead"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.CentrePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")
