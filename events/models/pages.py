"""Activities (wydarzenia) are Wagtail pages under the centre's activity index.

Pages, not snippets: editors draft, preview, schedule and publish them like every other page,
the page tree puts each activity under its centre (so page permissions scope a centre's staff
to its own activities), revisions keep their date changes, and each gets its own URL.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from config import cache_versions
from events import recurrence, repeats
from events.models.choices import Audience, Kind, Organiser
from events.models.panels import ACTIVITY_PANELS
from events.models.room_dates import room_slots
from events.page_forms import ActivityPageForm
from home.blocks import BodyBlock
from home.restrictions import OneQueryViewRestrictions
from rooms import overlaps


def _views():
    """The views module, which imports these models (so not at the top)."""
    from events import views

    return views


class ActivityPage(OneQueryViewRestrictions, RoutablePageMixin, Page):
    """One activity, once or recurring (an RFC 5545 rule with dated changes)."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.WORKSHOP)
    lead = models.TextField(_("lead"), help_text=_("One or two sentences, shown in lists."))
    body = StreamField(BodyBlock(), verbose_name=_("description"), blank=True)
    starts_at = models.DateTimeField(
        _("starts"), help_text=_("The first (or only) date, Polish time.")
    )
    ends_at = models.DateTimeField(_("ends"))
    recurrence = models.CharField(
        _("repeats"),
        max_length=250,
        blank=True,
        help_text=_(
            "Empty for a one-off activity. Otherwise a rule in the iCalendar (RFC 5545) format, "
            "e.g. FREQ=WEEKLY;BYDAY=TU (every Tuesday), FREQ=MONTHLY;BYDAY=1MO (the first "
            "Monday of each month), FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630 (until 30 June 2027)."
        ),
    )
    room = models.ForeignKey(
        "rooms.Room",
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
        help_text=_("A room of the centre, if it is here: the activity books it for each date."),
    )
    place = models.CharField(
        _("place"),
        max_length=120,
        blank=True,
        help_text=_("Where it is, when it is not one of the centre's rooms."),
    )
    address = models.TextField(
        _("other address"), blank=True, help_text=_("Only when it is not in the centre.")
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    organiser = models.CharField(
        _("organiser"), max_length=20, choices=Organiser.choices, default=Organiser.CENTRE
    )
    organiser_name = models.CharField(
        _("organiser's name"), max_length=200, blank=True, help_text=_("e.g. the NGO's name.")
    )
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("partner organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
        help_text=_("When a partner of the centre organises it: linked from its page."),
    )
    audience = models.CharField(
        _("for whom"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    step_free = models.BooleanField(_("step-free access"), default=False)
    induction_loop = models.BooleanField(_("induction loop"), default=False)
    sign_language = models.BooleanField(_("sign-language interpreter on request"), default=False)
    accessibility_notes = models.TextField(_("more about accessibility"), blank=True)
    price = models.DecimalField(
        _("price (zł)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty when it is free."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("photo alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The consultation this activity belongs to, if any."),
    )
    # Named by string only: initiatives sit in the same layer and the code of the two apps
    # meets through the `mam_initiative_activities` hook (events.wagtail_hooks).
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"state__in": ["active", "ended"]},
        help_text=_("The residents' initiative this meeting is for, if any: shown on its page."),
    )
    places = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Empty when no sign-up is needed. For a recurring activity: per date."),
    )
    waiting_list = models.BooleanField(_("waiting list when full"), default=True)
    signup_closes_hours = models.PositiveSmallIntegerField(
        _("sign-up closes (hours before the start)"), default=2
    )

    content_panels = ACTIVITY_PANELS
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("audience"),
    ]

    base_form_class = ActivityPageForm
    parent_page_types = ["events.ActivityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def page_copy_versions(self) -> tuple[str, ...]:
        """Sign-ups change the places left shown here (events.services bumps listings); the
        initiative it names may be hidden, ended or renamed (the initiatives' links key)."""
        if self.initiative_id is None:
            return (cache_versions.LISTINGS_KEY,)
        return (cache_versions.LISTINGS_KEY, cache_versions.INITIATIVE_LINKS_KEY)

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})
        if self.recurrence and self.starts_at:
            try:
                recurrence.rule(self.recurrence, self.starts_at)
            except ValueError as error:
                raise ValidationError({"recurrence": str(error)}) from error
        if self.room_id and self.starts_at and self.ends_at:
            clashes = overlaps.activity_clashes(
                room=self.room, slots=room_slots(self), activity_pk=self.pk
            )
            if clashes:
                raise ValidationError({"room": overlaps.clash_message(clashes)})

    @property
    def repeat_description(self) -> str:
        """The repeat rule in words, e.g. "co tydzień we wtorki o 17:00" ("" if none)."""
        return repeats.describe(self.recurrence, self.starts_at) if self.recurrence else ""

    @property
    def where_in_centre(self) -> str:
        """The room's name, or the place written by hand."""
        return self.room.name if self.room_id else self.place

    @property
    def is_free(self) -> bool:
        return not self.price

    @property
    def has_signup(self) -> bool:
        return self.places is not None

    @property
    def alt_text(self) -> str:
        if self.image_alt:
            return self.image_alt
        return self.image.default_alt_text if self.image else ""

    @property
    def map_url(self) -> str:
        if self.latitude is None or self.longitude is None:
            return ""
        return f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}#map=17/{self.latitude}/{self.longitude}"

    @path("")
    def detail(self, request):
        return _views().activity_detail(request, self)

    @path("kalendarz.ics/", name="ical")
    def ical(self, request):
        return _views().activity_ical(request, self)

    @path("zapisy/<str:day>/", name="signup")
    def signup(self, request, day):
        return _views().activity_signup(request, self, day)

    @path("wypisz/<str:token>/", name="cancel")
    def cancel(self, request, token):
        return _views().activity_cancel(request, self, token)

    # The organising partner's screens (events.organiser_views; who may: events.access).
    @path("organizator/", name="organiser")
    def organiser_dates(self, request):
        return _views().organiser_dates(request, self)

    @path("organizator/<str:day>/", name="organiser_date")
    def organiser_date(self, request, day):
        return _views().organiser_date(request, self, day)

    @path("organizator/<str:day>/lista/", name="organiser_sheet")
    def organiser_sheet(self, request, day):
        return _views().organiser_sheet(request, self, day)
