"""The exports on offer, by name, in the order the exports page lists them."""

from __future__ import annotations

from outcomes.exports.base import Export

_exports: dict[str, Export] = {}


def register(export: Export) -> Export:
    """Offer `export` on every consultation's exports page (a later name replaces an earlier)."""
    _exports[export.name] = export
    return export


def get(name: str) -> Export | None:
    return _exports.get(name)


def all_exports() -> list[Export]:
    return list(_exports.values())
