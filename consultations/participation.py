"""Who may take part: the one participation rule of MAM.

Every view, service and API endpoint that lets a resident propose, comment, support, pledge
help, vote or answer a survey asks `decide` (or surveys.participation.survey_decision). The
answer is a `Decision`: allowed, or a reason code with a message a resident understands, the
day the action opens (when it will) and the next step (sign in, confirm the email, verify
residence).
Services raise `NotAllowed(decision)`; the site turns it into a page with
`refusal_response`, the API into a 401 (not signed in) or a 403 with a JSON body
(config.api_common.exception_handler).

The order of the checks: the action's phase, then the person (signed in and active, not
blocked, a confirmed email address: accounts.permissions.contribution_refusal), then, for
consultations of verified residents, a valid residency verification for the centre.
Staff rights are not part of the rule (officials answer through their own paths).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from accounts.permissions import contribution_refusal, refuse
from accounts.services.residency import is_verified_resident
from consultations import selectors
from consultations.models import ConsultationPage, Phase

ACTION_PHASES = selectors.ACTION_PHASES
ACTIONS = selectors.ACTIONS

# Reason codes. The first five are the rule's; "answered" is the survey's own (one answer
# each); services add their own for other refusals ("author", "status", "account"...).
PHASE, LOGIN, BLOCKED, EMAIL, RESIDENCE = "phase", "login", "blocked", "email", "residence"
ANSWERED = "answered"
HELD = "held"  # the vote's phase runs, but something holds it (mam_vote_holds)
VOTE_ACTION = "vote"
ACCOUNT_CODES = frozenset({LOGIN, BLOCKED, EMAIL, RESIDENCE})

# The next step a refused person can take.
SIGN_IN, CONFIRM_EMAIL, VERIFY_RESIDENCE = "sign_in", "confirm_email", "verify_residence"
NEXT_STEPS = {LOGIN: SIGN_IN, EMAIL: CONFIRM_EMAIL, RESIDENCE: VERIFY_RESIDENCE}

# How each action is named when explaining a refusal. Verbs: "comment" and "vote" are nouns too
# (a comment's verbose name), so they carry a context of their own.
ACTION_WORDS = {
    "propose": gettext_lazy("submit an idea"),
    "comment": pgettext_lazy("what a resident may do", "comment"),
    "support": gettext_lazy("support ideas"),
    "pledge": gettext_lazy("offer your help"),
    "vote": pgettext_lazy("what a resident may do", "vote"),
}


@dataclass(frozen=True)
class Decision:
    """Whether someone may do something now; if not, why, in words a resident understands.

    `code` names the reason for programs: "" (allowed), "phase", "login", "blocked", "email",
    "residence" (or a service's own code). `reason` is the translated message,
    `available_from` the local day the action opens (phase refusals before it), `next_step`
    what the person can do about it: "sign_in", "confirm_email", "verify_residence" or "".
    """

    allowed: bool
    reason: str = ""
    login_needed: bool = False
    code: str = ""
    available_from: datetime.date | None = None
    next_step: str = ""
    centre_id: int | None = None  # whose residents count, for "verify_residence"

    def __bool__(self) -> bool:
        return self.allowed

    @property
    def message(self) -> str:
        return str(self.reason)


ALLOWED = Decision(True)


class NotAllowed(PermissionDenied):
    """A service refuses: `decision` says why (its code and message)."""

    def __init__(self, decision: Decision):
        super().__init__(decision.message)
        self.decision = decision

    @property
    def code(self) -> str:
        return self.decision.code

    @property
    def message(self) -> str:
        return self.decision.message


def refusal(code: str, message: str) -> Decision:
    """A refusal that is not the rule's own (a service's: "author", "status"...)."""
    return Decision(False, message, code=code)


def refused(code: str, message: str) -> NotAllowed:
    """The exception a service raises for a refusal of its own: `raise refused("full", ...)`."""
    return NotAllowed(refusal(code, message))


# --- The rule ----------------------------------------------------------------------------


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def _phase_refusal(action: str, items: list[Phase], now: datetime.datetime) -> Decision | None:
    kinds = ACTION_PHASES[action]
    if any(phase.kind in kinds and phase.is_running(now) for phase in items):
        return None
    words = ACTION_WORDS[action]
    later = [phase for phase in items if phase.kind in kinds and now < phase.starts_at]
    earlier = [phase for phase in items if phase.kind in kinds and phase.effective_end <= now]
    opens = None
    if later:
        opens = selectors.first_day(later[0])
        reason = _("You will be able to %(action)s from %(date)s.") % {
            "action": words,
            "date": selectors.day_words(opens, now),
        }
    elif earlier:
        reason = _("The time to %(action)s ended on %(date)s.") % {
            "action": words,
            "date": selectors.day_words(selectors.last_day(earlier[-1]), now),
        }
    else:
        reason = _("In this consultation you cannot %(action)s.") % {"action": words}
    return Decision(False, reason, code=PHASE, available_from=opens)


def standing(user, consultation: ConsultationPage) -> str:
    """Return why `user` may not take part in `consultation` ("login", "blocked", "email",
    "residence"), whatever the phase, or "" when they may."""
    if user is None or not user.is_authenticated or not user.is_active:
        return LOGIN
    # Read once per request: the detail page asks for supporting and for commenting. The
    # user object lives for one request only (the authentication middleware loads it).
    memo = user.__dict__.setdefault("_mam_standing", {})
    if consultation.pk not in memo:
        memo[consultation.pk] = _standing(user, consultation)
    return memo[consultation.pk]


def _standing(user, consultation: ConsultationPage) -> str:
    code = contribution_refusal(user)
    if code:
        return code
    if consultation.eligibility == ConsultationPage.Eligibility.VERIFIED:
        centre = consultation.centre
        if centre is None or not is_verified_resident(user, centre):
            return RESIDENCE
    return ""


def town(consultation) -> str:
    """The consultation's town, for refusal sentences."""
    return getattr(getattr(consultation, "centre", None), "town", "") or _("the town")


