"""Residents' initiatives and what hangs off them: members, needs, updates, actions.

The centre's InitiativeIndexPage (…/inicjatywy/) routes every public URL; the rows are plain
models that point at it. Counters (members, supporters, a need's sign-ups) are kept by the
services in the same transaction as the rows they count.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from accounts.models import Moderatable
from home.models import CentrePage
from home.restrictions import OneQueryViewRestrictions
from initiatives import versions

TITLE_MAX = 140
TEXT_MAX = 5000
PLACE_MAX = 200


def _view(name: str, module: str = "views"):
    """Route a sub-URL to a view of initiatives.views (or .local_views, .petition_views),
    imported when first called.

    The views import the models; importing them here at module level would be a cycle.
    """

    def route(page, request, *args, **kwargs):
        from initiatives import local_views, petition_views, views

        found = {"views": views, "local_views": local_views, "petition_views": petition_views}
        return getattr(found[module], name)(request, page, *args, **kwargs)

    return route


def _petition_view(name: str):
    return _view(name, "petition_views")


class InitiativeIndexPage(OneQueryViewRestrictions, RoutablePageMixin, Page):
    """A centre's residents' initiatives: the list, starting one, and each one's own page."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.CentrePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("initiatives index")

    @cached_property
    def centre(self) -> CentrePage | None:
        return CentrePage.objects.ancestor_of(self).first()

    def page_copy_versions(self) -> tuple[str, ...]:
        """Anonymous copies (home/page_cache.py) change with the initiatives shown."""
        return (versions.index_key(self.pk),)

    def sub_url(self, name: str, *, request=None, **kwargs) -> str:
        """The path of one of the index's own views: sub_url("detail", pk=1)."""
        parts = self.get_url_parts(request)
        base = parts[2] if parts else "/"
        return base + self.reverse_subpage(name, kwargs=kwargs or None)

    index_route = path("", name="index")(_view("initiative_list"))
    create_route = path("nowa/", name="create")(_view("initiative_create"))
    detail_route = path("<id:pk>/", name="detail")(_view("initiative_detail"))
    join_route = path("<id:pk>/dolacz/", name="join")(_view("initiative_join"))
    handover_route = path("<id:pk>/koordynacja/", name="handover")(_view("initiative_handover"))
    need_create_route = path("<id:pk>/potrzeby/nowa/", name="need_create")(_view("need_create"))
    need_signup_route = path("<id:pk>/potrzeby/<id:need_pk>/zapis/", name="need_signup")(
        _view("need_signup")
    )
    update_create_route = path("<id:pk>/aktualnosci/nowa/", name="update_create")(
        _view("update_create")
    )
    action_create_route = path("<id:pk>/dzialania/nowe/", name="action_create")(
        _view("action_create")
    )
    end_route = path("<id:pk>/zakonczenie/", name="end")(_view("initiative_end"))
    room_route = path("<id:pk>/sala/", name="room_request")(_view("room_request"))
    unsubscribe_route = path("wypisz/<str:token>/", name="unsubscribe")(_view("unsubscribe"))
    # The local initiative application (initiatives/local_views.py).
    local_create_route = path("lokalna/nowa/", name="local_create")(
        _view("local_create", "local_views")
    )
    local_detail_route = path("lokalna/<id:pk>/", name="local_detail")(
        _view("local_detail", "local_views")
    )
    local_edit_route = path("lokalna/<id:pk>/wniosek/", name="local_edit")(
        _view("local_edit", "local_views")
    )
    local_state_route = path("lokalna/<id:pk>/stan/", name="local_state")(
        _view("local_state", "local_views")
    )
    local_pledge_route = path("lokalna/<id:pk>/wklad/", name="local_pledge")(
        _view("local_pledge", "local_views")
    )
    local_delivered_route = path("lokalna/<id:pk>/wklad/<id:pledge_pk>/", name="local_delivered")(
        _view("local_delivered", "local_views")
    )
    local_pdf_route = path("lokalna/<id:pk>/pdf/", name="local_pdf")(
        _view("local_pdf", "local_views")
    )
    petition_route = path("<id:pk>/petycja/", name="petition")(_petition_view("petition_detail"))
    petition_edit_route = path("<id:pk>/petycja/przygotuj/", name="petition_edit")(
        _petition_view("petition_edit")
    )
    petition_publish_route = path("<id:pk>/petycja/publikuj/", name="petition_publish")(
        _petition_view("petition_publish")
    )
    petition_support_route = path("<id:pk>/petycja/poparcie/", name="petition_support")(
        _petition_view("petition_support")
    )
    committee_route = path("<id:pk>/petycja/komitet/", name="committee")(
        _petition_view("committee_invite")
    )
    committee_consent_route = path("<id:pk>/petycja/komitet/zgoda/", name="committee_consent")(
        _petition_view("committee_consent")
    )
    sheets_route = path("<id:pk>/petycja/arkusze/", name="petition_sheets")(
        _petition_view("petition_sheets")
    )


