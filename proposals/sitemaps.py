"""The sitemap: Wagtail's live public pages and the proposals anyone may find, at MAM_SITE_URL."""

from wagtail.contrib.sitemaps import Sitemap

from home.links import absolute_url
from proposals.models import Proposal


class PageSitemap(Sitemap):
    """Wagtail's sitemap (consultations included), with links at the site's address."""

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            url["location"] = absolute_url(url["location"])
        return urls


class ProposalSitemap(Sitemap):
    """Proposals that are visible, not withdrawn, in live consultations without restrictions."""

    def items(self):
        return Proposal.objects.listed().select_related("consultation").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at

    def _urls(self, page, protocol, domain):
        urls = [
            {
                "item": proposal,
                "location": absolute_url(proposal.get_absolute_url(self.request)),
                "lastmod": proposal.updated_at,
            }
            for proposal in self.paginator.page(page).object_list
        ]
        if urls:
            self.latest_lastmod = max(url["lastmod"] for url in urls)
        return urls


SITEMAPS = {"pages": PageSitemap, "proposals": ProposalSitemap}
