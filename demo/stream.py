"""Short builders for BodyBlock's raw StreamField data, so demo texts read like texts."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from wagtail.images.models import Image
from wagtail.models import Page

from home.models import NewsPage

WARSAW = ZoneInfo("Europe/Warsaw")
NBSP = "\u00a0"


@dataclass
class Refs:
    """What demo bodies may point at: images and pages by key, filled in as they are built."""

    images: dict[str, Image] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)

    def link(self, key: str, text: str) -> str:
        return f'<a linktype="page" id="{self.pages[key].pk}">{text}</a>'


def p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def ol(*items: str) -> str:
    return "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"


def heading(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


def text(*html: str) -> dict:
    return {"type": "paragraph", "value": "".join(html)}


def quote(words: str, author: str = "") -> dict:
    return {"type": "quote", "value": {"text": words, "author": author}}


def figure(image: Image, alt: str, caption: str = "") -> dict:
    value = {"image": image.pk, "alt_text": alt, "decorative": False}
    return {"type": "image", "value": {"image": value, "caption": caption}}


def call_to_action(title: str, words: str, button: str, *, page=None, url: str = "") -> dict:
    return {
        "type": "call_to_action",
        "value": {
            "title": title,
            "text": words,
            "page": page.pk if page else None,
            "url": url,
            "button_label": button,
        },
    }


def money(amount: str) -> str:
    """Keep '1 897 188,00 zł' on one line."""
    return amount.replace(" ", NBSP)


@dataclass
class PageSpec:
    """A demo page: created with these values when missing, then left to the editors."""

    key: str
    model: type[Page]
    slug: str
    title: str
    fields: dict = field(default_factory=dict)
    body: Callable[[Refs], list[dict]] | None = None
    image: str = ""
    tags: tuple[str, ...] = ()
    children: list["PageSpec"] = field(default_factory=list)


def news_item(slug, title, date, lead, tags, image, body) -> PageSpec:
    day = datetime.date.fromisoformat(date)
    fields = {
        "date": day,
        "lead": lead,
        # Shown in the admin's history as when the item went out, not when the demo was built.
        "first_published_at": datetime.datetime.combine(day, datetime.time(10), tzinfo=WARSAW),
    }
    return PageSpec(slug, NewsPage, slug, title, fields, body, image=image, tags=tags)


def take_part(refs: Refs, title: str, words: str, button: str) -> dict:
    """A call to action that leads to the 'how to take part' page."""
    return call_to_action(title, words, button, page=refs.pages["participate"])
