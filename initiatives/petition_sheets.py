"""Signature sheets for a draft council resolution (art. 41a) as a PDF, for collecting on paper.

Every sheet carries the draft's title and the committee, and has numbered rows with columns
for the name, the place of permanent residence and the signature. The PDF is drawn by the
council report's machinery (home.pdf): WeasyPrint with the embedded DejaVu
fonts and no other URL fetched.
"""

from django.template.loader import render_to_string
from django.utils import translation

from home.pdf import font_files, html_to_pdf
from initiatives.models import Petition, SignatureSheet
from initiatives.services.petitions import ROWS_PER_SHEET, consented_committee


def sheets_html(petition: Petition, sheets: list[SignatureSheet]) -> str:
    """The sheets as HTML, always in Polish: they are filed with a Polish town council."""
    fonts = {name: path.as_uri() for name, path in font_files().items()}
    with translation.override("pl"):
        return _render(petition, sheets, fonts)


def _render(petition, sheets, fonts) -> str:
    return render_to_string(
        "initiatives/petition/sheets.html",
        {
            "petition": petition,
            "centre": petition.centre,
            "committee": list(consented_committee(petition.initiative)),
            "sheets": sheets,
            "rows": range(1, ROWS_PER_SHEET + 1),
            "fonts": fonts,
        },
    )


def sheets_pdf(petition: Petition, sheets: list[SignatureSheet]) -> bytes:
    """The PDF of `sheets`, one A4 page each."""
    return html_to_pdf(sheets_html(petition, sheets))
