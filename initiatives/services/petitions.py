"""Petitions and the citizens' resolution initiative (art. 41a of the ustawa o samorządzie
gminnym): the committee, publishing, online support, paper sheets, filing and the decision.

Online support is public support, not a legal signature. Toward the legal threshold count only
the valid signatures on returned paper sheets, and a sheet's count only once two different
staff members entered the same number. Names and addresses on the sheets never enter MAM.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.services.residency import is_verified_resident
from consultations.participation import refused
from initiatives.models import (
    Action,
    CommitteeMember,
    Initiative,
    Membership,
    Petition,
    PetitionRules,
    PetitionSupport,
    SheetCount,
    SignatureSheet,
)
from initiatives.services.notices import (
    PETITION,
    send_committee_invitation,
    send_decision_emails,
)
from initiatives.services.rules import (
    is_leader,
    is_organiser,
    person_refusal,
    require_coordinator,
    require_running,
)
from initiatives.versions import initiatives_changed
from jobs.services import enqueue_in_transaction

COMMITTEE_MINIMUM = 5
# Art. 41a: 100 / 200 / 300 signatures for municipalities up to 5,000 / up to 20,000 / more
# inhabitants, unless the town's statute sets otherwise (PetitionRules in the admin).
DEFAULT_THRESHOLDS = ((5_000, 100), (20_000, 200))
DEFAULT_THRESHOLD_ABOVE = 300
COUNCIL_DEADLINE = relativedelta(months=3)
ROWS_PER_SHEET = 15
MAX_SHEETS_AT_ONCE = 50


def default_threshold(population: int | None) -> int:
    """The signatures art. 41a asks by population; the highest when it is not known."""
    if population is not None:
        for up_to, threshold in DEFAULT_THRESHOLDS:
            if population <= up_to:
                return threshold
    return DEFAULT_THRESHOLD_ABOVE


def signature_threshold(centre) -> int:
    """The centre's town's threshold: its statute's number if set, else the default."""
    rules = PetitionRules.objects.filter(centre=centre).first()
    if rules is None:
        return DEFAULT_THRESHOLD_ABOVE
    if rules.signatures_required:
        return rules.signatures_required
    return default_threshold(rules.population)


def council_deadline(filed_on: datetime.date) -> datetime.date:
    """The council debates the draft at its next session, no later than 3 months after filing;
    an ordinary petition's addressee considers it within the same 3 months."""
    return filed_on + COUNCIL_DEADLINE


def _record_action(
    petition: Petition, title: str, date: datetime.date, user, now, result: str = ""
) -> None:
    """Each step of the petition is also a dated entry in the group's actions."""
    Action.objects.create(
        result=result,
        initiative_id=petition.initiative_id,
        kind=Action.Kind.PETITION,
        title=title[:140],
        date=date,
        created_by=user,
        created_at=now,
    )


def _changed(petition: Petition) -> None:
    initiatives_changed(Initiative.objects.values_list("index_id", flat=True).get(
        pk=petition.initiative_id
    ))  # fmt: skip


@transaction.atomic
def petition_prepare(
    *,
    initiative: Initiative,
    user,
    kind: str,
    addressee: str,
    addressee_name: str = "",
    title: str,
    text: str,
    now: datetime.datetime | None = None,
) -> Petition:
    """The coordinator writes (or rewrites, until it is published) the petition or draft."""
    now = now or timezone.now()
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    require_coordinator(user, initiative)
    require_running(initiative)
    petition = Petition.objects.filter(initiative=initiative).first()
    if petition is not None and petition.state != Petition.State.DRAFT:
        raise refused("published", _("The petition is published and can no longer be changed."))
    if kind == Petition.Kind.RESOLUTION:
        addressee = Petition.Addressee.COUNCIL
    errors = {}
    if kind not in Petition.Kind.values:
        errors["kind"] = [_("Choose a petition or a draft council resolution.")]
    if addressee not in Petition.Addressee.values:
        errors["addressee"] = [_("Choose whom the petition addresses.")]
    if addressee == Petition.Addressee.OTHER and not addressee_name.strip():
        errors["addressee_name"] = [_("Give the name of the body the petition addresses.")]
    if not title.strip():
        errors["title"] = [_("Give the petition a title.")]
    if not text.strip():
        errors["text"] = [_("Write the text of the petition.")]
    if errors:
        raise ValidationError(errors)
    fields = {
        "kind": kind,
        "addressee": addressee,
        "addressee_name": addressee_name.strip() if addressee == Petition.Addressee.OTHER else "",
        "title": title.strip(),
        "text": text.strip(),
    }
    if petition is None:
        petition = Petition.objects.create(
            initiative=initiative, centre_id=initiative.centre_id, created_at=now, **fields
        )
    else:
        for name, value in fields.items():
            setattr(petition, name, value)
        petition.save(update_fields=list(fields))
    return petition


