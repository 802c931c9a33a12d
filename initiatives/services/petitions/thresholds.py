"""The rules' numbers: art. 41a thresholds, the council's deadline, the committee's size, sheets;
and the helpers every petition step shares (its dated action, the page versions)."""

import datetime

from dateutil.relativedelta import relativedelta

from initiatives.models import (
    Action,
    Initiative,
    Petition,
    PetitionRules,
)
from initiatives.versions import initiatives_changed

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
