"""Signals only for framework models, each connected with a sender (docs/architecture.md)."""

import weakref

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch.dispatcher import _make_id

PROJECT_APPS = ("accounts", "consultations", "home", "proposals", "config")


def _project_receivers(signal):
    for (_receiver_key, sender_key), reference, *_rest in signal.receivers:
        receiver = reference() if isinstance(reference, weakref.ReferenceType) else reference
        module = getattr(receiver, "__module__", "") or ""
        if module.split(".")[0] in PROJECT_APPS:
            yield receiver, sender_key


def test_every_model_signal_of_the_project_names_its_sender():
    checked = 0
    for signal in (post_save, post_delete, m2m_changed):
        for receiver, sender_key in _project_receivers(signal):
            assert sender_key != _make_id(None), f"{receiver.__module__}.{receiver.__name__}"
            checked += 1
    assert checked > 10  # the chrome's, the permissions' and the email status' receivers
