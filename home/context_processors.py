from wagtail.models import Site


def site_navigation(request):
    """The menu (the site root's children marked 'show in menus') and the site's root page."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"site_root": None, "menu_pages": []}
    root = site.root_page
    menu_pages = root.get_children().live().public().in_menu().only("title", "url_path")
    return {"site_root": root, "menu_pages": menu_pages}
