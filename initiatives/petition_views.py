"""The petition pages under an initiative (…/inicjatywy/<id>/petycja/): thin views."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.views.common import safe_next
from consultations.participation import NotAllowed
from initiatives import petition_forms
from initiatives.forms import MemberChoiceForm
from initiatives.models import CommitteeMember, Initiative, Membership, Petition, PetitionSupport
from initiatives.petition_sheets import sheets_pdf
from initiatives.services import petitions
from initiatives.services.committee_tokens import committee_seat
from initiatives.services.rules import is_coordinator, is_organiser, refused
from initiatives.views import _base, _detail_url, _initiative, _not_allowed, run_action


def _url(request, index, pk) -> str:
    return index.sub_url("petition", request=request, pk=pk)


def _petition(request, index, pk) -> tuple[Initiative, Petition, Membership | None]:
    """The initiative and its petition as the visitor may see them; drafts only for the group's
    members (who may be invited to its committee), those invited and the centre's organiser."""
    initiative = _initiative(request, index, pk)
    petition = Petition.objects.filter(initiative=initiative).first()
    own = None
    if request.user.is_authenticated:
        own = Membership.objects.filter(initiative=initiative, user=request.user).first()
    if petition is None:
        raise Http404
    if petition.state == Petition.State.DRAFT:
        member = own is not None and own.kind == Membership.Kind.MEMBER
        invited = (
            request.user.is_authenticated
            and CommitteeMember.objects.filter(initiative=initiative, user=request.user).exists()
        )
        if not (member or invited or is_organiser(request.user, index.centre)):
            raise Http404
    petition.initiative = initiative
    return initiative, petition, own


def petition_detail(request, index, pk):
    initiative, petition, own = _petition(request, index, pk)
    user = request.user
    committee = list(petitions.consented_committee(initiative))
    seat = None
    supported = False
    if user.is_authenticated:
        seat = CommitteeMember.objects.filter(initiative=initiative, user=user).first()
        supported = PetitionSupport.objects.filter(petition=petition, user=user).exists()
    leader = own is not None and own.role in (Membership.Role.COORDINATOR, Membership.Role.CONTACT)
    context = _base(
        request,
        index,
        initiative=initiative,
        petition=petition,
        detail_url=_detail_url(request, index, initiative),
        petition_url=_url(request, index, pk),
        committee_count=len(committee),
        named_committee=[m for m in committee if m.show_name],
        committee_minimum=petitions.COMMITTEE_MINIMUM,
        seat=seat,
        consent_form=petition_forms.ConsentForm(
            initial={
                "full_name": seat.full_name if seat else "",
                "show_name": seat and seat.show_name,
            }
        ),
        supported=supported,
        leader=leader,
        coordinator=own is not None and own.role == Membership.Role.COORDINATOR,
        overdue=petition.is_overdue(),
        collecting=petition.state == Petition.State.OPEN and not initiative.is_hidden,
        **_progress(petition),
    )
    return render(request, "initiatives/petition/detail.html", context)


