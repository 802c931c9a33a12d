from wagtail import hooks

from accounts import roles
from home import page_cache
from home.models import CentrePage


@hooks.register("after_create_page")
def create_centre_role_groups(request, page):
    """A new centre gets its moderator, official and editor groups straight away."""
    if isinstance(page.specific, CentrePage):
        roles.centre_groups_ensure(page.specific)


# Anonymous page copies (home/page_cache.py): Wagtail's view-restriction check is an
# on_serve_page link of order 0; the copy is stored outside it and served inside it.
hooks.register("on_serve_page", page_cache.store_copy, order=-10)
hooks.register("on_serve_page", page_cache.serve_copy, order=10)