def consented_committee(initiative: Initiative):
    """The committee members who have consented, in the order they joined."""
    return CommitteeMember.objects.filter(initiative=initiative, consented_at__isnull=False)


@transaction.atomic
def committee_invite(*, initiative: Initiative, coordinator, member: Membership) -> CommitteeMember:
    """The coordinator invites a member of the group; the seat counts once they consent. The
    invited person gets an email with the link where they consent (the worker sends it)."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    require_coordinator(coordinator, initiative)
    require_running(initiative)
    member = Membership.objects.filter(pk=member.pk, initiative=initiative).first()
    if member is None or member.kind != Membership.Kind.MEMBER:
        raise refused("committee", _("Invite a member of the group."))
    seat, created = CommitteeMember.objects.get_or_create(
        initiative=initiative,
        user_id=member.user_id,
        defaults={"full_name": member.user.get_full_name() or member.user.public_name},
    )
    if created and seat.user_id != coordinator.pk:
        enqueue_in_transaction(send_committee_invitation, seat_id=seat.pk)
    return seat


@transaction.atomic
def committee_consent(
    *,
    initiative: Initiative,
    user,
    full_name: str,
    show_name: bool = False,
    now: datetime.datetime | None = None,
) -> CommitteeMember:
    """An invited member consents to sit on the committee, under their full legal name."""
    now = now or timezone.now()
    refusal = person_refusal(user)
    if refusal:
        raise refusal
    seat = (
        CommitteeMember.objects.select_for_update().filter(initiative=initiative, user=user).first()
    )
    if seat is None:
        raise refused("committee", _("You have not been invited to the committee."))
    petition = Petition.objects.filter(initiative=initiative).first()
    if petition is not None and petition.state in (Petition.State.FILED, Petition.State.DECIDED):
        raise refused("filed", _("The draft is filed: the committee can no longer change."))
    if not full_name.strip():
        raise ValidationError({"full_name": [_("Give your first name and surname.")]})
    seat.full_name = full_name.strip()
    seat.consented_at = seat.consented_at or now
    seat.show_name = show_name
    seat.save(update_fields=["full_name", "consented_at", "show_name"])
    initiatives_changed(initiative.index_id)
    return seat


@transaction.atomic
def committee_leave(*, initiative: Initiative, user) -> bool:
    """Decline the invitation or leave the committee (before the draft is filed)."""
    petition = Petition.objects.filter(initiative=initiative).first()
    if petition is not None and petition.state in (Petition.State.FILED, Petition.State.DECIDED):
        raise refused("filed", _("The draft is filed: the committee can no longer change."))
    deleted, _rows = CommitteeMember.objects.filter(initiative=initiative, user=user).delete()
    initiatives_changed(initiative.index_id)
    return bool(deleted)


@transaction.atomic
def committee_record(
    *,
    initiative: Initiative,
    staff,
    full_name: str,
    consent: bool,
    show_name: bool = False,
    now: datetime.datetime | None = None,
) -> CommitteeMember:
    """Staff add a person met at the centre, noting that they consented in person."""
    now = now or timezone.now()
    if not is_organiser(staff, initiative.centre):
        raise refused("organiser", _("Only the centre's organiser can do this."))
    if not consent:
        raise ValidationError({"consent": [_("A person joins the committee only with consent.")]})
    if not full_name.strip():
        raise ValidationError({"full_name": [_("Give the person's first name and surname.")]})
    seat = CommitteeMember.objects.create(
        initiative=initiative,
        full_name=full_name.strip(),
        consented_at=now,
        consent_noted_by=staff,
        show_name=show_name,
        created_at=now,
    )
    log(initiative, "mam.petition.committee", user=staff, data={"member": seat.pk})
    initiatives_changed(initiative.index_id)
    return seat


@transaction.atomic
def petition_publish(*, petition: Petition, user, now: datetime.datetime | None = None) -> Petition:
    """The coordinator publishes the petition; a draft resolution needs a committee of five."""
    now = now or timezone.now()
    petition = Petition.objects.select_for_update().select_related("initiative").get(pk=petition.pk)
    initiative = petition.initiative
    require_coordinator(user, initiative)
    require_running(initiative)
    if petition.state != Petition.State.DRAFT:
        raise refused("published", _("The petition is already published."))
    if petition.is_resolution:
        members = consented_committee(initiative).count()
        if members < COMMITTEE_MINIMUM:
            raise refused(
                "committee",
                _(
                    "A draft council resolution needs a committee of at least %(minimum)s "
                    "people who consented; it has %(members)s."
                )
                % {"minimum": COMMITTEE_MINIMUM, "members": members},
            )
        petition.signatures_required = signature_threshold(initiative.centre)
    petition.state = Petition.State.OPEN
    petition.opened_at = now
    petition.save(update_fields=["state", "opened_at", "signatures_required"])
    _record_action(
        petition,
        _("Started collecting support: %(title)s") % {"title": petition.title},
        timezone.localdate(now),
        user,
        now,
    )
    Initiative.objects.filter(pk=initiative.pk).update(last_activity_at=now)
    initiatives_changed(initiative.index_id)
    return petition


def _require_open(petition: Petition) -> None:
    if petition.state != Petition.State.OPEN:
        raise refused("closed", _("This petition is not collecting support now."))


@transaction.atomic
def petition_support(
    *, petition: Petition, user, now: datetime.datetime | None = None
) -> PetitionSupport:
    """A signed-in person supports the petition online, once; verified residents apart."""
    now = now or timezone.now()
    refusal = person_refusal(user)
    if refusal:
        raise refusal
    # The petition's row lock orders parallel supports; the constraint backs it regardless.
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    _require_open(petition)
    existing = PetitionSupport.objects.filter(petition=petition, user=user).first()
    if existing is not None:
        return existing
    verified = is_verified_resident(user, petition.centre)
    try:
        with transaction.atomic():
            support = PetitionSupport.objects.create(
                petition=petition, user=user, verified_resident=verified, created_at=now
            )
    except IntegrityError:
        return PetitionSupport.objects.get(petition=petition, user=user)
    Petition.objects.filter(pk=petition.pk).update(
        supporters_count=F("supporters_count") + 1,
        verified_supporters_count=F("verified_supporters_count") + int(verified),
    )
    _changed(petition)
    return support


@transaction.atomic
def petition_withdraw(*, petition: Petition, user) -> bool:
    """Withdraw one's online support while the petition collects it."""
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    _require_open(petition)
    support = PetitionSupport.objects.filter(petition=petition, user=user).first()
    if support is None:
        return False
    support.delete()
    Petition.objects.filter(pk=petition.pk).update(
        supporters_count=F("supporters_count") - 1,
        verified_supporters_count=F("verified_supporters_count") - int(support.verified_resident),
    )
    _changed(petition)
    return True