def _progress(petition: Petition) -> dict:
    """Paper signatures against the threshold; before publishing (when the threshold is fixed)
    the centre's threshold as it stands, so the group sees its goal while preparing."""
    required = petitions.filing_threshold(petition)
    paper = petition.paper_signatures
    return {
        "required": required,
        "missing": max(required - paper, 0),
        "percent": min(100, paper * 100 // required) if required else 0,
    }


def _post(request, index, pk, act):
    """Run `act(initiative, petition)` for a signed-in POST; redirect to the petition."""
    if request.method != "POST":
        return redirect(_url(request, index, pk))
    if not request.user.is_authenticated:
        return redirect_to_login(_url(request, index, pk))
    initiative, petition, _own = _petition(request, index, pk)
    if refusal := run_action(request, index, act, initiative, petition):
        return refusal
    return redirect(_url(request, index, pk))


def petition_support(request, index, pk):
    def act(initiative, petition):
        if request.POST.get("action") == "withdraw":
            petitions.petition_withdraw(petition=petition, user=request.user)
            return _("Your support is withdrawn.")
        petitions.petition_support(petition=petition, user=request.user)
        return _("Thank you for your support! It is public support, not a legal signature.")

    return _post(request, index, pk, act)


def committee_consent(request, index, pk):
    """The invitation to the art. 41a committee: the invited person consents or declines here,
    from the emailed link (a signed token, no sign-in needed) or signed in, whether or not the
    coordinator has prepared the draft yet."""
    initiative = _initiative(request, index, pk)
    token = request.POST.get("token") or request.GET.get("t") or ""
    seat = committee_seat(token, initiative_id=initiative.pk) if token else None
    if seat is None:
        token = ""
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        seat = (
            CommitteeMember.objects.filter(initiative=initiative, user=request.user)
            .select_related("user")
            .first()
        )
        if seat is None:
            message = _("You have not been invited to the committee.")
            return _not_allowed(request, index, refused("committee", message))
    here = index.sub_url("committee_consent", request=request, pk=pk)
    if token:
        here = f"{here}?{urlencode({'t': token})}"
    back = safe_next(request, default=None)  # the petition's page, when the form was there
    initial = {"full_name": seat.full_name, "show_name": seat.show_name}
    form = petition_forms.ConsentForm(request.POST or None, initial=initial)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "leave":
                petitions.committee_leave(initiative=initiative, user=seat.user)
                messages.success(request, _("You are no longer on the committee."))
                return redirect(back or _detail_url(request, index, initiative))
            if form.is_valid():
                petitions.committee_consent(
                    initiative=initiative, user=seat.user, **form.cleaned_data
                )
                messages.success(
                    request, _("Thank you: you are a member of the initiative committee.")
                )
                return redirect(back or here)
        except NotAllowed as refusal:
            if refusal.code == "login":
                return redirect_to_login(request.get_full_path())
            context = _base(request, index, message=refusal.message)
            return render(request, "initiatives/not_allowed.html", context, status=403)
        except ValidationError as error:
            form.add_error(None, error)
    petition = Petition.objects.filter(initiative=initiative).first()
    context = _base(
        request,
        index,
        initiative=initiative,
        seat=seat,
        form=form,
        token=token,
        back=back,
        petition=petition,
        petition_url=_url(request, index, pk) if petition else "",
        committee_minimum=petitions.COMMITTEE_MINIMUM,
        detail_url=_detail_url(request, index, initiative),
    )
    return render(request, "initiatives/petition/consent.html", context)


def _coordinator_only(request, index, pk):
    if not request.user.is_authenticated:
        return None, redirect_to_login(request.get_full_path())
    initiative = _initiative(request, index, pk)
    if not is_coordinator(request.user, initiative) or initiative.state != Initiative.State.ACTIVE:
        message = _("Only the initiative's coordinator can do this.")
        return None, _not_allowed(request, index, refused("coordinator", message))
    return initiative, None


def petition_edit(request, index, pk):
    """The coordinator writes the petition or the draft resolution (until it is published)."""
    initiative, refusal = _coordinator_only(request, index, pk)
    if refusal:
        return refusal
    petition = Petition.objects.filter(initiative=initiative).first()
    initial = {}
    if petition is not None:
        initial = {
            f: getattr(petition, f)
            for f in ("kind", "addressee", "addressee_name", "title", "text")
        }
    form = petition_forms.PetitionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            petitions.petition_prepare(
                initiative=initiative, user=request.user, **form.cleaned_data
            )
        except NotAllowed as refusal:
            return _not_allowed(request, index, refusal)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved. Check it, then publish it from its page."))
            return redirect(_url(request, index, pk))
    context = _base(
        request,
        index,
        initiative=initiative,
        form=form,
        heading=_("Prepare a petition"),
        detail_url=_detail_url(request, index, initiative),
    )
    return render(request, "initiatives/group_form.html", context)


def committee_invite(request, index, pk):
    """The coordinator invites members of the group to the initiative committee."""
    initiative, refusal = _coordinator_only(request, index, pk)
    if refusal:
        return refusal
    seated = CommitteeMember.objects.filter(initiative=initiative, user__isnull=False)
    others = (
        Membership.objects.filter(initiative=initiative, kind=Membership.Kind.MEMBER)
        .exclude(user__in=seated.values("user"))
        .select_related("user")
    )
    form = MemberChoiceForm(request.POST or None, members=others)
    if request.method == "POST" and form.is_valid():
        try:
            petitions.committee_invite(
                initiative=initiative, coordinator=request.user, member=form.cleaned_data["member"]
            )
        except NotAllowed as refusal:
            return _not_allowed(request, index, refusal)
        messages.success(request, _("Invited. They become committee members once they consent."))
        return redirect(index.sub_url("committee", request=request, pk=pk))
    context = _base(
        request,
        index,
        initiative=initiative,
        form=form,
        committee=list(initiative.committee.all()),
        committee_minimum=petitions.COMMITTEE_MINIMUM,
        petition_url=_url(request, index, pk),
        detail_url=_detail_url(request, index, initiative),
    )
    return render(request, "initiatives/petition/committee.html", context)


def petition_sheets(request, index, pk):
    """Print numbered signature sheets (leaders of the group and the centre's organisers)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    initiative, petition, _own = _petition(request, index, pk)
    if not petitions.may_print_sheets(request.user, petition):
        message = _("Only the group's coordinators and the centre's staff print sheets.")
        return _not_allowed(request, index, refused("leader", message))
    form = petition_forms.SheetsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sheets = petitions.sheets_print(
                petition=petition, user=request.user, count=form.cleaned_data["count"]
            )
        except NotAllowed as refusal:
            return _not_allowed(request, index, refusal)
        pdf = sheets_pdf(petition, sheets)
        name = f"arkusze-{petition.pk}-{sheets[0].number}-{sheets[-1].number}.pdf"
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    context = _base(
        request,
        index,
        initiative=initiative,
        petition=petition,
        form=form,
        today=timezone.localdate(),
        petition_url=_url(request, index, pk),
        detail_url=_detail_url(request, index, initiative),
    )
    return render(request, "initiatives/petition/sheets_form.html", context)
