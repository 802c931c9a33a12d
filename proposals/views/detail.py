"""One proposal: everything about it, and a page to print."""

from urllib.parse import quote, urlencode

from django.shortcuts import render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail import hooks

from consultations import phase_status
from consultations.models import ConsultationPage
from home.links import absolute_url
from proposals import selectors
from proposals.services.submission import edit_refusal, withdraw_refusal
from proposals.views import comment_thread, fragments
from proposals.views.engagement import engagement_context
from proposals.views.listing import base_url

ENGAGEMENT_TEMPLATE = "proposals/includes/engagement.html"
COMMENTS_TEMPLATE = "proposals/includes/comments.html"
BODY_TEMPLATE = "proposals/includes/proposal_body.html"
TAIL_TEMPLATE = "proposals/includes/detail_tail.html"


def _template_exists(name: str) -> bool:
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return False
    return True


def status_timeline(proposal) -> list:
    """The status changes in order; a forwarding is overdue when its date passed unanswered."""
    today = timezone.localdate()
    changes = list(proposal.status_changes.all())
    for index, change in enumerate(changes):
        later = changes[index + 1 :]
        change.answered = any(item.answer for item in later)
        change.overdue = bool(
            change.forwarded_to
            and change.answer_due
            and change.answer_due < today
            and not change.answered
        )
    return changes


def share_links(request, proposal, proposal_url: str) -> dict:
    """Plain share links: the absolute address, email, Facebook and X (no scripts, no tracking)."""
    url = absolute_url(proposal_url)
    subject = _("A proposal: %(title)s") % {"title": proposal.title}
    body = _("Take a look at this proposal and support it if you agree:") + f"\n{url}"
    return {
        "url": url,
        "email": f"mailto:?subject={quote(subject)}&body={quote(body)}",
        "facebook": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        "x": "https://x.com/intent/tweet?" + urlencode({"url": url, "text": proposal.title}),
    }


def _shared_proposal(request, consultation: ConsultationPage, pk: int):
    """The proposal as everyone sees it, kept per content version (fragments.py), with the
    signed-in reader's own support, follow and offer of help read for them alone."""
    key = fragments.key(request, consultation, "proposal", pk, path=False)
    proposal = fragments.cached(
        key, lambda: selectors.shared_proposal_detail(consultation, pk), wrap=True
    )
    if request.user.is_authenticated:
        selectors.add_own_engagement(proposal, request.user)
    return proposal


def _context(request, consultation: ConsultationPage, pk: int, *, shared: bool = False) -> dict:
    if shared:
        proposal = _shared_proposal(request, consultation, pk)
    else:
        proposal = selectors.proposal_detail(consultation, pk, user=request.user)
    proposal.consultation = consultation
    base = base_url(request, consultation)
    timeline = status_timeline(proposal)
    forwarding = next((c for c in reversed(timeline) if c.forwarded_to), None)
    context = {
        "page": consultation,
        "consultation": consultation,
        "consultation_url": base,
        "proposal": proposal,
        # The shell (base.html's head: oEmbed discovery) gets the proposal only when everyone
        # may see it; a hidden or withdrawn one never reaches it, whoever looks.
        "head_proposal": proposal if proposal.is_shown_to_all else None,
        "timeline": timeline,
        "forwarding": forwarding,
        "list_url": consultation.sub_url("proposal_list", base=base),
        "proposal_url": consultation.sub_url("proposal_detail", base=base, pk=proposal.pk),
        "print_url": consultation.sub_url("proposal_print", base=base, pk=proposal.pk),
        "edit_url": consultation.sub_url("proposal_edit", base=base, pk=proposal.pk),
        "withdraw_url": consultation.sub_url("proposal_withdraw", base=base, pk=proposal.pk),
    }
    if proposal.merged_into_id:
        context["merged_into_url"] = consultation.sub_url(
            "proposal_detail", base=base, pk=proposal.merged_into_id
        )
    user = request.user
    is_author = user.is_authenticated and proposal.author_id == user.pk
    context["can_edit"] = is_author and edit_refusal(user, proposal) is None
    context["can_withdraw"] = is_author and withdraw_refusal(user, proposal) is None
    return context


def _shared_body(request, consultation: ConsultationPage, context: dict) -> str:
    """The facts, description, photos and status history: the same for every reader, kept
    per content version (fragments.py) and day (a forwarding's answer becomes overdue at
    midnight)."""
    key = fragments.key(
        request,
        consultation,
        "body",
        context["proposal"].pk,
        timezone.localdate().isoformat(),
        context["consultation_url"],
        path=False,
    )
    html = fragments.cached(key, lambda: str(render_to_string(BODY_TEMPLATE, context, request)))
    return mark_safe(html)  # noqa: S308 (rendered by our template, escaped there)


