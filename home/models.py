"""Content pages of the platform and its centres, edited in Wagtail."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from config import cache_versions
from home import routing
from home.blocks import RICH_TEXT_FEATURES, BodyBlock, FundingLogoBlock
from home.feeds import NewsFeed
from home.restrictions import OneQueryViewRestrictions

NEWS_PER_PAGE = 10


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


class NewsIndexPage(OneQueryViewRestrictions, RoutablePageMixin, Page):
    """The centre's news (Aktualności), newest first, with a feed."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.CentrePage"]
    subpage_types = ["home.NewsPage"]

    class Meta:
        verbose_name = _("news index")

    def news(self):
        return (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .select_related("image")
            .prefetch_related("tags")
            .order_by("-date", "-pk")
        )

    @path("")
    def news_list(self, request):
        tag = request.GET.get("tag", "").strip()

        def news_page():
            """Read only when the list is rendered, not when its shared part is cached."""
            news = self.news()
            if tag:
                news = news.filter(tags__slug=tag)
            return Paginator(news, NEWS_PER_PAGE).get_page(request.GET.get("page"))

        page_obj = SimpleLazyObject(news_page)
        return self.render(request, context_overrides={"page_obj": page_obj, "tag": tag})

    @path("kanal/", name="feed")
    def feed(self, request):
        return NewsFeed(self)(request)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "home.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPage(OneQueryViewRestrictions, Page):
    """One news item: a date, a lead, an optional picture, the story."""

    date = models.DateField(_("date"), db_index=True)
    lead = models.TextField(_("lead"), help_text=_("Shown in lists and in the feed."))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("image alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("lead"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-date"]

    @property
    def alt_text(self) -> str:
        if self.image_alt:
            return self.image_alt
        return self.image.default_alt_text if self.image else ""


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
