"""The map's points, bounded: filtered by the visible bounding box, clustered on the server.

The GeoJSON of a consultation with 10,000 proposals would weigh megabytes (and be too large
to keep as an anonymous page copy). The map asks for the box it shows (`?bbox=west,south,
east,north`); when more than MAX_FEATURES proposals fall inside it (or inside the whole
consultation, without a box), they are grouped on a GRID × GRID grid over the box, one
feature per non-empty cell with its count and the mean position of its points. With
`?zoom=` (the map's zoom level, 0–MAX_ZOOM) the cells are instead about CELL_PIXELS wide on
screen at that zoom, on a grid fixed to the globe (so clusters stay put while the map pans),
and never more than MAX_CELLS_ACROSS across the box. So a feed is never larger than
max(MAX_FEATURES, MAX_CELLS_ACROSS²) features, in at most three queries whatever the number
of proposals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db.models import Avg, Count, F, FloatField, Max, Min
from django.db.models.functions import Cast, Floor

MAX_FEATURES = 500
GRID = 16
MAX_ZOOM = 22
# A cluster cell at a given zoom: about this many screen pixels of a 256-pixel web map tile.
CELL_PIXELS = 64
MAX_CELLS_ACROSS = 32


class BadBox(ValueError):
    """The `bbox` parameter is not four numbers west,south,east,north on the globe."""


class BadZoom(ValueError):
    """The `zoom` parameter is not a whole number from 0 to MAX_ZOOM."""


@dataclass(frozen=True)
class Box:
    west: float
    south: float
    east: float
    north: float


def parse_bbox(value: str | None) -> Box | None:
    """`west,south,east,north` in degrees (None when absent); BadBox on anything else."""
    if value is None or value == "":
        return None
    parts = value.split(",")
    if len(parts) != 4 or len(value) > 100:
        raise BadBox(value)
    try:
        west, south, east, north = (float(part) for part in parts)
    except ValueError:
        raise BadBox(value) from None
    if not all(math.isfinite(n) for n in (west, south, east, north)):
        raise BadBox(value)
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise BadBox(value)
    return Box(west, south, east, north)


def parse_zoom(value: str | None) -> int | None:
    """A map zoom level 0..MAX_ZOOM (None when absent); BadZoom on anything else."""
    if value is None or value == "":
        return None
    if not (value.isascii() and value.isdigit() and len(value) <= 2):
        raise BadZoom(value)
    zoom = int(value)
    if zoom > MAX_ZOOM:
        raise BadZoom(value)
    return zoom


def within(points, box: Box | None):
    """The points (a queryset of proposals) inside the box."""
    if box is None:
        return points
    return points.filter(
        longitude__gte=box.west,
        longitude__lte=box.east,
        latitude__gte=box.south,
        latitude__lte=box.north,
    )


@dataclass
class Features:
    points: list[dict]
    clusters: list[dict]

    @property
    def clustered(self) -> bool:
        return bool(self.clusters)


def features(
    points, box: Box | None, *, zoom: int | None = None, limit: int | None = None
) -> Features:
    """The points inside the box as they are when there are at most `limit`, else clusters
    (cells sized for `zoom` when given)."""
    limit = MAX_FEATURES if limit is None else limit
    points = within(points, box)
    rows = list(points[: limit + 1])
    if len(rows) <= limit:
        return Features(points=rows, clusters=[])
    if box is None:
        extent = points.order_by().aggregate(
            west=Min("longitude"),
            east=Max("longitude"),
            south=Min("latitude"),
            north=Max("latitude"),
        )
        box = Box(*(float(extent[k]) for k in ("west", "south", "east", "north")))
    return Features(points=[], clusters=_grid(points, box, zoom))


def grid_cells(box: Box, zoom: int | None) -> tuple[float, float, float, float, int]:
    """The grid: origin longitude and latitude, cell width and height in degrees, and the
    largest cell index to keep a point in (points on the box's far edges stay inside)."""
    if zoom is None:
        width = max(box.east - box.west, 1e-9) / GRID
        height = max(box.north - box.south, 1e-9) / GRID
        return box.west, box.south, width, height, GRID - 1
    # A web map shows 360° of longitude on 256 × 2^zoom pixels; a degree of latitude looks
    # longer than a degree of longitude by 1 / cos(latitude) near the box's middle.
    width = 360 * CELL_PIXELS / (256 * 2**zoom)
    height = width * math.cos(math.radians((box.south + box.north) / 2))
    width = max(width, (box.east - box.west) / MAX_CELLS_ACROSS, 1e-9)
    height = max(height, (box.north - box.south) / MAX_CELLS_ACROSS, 1e-9)
    return -180.0, -90.0, width, height, 2**62


def _grid(points, box: Box, zoom: int | None = None) -> list[dict]:
    west, south, width, height, last = grid_cells(box, zoom)
    lon = Cast(F("longitude"), FloatField())
    lat = Cast(F("latitude"), FloatField())
    cells = (
        points.order_by()
        .annotate(cell_x=Floor((lon - west) / width), cell_y=Floor((lat - south) / height))
        .values("cell_x", "cell_y")
        .annotate(count=Count("pk"), latitude=Avg(lat), longitude=Avg(lon))
        .order_by("cell_y", "cell_x")
    )
    merged: dict[tuple[int, int], dict] = {}
    for cell in cells:
        # A point on the east or north edge falls one cell beyond the grid: keep it inside.
        key = (min(int(cell["cell_x"]), last), min(int(cell["cell_y"]), last))
        found = merged.get(key)
        if found is None:
            merged[key] = {k: cell[k] for k in ("count", "latitude", "longitude")}
            continue
        total = found["count"] + cell["count"]
        for axis in ("latitude", "longitude"):
            found[axis] = (found[axis] * found["count"] + cell[axis] * cell["count"]) / total
        found["count"] = total
    return list(merged.values())
