"""The council report in the Wagtail admin: a printable HTML page and the same page as a PDF.

The PDF is drawn by WeasyPrint from the HTML with DejaVu Sans shipped in this app's static
files (home/static/home/fonts/), so Polish letters never depend on the fonts
of the server. WeasyPrint may read those font files and nothing else: a URL in an editor's rich
text cannot make the server fetch anything.
"""

import logging
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from accounts import roles
from consultations.admin_views import AdminView
from consultations.models import ConsultationPage
from home.pdf import FONTS, font_files, html_to_pdf
from outcomes.exports import services as jobs
from outcomes.models import ExportJob
from outcomes.report import council_report

logger = logging.getLogger(__name__)

STAFF_PERMISSION = "proposals.change_proposal"
# The PDF is drawn by the worker as a job like a large export (ExportJob of this kind): a
# progress page, the file in private storage, an email with the link when it is ready.
REPORT_KIND = "council_report"
REPORT_STEPS = 3  # the figures and the page, the PDF, the file saved
# WeasyPrint draws an inline SVG as an image that sees only the SVG's own <style>, so the
# charts get the report's font and colours there (browsers use the page's stylesheet).
CHART_SVG = re.compile(r'(<svg class="chart__svg"[^>]*>)')
CHART_STYLE = (
    "<style>"
    '.chart__label { font-family: "MAM Report Sans"; font-size: 16px; fill: #111; }'
    '.chart__value { font-family: "MAM Report Sans"; font-size: 16px; font-weight: 700; '
    "fill: #111; }"
    ".chart__bar { fill: #8a9a98; }"
    ".chart__bar--highlight { fill: #0b5e55; }"
    "</style>"
)


def may_see_report(user, consultation: ConsultationPage) -> bool:
    """Officials of the consultation's centre, and whoever may edit the page."""
    centre = consultation.centre
    if centre is not None and roles.is_staff_for(user, STAFF_PERMISSION, centre):
        return True
    return consultation.permissions_for_user(user).can_edit()


def _render(consultation: ConsultationPage, *, pdf: bool, prepared_by, request=None) -> str:
    if pdf:
        fonts = {name: path.as_uri() for name, path in font_files().items()}
    else:
        fonts = {name: static(path) for name, path in FONTS.items()}
    return render_to_string(
        "outcomes/report/report.html",
        {
            "report": council_report(consultation),
            "page": consultation,
            "fonts": fonts,
            "pdf": pdf,
            "prepared_by": prepared_by,
            # Officials may not edit the page: their way back is the dashboard's list.
            "may_edit_page": prepared_by is not None
            and consultation.permissions_for_user(prepared_by).can_edit(),
        },
        request=request,
    )


class ReportView(AdminView):
    """A consultation's report, for its centre's officials and whoever may edit the page."""

    def prepare(self, *, page_id: int):
        self.consultation = get_object_or_404(ConsultationPage, pk=page_id)
        if not may_see_report(self.request.user, self.consultation):
            raise PermissionDenied(
                _("Only officials and editors of this centre may see its report.")
            )


class ReportHtmlView(ReportView):
    """The report as a page to read on screen or print from the browser."""

    def get(self, request, page_id: int):
        html = _render(self.consultation, pdf=False, prepared_by=request.user, request=request)
        return HttpResponse(html)


class ReportPdfView(ReportView):
    """Start drawing the report as a PDF in the background (or show the one being drawn)."""

    def get(self, request, page_id: int):
        consultation = self.consultation
        unfinished = (ExportJob.State.QUEUED, ExportJob.State.RUNNING)
        job = ExportJob.objects.filter(
            consultation=consultation,
            kind=REPORT_KIND,
            requested_by=request.user,
            state__in=unfinished,
        ).first()
        if job is None:
            job = ExportJob.objects.create(
                consultation=consultation,
                kind=REPORT_KIND,
                format="pdf",
                language=translation.get_language() or settings.LANGUAGE_CODE,
                requested_by=request.user,
                rows_total=REPORT_STEPS,
            )
            run_report_job.enqueue(job_id=job.pk)
        return redirect("outcomes_exports:job", job.pk)


def report_label() -> str:
    return _("Council report (PDF)")


@task()
def run_report_job(*, job_id: int) -> None:
    """Draw the council report's PDF into private storage; ends once if run again."""
    job = jobs.job_claim(job_id=job_id)
    if job is None:
        return

    def step(done: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(rows_done=done)

    try:
        with translation.override(job.language):
            html = _render(job.consultation, pdf=True, prepared_by=job.requested_by)
            step(1)
            pdf = html_to_pdf(CHART_SVG.sub(lambda match: match[1] + CHART_STYLE, html))
            step(2)
            job.file.save(f"report-{job.consultation.slug}.pdf", ContentFile(pdf), save=False)
            step(3)
    except Exception:
        logger.exception("Council report job %s failed", job.pk)
        jobs.job_fail(job=job)
        return
    jobs.job_finish(job=job, label=report_label())
