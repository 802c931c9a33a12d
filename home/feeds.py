"""An Atom feed of a centre's news, for readers and for other sites."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from home.links import page_absolute_url


class NewsFeed(Feed):
    feed_type = Atom1Feed
    item_count = 20

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.index_page.get_parent().title}: {self.index_page.title}"

    def link(self):
        return page_absolute_url(self.index_page, self.request)

    def subtitle(self):
        return self.index_page.intro

    def items(self):
        return self.index_page.news()[: self.item_count]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return page_absolute_url(item, self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(9)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]
