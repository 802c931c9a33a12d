"""The paper channel in the admin: the second typing of cards, the cards still to confirm, the
commission's protocol, and the printable documents (PDF).

Like the other paper screens (admin_paper.py), each view serves the staff of the
consultation's own centre, and none shows a voter's name beside marks; the second typing
and the list of cards to confirm show no marks at all (the second person types blind).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.roles import is_staff_for
from consultations.models import ConsultationPage
from home.ids import parse_id
from voting import paper_entry, paper_kit, paper_protocol
from voting.admin_paper import CORRECT, ENTER, VIEW_BALLOTS, _consultation, _render
from voting.protocol_forms import ConfirmForm, ExplainForm, ProtocolForm
from voting.services import voting


def _may(user, permission, consultation) -> bool:
    return user.has_perm(permission) and is_staff_for(user, permission, consultation.centre)


def confirm_ballot(request, page_id: int):
    """Type a card in again, blind: it counts when it agrees with another person's typing."""
    consultation = _consultation(request, page_id, ENTER)
    if voting.results_published(consultation):
        messages.info(request, _("The results are published; ballots can no longer be entered."))
        return redirect("voting_paper:protocol", consultation.pk)
    paper = voting.ballot_paper(consultation)
    data = request.POST if request.method == "POST" else None
    initial = {}
    if data is None and (number := parse_id(request.GET.get("number", ""))) is not None:
        initial["paper_number"] = number
    form = ConfirmForm(data, paper=paper, initial=initial)
    if form.is_valid():
        number = form.cleaned_data["paper_number"]
        try:
            ballot, outcome = paper_entry.confirm_paper_ballot(
                consultation=consultation, paper_number=number, by=request.user, **form.selection()
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            entries = ballot.entries.count()
            if outcome == paper_entry.CONFIRMED:
                action = "mam.paper.resolve" if entries > 2 else "mam.paper.confirm"
                text = _("Card no. %(number)s is confirmed and now counts.")
                level = messages.SUCCESS
            else:
                action = "mam.paper.mismatch"
                text = _(
                    "Card no. %(number)s was typed differently before: it is listed among the "
                    "cards to resolve, and does not count until two people agree."
                )
                level = messages.WARNING
            log(ballot, action, user=request.user, data={"paper_number": number})
            messages.add_message(request, level, text % {"number": number})
            return redirect("voting_paper:confirm", consultation.pk)
    return _render(
        request,
        "voting/paper/confirm.html",
        consultation,
        {"form": form, "current": "confirm"},
        status=400 if form.is_bound else 200,
    )


def unconfirmed_list(request, page_id: int):
    """Cards that do not count yet: awaiting a second typing, or typed differently."""
    consultation = _consultation(request, page_id, VIEW_BALLOTS)
    cards = paper_entry.unconfirmed_cards(consultation)
    return _render(
        request,
        "voting/paper/unconfirmed.html",
        consultation,
        {
            "mismatches": [card for card in cards if card.is_mismatch],
            "waiting": [card for card in cards if not card.is_mismatch],
            "can_enter": _may(request.user, ENTER, consultation)
            and not voting.results_published(consultation),
            "current": "unconfirmed",
        },
    )


def protocol_view(request, page_id: int):
    """The commission's figures beside the entered cards; entering them, explaining a gap."""
    consultation = _consultation(request, page_id, VIEW_BALLOTS)
    protocol = paper_protocol.protocol_of(consultation)
    published = voting.results_published(consultation)
    can_enter = _may(request.user, ENTER, consultation) and not published
    can_explain = _may(request.user, CORRECT, consultation) and not published
    form = ProtocolForm(instance=protocol) if can_enter else None
    explain_form = ExplainForm() if can_explain and protocol else None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "explain" and explain_form is not None:
            explain_form = ExplainForm(request.POST)
            if explain_form.is_valid():
                paper_protocol.explain_protocol(
                    consultation=consultation,
                    by=request.user,
                    explanation=explain_form.cleaned_data["explanation"],
                )
                messages.success(request, _("The explanation is recorded."))
                return redirect(request.path)
        elif action == "protocol" and form is not None:
            form = ProtocolForm(request.POST, instance=protocol)
            if form.is_valid():
                try:
                    paper_protocol.record_protocol(
                        consultation=consultation,
                        by=request.user,
                        figures=form.figures(),
                        members=form.cleaned_data["members"],
                    )
                except ValidationError as error:
                    form.add_error("members", error)
                else:
                    messages.success(request, _("The commission's protocol is saved."))
                    return redirect(request.path)
        else:
            raise PermissionDenied
        status = 400
    return _render(
        request,
        "voting/paper/protocol_admin.html",
        consultation,
        {
            "protocol": protocol,
            "counts": paper_entry.paper_counts(consultation),
            "differences": paper_protocol.differences(consultation, protocol),
            "form": form,
            "explain_form": explain_form,
            "current": "protocol",
        },
        status=status,
    )


def _documents_consultation(request, page_id: int) -> ConsultationPage:
    """Any consultation (the proposal form needs no vote), for its centre's paper staff."""
    if not request.user.has_perm(VIEW_BALLOTS):
        raise PermissionDenied
    consultation = get_object_or_404(ConsultationPage, pk=page_id)
    if not is_staff_for(request.user, VIEW_BALLOTS, consultation.centre):
        raise PermissionDenied
    return consultation


def documents(request, page_id: int):
    """The printable documents of the consultation's paper channel."""
    consultation = _documents_consultation(request, page_id)
    context = {
        "documents": [
            (doc, reverse("voting_paper:document", args=[consultation.pk, doc.slug]))
            for doc in paper_kit.documents_for(consultation)
        ],
        "current": "documents",
    }
    if consultation.voting_method:
        return _render(request, "voting/paper/documents.html", consultation, context)
    return TemplateResponse(
        request,
        "voting/paper/documents.html",
        {"consultation": consultation, "nav": [], **context},
    )


def document_pdf(request, page_id: int, kind: str):
    """One document as a PDF download."""
    consultation = _documents_consultation(request, page_id)
    doc = paper_kit.document(consultation, kind)
    if doc is None:
        raise Http404
    response = HttpResponse(paper_kit.render_pdf(consultation, doc), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{doc.slug}-{consultation.pk}.pdf"'
    return response
