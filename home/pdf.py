"""Printable documents as PDF: the council report, the paper ballot kit, petition sheets, local
initiative applications. WeasyPrint draws the HTML with the DejaVu fonts shipped in this app
(home/static/home/fonts/), embedded in the PDF, so Polish letters never depend on the fonts of
the server; it may read those font files and nothing else (a URL in an editor's text is never
fetched).
"""

from pathlib import Path

from django.contrib.staticfiles import finders

FONTS = {
    "regular": "home/fonts/DejaVuSans.ttf",
    "bold": "home/fonts/DejaVuSans-Bold.ttf",
}


def font_files() -> dict[str, Path]:
    """The documents' font files on disk (found like any static file)."""
    return {name: Path(finders.find(path)) for name, path in FONTS.items()}


def html_to_pdf(html: str) -> bytes:
    """Draw `html` as a PDF, letting WeasyPrint read only the documents' own font files."""
    # WeasyPrint needs Pango, so it loads only when a PDF is drawn: one import (the package
    # loads its `urls` module itself).
    import weasyprint.text.fonts

    allowed = {path.as_uri(): path for path in font_files().values()}

    class FontsOnly(weasyprint.urls.URLFetcher):
        def fetch(self, url, headers=None):
            path = allowed.get(url)
            if path is None:
                raise ValueError(f"The document does not load {url}")
            return weasyprint.urls.URLFetcherResponse(
                url, path.read_bytes(), {"Content-Type": "font/ttf"}
            )

    fonts = weasyprint.text.fonts.FontConfiguration()
    return weasyprint.HTML(string=html, url_fetcher=FontsOnly()).write_pdf(font_config=fonts)
