from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Registers the `<id:...>` path converter before any URL pattern or routable page is built.
from home import ids  # noqa: F401


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Centre content")

    def ready(self):
        from home import chrome

        chrome.connect()
