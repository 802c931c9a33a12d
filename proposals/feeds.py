"""An Atom feed per consultation: new proposals and status changes, newest first."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from home.links import absolute_url, page_absolute_url
from proposals.models import Proposal, StatusChange

ITEMS = 30


class ConsultationFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, consultation):
        super().__init__()
        self.consultation = consultation

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("%(title)s: proposals and answers") % {"title": self.consultation.title}

    def link(self):
        return page_absolute_url(self.consultation, self.request)

    def feed_url(self):
        return absolute_url(self.consultation.sub_url("feed", request=self.request))

    def subtitle(self):
        return self.consultation.lead

    def items(self):
        """The newest proposals and status changes of visible proposals, merged by date."""
        proposals = Proposal.objects.visible().filter(consultation=self.consultation)
        changes = (
            StatusChange.objects.filter(proposal__in=proposals)
            .exclude(status=Proposal.Status.SUBMITTED)  # the same moment as the new proposal
            .select_related("proposal")
            .order_by("-created_at", "-pk")[:ITEMS]
        )
        newest = proposals.order_by("-created_at", "-pk")[:ITEMS]
        entries = [*newest, *changes]
        entries.sort(key=lambda item: item.created_at, reverse=True)
        return entries[:ITEMS]

    def _proposal(self, item) -> Proposal:
        proposal = item if isinstance(item, Proposal) else item.proposal
        proposal.consultation = self.consultation
        return proposal

    def item_title(self, item):
        if isinstance(item, Proposal):
            return _("New proposal: %(title)s") % {"title": item.title}
        return _("%(title)s: %(status)s") % {
            "title": item.proposal.title,
            "status": item.get_status_display(),
        }

    def item_description(self, item):
        return item.body if isinstance(item, Proposal) else item.answer

    def item_link(self, item):
        link = absolute_url(self._proposal(item).get_absolute_url(self.request))
        return link if isinstance(item, Proposal) else f"{link}#historia"

    def item_guid(self, item):
        # Each status change is its own entry, though it links to the same history.
        link = self.item_link(item)
        return link if isinstance(item, Proposal) else f"{link}-{item.pk}"

    def item_pubdate(self, item):
        return item.created_at


def consultation_feed(request, consultation):
    return ConsultationFeed(consultation)(request)
