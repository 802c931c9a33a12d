"""The activity sign-ups in Wagtail's admin (events.admin_views)."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from events import (
    access,
    admin_views,
    participation,  # noqa: F401 - registers the person's own sections
    room_clashes,
    selectors,
    services,
)
from events.models import ActivityPage
from rooms.overlaps import when


class ActivitySignUpsMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_manage(request.user)


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


@hooks.register("register_log_actions")
def register_events_log_actions(actions):
    actions.register_action(
        services.ROOM_CLASH_ACTION,
        _("Room not booked"),
        _("Published, but some dates are not booked in their room: it was taken then"),
    )


@hooks.register("after_publish_page")
def warn_of_room_clashes(request, page):
    """Publishing never fails on a room clash (events.signals): the editor is told which
    dates were left without their room, with a link to the first one's staff screen."""
    if not isinstance(page, ActivityPage):
        return
    found = room_clashes.room_clashes(page)
    if not found:
        return
    first = found[0][0]
    dates = ", ".join(f"{when(o.starts_at)} ({o.room.name})" for o, _clashes in found[:5])
    message = ngettext(
        "Published, but the room is not booked for %(count)d date, as it is taken then: "
        "%(dates)s. Choose another room or time, or ask the centre to move the booking.",
        "Published, but the room is not booked for %(count)d dates, as it is taken then: "
        "%(dates)s. Choose another room or time, or ask the centre to move the booking.",
        len(found),
    ) % {"count": len(found), "dates": dates}
    url = reverse("activity_signups:date", args=[page.pk, first.key.isoformat()])
    messages.warning(request, message, buttons=[messages.button(url, gettext("See the date"))])


@hooks.register("mam_room_unbooked_dates")
def room_unbooked_dates(room_ids, start, end):
    """The activities' dates in the rooms from `start` to `end` that publishing could not
    book, for the rooms' staff calendar (rooms cannot import events): three queries."""
    return [
        {
            "room_id": room_clashes.room_id(o),
            "starts_at": o.starts_at,
            "ends_at": o.ends_at,
            "title": o.activity.title,
            "url": reverse("activity_signups:date", args=[o.activity.pk, o.key.isoformat()]),
        }
        for o in room_clashes.unbooked_in_rooms(room_ids, start=start, end=end)
    ]
