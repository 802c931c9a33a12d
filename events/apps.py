from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Activities")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from events import privacy, signals  # noqa: F401 - privacy registers its data section

        signals.connect()
