"""The paper channel's official documents, drawn as PDF from the consultation.

The ballot card, the paper proposal form, the supporter list (lista poparcia) and the voting
commission's protocol. They are drawn by the council report's machinery
(`home.pdf.html_to_pdf`, the DejaVu fonts shipped with the app, embedded in the PDF), so
Polish letters print the same on every server and nothing else is ever fetched.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks

from consultations.models import ConsultationPage
from home.pdf import font_files, html_to_pdf
from voting.paper_protocol import protocol_of
from voting.services.voting import Method, _pln, ballot_paper

SUPPORTER_ROWS = 25


@dataclass(frozen=True)
class Document:
    slug: str
    title: object
    template: str
    needs_vote: bool = False
    needs_supporters: bool = False


DOCUMENTS = (
    Document("karta", gettext_lazy("Ballot card"), "ballot.html", needs_vote=True),
    Document("formularz", gettext_lazy("Paper proposal form"), "proposal_form.html"),
    Document(
        "lista-poparcia",
        gettext_lazy("Supporter list (lista poparcia)"),
        "supporters.html",
        needs_supporters=True,
    ),
    Document(
        "protokol",
        gettext_lazy("Protocol of the voting commission"),
        "protocol.html",
        needs_vote=True,
    ),
)


def documents_for(consultation: ConsultationPage) -> list[Document]:
    """The documents this consultation has: the vote's only with a vote, the supporter list
    only where the regulamin asks for supporters."""
    return [
        document
        for document in DOCUMENTS
        if (consultation.voting_method or not document.needs_vote)
        and (consultation.supporters_required or not document.needs_supporters)
    ]


def document(consultation: ConsultationPage, slug: str) -> Document | None:
    return next((d for d in documents_for(consultation) if d.slug == slug), None)


def instructions(consultation: ConsultationPage) -> list[str]:
    """How to vote validly under this consultation's rules, in sentences for the card."""
    method = consultation.voting_method
    lines = []
    if method == Method.APPROVAL:
        most = consultation.max_choices
        if most == 1:
            lines.append(_("Put an X in the box beside one proposal only."))
        elif most:
            lines.append(
                ngettext(
                    "Put an X in the box beside at most %(count)d proposal.",
                    "Put an X in the boxes beside at most %(count)d proposals.",
                    most,
                )
                % {"count": most}
            )
        else:
            lines.append(_("Put an X in the box beside each proposal you support."))
    elif method == Method.BUDGET:
        lines += [
            _("Put an X in the box beside each proposal you support."),
            _(
                "In each pool, the proposals you mark may together cost no more than the "
                "pool's amount, given beside its name."
            ),
            _("You may mark proposals from the town-wide pool and from one district's pool only."),
        ]
    elif method == Method.QUESTION:
        lines.append(_("For each question put an X in one box: yes, no or abstain."))
    lines += [
        _(
            "A card is invalid when it has no mark, breaks the rules above, is torn or "
            "unreadable, or has no commission stamp."
        ),
        _("Write your name and address legibly and sign: each person may vote only once."),
    ]
    if not consultation.ballots_final:
        lines.append(_("If you vote on paper you cannot also vote online."))
    return lines


def card_order(paper) -> list[tuple[int, object]]:
    """The options as numbered on the printed card: pool by pool, in the ballot's order."""
    groups = [paper.options_in(pool.id) for pool in paper.pools] or [paper.options]
    options = [option for group in groups for option in group]
    return list(enumerate(options, start=1))


def _ballot_context(consultation: ConsultationPage) -> dict:
    paper = ballot_paper(consultation)
    numbers = {option.id: number for number, option in card_order(paper)}
    groups = []
    pools = paper.pools or [None]
    for pool in pools:
        options = paper.options_in(pool.id) if pool else paper.options
        rows = []
        for option in options:
            number = numbers[option.id]
            rows.append(
                {
                    "number": number,
                    "title": option.proposal.title,
                    "place": option.proposal.place,
                    "cost": _pln(option.cost) if option.cost is not None else "",
                }
            )
        if rows:
            groups.append(
                {
                    "name": pool.name if pool else "",
                    "amount": _pln(pool.amount) if pool else "",
                    "options": rows,
                }
            )
    return {
        "groups": groups,
        "questions": paper.questions,
        "budget": paper.method == Method.BUDGET,
        "instructions": instructions(consultation),
    }


def _proposal_fields(consultation: ConsultationPage) -> list[dict]:
    """The online proposal form's fields (the proposals app answers the hook)."""
    for hook in hooks.get_hooks("mam_paper_proposal_fields"):
        found = hook(consultation)
        if found:
            return [field | {"line_range": range(field.get("lines", 0))} for field in found]
    return []


def context(consultation: ConsultationPage, doc: Document, *, now=None) -> dict:
    """What the document's template needs."""
    now = now or timezone.now()
    base = {
        "page": consultation,
        "centre": consultation.centre,
        "document": doc,
        "generated_at": now,
        "fonts": {name: path.as_uri() for name, path in font_files().items()},
    }
    if doc.slug == "karta":
        return base | _ballot_context(consultation)
    if doc.slug == "formularz":
        return base | {
            "fields": _proposal_fields(consultation),
            "supporters_required": consultation.supporters_required,
        }
    if doc.slug == "lista-poparcia":
        return base | {
            "rows": range(1, SUPPORTER_ROWS + 1),
            "supporters_required": consultation.supporters_required,
        }
    return base | {"protocol": protocol_of(consultation)}


def render_pdf(consultation: ConsultationPage, doc: Document, *, now=None) -> bytes:
    """Draw the document as a PDF with the report's embedded fonts."""
    html = render_to_string(f"voting/paper/{doc.template}", context(consultation, doc, now=now))
    return html_to_pdf(html)
