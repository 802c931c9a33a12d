"""The admin screens staff use read as Polish: no English sentence on any of them.

A heuristic: the visible text (and the labels screen readers announce) of each screen, rendered
for an administrator whose admin language is Polish, must not contain common English words.
Brand names (Wagtail, MAM, XLSX, CSV, API) are not on the list.
"""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from outreach.models import Newsletter
from tests.factories import UserFactory
from tests.factories_proposals import CommentFactory
from tests.factories_voting import voting_consultation

pytestmark = pytest.mark.django_db

# Words that are never Polish ("to", "a", "by", "no", "on", "do" are, so they are left out).
ENGLISH = re.compile(
    r"\b(the|and|is|are|you|your|this|that|with|has|have|been|there|not|yes|save|saved|cancel|"
    r"delete|edit|add|search|filter|filters|download|select|none|from|for|of|page|pages|items?|"
    r"why|one|error|errors|first|paused|autosave|sort|show|hide|more|actions?|previous|next|"
    r"history|status changed|submit)\b",
    re.IGNORECASE,
)
READ_ALOUD = ("aria-label", "title", "placeholder", "alt")


class VisibleText(HTMLParser):
    """The text a person sees or hears: no scripts, styles, templates or hidden elements."""

    SKIP = {"script", "style", "template", "svg"}
    VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self):
        super().__init__()
        self.open = []  # (tag, whether its content is hidden)
        self.parts = []

    @property
    def hidden(self) -> bool:
        return bool(self.open) and self.open[-1][1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        hidden = self.hidden or tag in self.SKIP or "hidden" in attributes
        if tag not in self.VOID:
            self.open.append((tag, hidden))
        if hidden or attributes.get("type") == "hidden":
            return
        for name in READ_ALOUD:
            if attributes.get(name):
                self.parts.append(attributes[name])
        if tag == "input" and attributes.get("type") in {"submit", "button"}:
            self.parts.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.parts.append(data.strip())


def english_on(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return [part for part in parser.parts if ENGLISH.search(part)]


@pytest.fixture
def administrator(db):
    user = UserFactory(is_superuser=True, is_staff=True)
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "pl"})
    return user


@pytest.fixture
def screens(home_page):
    consultation, proposals = voting_consultation(home_page, title="Budżet na lato 2027")
    proposal = proposals[0]
    CommentFactory(proposal=proposal)
    index = consultation.get_parent()
    newsletter = Newsletter.objects.create(
        centre=consultation.centre,
        consultation=consultation,
        subject="Głosowanie rusza",
        body="<p>Zapraszamy.</p>",
    )
    return [
        "/admin/",
        reverse("mam_proposals:index"),
        reverse("mam_proposals:status", args=[proposal.pk]),
        reverse("mam_proposals:forward", args=[proposal.pk]),
        reverse("mam_proposals:outside_answer", args=[proposal.pk]),
        reverse("mam_proposals:support", args=[proposal.pk]),
        reverse("mam_proposals:history", args=[proposal.pk]),
        reverse("mam_proposals:desk"),
        reverse("mam_proposals:bulk_status"),
        reverse("mam_proposal_comments:index"),
        reverse("mam_moderation:index"),
        reverse("mam_declarations:index"),
        reverse("mam_verifications:index"),
        reverse("mam_verifications:in_person"),
        reverse("mam_code_batches:index"),
        reverse("mam_code_batches:add"),
        reverse("mam_organisations:index"),
        reverse("voting_paper_index:index"),
        reverse("voting_paper:enter", args=[consultation.pk]),
        reverse("voting_paper:ballots", args=[consultation.pk]),
        reverse("voting_paper:voters", args=[consultation.pk]),
        reverse("voting_paper:double_votes", args=[consultation.pk]),
        reverse("voting_paper:confirm", args=[consultation.pk]),
        reverse("voting_paper:unconfirmed", args=[consultation.pk]),
        reverse("voting_paper:protocol", args=[consultation.pk]),
        reverse("voting_paper:documents", args=[consultation.pk]),
        reverse("outcomes_exports:index", args=[consultation.pk]),
        reverse("outcomes_report:html", args=[consultation.pk]),
        reverse("consultations_phase:close", args=[consultation.pk]),
        reverse("voting_results:tie_draws", args=[consultation.pk]),
        reverse("wagtailadmin_explore", args=[index.pk]),
        reverse("wagtailadmin_pages:edit", args=[consultation.pk]),
        reverse("wagtailadmin_pages:history", args=[consultation.pk]),
        reverse("wagtailadmin_pages:add", args=["consultations", "consultationpage", index.pk]),
        reverse("mam_newsletters:index"),
        reverse("mam_newsletters:add"),
        reverse("mam_newsletters:edit", args=[newsletter.pk]),
        reverse("mam_newsletters:preview", args=[newsletter.pk]),
        "/admin/nie-ma-takiej-strony/",
    ]


def test_no_admin_screen_staff_use_shows_an_english_sentence(client, administrator, screens):
    client.force_login(administrator)
    found = {}
    for url in screens:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="pl")
        assert response.status_code in (200, 404), url
        if english := english_on(response.content.decode()):
            found[url] = english
    assert found == {}