def _engagement_html(request, consultation: ConsultationPage, context: dict) -> str:
    """Support, help and follow (includes/engagement.html) for a signed-in reader who is not
    the author or staff (they see the helpers) and has not offered help (their note): the
    same for everyone in the same state, kept per content version, state and day, with each
    reader's CSRF token put in. Empty when rendered in the page as before."""
    if (
        not request.user.is_authenticated
        or getattr(request, "htmx", False)
        or context["helpers"] is not None
        or context["user_pledge"] is not None
    ):
        return ""
    state = (context["user_supports"], context["user_follows"], bool(context["can_support"]))
    key = fragments.key(
        request,
        consultation,
        "engagement",
        context["proposal"].pk,
        *state,
        timezone.localdate().isoformat(),
        context["consultation_url"],
        path=False,
    )
    shared = {**context, "csrf_token": fragments.CSRF_PLACEHOLDER}
    html = fragments.cached(
        key, lambda: str(render_to_string(ENGAGEMENT_TEMPLATE, shared, request))
    )
    return fragments.with_csrf(request, html)


def _tail_html(request, consultation: ConsultationPage, context: dict) -> str:
    """The share box and the discussion (includes/detail_tail.html) for a signed-in reader:
    the same for everyone who may comment (or everyone who may not), kept per content version
    with the thread as stored, then each reader's own actions and CSRF token put in. Empty
    when rendered in the page as before (htmx, no discussion)."""
    thread = context.get("comments_shared")
    if not request.user.is_authenticated or getattr(request, "htmx", False) or thread is None:
        return ""
    key = fragments.key(
        request,
        consultation,
        "tail",
        context["proposal"].pk,
        bool(context["can_comment"]),
        context["consultation_url"],
    )

    def build() -> str:
        shared = {
            **context,
            "share": share_links(request, context["proposal"], context["proposal_url"]),
            "comments_thread": mark_safe(thread["html"]),  # noqa: S308 (our template, escaped)
            "csrf_token": fragments.CSRF_PLACEHOLDER,
        }
        return str(render_to_string(TAIL_TEMPLATE, shared, request))

    html = fragments.cached(key, build)
    return comment_thread.for_reader(request, html, thread["authors"])


def proposal_sections(request, proposal, consultation: ConsultationPage) -> list[dict]:
    """Other apps' sections of the page (the review and its appeal), through the
    `mam_proposal_sections` hook: each a dict with a "template" rendered with `section`."""
    found = (
        hook(request, proposal, consultation) for hook in hooks.get_hooks("mam_proposal_sections")
    )
    return [section for section in found if section]


def _read_phases(request, consultation: ConsultationPage) -> None:
    """The support and comment rules both read the phases: kept per version like the
    fragments (a phase changes with the page's revision, which bumps the chrome version, or
    is closed early, which bumps the consultation's), so a warm page reads none."""
    key = fragments.key(request, consultation, "phases", path=False)
    phase_status.keep_phases(
        consultation, fragments.cached(key, lambda: list(consultation.phases.all()))
    )


def proposal_detail(request, consultation: ConsultationPage, pk: int):
    """The proposal with its status history, photos, place, supports and discussion."""
    _read_phases(request, consultation)
    context = _context(request, consultation, pk, shared=True)
    proposal = context["proposal"]
    if not proposal.is_hidden:
        context["body_html"] = _shared_body(request, consultation, context)
        context["engagement_template"] = _template_exists(ENGAGEMENT_TEMPLATE)
        context["comments_template"] = _template_exists(COMMENTS_TEMPLATE)
        if context["engagement_template"] or context["comments_template"]:
            context.update(engagement_context(request, proposal, consultation))
            context["page"] = consultation
            if context["engagement_template"]:
                context["engagement_html"] = _engagement_html(request, consultation, context)
        context["sections"] = proposal_sections(request, proposal, consultation)
        context["tail_html"] = _tail_html(request, consultation, context)
        if not context["tail_html"]:
            context["share"] = share_links(request, proposal, context["proposal_url"])
    return render(request, "proposals/proposal_detail.html", context)


def proposal_print(request, consultation: ConsultationPage, pk: int):
    """A plain page to print: the proposal, its place and its status history."""
    context = _context(request, consultation, pk)
    return render(request, "proposals/proposal_print.html", context)
