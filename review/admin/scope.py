"""Which review rules, reviews and appeals a user reaches in the admin: officials those of
their centres, members of an appeal body the appeals of their consultations."""

from django.db.models import Q
from wagtail.permissions import register_permission_policy

from accounts.admin.common import OfficialsPolicy
from accounts.roles import staff_centres
from home.scope import rows_under
from review import services
from review.models import Appeal, Review, ReviewSetup

CHANGE = services.STAFF_PERMISSION

register_permission_policy(ReviewSetup, OfficialsPolicy(ReviewSetup))
register_permission_policy(Review, OfficialsPolicy(Review))


def scoped_setups(user):
    return ReviewSetup.objects.filter(rows_under(staff_centres(user, CHANGE), "consultation__"))


def scoped_reviews(user):
    centres = staff_centres(user, CHANGE)
    return Review.objects.filter(rows_under(centres, "proposal__consultation__"))


def appeal_reviews(user):
    """Reviews that `user` reaches on the appeal screens: those of their centres (officials),
    and those appealed in the consultations whose appeal body they sit on (members need not
    be officials)."""
    centres = staff_centres(user, CHANGE)
    of_their_body = ReviewSetup.objects.filter(appeal_body_members=user.pk).values(
        "consultation_id"
    )
    return Review.objects.filter(
        rows_under(centres, "proposal__consultation__")
        | Q(proposal__consultation_id__in=of_their_body, appeal__isnull=False)
    )


def appeals_reached(user):
    """The appeals of the reviews appeal_reviews(user) reaches."""
    return Appeal.objects.filter(review__in=appeal_reviews(user).values("pk"))


class AppealAccessMixin:
    """For the appeal screens: officials, and appeal bodies' members who hold no other right
    (CentreScopedMixin refuses whoever holds neither); each finds the appeals they reach."""

    @property
    def permission(self):
        user = self.request.user
        return CHANGE if user.has_perm(CHANGE) else services.DECIDE_PERMISSION

    def reviews(self):
        return appeal_reviews(self.request.user)
