"""The activity sign-ups in Wagtail's admin (events.admin_views)."""

from django.contrib import messages as django_messages
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
    admin_log,
    admin_views,
    admin_waiting,  # noqa: F401 - registers its dashboard count
    participation,  # noqa: F401 - registers the person's own sections
    room_clashes,
    selectors,
    services,
)
from events.models import ActivityPage, with_date_changes
from events.services import audit
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
    actions.register_action(audit.SIGNUPS_VIEWED_ACTION)(admin_log.SignUpsViewed)
    actions.register_action(audit.SHEET_PRINTED_ACTION)(admin_log.SheetPrinted)
    actions.register_action(audit.ATTENDANCE_ACTION)(admin_log.AttendanceEntered)


CLASH_TAG = "mam-room-clash"  # marks the warning, so a page is never warned of twice


def _warn_of_clashes(request, page_pk: int) -> None:
    """Tell the editor which coming dates of the live activity are left without their room,
    with a link to the first one's staff screen (it names what is in the way)."""
    page = (
        ActivityPage.objects.select_related("room")
        .prefetch_related(with_date_changes())
        .filter(pk=page_pk)
        .first()
    )
    found = room_clashes.room_clashes(page) if page is not None else []
    if not found:
        return
    first = found[0][0]
    dates = ", ".join(f"{when(o.starts_at)} ({o.room.name})" for o, _clashes in found[:5])
    message = ngettext(
        "The room is not booked for %(count)d date of this activity, as it is taken then: "
        "%(dates)s. Choose another room or time, or ask the centre to move the booking.",
        "The room is not booked for %(count)d dates of this activity, as it is taken then: "
        "%(dates)s. Choose another room or time, or ask the centre to move the booking.",
        len(found),
    ) % {"count": len(found), "dates": dates}
    url = reverse("activity_signups:date", args=[page.pk, first.key.isoformat()])
    messages.warning(
        request,
        message,
        buttons=[messages.button(url, gettext("See the date"))],
        extra_tags=CLASH_TAG,
    )


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_of_room_clashes(request, page):
    """Publishing never fails on a room clash (events.signals). After every save in the
    editor (publishing, a workflow's approval from the edit screen, a draft of a live page)
    the editor is told which dates were left without their room. Wagtail's own hooks: they
    run after `after_publish_page`, once per request."""
    if isinstance(page, ActivityPage):
        _warn_of_clashes(request, page.pk)


@hooks.register("before_edit_page")
def remind_of_room_clashes(request, page):
    """The same warning each time the edit screen opens while dates stay without their
    room: an approval from the dashboard runs no hook with the request (Wagtail's workflow
    action view calls only `Task.on_action`), so the approver, and anyone after, sees it
    here. Not twice when a save has just told it (the message waits for this screen)."""
    if request.method != "GET" or not isinstance(page, ActivityPage):
        return
    waiting = django_messages.get_messages(request)
    told = any(CLASH_TAG in (m.extra_tags or "") for m in waiting)
    waiting.used = False  # read, not used up: the screen shows them (Django's documented way)
    if not told:
        _warn_of_clashes(request, page.pk)


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
