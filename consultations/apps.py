from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        import consultations.privacy  # noqa: F401 - registers its download section
        from consultations.models import ResultSnapshot
        from consultations.services.results import result_changed

        # Anonymous copies of the results page live under the consultation's page version.
        post_save.connect(result_changed, sender=ResultSnapshot, dispatch_uid="results-cache")
        post_delete.connect(result_changed, sender=ResultSnapshot, dispatch_uid="results-cache-d")
