"""The public API's routes: each app's viewsets (in its api.py) under /api/v1/."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from config.api_common import not_found
from consultations.api import CategoryViewSet
from events.api import ActivityDateViewSet, SignUpViewSet
from home.api import CentreViewSet, pages_router
from implementation.api import ImplementationViewSet
from initiatives.api import InitiativeViewSet
from initiatives.petition_api import PetitionViewSet
from partners.api import PartnerViewSet
from proposals.api.views import ProposalViewSet
from rooms.api import BookingRequestViewSet, RoomViewSet
from voting.api import ConsultationVotingViewSet

router = DefaultRouter()
router.register("centres", CentreViewSet, basename="centre")
router.register("consultations", ConsultationVotingViewSet, basename="consultation")
router.register("categories", CategoryViewSet, basename="category")
router.register("proposals", ProposalViewSet, basename="proposal")
router.register("activities", ActivityDateViewSet, basename="activity")
router.register("signups", SignUpViewSet, basename="signup")
router.register("initiatives", InitiativeViewSet, basename="initiative")
router.register("petitions", PetitionViewSet, basename="petition")
router.register("rooms", RoomViewSet, basename="room")
router.register("room-bookings", BookingRequestViewSet, basename="room-booking")
router.register("partners", PartnerViewSet, basename="partner")
router.register("implementation", ImplementationViewSet, basename="implementation")


def public_paths_only(endpoints):
    """Keep Wagtail's admin API and other internals out of the published schema."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


urlpatterns = [
    path("v1/", include((pages_router.get_urlpatterns(), "wagtailapi"), namespace="wagtailapi")),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    # Anything else under /api/ answers a JSON 404, not the site's HTML page.
    re_path(r"^.*$", not_found),
]
