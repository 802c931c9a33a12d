"""Consultations: a centre's processes with phases, categories and who may take part."""

from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from config import cache_versions
from consultations.models.voting_rules import VOTING_PANEL, VotingRules
from home.blocks import RICH_TEXT_FEATURES, BodyBlock
from home.models import CentrePage
from home.restrictions import OneQueryViewRestrictions

# How long a consultation remembers its centre at most (the chrome version also retires it).
CENTRE_MAX_AGE = 300


class ConsultationPage(OneQueryViewRestrictions, RoutablePageMixin, VotingRules, Page):
    """One consultation: what it is about, where, who may take part, and its phases.

    Residents' contributions live under the page's own URL (…/propozycje/…), served by the
    views of the proposals app (added through the `mam_consultation_routes` hook); each view
    receives (request, consultation, ...).
    """

    class Eligibility(models.TextChoices):
        CONFIRMED = "confirmed", _("anyone with a confirmed account")
        VERIFIED = "verified", _("verified residents of the centre's town")

    lead = models.TextField(_("lead"), help_text=_("One or two sentences: what is decided."))
    intro = StreamField(BodyBlock(), verbose_name=_("introduction"), blank=True)
    easy_read = RichTextField(
        _("easy-to-read summary"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Tekst łatwy do czytania: short sentences, everyday words, one idea a line."),
    )
    rules = RichTextField(_("rules"), blank=True, features=RICH_TEXT_FEATURES)
    eligibility = models.CharField(
        _("who may propose, comment, support and vote"),
        max_length=10,
        choices=Eligibility.choices,
        default=Eligibility.CONFIRMED,
    )
    map_latitude = models.DecimalField(
        _("map centre latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    map_longitude = models.DecimalField(
        _("map centre longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    map_zoom = models.PositiveSmallIntegerField(
        _("map zoom"), default=14, validators=[MinValueValidator(3), MaxValueValidator(19)]
    )
    boundary = models.JSONField(
        _("area boundary"),
        null=True,
        blank=True,
        help_text=_("Optional GeoJSON polygon: proposals must lie inside it."),
    )
    support_threshold = models.PositiveIntegerField(
        _("support threshold"),
        null=True,
        blank=True,
        help_text=_("E.g. 100: a proposal with this many supports goes to the town council."),
    )

    supporters_required = models.PositiveSmallIntegerField(
        _("supporters a paper proposal needs"),
        null=True,
        blank=True,
        help_text=_(
            "From the regulamin: how many residents must sign a proposal's supporter list "
            "(lista poparcia); empty when none is needed."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("intro"),
        FieldPanel("easy_read"),
        FieldPanel("rules"),
        InlinePanel("phases", heading=_("Phases"), label=_("Phase"), min_num=1),
        InlinePanel("categories", heading=_("Categories"), label=_("Category")),
        MultiFieldPanel(
            [
                FieldPanel("eligibility"),
                FieldPanel("support_threshold"),
                FieldPanel("supporters_required"),
            ],
            heading=_("Taking part"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("map_latitude"),
                        FieldPanel("map_longitude"),
                        FieldPanel("map_zoom"),
                    ]
                ),
                FieldPanel("boundary"),
            ],
            heading=_("Area on the map"),
        ),
        VOTING_PANEL,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("intro"),
        index.SearchField("easy_read"),
    ]

    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = ["surveys.SurveyPage"]

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    @cached_property
    def centre(self):
        """The centre this consultation belongs to (an ancestor page).

        Every request that loads the page (the ballot, paper entry, permission checks) asks
        for it: kept in the shared cache under the site's chrome version, which every page
        save, publication, move and deletion bumps (home/chrome.py), and the page's tree
        path, so a fresh instance costs no query.
        """
        key = f"mam:centre-of:{cache_versions.current(cache_versions.CHROME_KEY)}:{self.path}"
        found = cache.get(key)
        if found is None:
            found = {"centre": CentrePage.objects.ancestor_of(self).first()}
            cache.set(key, found, CENTRE_MAX_AGE)
        return found["centre"]

    def get_context(self, request, *args, **kwargs):
        from consultations import participation, selectors

        context = super().get_context(request, *args, **kwargs)
        # Load the phases and categories once for the timeline, the box and the topics.
        models.prefetch_related_objects([self], "phases", "categories")
        now = timezone.now()
        context["timeline"] = selectors.timeline(self, now)
        context["today"] = today = participation.what_you_can_do(self, request.user, now)
        # Other apps' additions to the context (the vote: whoever voted is told so, and until
        # when the ballot may change), through the `mam_consultation_context` hook.
        for extra_context in hooks.get_hooks("mam_consultation_context"):
            context.update(extra_context(request, self, today) or {})
        # Other apps' sections (the review of projects), through the `mam_consultation_sections`
        # hook: dicts with a "template" rendered with `section` in the context.
        found = (hook(request, self) for hook in hooks.get_hooks("mam_consultation_sections"))
        context["sections"] = [section for section in found if section]
        return context

    @classmethod
    def get_subpage_urls(cls):
        """The page's own routes, then those apps above add with `mam_consultation_routes`.

        The proposals' pages (…/propozycje/…, …/kanal/) come from proposals/routes.py, the
        ballot and the results (…/glosowanie/, …/wyniki/…) from voting/routes.py, through that
        hook, so consultations imports none of the apps above it.
        """
        urls = list(super().get_subpage_urls())
        for extra_routes in hooks.get_hooks("mam_consultation_routes"):
            urls += extra_routes()
        return tuple(urls)

    def sub_url(self, name: str, *, base: str | None = None, request=None, **kwargs) -> str:
        """The path of one of the consultation's own views: sub_url("proposal_detail", pk=1).

        `base` is the page's own path when the caller already has it (many links, one
        lookup); otherwise it is found, with `request` to reuse Wagtail's per-request cache.
        """
        if base is None:
            parts = self.get_url_parts(request)
            base = parts[2] if parts else "/"
        return base + self.reverse_subpage(name, kwargs=kwargs or None)

    def page_copy_versions(self) -> tuple[str, ...]:
        """Anonymous copies (home/page_cache.py) of the page and its sub-URLs change with the
        consultation's proposals, comments and results (services call pages_changed)."""
        return (cache_versions.consultation_key(self.pk),)

    def phase_at(self, moment=None):
        """The phase running at `moment` (now by default), or None between or outside phases."""
        moment = moment or timezone.now()
        for phase in self.phases.all():
            if phase.is_running(moment):
                return phase
        return None