class InitiativeQuerySet(models.QuerySet):
    def public(self):
        """Initiatives everyone may see: approved (running or ended), not hidden."""
        return self.filter(
            state__in=[Initiative.State.ACTIVE, Initiative.State.ENDED], hidden_at__isnull=True
        )


class Initiative(Moderatable):
    """A group of residents around a local issue, public once the centre's organiser approves."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for the organiser's review")
        DECLINED = "declined", _("declined")
        ACTIVE = "active", _("running")
        ENDED = "ended", _("ended")

    class Outcome(models.TextChoices):
        ACHIEVED = "achieved", _("achieved")
        PARTLY = "partly", _("partly achieved")
        NOT_ACHIEVED = "not_achieved", _("not achieved")
        CONTINUED = "continued", _("continued in another way")

    index = models.ForeignKey(
        InitiativeIndexPage,
        verbose_name=_("initiatives index"),
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    centre = models.ForeignKey(
        CentrePage, verbose_name=_("centre"), on_delete=models.PROTECT, related_name="+"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.PROTECT,
        related_name="initiatives_started",
    )
    title = models.CharField(_("name"), max_length=TITLE_MAX)
    issue = models.TextField(_("the issue"), max_length=TEXT_MAX)
    goal = models.TextField(_("what we want to change"), max_length=TEXT_MAX)
    place = models.CharField(_("place"), max_length=PLACE_MAX, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    review_reason = models.TextField(_("reason for declining"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=14, choices=Outcome.choices, blank=True, default=""
    )
    outcome_text = models.TextField(_("the outcome in the group's words"), blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    origin_proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("started from the proposal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives_started_from",
    )
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("became the proposal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives_became",
    )
    members_count = models.PositiveIntegerField(_("members"), default=0)
    supporters_count = models.PositiveIntegerField(_("supporters"), default=0)
    created_at = models.DateTimeField(_("started at"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    # The rooms the group asked for (initiatives.services.rooms): kept on this side, since
    # rooms sit below initiatives and know nothing of them.
    room_bookings = models.ManyToManyField(
        "rooms.Booking", verbose_name=_("room bookings"), blank=True, related_name="+"
    )

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["index", "state", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="ended") | Q(outcome=""),
                name="initiatives_outcome_only_when_ended",
            ),
            models.CheckConstraint(
                condition=~Q(state="declined") | ~Q(review_reason=""),
                name="initiatives_declined_has_reason",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self, request=None) -> str:
        return self.index.sub_url("detail", request=request, pk=self.pk)

    @property
    def is_public(self) -> bool:
        return self.state in (self.State.ACTIVE, self.State.ENDED) and not self.is_hidden

    @property
    def is_reportable(self) -> bool:
        return self.is_public

    @property
    def moderation_author(self):
        return self.started_by

    @property
    def moderation_centre(self):
        return self.centre

    def pages_changed(self) -> None:
        """Moderation asks this: the index's page copies that show the initiative go stale."""
        versions.initiatives_changed(self.index_id)


