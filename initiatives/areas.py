"""An initiative's optional area: one GeoJSON polygon, checked before it is stored.

The area is one closed ring of longitude/latitude pairs (GeoJSON order), with at most
MAX_VERTICES corners, inside Poland's bounding box. A GeoJSON Feature holding such a polygon
is accepted too and stored as its geometry.
"""

import json
import math

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_VERTICES = 100
MAX_TEXT = 20_000
# Poland's bounding box (longitude, latitude), with a small margin at the borders.
POLAND = {"west": 14.07, "east": 24.16, "south": 49.0, "north": 54.84}


def _geometry(value) -> dict:
    if isinstance(value, dict) and value.get("type") == "Feature":
        value = value.get("geometry")
    if not isinstance(value, dict) or value.get("type") != "Polygon":
        raise ValidationError(_("Draw the area on the map, or give one GeoJSON polygon."))
    return value


def _ring(geometry: dict) -> list:
    rings = geometry.get("coordinates")
    if not isinstance(rings, list) or len(rings) != 1 or not isinstance(rings[0], list):
        raise ValidationError(_("The area must be one outline without holes."))
    return rings[0]


def _position(point) -> list[float]:
    numbers = (
        isinstance(point, list)
        and len(point) == 2
        and all(isinstance(n, int | float) and not isinstance(n, bool) for n in point)
        and all(math.isfinite(n) for n in point)
    )
    if not numbers:
        raise ValidationError(_("Each corner of the area needs a longitude and a latitude."))
    lon, lat = float(point[0]), float(point[1])
    inside = POLAND["west"] <= lon <= POLAND["east"] and POLAND["south"] <= lat <= POLAND["north"]
    if not inside:
        raise ValidationError(_("The area must lie in Poland."))
    return [round(lon, 6), round(lat, 6)]


def area_clean(value) -> dict | None:
    """The polygon as stored ({"type": "Polygon", "coordinates": [ring]}), None when empty;
    ValidationError when it is not one closed ring of at most MAX_VERTICES corners in Poland."""
    if value in (None, "", {}):
        return None
    ring = _ring(_geometry(value))
    if len(ring) > MAX_VERTICES + 1:
        raise ValidationError(
            _("The area may have at most %(max)s corners.") % {"max": MAX_VERTICES}
        )
    positions = [_position(point) for point in ring]
    if len(positions) < 4 or len({tuple(p) for p in positions}) < 3:
        raise ValidationError(_("The area needs at least three corners."))
    if positions[0] != positions[-1]:
        raise ValidationError(
            _("The outline of the area must be closed: its last point is its first.")
        )
    return {"type": "Polygon", "coordinates": [positions]}


def area_parse(text: str) -> dict | None:
    """The area typed (or filled by the map) as GeoJSON text, checked; None when empty."""
    text = (text or "").strip()
    if not text:
        return None
    if len(text) > MAX_TEXT:
        raise ValidationError(_("The area is too long: draw it with fewer corners."))
    try:
        value = json.loads(text)
    except ValueError:
        raise ValidationError(_("The area is not valid GeoJSON.")) from None
    return area_clean(value)
