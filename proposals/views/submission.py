"""Submitting a proposal in two steps (the form, then "check your answers"); editing and
withdrawing are in editing.py, the photos kept between the steps in preview_photos.py.

Photos across the preview step: the first step cleans them at once (type by content, resized,
EXIF and GPS removed) and stores the clean files under a random folder in the media storage.
The preview form carries a signed token naming that folder and the user, so nothing is lost
when the resident goes back to change something, no session state is needed, and nobody can
claim another person's photos. Publishing moves them onto the proposal.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import ratelimit
from consultations import participation
from consultations.models import ConsultationPage
from consultations.participation import Decision, NotAllowed
from proposals import selectors
from proposals.forms import ProposalForm, ProposalSubmitForm
from proposals.services import submission
from proposals.views.listing import base_url, map_context
from proposals.views.preview_photos import drop_folder, read_token, store_photos, stored_photos

# "Check your answers" reads and re-encodes up to three photos each time.
CHECK_LIMIT = {"limit": 30, "period": 3600}
FIELDS = (
    "title",
    "body",
    "category",
    "place",
    "district",
    "latitude",
    "longitude",
    "estimated_cost",
)


def not_allowed(request, consultation: ConsultationPage, refusal: NotAllowed | Decision):
    """Explain a refusal: sign in, confirm the email, verify residence, or why not now."""

    def page(decision: Decision):
        context = {
            "page": consultation,
            "consultation_url": base_url(request, consultation),
            "message": decision.message,
        }
        return render(request, "proposals/not_allowed.html", context, status=403)

    decision = refusal.decision if isinstance(refusal, NotAllowed) else refusal
    return participation.refusal_response(request, decision, consultation=consultation, page=page)


def _rate_limited(request, consultation):
    context = {"page": consultation, "back_url": base_url(request, consultation)}
    return render(request, "proposals/rate_limited.html", context, status=429)


# Views -------------------------------------------------------------------------------------


def _create_context(request, consultation, **extra) -> dict:
    base = base_url(request, consultation)
    form = extra.get("form")
    if form is not None and "title" in form.fields:
        # htmx (when loaded) asks for similar proposals while the title is typed.
        form.fields["title"].widget.attrs.update(
            {
                "hx-get": consultation.sub_url("proposal_similar", base=base),
                "hx-trigger": "keyup changed delay:600ms",
                "hx-target": "#similar-live",
                "hx-sync": "this:replace",
            }
        )
    return {
        "page": consultation,
        "consultation": consultation,
        "consultation_url": base,
        "list_url": consultation.sub_url("proposal_list", base=base),
        "create_url": consultation.sub_url("proposal_create", base=base),
        "similar_url": consultation.sub_url("proposal_similar", base=base),
        **map_context(),
        **extra,
    }


def _similar_with_urls(request, consultation, title: str, body: str = "") -> list:
    base = base_url(request, consultation)
    similar = selectors.similar_proposals(consultation, title, body)
    for proposal in similar:
        proposal.url = consultation.sub_url("proposal_detail", base=base, pk=proposal.pk)
    return similar


@dataclass
class _Draft:
    """The photos a resident already sent in this submission (kept between the steps)."""

    token: str
    folder: str | None
    slots: dict

    @classmethod
    def read(cls, request) -> "_Draft":
        token = request.POST.get("photos_token", "")
        folder, slots = read_token(request.user, token)
        return cls(token=token if folder else "", folder=folder, slots=slots)

    @property
    def stored(self) -> set:
        return set(self.slots) if self.folder else set()

    def context(self, request) -> dict:
        return {
            "photos_token": self.token,
            "stored_photos": stored_photos(self.slots, request.POST),
        }


def proposal_create(request, consultation: ConsultationPage):
    """Step 1: the form. Step 2: check your answers and similar proposals. Then publish."""
    decision = participation.decide(request.user, consultation, "propose")
    if not decision:
        return not_allowed(request, consultation, decision)
    if request.method != "POST":
        form = ProposalSubmitForm(consultation=consultation)
        return render(
            request,
            "proposals/proposal_form.html",
            _create_context(request, consultation, form=form),
        )
    draft = _Draft.read(request)
    action = request.POST.get("action", "check")
    if action == "change":
        return _create_change(request, consultation, draft)
    if action == "publish":
        return _create_publish(request, consultation, draft)
    return _create_check(request, consultation, draft)


def _form_again(request, consultation, form, draft: _Draft, *, status: int = 200):
    context = _create_context(request, consultation, form=form, **draft.context(request))
    return render(request, "proposals/proposal_form.html", context, status=status)


def _create_change(request, consultation, draft: _Draft):
    """Back from the check step to the form, with everything typed and sent kept."""
    form = ProposalSubmitForm(consultation=consultation, initial=_initial(request.POST))
    return _form_again(request, consultation, form, draft)


def _create_publish(request, consultation, draft: _Draft):
    form = ProposalForm(request.POST, consultation=consultation)
    if form.is_valid():
        if not ratelimit.hit("proposal_submit", str(request.user.pk), limit=5, period=3600):
            return _rate_limited(request, consultation)
        photos = []
        for number, name in sorted(draft.slots.items()):
            with default_storage.open(name) as stored_file:
                content = ContentFile(stored_file.read(), name=name.rsplit("/", 1)[-1])
            photos.append((content, request.POST.get(f"alt_{number}", "")[:250]))
        try:
            proposal = submission.proposal_submit(
                consultation=consultation,
                author=request.user,
                photos=photos,
                **{k: v for k, v in form.cleaned_data.items() if k in FIELDS},
                **({} if "category" in form.cleaned_data else {"category": None}),
            )
        except NotAllowed as error:
            return not_allowed(request, consultation, error)
        except ValidationError as error:
            add_errors(form, error)
        else:
            if draft.folder:
                drop_folder(draft.folder, draft.slots)
            messages.success(request, _("Thank you. Your proposal is published."))
            base = base_url(request, consultation)
            return redirect(consultation.sub_url("proposal_detail", base=base, pk=proposal.pk))
    # Unlikely (the data passed step 1): show the form again with the errors.
    form = ProposalSubmitForm(request.POST, consultation=consultation, stored_slots=draft.stored)
    form.is_valid()
    return _form_again(request, consultation, form, draft, status=400)


def _create_check(request, consultation, draft: _Draft):
    """Step 2: the answers as they will be published, and proposals like this one."""
    # The check step reads and re-encodes photos: the costly step, limited per person.
    if not ratelimit.hit("proposal_check", str(request.user.pk), **CHECK_LIMIT):
        return _rate_limited(request, consultation)
    form = ProposalSubmitForm(
        request.POST, request.FILES, consultation=consultation, stored_slots=draft.stored
    )
    if not form.is_valid():
        return _form_again(request, consultation, form, draft, status=400)
    token = store_photos(request.user, form, draft.token or None)
    _folder, slots = read_token(request.user, token)
    data = form.cleaned_data
    context = _create_context(
        request,
        consultation,
        form=form,
        data=data,
        hidden=_hidden_values(form),
        photos_token=token,
        stored_photos=stored_photos(slots, request.POST),
        similar=_similar_with_urls(request, consultation, data["title"], data["body"]),
    )
    return render(request, "proposals/proposal_preview.html", context)


def _initial(post) -> dict:
    keys = [*FIELDS, "alt_1", "alt_2", "alt_3"]
    return {key: post.get(key, "") for key in keys}


def _hidden_values(form) -> list[tuple[str, str]]:
    """The typed values to carry through the preview step as hidden inputs."""
    names = [*FIELDS, *(f"alt_{n}" for n in form.photo_numbers())]
    return [(name, form.data.get(name, "")) for name in names if name in form.fields]


def add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def proposal_similar(request, consultation: ConsultationPage):
    """Proposals with a similar title: an htmx fragment, or a page of its own without JS."""
    title = request.GET.get("title", "")[:200]
    context = _create_context(
        request,
        consultation,
        title=title,
        similar=_similar_with_urls(request, consultation, title),
        propose=participation.decide(request.user, consultation, "propose"),
    )
    if getattr(request, "htmx", False):
        return render(request, "proposals/includes/similar.html", context)
    return render(request, "proposals/proposal_similar.html", context)
