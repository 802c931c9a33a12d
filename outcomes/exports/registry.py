"""The exports on offer, by name, in the order the exports page lists them."""

from __future__ import annotations

from wagtail import hooks

from outcomes.exports.base import Export

_exports: dict[str, Export] = {}


def register(export: Export) -> Export:
    """Offer `export` on every consultation's exports page (a later name replaces an earlier)."""
    _exports[export.name] = export
    return export


def _offered() -> dict[str, Export]:
    """The exports registered here, then those apps above add through the `mam_exports` hook
    (a function returning a list of Export): consultations imports none of them."""
    offered = dict(_exports)
    for hook in hooks.get_hooks("mam_exports"):
        for export in hook():
            offered[export.name] = export
    return offered


def get(name: str) -> Export | None:
    return _offered().get(name)


def all_exports() -> list[Export]:
    return list(_offered().values())
