from wagtail import hooks
from wagtail.permission_policies.pages import PagePermissionPolicy

from accounts import roles
from home import page_cache
from home.models import CentrePage


@hooks.register("after_create_page")
def create_centre_role_groups(request, page):
    """A new centre gets its moderator, official and editor groups straight away."""
    if isinstance(page.specific, CentrePage):
        roles.centre_groups_ensure(page.specific)


@hooks.register("construct_page_chooser_queryset")
def page_chooser_own_centre_only(pages, request):
    """Staff choose among their own centre's pages (and its ancestors, to browse down to it).

    The pages they may explore by their page permissions, as in the explorer; superusers
    and the administrators' group (permissions on the root) see every page.
    """
    user = request.user
    if user.is_superuser:
        return pages
    explorable = PagePermissionPolicy().explorable_instances(user)
    return pages.filter(pk__in=explorable.values("pk"))


# Anonymous page copies (home/page_cache.py): Wagtail's view-restriction check is an
# on_serve_page link of order 0; the copy is stored outside it and served inside it.
hooks.register("on_serve_page", page_cache.store_copy, order=-10)
hooks.register("on_serve_page", page_cache.serve_copy, order=10)
