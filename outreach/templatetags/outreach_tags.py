"""The oEmbed discovery link in every page's head (site/templates/base.html)."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html

from home.links import absolute_url
from outreach import embeds
from proposals.models import Proposal

register = template.Library()


@register.simple_tag(takes_context=True)
def oembed_discovery(context) -> str:
    """<link rel="alternate" type="application/json+oembed"> for a page that can be embedded.

    Decided from the page's type and sub-URL, without a query; whether the thing may be
    embedded is checked by the endpoint when a CMS asks.
    """
    page, request = context.get("page"), context.get("request")
    if page is None or request is None:
        return ""
    match = getattr(request, "routable_resolver_match", None)
    url_name = match.url_name if match else embeds.INDEX_ROUTE
    proposal = context.get("proposal")
    proposal_pk = proposal.pk if isinstance(proposal, Proposal) else None
    found = embeds.for_page(page, url_name, proposal_pk)
    if found is None:
        return ""
    query = urlencode({"url": absolute_url(request.path), "format": "json"})
    return format_html(
        '<link rel="alternate" type="application/json+oembed" href="{}" title="{}">',
        absolute_url(reverse("outreach:oembed")) + "?" + query,
        page.title if proposal_pk is None else proposal.title,
    )
