"""The activity sign-ups in Wagtail's admin (events.admin_views)."""

from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from events import (
    admin_views,
    privacy,  # noqa: F401 - registers its data-download section
    selectors,
)


class ActivitySignUpsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_manage(request.user)


class ActivitySignUpsViewSet(ViewSet):
    name = "activity_signups"
    url_prefix = "zapisy-na-wydarzenia"
    icon = "date"
    menu_label = _("Activity sign-ups")
    add_to_admin_menu = True
    menu_order = 250

    @cached_property
    def menu_item_class(self):
        return ActivitySignUpsMenuItem

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("", admin_views.DatesView.as_view(), name="index"),
            path("raport/", admin_views.ReportView.as_view(), name="report"),
            path("<id:activity_id>/<str:day>/", admin_views.DateView.as_view(), name="date"),
            path(
                "<id:activity_id>/<str:day>/lista/",
                admin_views.SheetView.as_view(),
                name="sheet",
            ),
        ]


@hooks.register("register_admin_viewset")
def register_activity_signups():
    return ActivitySignUpsViewSet()


@hooks.register("mam_partner_activities")
def partner_activities(request, partner):
    """The partner's next dates for its page (partners cannot import events)."""
    return [
        {"title": o.activity.title, "url": o.activity.get_url(request), "starts_at": o.starts_at}
        for o in selectors.partner_upcoming(partner)
    ]


@hooks.register("mam_initiative_activities")
def initiative_activities(request, initiative):
    """The centre's activities linked to an initiative, for its page (initiatives cannot
    import events): {"upcoming": [...], "past": [...]}, each a title, URL and start."""
    coming, past = selectors.initiative_dates(initiative.pk)

    def rows(found):
        return [
            {
                "page_id": o.activity.pk,
                "title": o.activity.title,
                "url": o.activity.get_url(request),
                "starts_at": o.starts_at,
            }
            for o in found
        ]

    return {"upcoming": rows(coming), "past": rows(past)}


@hooks.register("mam_room_activity_attendance")
def room_activity_attendance(keys):
    """How many came to each (page id, planned day) where staff entered it, for the rooms'
    yearly usage (rooms cannot import events): one query."""
    return selectors.attendance_of(keys)
