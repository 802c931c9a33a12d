"""The council report in the Wagtail admin: a printable HTML page and the same page as a PDF.

The PDF is drawn by WeasyPrint from the HTML with DejaVu Sans shipped in this app's static
files (consultations/static/consultations/fonts/), so Polish letters never depend on the fonts
of the server. WeasyPrint may read those font files and nothing else: a URL in an editor's rich
text cannot make the server fetch anything.
"""

import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.translation import gettext as _

from accounts import roles
from consultations.models import ConsultationPage
from consultations.report import council_report

FONTS = {
    "regular": "consultations/fonts/DejaVuSans.ttf",
    "bold": "consultations/fonts/DejaVuSans-Bold.ttf",
}
STAFF_PERMISSION = "proposals.change_proposal"
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


def _consultation(request, page_id: int) -> ConsultationPage:
    consultation = get_object_or_404(ConsultationPage, pk=page_id)
    if not may_see_report(request.user, consultation):
        raise PermissionDenied(_("Only officials and editors of this centre may see its report."))
    return consultation


def font_files() -> dict[str, Path]:
    """The report's font files on disk (found like any static file)."""
    return {name: Path(finders.find(path)) for name, path in FONTS.items()}


def _render(request, consultation: ConsultationPage, *, pdf: bool) -> str:
    if pdf:
        fonts = {name: path.as_uri() for name, path in font_files().items()}
    else:
        fonts = {name: static(path) for name, path in FONTS.items()}
    return render_to_string(
        "consultations/report/report.html",
        {
            "report": council_report(consultation),
            "page": consultation,
            "fonts": fonts,
            "pdf": pdf,
            "prepared_by": request.user,
            # Officials may not edit the page: their way back is the dashboard's list.
            "may_edit_page": consultation.permissions_for_user(request.user).can_edit(),
        },
        request=request,
    )


def report_html(request, page_id: int):
    """The report as a page to read on screen or print from the browser."""
    consultation = _consultation(request, page_id)
    return HttpResponse(_render(request, consultation, pdf=False))


def report_pdf(request, page_id: int):
    """The report as a PDF file to file or send to the council."""
    consultation = _consultation(request, page_id)
    html = CHART_SVG.sub(
        lambda match: match[1] + CHART_STYLE, _render(request, consultation, pdf=True)
    )
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="report-{consultation.slug}.pdf"'
    return response


def html_to_pdf(html: str) -> bytes:
    """Draw `html` as a PDF, letting WeasyPrint read only the report's own font files."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = {path.as_uri(): path for path in font_files().values()}

    class FontsOnly(URLFetcher):
        def fetch(self, url, headers=None):
            path = allowed.get(url)
            if path is None:
                raise ValueError(f"The report does not load {url}")
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": "font/ttf"})

    fonts = FontConfiguration()
    return HTML(string=html, url_fetcher=FontsOnly()).write_pdf(font_config=fonts)