def may_print_sheets(user, petition: Petition) -> bool:
    """The group's leaders and the centre's organisers print the numbered sheets."""
    if not user.is_authenticated:
        return False
    return is_leader(user, petition.initiative) or is_organiser(user, petition.centre)


@transaction.atomic
def sheets_print(
    *, petition: Petition, user, count: int, now: datetime.datetime | None = None
) -> list[SignatureSheet]:
    """Number `count` new sheets (after the last printed) for a draft resolution."""
    now = now or timezone.now()
    petition = Petition.objects.select_for_update().select_related("initiative").get(pk=petition.pk)
    if not may_print_sheets(user, petition):
        raise refused(
            "leader", _("Only the group's coordinators and the centre's staff print sheets.")
        )
    if not petition.is_resolution:
        raise refused("kind", _("Signature sheets are for a draft council resolution."))
    _require_open(petition)
    if not 1 <= count <= MAX_SHEETS_AT_ONCE:
        raise ValidationError(
            _("Print between 1 and %(max)s sheets at once.") % {"max": MAX_SHEETS_AT_ONCE}
        )
    first = petition.sheets_printed + 1
    sheets = SignatureSheet.objects.bulk_create(
        SignatureSheet(petition=petition, number=number, printed_at=now)
        for number in range(first, first + count)
    )
    Petition.objects.filter(pk=petition.pk).update(sheets_printed=F("sheets_printed") + count)
    return sheets


