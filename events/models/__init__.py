from events.models.pages import (
    ActivityIndexPage,
    ActivityPage,
    Audience,
    DateChange,
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
]
