"""Forms residents, groups and organisers fill in; the services check the rules again. The old
`initiatives.forms` names stay here."""

from initiatives.forms.group import (
    ActionForm,
    EndForm,
    JoinForm,
    MemberChoiceForm,
    NeedForm,
    NeedSignUpForm,
    UpdateForm,
)
from initiatives.forms.initiative import ALT_MAX, PHOTO_HELP, InitiativeForm, photo_field
from initiatives.forms.review import ConsultationChoiceForm, DeclineForm, RoomRequestForm

_photo_field = photo_field  # the name before the split

__all__ = [
    "ALT_MAX",
    "PHOTO_HELP",
    "ActionForm",
    "ConsultationChoiceForm",
    "DeclineForm",
    "EndForm",
    "InitiativeForm",
    "JoinForm",
    "MemberChoiceForm",
    "NeedForm",
    "NeedSignUpForm",
    "RoomRequestForm",
    "UpdateForm",
    "_photo_field",
    "photo_field",
]