@transaction.atomic
def sheet_count_enter(
    *,
    petition: Petition,
    staff,
    number: int,
    count: int,
    now: datetime.datetime | None = None,
) -> SignatureSheet:
    """A staff member enters the valid signatures on a returned sheet. The count is confirmed
    once a second, different staff member enters the same number; until then it is listed
    as waiting (or as a mismatch when two numbers differ)."""
    now = now or timezone.now()
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if not is_organiser(staff, petition.centre):
        raise refused("organiser", _("Only the centre's organiser can do this."))
    if petition.state not in (Petition.State.OPEN, Petition.State.FILED):
        raise refused("closed", _("This petition does not take sheet counts now."))
    sheet = SignatureSheet.objects.filter(petition=petition, number=number).first()
    if sheet is None:
        raise ValidationError({"number": [_("No sheet with this number was printed.")]})
    if not 0 <= count <= ROWS_PER_SHEET:
        raise ValidationError(
            {"count": [_("A sheet has %(rows)s rows.") % {"rows": ROWS_PER_SHEET}]}
        )
    if sheet.confirmed_count is not None:
        raise ValidationError({"number": [_("This sheet's count is already confirmed.")]})
    SheetCount.objects.update_or_create(
        sheet=sheet, entered_by=staff, defaults={"count": count, "entered_at": now}
    )
    agreeing = SheetCount.objects.filter(sheet=sheet, count=count).exclude(entered_by=staff)
    if agreeing.exists():
        sheet.confirmed_count = count
        sheet.save(update_fields=["confirmed_count"])
        total = SignatureSheet.objects.filter(petition=petition).aggregate(
            total=Sum("confirmed_count")
        )["total"]
        Petition.objects.filter(pk=petition.pk).update(paper_signatures=total or 0)
        _changed(petition)
    log(petition, "mam.petition.sheet_count", user=staff, data={"sheet": number, "count": count})
    return sheet


def sheets_mismatched(petition: Petition) -> list[SignatureSheet]:
    """Sheets two staff members counted differently, waiting for another count."""
    sheets = (
        SignatureSheet.objects.filter(petition=petition, confirmed_count__isnull=True)
        .prefetch_related("counts__entered_by")
        .order_by("number")
    )
    return [sheet for sheet in sheets if len({c.count for c in sheet.counts.all()}) > 1]


def sheets_waiting(petition: Petition) -> list[SignatureSheet]:
    """Sheets counted once, waiting for a second staff member's count."""
    sheets = (
        SignatureSheet.objects.filter(petition=petition, confirmed_count__isnull=True)
        .prefetch_related("counts")
        .order_by("number")
    )
    return [sheet for sheet in sheets if len({c.count for c in sheet.counts.all()}) == 1]


def filing_threshold(petition: Petition) -> int:
    """The signatures the draft resolution needs to be filed; 0 for an ordinary petition."""
    if not petition.is_resolution:
        return 0
    return petition.signatures_required or signature_threshold(petition.centre)


def _require_threshold(petition: Petition, *, confirmed: bool) -> int:
    """A draft resolution needs its threshold of confirmed paper signatures (art. 41a ust. 2);
    an ordinary petition (art. 63 of the Constitution, the ustawa o petycjach) has none. The
    number is the one fixed when the draft was published: the act's by population, or the lower
    one staff recorded from the town's statute (PetitionRules). MAM records a filing that
    happened: below the threshold only when the organiser confirms the draft was filed anyway
    (the council is then not bound to debate it: art. 41a ust. 3 binds it only for a
    draft backed as ust. 2 requires). Returns the threshold (0: none)."""
    required = filing_threshold(petition)
    if petition.paper_signatures < required and not confirmed:
        raise refused(
            "threshold",
            _(
                "%(confirmed)s of the %(required)s valid signatures a draft council resolution "
                "needs (art. 41a of the ustawa o samorządzie gminnym) are confirmed on paper; "
                "online support does not count. Record the filing only if the draft was filed "
                "anyway, and confirm it."
            )
            % {"required": required, "confirmed": petition.paper_signatures},
        )
    return required


