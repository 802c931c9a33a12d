"""Submitting a proposal in two steps (the form, then "check your answers"), editing, withdrawing.

Photos across the preview step: the first step cleans them at once (type by content, resized,
EXIF and GPS removed) and stores the clean files under a random folder in the media storage.
The preview form carries a signed token naming that folder and the user, so nothing is lost
when the resident goes back to change something, no session state is needed, and nobody can
claim another person's photos. Publishing moves them onto the proposal.
"""

import json
import secrets
from dataclasses import dataclass

from django.contrib import messages
from django.core import signing
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

PHOTOS_SIGNING_NAMESPACE = "proposals.photos"
TOKEN_MAX_AGE = 24 * 3600
TMP_DIR = "proposals/tmp"
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


# Photos kept between the steps ---------------------------------------------------------------


def _store_photos(user, form: ProposalSubmitForm, token: str | None) -> str:
    """Store new photos (replacing those in the same slot); return the signed token."""
    folder, slots = _read_token(user, token)
    if folder is None:
        folder, slots = secrets.token_hex(16), {}
    for number in form.photo_numbers():
        upload = form.cleaned_data.get(f"photo_{number}")
        if form.cleaned_data.get(f"remove_{number}") and str(number) in slots:
            default_storage.delete(slots.pop(str(number)))
        if upload:
            if str(number) in slots:
                default_storage.delete(slots[str(number)])
            name = f"{TMP_DIR}/{folder}/{upload.name}"
            slots[str(number)] = default_storage.save(name, upload)
    manifest = f"{TMP_DIR}/{folder}/manifest.json"
    if default_storage.exists(manifest):
        default_storage.delete(manifest)
    default_storage.save(manifest, ContentFile(json.dumps(slots).encode()))
    return signing.dumps({"f": folder, "u": user.pk}, salt=PHOTOS_SIGNING_NAMESPACE)


def _read_token(user, token: str | None) -> tuple[str | None, dict]:
    """Return the photo folder and its slots for a valid token of this user, else (None, {})."""
    if not token:
        return None, {}
    try:
        data = signing.loads(token, salt=PHOTOS_SIGNING_NAMESPACE, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None, {}
    if data.get("u") != user.pk:
        return None, {}
    folder = str(data.get("f", ""))
    if not folder.isalnum():
        return None, {}
    try:
        with default_storage.open(f"{TMP_DIR}/{folder}/manifest.json") as manifest:
            slots = json.loads(manifest.read())
    except (OSError, ValueError):
        return None, {}
    return folder, {k: v for k, v in slots.items() if default_storage.exists(v)}


def _stored_photos(slots: dict, data) -> list[dict]:
    return [
        {
            "number": int(number),
            "name": name,
            "url": default_storage.url(name),
            "alt": (data.get(f"alt_{number}") or "").strip(),
        }
        for number, name in sorted(slots.items())
    ]


def _drop_folder(folder: str, slots: dict) -> None:
    for name in slots.values():
        default_storage.delete(name)
    default_storage.delete(f"{TMP_DIR}/{folder}/manifest.json")


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
        folder, slots = _read_token(request.user, token)
        return cls(token=token if folder else "", folder=folder, slots=slots)

    @property
    def stored(self) -> set:
        return set(self.slots) if self.folder else set()

    def context(self, request) -> dict:
        return {
            "photos_token": self.token,
            "stored_photos": _stored_photos(self.slots, request.POST),
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
            _add_errors(form, error)
        else:
            if draft.folder:
                _drop_folder(draft.folder, draft.slots)
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
    token = _store_photos(request.user, form, draft.token or None)
    _folder, slots = _read_token(request.user, token)
    data = form.cleaned_data
    context = _create_context(
        request,
        consultation,
        form=form,
        data=data,
        hidden=_hidden_values(form),
        photos_token=token,
        stored_photos=_stored_photos(slots, request.POST),
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


def _add_errors(form, error: ValidationError) -> None:
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


def proposal_edit(request, consultation: ConsultationPage, pk: int):
    """The author changes the text, place, category or cost (photos stay as they are)."""
    proposal = selectors.proposal_detail(consultation, pk)
    refusal = submission.edit_refusal(request.user, proposal)
    if refusal:
        return not_allowed(request, consultation, refusal)
    base = base_url(request, consultation)
    detail_url = consultation.sub_url("proposal_detail", base=base, pk=proposal.pk)
    if request.method == "POST":
        form = ProposalForm(request.POST, consultation=consultation)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k in FIELDS}
            data.setdefault("category", None)
            try:
                submission.proposal_edit(proposal=proposal, user=request.user, **data)
            except NotAllowed as error:
                return not_allowed(request, consultation, error)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(detail_url)
        status = 400
    else:
        form = ProposalForm(
            consultation=consultation,
            initial={
                "title": proposal.title,
                "body": proposal.body,
                "category": proposal.category_id,
                "place": proposal.place,
                "district": proposal.district_id,
                "latitude": proposal.latitude,
                "longitude": proposal.longitude,
                "estimated_cost": proposal.estimated_cost,
            },
        )
        status = 200
    context = {
        "page": consultation,
        "consultation_url": base,
        "proposal": proposal,
        "form": form,
        "detail_url": detail_url,
        "deadline": submission.edit_deadline(consultation),
        **map_context(),
    }
    return render(request, "proposals/proposal_edit.html", context, status=status)


def proposal_withdraw(request, consultation: ConsultationPage, pk: int):
    """Ask to confirm (GET), then withdraw (POST); the proposal stays visible as withdrawn."""
    proposal = selectors.proposal_detail(consultation, pk)
    refusal = submission.withdraw_refusal(request.user, proposal)
    if refusal:
        return not_allowed(request, consultation, refusal)
    base = base_url(request, consultation)
    detail_url = consultation.sub_url("proposal_detail", base=base, pk=proposal.pk)
    if request.method == "POST":
        try:
            submission.proposal_withdraw(proposal=proposal, user=request.user)
        except NotAllowed as error:
            return not_allowed(request, consultation, error)
        messages.success(request, _("Your proposal is withdrawn. It stays visible as withdrawn."))
        return redirect(detail_url)
    context = {
        "page": consultation,
        "consultation_url": base,
        "proposal": proposal,
        "detail_url": detail_url,
    }
    return render(request, "proposals/proposal_withdraw.html", context)
