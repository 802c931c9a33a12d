from django.utils.functional import SimpleLazyObject

from home import chrome


def site_navigation(request):
    """The menu (the site root's children marked 'show in menus'), the site's root page, and
    the version under which the menu, breadcrumbs and footer are cached (home/chrome.py)."""
    site = chrome.site_for_request(request)
    version = SimpleLazyObject(lambda: chrome.request_version(request))
    if site is None:
        return {"site_root": None, "menu_pages": [], "chrome_version": version}
    root = site.root_page
    # Lazy: `.public()` reads the view restrictions at once, and the menu is usually cached.
    menu_pages = SimpleLazyObject(
        lambda: list(root.get_children().live().public().in_menu().only("title", "url_path"))
    )
    return {"site_root": root, "menu_pages": menu_pages, "chrome_version": version}
