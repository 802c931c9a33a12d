"""The partners pages' views, called from the partners index's routes (partners.models)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from wagtail import hooks

from consultations.participation import NotAllowed
from partners import services
from partners.forms import PartnerEditForm
from partners.models import Partner, PartnerChange


def _partner(index, partner_id: int) -> Partner:
    partner = Partner.objects.listed().filter(centre_id=index.get_parent().pk, pk=partner_id)
    found = partner.first()
    if found is None:
        raise Http404
    return found


def upcoming_activities(request, partner: Partner) -> list:
    """The partner's upcoming activities, from the apps that hold them (events), through the
    `mam_partner_activities` hook: partners sit below events and cannot import it."""
    found = []
    for hook in hooks.get_hooks("mam_partner_activities"):
        found.extend(hook(request, partner))
    return found


def partner_list(request, index):
    partners = list(Partner.objects.listed().filter(centre_id=index.get_parent().pk))
    return index.render(request, context_overrides={"centre": index.centre, "partners": partners})


def partner_detail(request, index, partner_id: int):
    partner = _partner(index, partner_id)
    may_edit = services.may_edit(request.user, partner)
    response = index.render(
        request,
        template="partners/partner_page.html",
        context_overrides={
            "centre": index.centre,
            "partner": partner,
            "activities": upcoming_activities(request, partner),
            "may_edit": may_edit,
        },
    )
    if request.user.is_authenticated:
        patch_cache_control(response, private=True)
    return response


def partner_edit(request, index, partner_id: int):
    """The partner's organisation proposes changes (GET shows the form, POST sends them)."""
    partner = _partner(index, partner_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not services.may_edit(request.user, partner):
        raise Http404
    pending = partner.changes.filter(state=PartnerChange.State.PENDING).first()
    form = PartnerEditForm(request.POST or None, request.FILES or None, instance=partner)
    status, refusal = 200, ""
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.partner_change_submit(
                    partner=Partner.objects.get(pk=partner.pk),
                    user=request.user,
                    data=form.proposed(),
                    logo=form.logo(),
                )
            except NotAllowed as error:
                refusal, status = error.message, 409
            else:
                messages.success(
                    request,
                    _("Thank you. The centre will check your changes; we will email you."),
                )
                return redirect(index.url + index.reverse_subpage("partner", args=[partner.pk]))
    response = index.render(
        request,
        template="partners/partner_edit.html",
        context_overrides={
            "centre": index.centre,
            "partner": partner,
            "form": form,
            "pending": pending,
            "refusal": refusal,
        },
    )
    response.status_code = status
    patch_cache_control(response, private=True, no_store=True)
    return response
