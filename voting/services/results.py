"""Counting and publishing a vote's result, and the open-data ballot files that prove it.

`publish_results` freezes the anonymised ballots into a ResultSnapshot, counts them with
`voting.tally.tally` (the only counting code), records SHA-256 checksums of the files
exactly as they are served, erases the voter keys (from then on nothing finds a person's
ballot), and marks the proposals selected or not selected.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.log_actions import log

from config.cache_versions import pages_changed
from consultations import selectors
from consultations.models import ConsultationPage, Phase
from jobs.services import run_once
from proposals.models import Proposal
from proposals.services.status import status_change
from voting import paper_protocol
from voting.models import (
    Ballot,
    PublishJob,
    ResultFile,
    ResultSnapshot,
)
from voting.services import result_copies

# The ballot document moved to its own module; these names stay importable from here.
from voting.services.ballot_document import CSV_COLUMNS as CSV_COLUMNS
from voting.services.ballot_document import ballots_csv, ballots_json, code_version, open_data
from voting.services.ballot_document import document_from_csv as document_from_csv

# Reading the published files moved to their own module; these names stay importable here.
from voting.services.published_files import FILE_CHUNK_BYTES as FILE_CHUNK_BYTES
from voting.services.published_files import published_file as published_file
from voting.services.published_files import published_file_chunks as published_file_chunks
from voting.services.voting import Method
from voting.tally import tally, undecided_ties


def voting_over(consultation: ConsultationPage, now: datetime.datetime | None = None) -> bool:
    """True when the consultation had a voting phase and none is running or still to come."""
    now = now or timezone.now()
    voting = [phase for phase in selectors.phases(consultation) if phase.kind == Phase.Kind.VOTING]
    return bool(voting) and all(phase.effective_end <= now for phase in voting)


def published_result(consultation: ConsultationPage) -> ResultSnapshot | None:
    return ResultSnapshot.objects.filter(
        consultation=consultation, published_at__isnull=False
    ).first()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# Steps of publishing as the progress page counts them: checked, ballots read, counted, files
# written, published (verified under the lock and switched on in one transaction).
PUBLISH_STEPS = 5


def publish_checks(consultation: ConsultationPage, now: datetime.datetime) -> None:
    """Raise ValidationError when the result cannot be published now (ties need the count)."""
    if not consultation.voting_method:
        raise ValidationError(_("There is no vote in this consultation."), code="no_vote")
    if not voting_over(consultation, now):
        raise ValidationError(
            _("The results can be counted once voting has closed."), code="voting_open"
        )
    if published_result(consultation):
        raise ValidationError(
            _("The results of this vote are already published."), code="published"
        )
    blocker = paper_protocol.publication_blocker(consultation)
    if blocker:
        raise ValidationError(blocker, code="paper_protocol")


def publish_results(
    *,
    consultation: ConsultationPage,
    by,
    now: datetime.datetime | None = None,
    progress: Callable[[int], None] | None = None,
    job: PublishJob | None = None,
) -> ResultSnapshot:
    """Count the votes of a finished vote and publish the result (once).

    The ballots are read and counted outside any lock (`progress(step)` after each step), then
    read again under the page's row lock: if nothing changed the count is switched on as it
    is, else it is counted again there. The switch is one transaction, so nobody ever sees
    half a result. `job` (the worker's PublishJob) records the result in that transaction.
    The caller checks that `by` may publish the consultation.
    """
    now = now or timezone.now()
    step = progress or (lambda done: None)
    publish_checks(consultation, now)
    step(1)
    document = open_data(consultation)
    step(2)
    figures = tally(document)
    refuse_undecided_ties(figures)
    step(3)
    files = _files(document)
    step(4)
    with transaction.atomic():
        # Lock the page row so two officials clicking at once publish one result, and so no
        # draw by lot or settled double vote slips in between the check and the switch.
        ConsultationPage.objects.select_for_update().filter(pk=consultation.pk).first()
        publish_checks(consultation, now)
        again = open_data(consultation)
        if again != document:
            document, figures = again, tally(again)
            refuse_undecided_ties(figures)
            files = _files(document)
        snapshot = _switch_on(consultation, by, now, document, figures, files)
        result_copies.result_files_enqueue(snapshot)
        if job is not None:
            PublishJob.objects.filter(pk=job.pk).update(result=snapshot, steps_done=PUBLISH_STEPS)
    step(PUBLISH_STEPS)
    results_announce(snapshot)
    return snapshot


def _files(document: dict) -> dict[str, bytes]:
    return {
        ResultFile.Format.JSON: ballots_json(document),
        ResultFile.Format.CSV: ballots_csv(document),
    }


def _switch_on(consultation, by, now, document, figures, files) -> ResultSnapshot:
    """Store the published result, erase the voter keys, mark the proposals (in the lock)."""
    snapshot = ResultSnapshot.objects.create(
        consultation=consultation,
        method=consultation.voting_method,
        computed_at=now,
        published_at=now,
        computed_by=by,
        code_version=code_version(),
        ballots_checksum=_sha256(files[ResultFile.Format.JSON]),
        csv_checksum=_sha256(files[ResultFile.Format.CSV]),
        figures=figures,
        ballots=document,
    )
    ResultFile.objects.bulk_create(
        ResultFile(snapshot=snapshot, format=kind, content=data) for kind, data in files.items()
    )
    pages_changed(consultation.pk, listings=True)
    Ballot.objects.filter(consultation=consultation).update(voter_key=None)
    if consultation.voting_method in (Method.APPROVAL, Method.BUDGET):
        _mark_proposals(figures, by, now)
    log(
        consultation,
        "mam.results.publish",
        user=by,
        data={"result": snapshot.pk, "ballots_checksum": snapshot.ballots_checksum},
    )
    return snapshot


def _mark_proposals(figures: dict, by, now: datetime.datetime) -> None:
    """Mark each accepted proposal on the ballot selected or not selected, with its votes."""
    proposals = Proposal.objects.in_bulk([row["id"] for row in figures["options"]], field_name="pk")
    for row in figures["options"]:
        proposal = proposals[row["id"]]
        if proposal.status != Proposal.Status.ACCEPTED:
            continue
        votes = row["votes"]
        if row["selected"]:
            status = Proposal.Status.SELECTED
            answer = ngettext(
                "Selected in the vote with %(votes)d vote.",
                "Selected in the vote with %(votes)d votes.",
                votes,
            ) % {"votes": votes}
        else:
            status = Proposal.Status.NOT_SELECTED
            answer = ngettext(
                "Not selected in the vote (%(votes)d vote).",
                "Not selected in the vote (%(votes)d votes).",
                votes,
            ) % {"votes": votes}
        status_change(
            proposal=proposal, status=status, answer=answer, by=by, staff_checked=True, now=now
        )


def results_announce(snapshot: ResultSnapshot) -> bool:
    """Tell other apps that `snapshot` is published, once (after its transaction committed).

    Hooks `mam_results_published(consultation=..., result=...)` run with a done-mark: a task
    run again after its worker died calls this again and finds the mark. Returns whether the
    hooks ran now.
    """
    consultation = snapshot.consultation

    def announce():
        for fn in hooks.get_hooks("mam_results_published"):
            fn(consultation=consultation, result=snapshot)

    return run_once(f"mam_results_published:{snapshot.pk}", announce)


def refuse_undecided_ties(figures: dict) -> None:
    """Raise ValidationError while a tie that decides the result waits for its draw by lot."""
    waiting = undecided_ties(figures)
    if waiting:
        raise ValidationError(
            ngettext(
                "A tie decides the result and must first be drawn by lot: enter the protocol "
                "of the draw (Results: draws by lot), then publish.",
                "%(count)d ties decide the result and must first be drawn by lot: enter the "
                "protocols of the draws (Results: draws by lot), then publish.",
                len(waiting),
            )
            % {"count": len(waiting)},
            code="undecided_tie",
        )


def ties_now(consultation: ConsultationPage) -> list[dict]:
    """The deciding ties of the votes as they stand (before publication), for the draw."""
    return deciding_ties(tally(open_data(consultation)))


def deciding_ties(figures: dict) -> list[dict]:
    """The result's ties that decided a selection or funding, with titles for the page:
    [{"votes", "pool_name", "rule", "options": [{"id", "title", "selected"}, ...]}]."""
    rows = {row["id"]: row for row in figures.get("options", [])}
    pools = {pool["id"]: pool.get("name", "") for pool in figures.get("pools", [])}
    return [
        {
            "votes": tie.get("votes", tie.get("points")),
            "points": tie.get("points"),
            "pool": tie.get("pool", ""),
            "decided": tie.get("decided"),
            "pool_name": pools.get(tie.get("pool"), ""),
            "rule": tie["rule"],
            "options": [
                {
                    "id": pk,
                    "title": rows[pk]["title"] if pk in rows else "",
                    "selected": pk in tie["selected"],
                }
                for pk in tie["options"]
            ],
        }
        for tie in figures.get("ties", [])
    ]


def recompute(document: dict, expected_figures: dict) -> tuple[bool, dict]:
    """Count `document` again and say whether it matches `expected_figures`."""
    figures = tally(document)
    return figures == expected_figures, figures
