"""A centre's news (Aktualności): the index with its feed, and the news items with tags."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock
from home.feeds import NewsFeed
from home.restrictions import OneQueryViewRestrictions

NEWS_PER_PAGE = 10


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
