"""Newsletters in Wagtail's admin."""

from django.urls import path
from wagtail import hooks

from consultations.routes import page_route
from outreach import services, views
from outreach.admin import NewsletterAdminViewSet
from outreach.models import ConsultationFollow


@hooks.register("register_admin_viewset")
def register_newsletters_admin():
    return NewsletterAdminViewSet()


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
