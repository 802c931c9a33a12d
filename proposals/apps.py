from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Proposals")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        import proposals.privacy  # noqa: F401 - registers its download section
        from proposals.page_cache import consultation_published

        page_published.connect(consultation_published, dispatch_uid="proposals-page-cache")
        page_unpublished.connect(consultation_published, dispatch_uid="proposals-page-cache-un")