def below_threshold_text(petition: Petition) -> str:
    """The plain public note on a draft filed below its threshold; empty otherwise."""
    if not petition.below_threshold:
        return ""
    return _(
        "the draft filed with %(count)s of %(required)s required signatures — below the "
        "threshold of art. 41a"
    ) % {"count": petition.filed_signatures, "required": petition.signatures_required}


@transaction.atomic
def petition_file(
    *,
    petition: Petition,
    staff,
    filed_on: datetime.date,
    below_threshold_confirmed: bool = False,
    now: datetime.datetime | None = None,
) -> Petition:
    """Record the day the petition (or draft) was filed; a draft gets the council's deadline.
    A draft resolution below its signature threshold is recorded only when the organiser
    confirms it was filed anyway, and then says so publicly."""
    now = now or timezone.now()
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if not is_organiser(staff, petition.centre):
        raise refused("organiser", _("Only the centre's organiser can do this."))
    if petition.state != Petition.State.OPEN:
        raise ValidationError(_("Only a published petition that is not yet filed can be filed."))
    if filed_on > timezone.localdate(now):
        raise ValidationError({"filed_on": [_("The filing date cannot be in the future.")]})
    required = _require_threshold(petition, confirmed=below_threshold_confirmed)
    petition.state = Petition.State.FILED
    petition.filed_on = filed_on
    fields = ["state", "filed_on", "council_deadline", "filed_signatures", "signatures_required"]
    # A draft resolution is debated within 3 months (art. 41a ust. 3 of the ustawa o samorządzie
    # gminnym); an ordinary petition is considered within 3 months of filing too (art. 10 ust. 1
    # of the ustawa o petycjach): the same date, kept in the one deadline field.
    petition.council_deadline = council_deadline(filed_on)
    if petition.is_resolution:
        petition.filed_signatures = petition.paper_signatures
        petition.signatures_required = required
    petition.save(update_fields=fields)
    title = _("Filed with %(addressee)s: %(title)s") % {
        "addressee": petition.addressee_label,
        "title": petition.title,
    }
    _record_action(
        petition, title, filed_on, staff, now, result=capfirst(below_threshold_text(petition))
    )
    data = {"filed_on": filed_on.isoformat()}
    if petition.is_resolution:
        data |= {
            "signatures": petition.filed_signatures,
            "required": required,
            "below_threshold": petition.below_threshold,
        }
    action = (
        "mam.petition.filed_below_threshold" if petition.below_threshold else "mam.petition.filed"
    )
    log(petition, action, user=staff, data=data)
    _changed(petition)
    return petition


@transaction.atomic
def petition_decide(
    *,
    petition: Petition,
    staff,
    decision: str,
    decided_on: datetime.date,
    decision_text: str = "",
    resolution_url: str = "",
    now: datetime.datetime | None = None,
) -> Petition:
    """Record the answer: the council's decision, with a link to its resolution. The
    initiative's members and supporters get it by email (the worker sends it)."""
    now = now or timezone.now()
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if not is_organiser(staff, petition.centre):
        raise refused("organiser", _("Only the centre's organiser can do this."))
    if petition.state != Petition.State.FILED:
        raise ValidationError(_("Record the filing first."))
    if decision not in Petition.Decision.values:
        raise ValidationError({"decision": [_("Choose the decision.")]})
    if decided_on < petition.filed_on:
        raise ValidationError({"decided_on": [_("The decision cannot be before the filing.")]})
    petition.state = Petition.State.DECIDED
    petition.decision = decision
    petition.decided_on = decided_on
    petition.decision_text = decision_text.strip()
    petition.resolution_url = resolution_url.strip()
    petition.save(
        update_fields=["state", "decision", "decided_on", "decision_text", "resolution_url"]
    )
    _record_action(
        petition,
        _("Decision: %(decision)s") % {"decision": petition.get_decision_display()},
        decided_on,
        staff,
        now,
        result=petition.decision_text,
    )
    log(petition, "mam.petition.decided", user=staff, data={"decision": decision})
    enqueue_in_transaction(send_decision_emails, kind=PETITION, object_id=petition.pk)
    _changed(petition)
    return petition
