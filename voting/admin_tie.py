"""Staff screen in the Wagtail admin: the ties that decide the result and wait for a draw by
lot, and the protocol of each draw (who drew, when, where, witnesses, the order drawn)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import permission_denied

from consultations.admin_views import AdminView
from consultations.models import ConsultationPage
from consultations.permissions import may_publish_results
from home.ids import parse_id
from voting.models import TieDraw
from voting.services import tie_draws


class TieDrawForm(forms.Form):
    """The protocol of one draw: the tied proposals in the order drawn, and who, when, where."""

    drawn_at = forms.DateTimeField(
        label=gettext_lazy("Drawn at"), help_text=gettext_lazy("E.g. 2026-12-04 12:00")
    )
    drawn_by = forms.CharField(label=gettext_lazy("Who drew"), max_length=200)
    witnesses = forms.CharField(
        label=gettext_lazy("Witnesses"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Names (and roles) of the people present as witnesses."),
    )
    place = forms.CharField(label=gettext_lazy("Place of the draw"), max_length=200, required=False)

    def __init__(self, *args, tie: dict, **kwargs):
        super().__init__(*args, prefix=tie_key(tie), **kwargs)
        self.tie = tie
        choices = [("", "—")] + [
            (str(o["id"]), f"{o['title']} (nr {o['id']})") for o in tie["options"]
        ]
        for place in range(1, len(tie["options"]) + 1):
            self.fields[f"place_{place}"] = forms.ChoiceField(
                label=_("Drawn as no. %(place)d") % {"place": place}, choices=choices
            )

    def order(self) -> list[int]:
        return [
            parse_id(self.cleaned_data[f"place_{n}"])
            for n in range(1, len(self.tie["options"]) + 1)
        ]


def tie_key(tie: dict) -> str:
    return f"tie-{tie['pool'] or 'all'}-{tie['votes']}"


class TieDrawsView(AdminView):
    """List the waiting ties with a protocol form each (GET); record one draw (POST)."""

    template_name = "voting/admin/tie_draws.html"

    def prepare(self, *, page_id: int):
        self.page = get_object_or_404(ConsultationPage, pk=page_id)
        if not may_publish_results(self.request.user, self.page):
            return permission_denied(self.request)
        self.waiting = tie_draws.waiting_ties(self.page) if self.page.voting_method else []
        return None

    def get(self, request, page_id: int):
        return self.render(forms=[TieDrawForm(tie=tie) for tie in self.waiting])

    def post(self, request, page_id: int):
        key = request.POST.get("tie", "")
        tie = next((t for t in self.waiting if tie_key(t) == key), None)
        if tie is None:
            messages.error(request, _("This tie does not wait for a draw."))
            return redirect(request.path)
        form = TieDrawForm(request.POST, tie=tie)
        if form.is_valid():
            try:
                self.record(tie, form)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The protocol of the draw is recorded."))
                return redirect(request.path)
        forms_ = [form if tie_key(t) == key else TieDrawForm(tie=t) for t in self.waiting]
        return self.render(forms=forms_, status=400)

    def record(self, tie: dict, form: TieDrawForm) -> None:
        tie_draws.tie_draw_record(
            consultation=self.page,
            pool=tie["pool"],
            votes=tie["votes"],
            order=form.order(),
            drawn_at=form.cleaned_data["drawn_at"],
            drawn_by=form.cleaned_data["drawn_by"],
            witnesses=form.cleaned_data["witnesses"],
            place=form.cleaned_data["place"],
            by=self.request.user,
            now=timezone.now(),
        )

    def get_context_data(self, **kwargs):
        page = self.page
        return super().get_context_data(
            page=page,
            draws=TieDraw.objects.filter(consultation=page).select_related("entered_by"),
            by_lot=page.tie_rule == "lot",
            publish_url=reverse("voting_results:publish", args=[page.pk]),
            header_title=page.title,
            **kwargs,
        )
