"""What a person takes part in, on their own page (`/konto/udzial/`).

Each app above accounts adds its section through the `mam_account_participation` hook
(`func(request) -> Section | None`), so accounts imports none of them. A section reads a fixed
number of rows (`LIMIT`) and says how many there are in all, so the page costs the same
few queries however much someone has done.
"""

import datetime
from dataclasses import dataclass, field

from wagtail import hooks

LIMIT = 10


@dataclass
class Item:
    title: str
    url: str
    detail: str = ""
    when: datetime.date | datetime.datetime | None = None
    action_url: str = ""
    action_label: str = ""

    @property
    def has_time(self) -> bool:
        return isinstance(self.when, datetime.datetime)


@dataclass
class Section:
    key: str
    title: str
    items: list[Item] = field(default_factory=list)
    total: int = 0
    empty: str = ""
    more_url: str = ""
    more_label: str = ""
    order: int = 50

    @property
    def more_than_shown(self) -> int:
        return max(self.total - len(self.items), 0)


def sections(request) -> list[Section]:
    """The sections the apps give for the signed-in person, in their order."""
    found = [section(request) for section in hooks.get_hooks("mam_account_participation")]
    return sorted((s for s in found if s is not None), key=lambda s: (s.order, s.key))
