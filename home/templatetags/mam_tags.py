"""Template helpers for the public site: footer links, breadcrumbs, navigation, form fields."""

import re
from xml.sax.saxutils import quoteattr

from allauth.account import app_settings
from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from taggit.models import Tag
from wagtail.models import Site

from home import chrome, page_cache
from home.links import page_absolute_url
from home.models import AccessibilityStatementPage, FooterSettings

register = template.Library()


class SharedPartNode(template.Node):
    def __init__(self, nodelist, name: str = "", condition=None):
        self.nodelist = nodelist
        self.name = name
        self.condition = condition

    def render(self, context):
        request, page = context.get("request"), context.get("page")
        if request is None or page is None:
            return self.nodelist.render(context)
        if self.condition is not None and not self.condition.resolve(context, True):
            return self.nodelist.render(context)
        html = page_cache.shared_part(
            page, request, lambda: self.nodelist.render(context), name=self.name
        )
        return mark_safe(html)  # noqa: S308 (rendered by our templates, escaped there)


@register.tag
def shared_for_everyone(parser, token):
    """{% shared_for_everyone %}…{% endshared_for_everyone %}: a part of the page that is
    the same for every visitor, rendered once per version (home/page_cache.py:
    shared_part). Nothing inside may depend on who is asking. Several parts of one page
    are named: {% shared_for_everyone "needs" %}. A part the same only for some visitors is
    shared among them alone: {% shared_for_everyone "outsider" if outsider %} renders it
    afresh for everyone else."""
    bits = token.split_contents()
    condition = None
    if len(bits) == 4 and bits[2] == "if":
        condition = parser.compile_filter(bits[3])
        bits = bits[:2]
    if len(bits) > 2:
        raise template.TemplateSyntaxError(
            'shared_for_everyone takes at most a part\'s name and "if" a condition'
        )
    name = bits[1].strip("\"'") if len(bits) == 2 else ""
    nodelist = parser.parse(("endshared_for_everyone",))
    parser.delete_first_token()
    return SharedPartNode(nodelist, name, condition)


IFRAME_TITLE_RE = re.compile(r"(<iframe\b[^>]*?)\s+title=(\"[^\"]*\"|'[^']*')", re.IGNORECASE)


@register.simple_tag(takes_context=True)
def accessibility_statement(context):
    """Return the statement the footer names, else the first live one on this site."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    chosen = FooterSettings.for_request(request).accessibility_statement
    if chosen is not None and chosen.live:
        return chosen
    statements = AccessibilityStatementPage.objects.live().public().order_by("path")
    return statements.descendant_of(site.root_page, inclusive=True).first()


@register.simple_tag
def content_lang():
    """Return lang="pl" for editors' content while the interface speaks another language.

    Pages are written in the site's default language (WAGTAIL_I18N_ENABLED is off), so
    an English interface around Polish text must mark that text's language (WCAG 3.1.2).
    """
    content = settings.LANGUAGE_CODE.split("-")[0]
    if (translation.get_language() or content).split("-")[0] == content:
        return ""
    return format_html('lang="{}"', content)


@register.simple_tag(takes_context=True)
def breadcrumb_pages(context, page):
    """Return the live ancestors of `page` from the site's root page down.

    Kept in the cache under the chrome version (home/chrome.py), like the menu and footer.
    """
    site_root = context.get("site_root")
    if page is None or site_root is None:
        return []
    version = chrome.request_version(context.get("request"))
    key = f"mam:crumbs:{version}:{site_root.pk}:{page.pk}"
    crumbs = cache.get(key)
    if crumbs is None:
        crumbs = list(
            page.get_ancestors()
            .live()
            .descendant_of(site_root, inclusive=True)
            .only("title", "url_path", "depth", "path")
        )
        cache.set(key, crumbs, chrome.MAX_AGE)
    return crumbs


@register.simple_tag(takes_context=True)
def primary_nav(context):
    """The main menu (includes/primary_nav.html, cached under the chrome version), read once
    per request: the header shows the same menu twice (the phone's disclosure and the wide
    bar), and each copy read from the cache would cost a round trip."""
    request = context.get("request")
    page = context.get("page")
    site = context.get("current_site")
    memo_key = (
        getattr(site, "pk", None),
        context.get("LANGUAGE_CODE"),
        getattr(page, "pk", None),
        context.get("chrome_version"),
    )
    memo = request.__dict__.setdefault("_mam_primary_nav", {}) if request is not None else {}
    if memo_key not in memo:
        nav = context.template.engine.get_template("includes/primary_nav.html")
        memo[memo_key] = mark_safe(nav.render(context))  # noqa: S308 (our template)
    return memo[memo_key]


@register.filter
def aria_current(page, item):
    """Return the aria-current value for a menu `item` while showing `page`, or ""."""
    if page is None or not hasattr(page, "url_path"):
        return ""
    if page.pk == item.pk:
        return "page"
    if page.url_path.startswith(item.url_path):
        return "true"
    return ""


@register.filter
def described_widget(field):
    """Render a bound field's widget linked to its hint and error message."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    attrs = {"aria-describedby": " ".join(ids)} if ids else {}
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field):
    return getattr(field.field.widget, "input_type", "") == "checkbox"


@register.filter
def is_honeypot(field):
    """Say whether this is allauth's signup honeypot, which people must never see."""
    return bool(app_settings.SIGNUP_FORM_HONEYPOT_FIELD) and (
        field.name == app_settings.SIGNUP_FORM_HONEYPOT_FIELD
    )


@register.simple_tag
def elided_page_range(page_obj):
    """Return page numbers around the current one, with ellipses for the gaps."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)


@register.simple_tag
def news_topics(index_page):
    """Return the tags used by the live news of a news index, by name."""
    return (
        Tag.objects.filter(home_newspagetag_items__content_object__in=index_page.news())
        .distinct()
        .order_by("name")
    )


@register.filter
def titled_iframe(embed, title):
    """Render an embed's HTML with its iframe titled by the editor's description."""
    html = str(embed or "")
    if "<iframe" not in html:
        return mark_safe(html)  # noqa: S308 - the embed finder's own HTML
    html = IFRAME_TITLE_RE.sub(r"\1", html, count=1)
    return mark_safe(html.replace("<iframe", f"<iframe title={quoteattr(str(title))}", 1))  # noqa: S308


@register.filter
def topic_name(topics, slug):
    """Return the name of the tag with this slug among `topics`, else the slug itself."""
    return next((topic.name for topic in topics if topic.slug == slug), slug)


@register.filter
def brand_parts(site_name):
    """Split "MAM – Miejsca Aktywności Mieszkańców" into the short name and the rest."""
    for separator in (" – ", " — ", " - "):
        short, found, rest = str(site_name).partition(separator)
        if found:
            return [short, rest]
    return [site_name, ""]


@register.filter
def absolute_page_url(page) -> str:
    """A page's link at the site's address (MAM_SITE_URL), for printed and emailed text."""
    return page_absolute_url(page)
