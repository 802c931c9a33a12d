"""The Django side of the loss test, run by ops/check.py in the cluster's environment.

`python -m ops.state prepare` prints (JSON) what the simulated residents need: the ballot's
address and options, the demo resident's proposal form; `export` queues the large export
once a line arrives on its standard input (Django is ready by then: no start-up delay);
`verify` prints every bench resident's participation, ballots and choices and the export job.
"""

from __future__ import annotations

import json
import os
import sys

PHOTO_RESIDENT = "mieszkanka@mam.example.org"


def prepare() -> dict:
    from accounts.models import User
    from bench.names import CONSULTATION_SLUG
    from consultations import participation
    from consultations.models import ConsultationPage
    from proposals.models import Proposal

    consultation = ConsultationPage.objects.get(slug=CONSULTATION_SLUG)
    options = list(
        consultation.proposals.filter(status=Proposal.Status.ACCEPTED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    resident = User.objects.get(email=PHOTO_RESIDENT)
    photo_consultation = next(
        (
            page
            for page in ConsultationPage.objects.live().specific()
            if page.slug != CONSULTATION_SLUG and participation.decide(resident, page, "propose")
        ),
        None,
    )
    return {
        "consultation": consultation.pk,
        "vote_path": consultation.sub_url("vote", base=consultation.url),
        "options": options,
        "max_choices": consultation.max_choices or len(options),
        "proposal_create_path": photo_consultation
        and photo_consultation.sub_url("proposal_create", base=photo_consultation.url),
    }


def export() -> dict:
    from accounts.models import User
    from bench.names import CONSULTATION_SLUG
    from consultations.models import ConsultationPage
    from outcomes.exports import registry
    from outcomes.exports.base import Options
    from outcomes.exports.services import start_job

    job = start_job(
        consultation=ConsultationPage.objects.get(slug=CONSULTATION_SLUG),
        export=registry.get("proposals"),
        export_format="xlsx",
        options=Options(include_contact=False),
        by=User.objects.filter(is_superuser=True).order_by("pk").first(),
    )
    return {"job": job.pk, "rows_total": job.rows_total}


def verify(job_id: int) -> dict:
    from django.core.files.storage import storages
    from django_tasks_db.models import DBTaskResult

    from accounts.models import User
    from bench.names import CONSULTATION_SLUG, EMAIL_DOMAIN
    from consultations.models import ConsultationPage
    from outcomes.models import ExportJob
    from voting.models import Ballot, Participation
    from voting.services.voting import voter_key

    consultation = ConsultationPage.objects.get(slug=CONSULTATION_SLUG)
    ballots = {}
    for ballot in Ballot.objects.filter(consultation=consultation).prefetch_related("choices"):
        ballots.setdefault(ballot.voter_key, []).append(
            sorted(c.proposal_id for c in ballot.choices.all())
        )
    participations = {}
    for user_id in Participation.objects.filter(consultation=consultation).values_list(
        "user_id", flat=True
    ):
        participations[user_id] = participations.get(user_id, 0) + 1
    residents = {}
    for user in User.objects.filter(email__endswith="@" + EMAIL_DOMAIN):
        residents[user.email] = {
            "participations": participations.get(user.pk, 0),
            "ballots": ballots.pop(voter_key(user, consultation), []),
        }
    job = ExportJob.objects.filter(pk=job_id).first() or ExportJob(state="missing")
    # Each run saves under a folder of its own: copies of this export anywhere under exports/.
    private = storages["private"]
    prefix = f"{consultation.slug}-proposals-"
    try:
        folders = private.listdir("exports")[0]
    except FileNotFoundError:  # on disk, before the first export
        folders = []
    stored = [
        f"exports/{folder}/{name}"
        for folder in folders
        for name in private.listdir(f"exports/{folder}")[1]
        if name.startswith(prefix)
    ]
    runs = [
        {"status": r.status, "workers": len(r.worker_ids or [])}
        for r in DBTaskResult.objects.filter(
            task_path__endswith="run_export_job", args_kwargs__kwargs__job_id=job_id
        )
    ]
    return {
        "residents": residents,
        "ballots_of_nobody": sum(len(v) for v in ballots.values()),
        "export": {
            "state": job.state,
            "rows_done": job.rows_done,
            "rows_total": job.rows_total,
            "file": job.file.name,
            "files": stored,
            "tasks": runs,
        },
    }


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ops.settings")
    import django

    django.setup()
    command = argv[0]
    if command == "prepare":
        result = prepare()
    elif command == "export":
        sys.stdin.readline()  # set up in advance; queued when told (ops/check.py)
        result = export()
    elif command == "verify":
        result = verify(int(argv[1]))
    else:
        sys.stderr.write("usage: python -m ops.state prepare|export|verify JOB_ID\n")
        return 2
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
