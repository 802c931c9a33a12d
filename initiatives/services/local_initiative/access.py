"""Who may edit or see an application, and the shared steps of every write."""

import datetime

from django.utils.translation import gettext as _

from consultations.participation import refused
from initiatives.models import (
    Action,
    Initiative,
)
from initiatives.services.local_initiative.reading import App
from initiatives.services.rules import (
    is_leader,
    is_organiser,
    person_refusal,
)
from initiatives.versions import initiatives_changed


def may_edit(user, application: App) -> bool:
    """The one who prepares it, or the initiative's coordinator or contact person."""
    if not user.is_authenticated or person_refusal(user):
        return False
    if application.applicant_id == user.pk:
        return True
    return application.initiative_id is not None and is_leader(user, application.initiative)


def may_see(user, application: App) -> bool:
    """Drafts: who may edit them and the centre's organiser; the rest: everyone."""
    if application.is_public:
        return True
    if not user.is_authenticated:
        return False
    return may_edit(user, application) or is_organiser(user, application.centre)


def _require_editor(user, application: App) -> None:
    if not may_edit(user, application):
        raise refused("applicant", _("Only those preparing the application can change it."))


def _require_draft(application: App) -> None:
    if application.state != App.State.DRAFT:
        raise refused("state", _("The application is no longer a draft."))


def _require_organiser(user, application: App) -> None:
    if not is_organiser(user, application.centre):
        raise refused("organiser", _("Only the centre's organiser can record the town's answer."))


def _locked(application: App) -> App:
    return (
        App.objects.select_for_update(of=("self",))
        .select_related("initiative")
        .get(pk=application.pk)
    )


def _touched(application: App, now: datetime.datetime) -> None:
    initiatives_changed(application.index_id)
    if application.initiative_id:
        Initiative.objects.filter(pk=application.initiative_id).touch(now)


def _timeline(application: App, *, title: str, date: datetime.date, result: str, user) -> None:
    """An entry in the initiative's actions, so the timeline shows the application's steps."""
    if application.initiative_id:
        Action.objects.create(
            initiative_id=application.initiative_id,
            kind=Action.Kind.LOCAL_INITIATIVE,
            title=title[:140],
            date=date,
            result=result,
            created_by=user,
        )
