"""`initiatives.api` and `initiatives.forms`, split into packages by responsibility, keep every
old name at the old import path, and each part stays short."""

import importlib
import pathlib

import pytest

OLD_NAMES = {
    "initiatives.api": [
        "ActionSerializer",
        "InitiativeDetailSerializer",
        "InitiativeFilter",
        "InitiativeSerializer",
        "InitiativeViewSet",
        "JoinSerializer",
        "LinkedActivitySerializer",
        "LocalApplicationSerializer",
        "MembershipSerializer",
        "NeedSerializer",
        "SignUpSerializer",
        "UpdateSerializer",
        "_initiative_url",
        "public_initiatives",
    ],
    "initiatives.forms": [
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
    ],
}


@pytest.mark.parametrize("module", sorted(OLD_NAMES))
def test_old_import_path_keeps_every_name(module):
    found = importlib.import_module(module)
    assert [name for name in OLD_NAMES[module] if not hasattr(found, name)] == []


@pytest.mark.parametrize("module", sorted(OLD_NAMES))
def test_each_part_of_the_package_stays_under_300_lines(module):
    folder = pathlib.Path(importlib.import_module(module).__file__).parent
    long = {p.name: n for p in folder.glob("*.py") if (n := len(p.read_text().splitlines())) > 300}
    assert long == {}