def _person_message(code: str, consultation, action: str) -> str:
    words = ACTION_WORDS[action]
    if code == LOGIN:
        return _("Sign in or create an account to %(action)s.") % {"action": words}
    if code == BLOCKED:
        return _("Your account is blocked, so you cannot %(action)s.") % {"action": words}
    if code == EMAIL:
        return _(
            "Confirm your email address first: open the link we sent you, then you can %(action)s."
        ) % {"action": words}
    return _(
        "Only verified residents of %(town)s may take part. Confirm that you live "
        "there (at the centre or online), then you can %(action)s."
    ) % {"town": town(consultation), "action": words}


def person_decision(
    user, consultation: ConsultationPage, action: str, *, words=_person_message
) -> Decision:
    """Decide on the person only (not the phase): signed in, not blocked, email, residence."""
    code = standing(user, consultation)
    return _person_decision(code, consultation, action, words=words)


def _person_decision(code: str, consultation, action: str, *, words=_person_message) -> Decision:
    if not code:
        return ALLOWED
    centre = getattr(consultation, "centre", None) if code == RESIDENCE else None
    return Decision(
        False,
        words(code, consultation, action),
        login_needed=code == LOGIN,
        code=code,
        next_step=NEXT_STEPS.get(code, ""),
        centre_id=getattr(centre, "pk", None),
    )


def vote_hold(consultation: ConsultationPage) -> Decision | None:
    """A refusal while the vote may not open although its phase runs, else None.

    Other apps name their reasons through the `mam_vote_holds` hook (a function of the
    consultation returning a sentence or ""): the review's pending appeals, for one.
    """
    reason = selectors.vote_hold_reason(consultation)
    return Decision(False, reason, code=HELD) if reason else None


