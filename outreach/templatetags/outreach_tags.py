"""The oEmbed discovery link in every page's head (site/templates/base.html), and newsletters'
rich text for emails."""

import re
from html import unescape
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from home.links import absolute_url, site_url
from outreach import embeds
from proposals.models import Proposal

register = template.Library()

RELATIVE_LINK = re.compile(r'\b(href|src)="/(?!/)')
LINK = re.compile(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', re.S)
BLOCK_END = re.compile(r"</(p|li|h[1-6])>|<br\s*/?>")


@register.simple_tag(takes_context=True)
def oembed_discovery(context) -> str:
    """<link rel="alternate" type="application/json+oembed"> for a page that can be embedded.

    Decided from the page's type and sub-URL, without a query; whether the thing may be
    embedded is checked by the endpoint when a CMS asks. A proposal's page names it only
    through `head_proposal`, which its view sets for a proposal everyone may see.
    """
    page, request = context.get("page"), context.get("request")
    if page is None or request is None:
        return ""
    match = getattr(request, "routable_resolver_match", None)
    url_name = match.url_name if match else embeds.INDEX_ROUTE
    proposal = context.get("head_proposal")
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


def _email_html(value) -> str:
    """Rich text with Wagtail's links expanded and made absolute (an email has no host)."""
    html = expand_db_html(str(value or ""))
    return RELATIVE_LINK.sub(lambda m: f'{m.group(1)}="{site_url()}/', html)


@register.filter
def email_html(value) -> str:
    """Rich text for an email's HTML part."""
    return mark_safe(_email_html(value))  # noqa: S308 - editors' rich text, as `richtext` does


@register.filter
def email_text(value) -> str:
    """Rich text as plain text: paragraphs and list items on their own lines, links kept."""
    html = _email_html(value)
    html = LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})", html)
    html = BLOCK_END.sub("\n", html)
    text = unescape(strip_tags(html))
    return "\n".join(line.strip() for line in text.splitlines()).strip()
