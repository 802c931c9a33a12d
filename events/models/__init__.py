from events.models.dates import DateChange, with_date_changes
from events.models.index import ActivityIndexPage
from events.models.pages import (
    ActivityPage,
    Audience,
    Kind,
    Organiser,
)
from events.models.signups import Attendance, SignUp

__all__ = [
    "ActivityIndexPage",
    "ActivityPage",
    "Attendance",
    "Audience",
    "DateChange",
    "Kind",
    "Organiser",
    "SignUp",
    "with_date_changes",
]
