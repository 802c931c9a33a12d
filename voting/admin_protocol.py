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
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.roles import is_staff_for
from consultations.models import ConsultationPage
from home.ids import parse_id
from voting import paper_entry, paper_kit, paper_protocol
from voting.admin_paper import CORRECT, ENTER, VIEW_BALLOTS, PaperView
from voting.protocol_forms import ConfirmForm, ExplainForm, ProtocolForm
from voting.services import voting


def _may(user, permission, consultation) -> bool:
    return user.has_perm(permission) and is_staff_for(user, permission, consultation.centre)


class ConfirmBallotView(PaperView):
    """Type a card in again, blind: it counts when it agrees with another person's typing."""

    permission = ENTER
    current = "confirm"
    template_name = "voting/paper/confirm.html"

    def get(self, request, page_id: int):
        if voting.results_published(self.consultation):
            return self.to_protocol()
        initial = {}
        if (number := parse_id(request.GET.get("number", ""))) is not None:
            initial["paper_number"] = number
        return self.render(form=ConfirmForm(paper=self.paper(), initial=initial))

    def post(self, request, page_id: int):
        if voting.results_published(self.consultation):
            return self.to_protocol()
        form = ConfirmForm(request.POST, paper=self.paper(), initial={})
        if form.is_valid():
            number = form.cleaned_data["paper_number"]
            try:
                ballot, outcome = paper_entry.confirm_paper_ballot(
                    consultation=self.consultation,
                    paper_number=number,
                    by=request.user,
                    **form.selection(),
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                self.tell(ballot, outcome, number)
                return redirect("voting_paper:confirm", self.consultation.pk)
        return self.render(form=form, status=400)

    def paper(self):
        return voting.ballot_paper(self.consultation)

    def tell(self, ballot, outcome: str, number: int) -> None:
        """Log the typing and say whether the card now counts."""
        if outcome == paper_entry.CONFIRMED:
            action = "mam.paper.resolve" if ballot.entries.count() > 2 else "mam.paper.confirm"
            text = _("Card no. %(number)s is confirmed and now counts.")
            level = messages.SUCCESS
        else:
            action = "mam.paper.mismatch"
            text = _(
                "Card no. %(number)s was typed differently before: it is listed among the "
                "cards to resolve, and does not count until two people agree."
            )
            level = messages.WARNING
        log(ballot, action, user=self.request.user, data={"paper_number": number})
        messages.add_message(self.request, level, text % {"number": number})

    def to_protocol(self):
        messages.info(
            self.request, _("The results are published; ballots can no longer be entered.")
        )
        return redirect("voting_paper:protocol", self.consultation.pk)


class UnconfirmedListView(PaperView):
    """Cards that do not count yet: awaiting a second typing, or typed differently."""

    permission = VIEW_BALLOTS
    current = "unconfirmed"
    template_name = "voting/paper/unconfirmed.html"

    def get(self, request, page_id: int):
        cards = paper_entry.unconfirmed_cards(self.consultation)
        return self.render(
            mismatches=[card for card in cards if card.is_mismatch],
            waiting=[card for card in cards if not card.is_mismatch],
            can_enter=_may(request.user, ENTER, self.consultation)
            and not voting.results_published(self.consultation),
        )


class ProtocolView(PaperView):
    """The commission's figures beside the entered cards; entering them, explaining a gap."""

    permission = VIEW_BALLOTS
    current = "protocol"
    template_name = "voting/paper/protocol_admin.html"

    def prepare(self, **kwargs):
        super().prepare(**kwargs)
        user, consultation = self.request.user, self.consultation
        self.protocol = paper_protocol.protocol_of(consultation)
        published = voting.results_published(consultation)
        self.can_enter = _may(user, ENTER, consultation) and not published
        self.can_explain = bool(
            _may(user, CORRECT, consultation) and not published and self.protocol
        )

    def get(self, request, page_id: int):
        return self.render()

    def post(self, request, page_id: int):
        action = request.POST.get("action")
        if action == "explain" and self.can_explain:
            return self.explain(ExplainForm(request.POST))
        if action == "protocol" and self.can_enter:
            return self.record(ProtocolForm(request.POST, instance=self.protocol))
        raise PermissionDenied

    def explain(self, explain_form):
        if explain_form.is_valid():
            paper_protocol.explain_protocol(
                consultation=self.consultation,
                by=self.request.user,
                explanation=explain_form.cleaned_data["explanation"],
            )
            messages.success(self.request, _("The explanation is recorded."))
            return redirect(self.request.path)
        return self.render(explain_form=explain_form, status=400)

    def record(self, form):
        if form.is_valid():
            try:
                paper_protocol.record_protocol(
                    consultation=self.consultation,
                    by=self.request.user,
                    figures=form.figures(),
                    members=form.cleaned_data["members"],
                )
            except ValidationError as error:
                form.add_error("members", error)
            else:
                messages.success(self.request, _("The commission's protocol is saved."))
                return redirect(self.request.path)
        return self.render(form=form, status=400)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ProtocolForm(instance=self.protocol) if self.can_enter else None)
        kwargs.setdefault("explain_form", ExplainForm() if self.can_explain else None)
        return super().get_context_data(
            protocol=self.protocol,
            counts=paper_entry.paper_counts(self.consultation),
            differences=paper_protocol.differences(self.consultation, self.protocol),
            **kwargs,
        )


class DocumentsView(PaperView):
    """The printable documents of the consultation's paper channel.

    Any consultation (the proposal form needs no vote), for its centre's paper staff.
    """

    permission = VIEW_BALLOTS
    current = "documents"
    template_name = "voting/paper/documents.html"

    def prepare(self, *, page_id: int, **kwargs):
        user = self.request.user
        if not user.has_perm(VIEW_BALLOTS):
            raise PermissionDenied
        self.consultation = get_object_or_404(ConsultationPage, pk=page_id)
        if not is_staff_for(user, VIEW_BALLOTS, self.consultation.centre):
            raise PermissionDenied

    def nav(self):
        return super().nav() if self.consultation.voting_method else []

    def get(self, request, page_id: int):
        return self.render(
            documents=[
                (doc, reverse("voting_paper:document", args=[self.consultation.pk, doc.slug]))
                for doc in paper_kit.documents_for(self.consultation)
            ]
        )


class DocumentPdfView(DocumentsView):
    """One document as a PDF download."""

    def get(self, request, page_id: int, kind: str):
        consultation = self.consultation
        doc = paper_kit.document(consultation, kind)
        if doc is None:
            raise Http404
        pdf = paper_kit.render_pdf(consultation, doc)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{doc.slug}-{consultation.pk}.pdf"'
        return response
