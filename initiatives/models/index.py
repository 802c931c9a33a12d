"""The centre's InitiativeIndexPage, which routes every public URL of its initiatives."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from home.models import CentrePage
from home.restrictions import OneQueryViewRestrictions
from initiatives import versions


def _view(name: str, module: str = "views"):
    """Route a sub-URL to a view of initiatives.views (or .local_views, .petition_views,
    .petition_publish_views), imported when first called.

    The views import the models; importing them here at module level would be a cycle.
    """

    def route(page, request, *args, **kwargs):
        from initiatives import local_views, petition_publish_views, petition_views, views

        found = {
            "views": views,
            "local_views": local_views,
            "petition_views": petition_views,
            "petition_publish_views": petition_publish_views,
        }
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
    edit_route = path("<id:pk>/zmien/", name="edit")(_view("initiative_edit"))
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
        _view("petition_publish", "petition_publish_views")
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
