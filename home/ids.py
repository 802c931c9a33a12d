"""Ids from the outside world (paths, query strings, forms), parsed in one place.

An id is ASCII digits only (`"²".isdigit()` is true, `int("²")` fails) and at most MAX_ID
(a larger number overflows SQLite's integer and can never be a row's id). Everything else
is "no such id": a 404 in a path, a 400 or a form error in a parameter.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

MAX_ID = 2**31 - 1  # the database's integer ids never go beyond this
ID_REGEX = r"[0-9]{1,10}"  # for DRF's lookup_value_regex and re_path()


def parse_id(value) -> int | None:
    """Return `value` as an id (0 ≤ id ≤ MAX_ID), or None when it is not one."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 <= value <= MAX_ID else None
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or len(value) > 10 or not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if number <= MAX_ID else None


class IdConverter:
    """`<id:pk>` in a URL pattern: digits that can be an id; anything else does not match."""

    regex = ID_REGEX

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)  # the pattern does not match: a 404
        return number

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "id")


class IdsField(forms.MultipleChoiceField):
    """Ticked ids as sent, each a valid id; which ones are allowed is for the caller to say."""

    default_error_messages = {"invalid_id": _("Choose proposals from the list.")}

    def valid_value(self, value):
        return True

    def clean(self, value):
        values = super().clean(value)
        ids = [parse_id(item) for item in values]
        if None in ids:
            raise ValidationError(self.error_messages["invalid_id"], code="invalid_id")
        return ids


class IdChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose value is checked to be an id before the database sees it."""

    def to_python(self, value):
        if value not in self.empty_values and parse_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField whose values are checked to be ids before any query."""

    def _check_values(self, value):
        for item in value:
            if parse_id(item) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super()._check_values(value)
