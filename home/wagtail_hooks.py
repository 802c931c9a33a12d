import copy

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.models.pages import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from home import page_cache


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


def _may_view_revisions(self) -> bool:
    """Wagtail offers a page's "History" (explorer menus, status panel) to anyone below the
    root, while the history view asks for the right to edit or publish: one rule for both."""
    return not self.page_is_root and (self.can_edit() or self.can_publish())


PagePermissionTester.can_view_revisions = _may_view_revisions


# Anonymous page copies (home/page_cache.py): Wagtail's view-restriction check is an
# on_serve_page link of order 0; the copy is stored outside it and served inside it.
hooks.register("on_serve_page", page_cache.store_copy, order=-10)
hooks.register("on_serve_page", page_cache.serve_copy, order=10)


@hooks.register("construct_main_menu")
def rename_wagtails_reports_menu(request, menu_items):
    """Wagtail's "Reports" (site history, locked pages) are "Raporty": MAM's content reports
    under Residents are the "Zgłoszenia"."""
    for index, item in enumerate(menu_items):
        if item.name == "reports":
            renamed = copy.copy(item)  # the registered item is shared by every request
            renamed.label = pgettext_lazy("Wagtail's admin menu", "Reports")
            menu_items[index] = renamed


@hooks.register("insert_global_admin_css")
def admin_css():
    """MAM's few corrections to the admin: contrast on the form footer, phone widths."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