def decide(
    user, consultation: ConsultationPage, action: str, now: datetime.datetime | None = None
) -> Decision:
    """Decide whether `user` may `action` ("propose", "comment", "support", "pledge", "vote").

    The action's phase must be running (propose: proposals; comment, support, pledge:
    proposals or discussion; vote: voting). Then the person: signed in, not blocked, a
    confirmed email address and, when the consultation is for verified residents, a valid
    residency verification for the consultation's centre. The first failing check gives
    the reason. Queries: one for phases unless prefetched, one for the email, and for
    verified-only consultations one for the centre (cached on the page) and one for the
    residency.
    """
    if action not in ACTION_PHASES:
        raise ValueError(f"Unknown action {action!r}; expected one of {ACTIONS}")
    refused = _phase_refusal(action, selectors.phases(consultation), _now(now))
    if refused is None and action == VOTE_ACTION:
        refused = vote_hold(consultation)
    if refused is not None:  # a refusal is falsy: compare with None
        return refused
    return person_decision(user, consultation, action)


def require(
    user, consultation: ConsultationPage, action: str, now: datetime.datetime | None = None
) -> None:
    """Raise NotAllowed unless `user` may `action` in `consultation` at `now`."""
    decision = decide(user, consultation, action, now)
    if not decision:
        raise NotAllowed(decision)


# --- What a resident can do today ----------------------------------------------------------


@dataclass
class Today:
    """What a resident can do in a consultation today: the phase, a sentence, and decisions."""

    status: str
    phase: Phase | None
    sentence: str
    decisions: dict[str, Decision] = field(default_factory=dict)

    @property
    def can_browse_proposals(self) -> bool:
        """Proposals exist to look at once the proposals phase has started."""
        return self.status != selectors.UPCOMING and (
            self.phase is None or self.phase.kind != Phase.Kind.INFORMATION
        )

    @property
    def open_actions(self) -> list[str]:
        return [action for action, decision in self.decisions.items() if decision.allowed]


def what_you_can_do(
    consultation: ConsultationPage, user, now: datetime.datetime | None = None
) -> Today:
    """Describe today's possible actions for `user`: only actions whose phase is running.

    The person is checked once (not once per action), so this costs the same few queries
    as a single `decide`.
    """
    now = _now(now)
    items = selectors.phases(consultation)
    running = [action for action in ACTIONS if _phase_refusal(action, items, now) is None]
    code = standing(user, consultation) if running else ""
    decisions = {action: _person_decision(code, consultation, action) for action in running}
    if VOTE_ACTION in decisions and (held := vote_hold(consultation)) is not None:
        decisions[VOTE_ACTION] = held
    return Today(
        status=selectors.status(consultation, now),
        phase=next((phase for phase in items if phase.is_running(now)), None),
        sentence=selectors.status_sentence(consultation, now),
        decisions=decisions,
    )


# --- Saying no on the site -----------------------------------------------------------------


def refusal_response(
    request,
    decision: Decision,
    *,
    consultation=None,
    page: Callable[[Decision], object] | None = None,
    page_for_all: bool = False,
):
    """Turn a refusal into what the site answers, the same way for every action.

    - `page(decision)` when given, for refusals that are not about the person (the phase, a
      service's own rule), or for every refusal with `page_for_all` (the ballot and the
      survey show every reason in place, with its next step);
    - not signed in: to the sign-in page, back here afterwards (a POST from an anonymous
      visitor always goes there: the phase is explained on the pages, not to a form);
    - blocked, email not confirmed, not a verified resident: the page saying what to do;
    - otherwise Django's 403 with the message.

    The response carries the decision (`response.refusal`) for tests and logging.
    """
    anonymous = not getattr(request.user, "is_authenticated", False)
    in_place = page_for_all or (decision.code not in ACCOUNT_CODES and not anonymous)
    if page is not None and in_place:
        response = page(decision)
    elif decision.code == LOGIN or anonymous:
        response = redirect_to_login(request.get_full_path())
        if decision.code != LOGIN:
            decision = Decision(
                False, decision.reason, login_needed=True, code=LOGIN, next_step=SIGN_IN
            )
    elif decision.code in ACCOUNT_CODES:
        centre = getattr(consultation, "centre", None)
        response = refuse(request, decision.code, centre=centre)
    else:
        raise NotAllowed(decision)
    response.refusal = decision
    return response
