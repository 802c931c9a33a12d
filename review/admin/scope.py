"""Which review rules, reviews and appeals a user reaches in the admin: officials those of
their centres, members of an appeal body the appeals of their consultations."""

from wagtail.permissions import register_permission_policy

from accounts.admin.common import (
    OfficialsPolicy,
)
from accounts.roles import staff_centres
from home.scope import rows_under
from review import services
from review.models import Review, ReviewSetup

CHANGE = services.STAFF_PERMISSION

register_permission_policy(ReviewSetup, OfficialsPolicy(ReviewSetup))
register_permission_policy(Review, OfficialsPolicy(Review))


def scoped_setups(user):
    return ReviewSetup.objects.filter(rows_under(staff_centres(user, CHANGE), "consultation__"))


def scoped_reviews(user):
    centres = staff_centres(user, CHANGE)
    return Review.objects.filter(rows_under(centres, "proposal__consultation__"))
