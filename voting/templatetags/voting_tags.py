"""Template helpers for the ballot: amounts in złoty, and the way from a proposal to the vote."""

import datetime
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from consultations.models import ConsultationPage, Phase
from proposals.models import Proposal

register = template.Library()


@register.filter
def pln(amount) -> str:
    """Format an amount as people read it: "120 000,00 zł" (in Polish)."""
    if amount is None or amount == "":
        return ""
    return _("%(amount)s zł") % {"amount": number_format(Decimal(amount), 2, force_grouping=True)}


@register.filter
def plain_decimal(amount) -> str:
    """An amount for a data attribute read by a script: "120000.00", never localised."""
    return f"{Decimal(amount):.2f}"


@register.simple_tag
def ballot_url(proposal, consultation, consultation_url: str) -> str:
    """The ballot's address when `proposal` is on a ballot being voted now, else ""."""
    method = consultation.voting_method
    if proposal.status != Proposal.Status.ACCEPTED or method not in (
        ConsultationPage.VotingMethod.APPROVAL,
        ConsultationPage.VotingMethod.BUDGET,
    ):
        return ""
    if method == ConsultationPage.VotingMethod.BUDGET and proposal.official_cost is None:
        return ""
    now = timezone.now()
    if not any(
        phase.kind == Phase.Kind.VOTING and phase.is_running(now)
        for phase in consultation.phases.all()
    ):
        return ""
    return consultation_url + consultation.reverse_subpage("vote")


@register.filter
def iso_moment(value):
    """A moment written in ISO 8601 in a published file, as a datetime for `|date` (or the
    text as it is when it is not one)."""
    try:
        moment = datetime.datetime.fromisoformat(str(value))
    except ValueError:
        return value
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment
