"""Newsletters in Wagtail's admin."""

from django.urls import path
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from consultations.routes import page_route
from outreach import services, views
from outreach.admin import NewsletterAdminViewSet
from outreach.models import ConsultationFollow


@hooks.register("register_admin_viewset")
def register_newsletters_admin():
    return NewsletterAdminViewSet()


@hooks.register("register_log_actions")
def register_newsletter_log_actions(actions):
    """Every send of a newsletter in Wagtail's audit log and the newsletter's history."""

    @actions.register_action("mam.newsletter.send_started")
    class SendStarted(LogFormatter):
        label = _("Start sending a newsletter")

        def format_message(self, log_entry):
            count = log_entry.data.get("recipients", 0)
            return ngettext(
                "Sending started to %(count)s person", "Sending started to %(count)s people", count
            ) % {"count": count}

    @actions.register_action("mam.newsletter.send_finished")
    class SendFinished(LogFormatter):
        label = _("Finish sending a newsletter")

        def format_message(self, log_entry):
            data = log_entry.data
            return gettext("Sending finished: %(sent)s of %(count)s emails sent") % {
                "sent": data.get("sent", 0),
                "count": data.get("recipients", 0),
            }


@hooks.register("mam_consultation_routes")
def consultation_follow_route() -> list:
    """…/obserwuj/ under each consultation: follow it or stop."""
    return [path("obserwuj/", page_route(views.follow_consultation), name="follow_consultation")]


@hooks.register("mam_consultation_context")
def consultation_follow_context(request, page, today) -> dict:
    """Whether the signed-in person follows the consultation (one query; none when anonymous,
    so the anonymous copy of the page shows everyone the same sign-in link)."""
    user = request.user
    following = (
        user.is_authenticated
        and ConsultationFollow.objects.filter(consultation_id=page.pk, user=user).exists()
    )
    return {"consultation_follow": {"following": following}}


@hooks.register("mam_user_delete")
def forget_consultation_follows(user) -> None:
    services.consultation_follows_erase(user)
