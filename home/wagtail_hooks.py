from wagtail import hooks

from accounts import roles
from home.models import CentrePage


@hooks.register("after_create_page")
def create_centre_role_groups(request, page):
    """A new centre gets its moderator, official and editor groups straight away."""
    if isinstance(page.specific, CentrePage):
        roles.centre_groups_ensure(page.specific)
