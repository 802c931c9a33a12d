"""A centre's ConsultationIndexPage: its consultations open now, upcoming and finished."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from config import cache_versions
from consultations.forms import ConsultationFilterForm
from home.restrictions import OneQueryViewRestrictions


class ConsultationIndexPage(OneQueryViewRestrictions, Page):
    """A centre's consultations: open now, upcoming and finished."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.CentrePage"]
    subpage_types = ["consultations.ConsultationPage"]

    class Meta:
        verbose_name = _("consultations index")

    def page_copy_versions(self) -> tuple[str, ...]:
        """Anonymous copies (home/page_cache.py) change with the consultations listed."""
        return (cache_versions.LISTINGS_KEY,)

    def get_context(self, request, *args, **kwargs):
        from consultations import selectors

        context = super().get_context(request, *args, **kwargs)
        form = ConsultationFilterForm(request.GET or None)
        consultations = selectors.consultations_of(self)
        wanted = ""
        if form.is_valid():
            consultations = form.filter(consultations)
            wanted = form.cleaned_data["status"]
        groups = selectors.grouped(consultations)
        context["filter_form"] = form
        context["groups"] = [
            (key, label, groups[key])
            for key, label in selectors.STATUS_HEADINGS
            if not wanted or wanted == key
        ]
        context["found"] = sum(len(items) for _key, _label, items in context["groups"])
        return context