class InitiativePhoto(models.Model):
    """A photo of the place; stored resized and without EXIF or GPS data."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="initiatives/%Y/%m/")
    alt_text = models.CharField(_("what the photo shows"), max_length=250)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.alt_text


class Membership(models.Model):
    """One person in an initiative: a member (who may hold a role) or a supporter."""

    class Kind(models.TextChoices):
        MEMBER = "member", _("member")
        SUPPORTER = "supporter", _("supporter")

    class Role(models.TextChoices):
        NONE = "", _("no role")
        COORDINATOR = "coordinator", _("coordinator")
        CONTACT = "contact", _("contact person")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="initiative_memberships"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, blank=True)
    show_name = models.BooleanField(_("name shown publicly"), default=False)
    emails = models.BooleanField(_("gets the updates by email"), default=True)
    created_at = models.DateTimeField(_("joined at"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "user"], name="initiatives_one_membership"
            ),
            models.UniqueConstraint(
                fields=["initiative"],
                condition=Q(role="coordinator"),
                name="initiatives_one_coordinator",
            ),
            models.CheckConstraint(
                condition=Q(kind="member") | Q(role=""),
                name="initiatives_roles_for_members_only",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.initiative}"


class Need(models.Model):
    """Something the group needs: people for a task, a room, advice; people sign up for it."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="needs")
    title = models.CharField(_("what is needed"), max_length=TITLE_MAX)
    details = models.TextField(_("details"), blank=True, max_length=2000)
    starts_at = models.DateTimeField(_("when"), null=True, blank=True)
    place = models.CharField(_("where"), max_length=PLACE_MAX, blank=True)
    wanted = models.PositiveSmallIntegerField(_("how many people"), default=1)
    taken = models.PositiveSmallIntegerField(_("signed up"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(wanted__gte=1), name="initiatives_need_wanted"),
            models.CheckConstraint(
                condition=Q(taken__lte=models.F("wanted")), name="initiatives_need_never_over"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def places_left(self) -> int:
        return max(self.wanted - self.taken, 0)


class NeedSignUp(models.Model):
    """One person's sign-up for a need: at most one each, never more than wanted."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="need_signups"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("sign-up for a need")
        verbose_name_plural = _("sign-ups for needs")
        constraints = [
            models.UniqueConstraint(fields=["need", "user"], name="initiatives_one_need_signup")
        ]

    def __str__(self):
        return f"{self.user} → {self.need}"


class Update(Moderatable):
    """A dated post on the initiative's public timeline, emailed to members and supporters."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.TextField(_("text"), max_length=TEXT_MAX)
    photo = models.ImageField(_("photo"), upload_to="initiatives/%Y/%m/", blank=True)
    photo_alt = models.CharField(_("what the photo shows"), max_length=250, blank=True)
    document = models.FileField(_("document (PDF)"), upload_to="initiatives/docs/", blank=True)
    document_title = models.CharField(_("document title"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)

    class Meta:
        verbose_name = _("update")
        verbose_name_plural = _("updates")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.body[:60]

    @property
    def moderation_centre(self):
        return self.initiative.centre

    @property
    def is_reportable(self) -> bool:
        return not self.is_hidden and self.initiative.is_public

    def get_absolute_url(self, request=None) -> str:
        return self.initiative.get_absolute_url(request)

    def pages_changed(self) -> None:
        """Moderation asks this: the copies of the initiative's timeline go stale."""
        versions.initiatives_changed(self.initiative.index_id)


class Action(models.Model):
    """Something the group did (a letter, a meeting with the mayor), with its date and result."""

    class Kind(models.TextChoices):
        LETTER = "letter", _("a letter to the town")
        MEETING = "meeting", _("a meeting")
        PETITION = "petition", _("a petition")
        LOCAL_INITIATIVE = "local_initiative", _("a local initiative application")
        EVENT = "event", _("an event")
        OTHER = "other", _("something else")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("what we did"), max_length=TITLE_MAX)
    date = models.DateField(_("date"))
    result = models.TextField(_("result"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title


# --- Local initiative (inicjatywa lokalna, art. 19b–19h of the ustawa o działalności pożytku
# publicznego i o wolontariacie): the application, its budget and contribution, the town's
# evaluation and decision. The rules live in initiatives/services/local_initiative.py.

MONEY = {"max_digits": 10, "decimal_places": 2}


class LocalInitiativeTerms(models.Model):
    """What the town's resolution sets for one centre: the value of an hour of social work."""

    centre = models.OneToOneField(
        CentrePage, verbose_name=_("centre"), on_delete=models.CASCADE, related_name="+"
    )
    hourly_rate = models.DecimalField(
        _("value of one hour of social work (PLN)"), **MONEY, null=True, blank=True
    )
    resolution = models.CharField(_("the town's resolution"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("local initiative terms")
        verbose_name_plural = _("local initiative terms")

    def __str__(self):
        return str(self.centre)


class EvaluationCriterion(models.Model):
    """One criterion of the town's resolution with the most points it gives."""

    centre = models.ForeignKey(
        CentrePage, verbose_name=_("centre"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("criterion"), max_length=200)
    max_score = models.PositiveSmallIntegerField(_("most points"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_score__gte=1), name="initiatives_criterion_max_positive"
            )
        ]

    def __str__(self):
        return self.name


class LocalInitiativeApplication(models.Model):
    """An application to the town to carry out a public task together with the residents."""

    class State(models.TextChoices):
        DRAFT = "draft", _("being prepared")
        READY = "ready", _("ready to file")
        FILED = "filed", _("filed with the town")
        ACCEPTED = "accepted", _("accepted by the town")
        REJECTED = "rejected", _("rejected by the town")

    class Applicant(models.TextChoices):
        GROUP = "group", _("the initiative's group of residents")
        RESIDENTS = "residents", _("residents directly")
        ORGANISATION = "organisation", _("an organisation")

    class Area(models.TextChoices):
        # The public tasks a local initiative may concern: art. 19b ust. 1 pkt 1–12 of the
        # ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie
        # (consolidated text Dz.U. z 2024 r. poz. 1491), in the act's order and wording; see
        # docs/architecture.md. Migration 0005 cleared the three values the act does not list.
        COMMUNITY = (
            "community",
            _(
                "supporting the development of local communities: building, extending or repairing "
                "roads, sewers, water mains, buildings and small architecture"
            ),
        )  # pkt 1
        CHARITY = "charity", _("charity")  # pkt 2
        TRADITION = (
            "tradition",
            _("national tradition, Polishness, national, civic and cultural awareness"),
        )  # pkt 3
        MINORITIES = (
            "minorities",
            _("activities for national and ethnic minorities and the regional language"),
        )  # pkt 4
        CULTURE = (
            "culture",
            _("culture, arts, protection of cultural goods and national heritage"),
        )  # pkt 5
        VOLUNTEERING = "volunteering", _("promoting and organising volunteering")  # pkt 6
        EDUCATION = "education", _("science, higher education, education and upbringing")  # pkt 7
        SPORT = "sport", _("supporting and promoting physical culture")  # pkt 8
        TOURISM = "tourism", _("tourism and sightseeing")  # pkt 9
        NATURE = (
            "nature",
            _(
                "nature protection, including greenery in towns and villages, ecology, animal "
                "protection and natural heritage"
            ),
        )  # pkt 10
        SAFETY = "safety", _("public order and safety")  # pkt 11
        REVITALISATION = "revitalisation", _("revitalisation")  # pkt 12

    index = models.ForeignKey(
        InitiativeIndexPage,
        verbose_name=_("initiatives index"),
        on_delete=models.PROTECT,
        related_name="local_applications",
    )
    centre = models.ForeignKey(
        CentrePage, verbose_name=_("centre"), on_delete=models.PROTECT, related_name="+"
    )
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="local_applications",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prepared by"),
        on_delete=models.PROTECT,
        related_name="local_applications",
    )
    applicant_kind = models.CharField(
        _("who applies"), max_length=12, choices=Applicant.choices, default=Applicant.GROUP
    )
    applicant_name = models.CharField(_("applicant's name"), max_length=200, blank=True)
    area = models.CharField(_("public task"), max_length=16, choices=Area.choices, blank=True)
    title = models.CharField(_("title of the task"), max_length=TITLE_MAX)
    description = models.TextField(_("what we will do"), max_length=TEXT_MAX, blank=True)
    place = models.CharField(_("where"), max_length=PLACE_MAX, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    hourly_rate = models.DecimalField(
        _("value of one hour of social work (PLN)"), **MONEY, null=True, blank=True
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.DRAFT, db_index=True
    )
    ready_at = models.DateTimeField(_("marked ready at"), null=True, blank=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    decision_reasons = models.TextField(_("reasons for the decision"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    agreement_starts_on = models.DateField(_("agreement from"), null=True, blank=True)
    agreement_ends_on = models.DateField(_("agreement until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("local initiative application")
        verbose_name_plural = _("local initiative applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="initiatives_local_dates_in_order",
            ),
            models.CheckConstraint(
                condition=~Q(state="rejected") | ~Q(decision_reasons=""),
                name="initiatives_local_rejected_has_reasons",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self, request=None) -> str:
        return self.index.sub_url("local_detail", request=request, pk=self.pk)

    @property
    def is_public(self) -> bool:
        """Drafts are the group's own; once ready the page is public (if the group is)."""
        if self.state == self.State.DRAFT:
            return False
        return self.initiative_id is None or self.initiative.is_public

    @property
    def is_decided(self) -> bool:
        return self.state in (self.State.ACCEPTED, self.State.REJECTED)


class CostLine(models.Model):
    """One line of the task's budget."""

    application = models.ForeignKey(
        LocalInitiativeApplication, on_delete=models.CASCADE, related_name="cost_lines"
    )
    description = models.CharField(_("cost"), max_length=200)
    amount = models.DecimalField(_("amount (PLN)"), **MONEY)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="initiatives_cost_not_negative")
        ]

    def __str__(self):
        return self.description


class ContributionKind(models.TextChoices):
    WORK = "work", _("social work")
    IN_KIND = "in_kind", _("in kind")
    MONEY = "money", _("money")


class ContributionLine(models.Model):
    """The residents' own contribution the application declares: hours of work, things, money."""

    application = models.ForeignKey(
        LocalInitiativeApplication, on_delete=models.CASCADE, related_name="contribution_lines"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=ContributionKind.choices)
    description = models.CharField(_("what"), max_length=200)
    hours = models.DecimalField(_("hours"), max_digits=7, decimal_places=1, null=True, blank=True)
    value = models.DecimalField(_("value (PLN)"), **MONEY, null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("contribution line")
        verbose_name_plural = _("contribution lines")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="work") & Q(hours__gt=0) & Q(value__isnull=True))
                | (~Q(kind="work") & Q(hours__isnull=True) & Q(value__gte=0)),
                name="initiatives_contribution_line_shape",
            )
        ]

    def __str__(self):
        return self.description


class ContributionPledge(models.Model):
    """A member's promise of hours or something in kind, and what they have delivered."""

    application = models.ForeignKey(
        LocalInitiativeApplication, on_delete=models.CASCADE, related_name="pledges"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contribution_pledges"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=ContributionKind.choices)
    description = models.CharField(_("what"), max_length=200, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=7, decimal_places=1, default=0)
    value = models.DecimalField(_("value (PLN)"), **MONEY, default=0)
    delivered_hours = models.DecimalField(
        _("hours delivered"), max_digits=7, decimal_places=1, default=0
    )
    delivered_value = models.DecimalField(_("value delivered (PLN)"), **MONEY, default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("contribution pledge")
        verbose_name_plural = _("contribution pledges")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=0)
                & Q(value__gte=0)
                & Q(delivered_hours__gte=0)
                & Q(delivered_value__gte=0),
                name="initiatives_pledge_not_negative",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.application}"


class CriterionScore(models.Model):
    """The town's points for the application on one criterion, with a comment."""

    application = models.ForeignKey(
        LocalInitiativeApplication, on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        EvaluationCriterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField(_("points"))
    comment = models.TextField(_("comment"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterion__position", "criterion__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="initiatives_one_score_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"


# Petitions and the citizens' resolution initiative (art. 41a of the ustawa o samorządzie
# gminnym). Online support is public support, not a legal signature: only the counts of
# valid signatures on paper sheets, confirmed by two staff members, count toward the threshold.


class PetitionRules(models.Model):
    """A town's population and, where its statute sets one, its own signature threshold."""

    centre = models.OneToOneField(
        CentrePage, verbose_name=_("centre"), on_delete=models.CASCADE, related_name="+"
    )
    population = models.PositiveIntegerField(_("inhabitants of the municipality"), null=True)
    signatures_required = models.PositiveIntegerField(
        _("signatures required (the town's statute)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the default by population: 100, 200 or 300."),
    )

    class Meta:
        verbose_name = _("petition rules of a town")
        verbose_name_plural = _("petition rules of towns")

    def __str__(self):
        return str(self.centre)


class Petition(models.Model):
    """An initiative's petition, or its draft of a council resolution collecting signatures."""

    class Kind(models.TextChoices):
        PETITION = "petition", _("a petition")
        RESOLUTION = "resolution", _("a draft council resolution (citizens' initiative)")

    class Addressee(models.TextChoices):
        MAYOR = "mayor", _("the mayor")
        COUNCIL = "council", _("the town council")
        OTHER = "other", _("another body")

    class State(models.TextChoices):
        DRAFT = "draft", _("being prepared")
        OPEN = "open", _("collecting support")
        FILED = "filed", _("filed")
        DECIDED = "decided", _("decided")

    class Decision(models.TextChoices):
        ADOPTED = "adopted", _("adopted")
        PARTLY = "partly", _("adopted with changes")
        REJECTED = "rejected", _("rejected")

    initiative = models.OneToOneField(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="petition"
    )
    centre = models.ForeignKey(
        CentrePage, verbose_name=_("centre"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    addressee = models.CharField(_("addressed to"), max_length=8, choices=Addressee.choices)
    addressee_name = models.CharField(_("name of the body"), max_length=PLACE_MAX, blank=True)
    title = models.CharField(_("title"), max_length=TITLE_MAX * 2)
    text = models.TextField(_("text"), max_length=TEXT_MAX * 4)
    state = models.CharField(
        _("state"), max_length=8, choices=State.choices, default=State.DRAFT, db_index=True
    )
    signatures_required = models.PositiveIntegerField(_("signatures required"), default=0)
    paper_signatures = models.PositiveIntegerField(_("confirmed signatures on paper"), default=0)
    supporters_count = models.PositiveIntegerField(_("online supporters"), default=0)
    verified_supporters_count = models.PositiveIntegerField(
        _("online supporters who are verified residents"), default=0
    )
    sheets_printed = models.PositiveIntegerField(_("sheets printed"), default=0)
    opened_at = models.DateTimeField(_("published at"), null=True, blank=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    council_deadline = models.DateField(_("the council's deadline"), null=True, blank=True)
    filed_signatures = models.PositiveIntegerField(
        _("confirmed signatures on paper when filed"), null=True, blank=True
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision = models.CharField(
        _("decision"), max_length=8, choices=Decision.choices, blank=True, default=""
    )
    decision_text = models.TextField(_("the decision in short"), blank=True, max_length=2000)
    resolution_url = models.URLField(_("link to the resolution"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="resolution") | Q(addressee="council"),
                name="initiatives_resolution_goes_to_council",
            ),
            models.CheckConstraint(
                condition=~Q(addressee="other") | ~Q(addressee_name=""),
                name="initiatives_other_addressee_named",
            ),
            models.CheckConstraint(
                condition=Q(verified_supporters_count__lte=models.F("supporters_count")),
                name="initiatives_verified_within_supporters",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_resolution(self) -> bool:
        return self.kind == self.Kind.RESOLUTION

    @property
    def addressee_label(self) -> str:
        if self.addressee == self.Addressee.OTHER:
            return self.addressee_name
        return str(self.get_addressee_display())

    def is_overdue(self, today=None) -> bool:
        """Filed, no decision recorded, and the council's deadline has passed."""
        today = today or timezone.localdate()
        return bool(self.council_deadline and not self.decision and today > self.council_deadline)

    @property
    def signatures_missing(self) -> int:
        return max(self.signatures_required - self.paper_signatures, 0)

    @property
    def below_threshold(self) -> bool:
        """A draft resolution filed with fewer confirmed signatures than art. 41a asks."""
        return bool(
            self.is_resolution
            and self.filed_signatures is not None
            and self.filed_signatures < self.signatures_required
        )


class PetitionSupport(models.Model):
    """One signed-in person's public online support: at most one each (a constraint)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="petition_supports"
    )
    verified_resident = models.BooleanField(_("verified resident"), default=False)
    created_at = models.DateTimeField(_("supported at"), default=timezone.now)

    class Meta:
        verbose_name = _("online support")
        verbose_name_plural = _("online supports")
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "user"], name="initiatives_one_petition_support"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.petition}"


class CommitteeMember(models.Model):
    """A member of the initiative committee: a group member who consented online, or a person
    met at the centre whose consent staff noted. The name is public only with consent."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="committee")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="committee_memberships",
    )
    full_name = models.CharField(_("full name"), max_length=150)
    consented_at = models.DateTimeField(_("consented at"), null=True, blank=True)
    consent_noted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consent noted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    show_name = models.BooleanField(_("name shown publicly"), default=False)
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "user"],
                condition=Q(user__isnull=False),
                name="initiatives_one_committee_seat",
            )
        ]

    def __str__(self):
        return self.full_name


class SignatureSheet(models.Model):
    """A numbered paper sheet ("Arkusz nr 7"); its count counts once two staff agree on it."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="sheets")
    number = models.PositiveIntegerField(_("sheet number"))
    confirmed_count = models.PositiveSmallIntegerField(
        _("confirmed valid signatures"), null=True, blank=True
    )
    printed_at = models.DateTimeField(_("printed at"), default=timezone.now)

    class Meta:
        verbose_name = _("signature sheet")
        verbose_name_plural = _("signature sheets")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["petition", "number"], name="initiatives_sheet_number")
        ]

    def __str__(self):
        return f"{self.petition} #{self.number}"


class SheetCount(models.Model):
    """One staff member's count of valid signatures on a returned sheet: counts only, never
    the names or addresses written on it."""

    sheet = models.ForeignKey(SignatureSheet, on_delete=models.CASCADE, related_name="counts")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    count = models.PositiveSmallIntegerField(_("valid signatures"))
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)

    class Meta:
        verbose_name = _("sheet count")
        verbose_name_plural = _("sheet counts")
        ordering = ["entered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "entered_by"], name="initiatives_one_count_per_person"
            )
        ]

    def __str__(self):
        return f"{self.sheet}: {self.count}"
