"""Pictures for the demo, drawn with Pillow: simple illustrations and stand-in logos.

Everything is computed from fixed numbers (no randomness), so every run draws the same
pixels (demo/drawings.py). Each alt text describes what the drawing really shows.
"""

from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from demo.drawings import (
    draw_bins,
    draw_bus,
    draw_houses,
    draw_journey,
    draw_logo_eu,
    draw_logo_fe,
    draw_logo_rp,
    draw_meeting,
    draw_playground,
    draw_volunteering,
    draw_workshop,
)


@dataclass(frozen=True)
class Picture:
    key: str
    title: str
    alt: str
    draw: Callable[[], PILImage.Image]
    logo: bool = False


PICTURES = [
    Picture(
        "meeting",
        "Demo: ilustracja – spotkanie sąsiedzkie",
        "Ilustracja: dziesięć kolorowych kół ułożonych w krąg wokół jasnego owalu, "
        "jak sąsiedzi przy wspólnym stole",
        draw_meeting,
    ),
    Picture(
        "bins",
        "Demo: ilustracja – pojemniki na odpady",
        "Ilustracja: cztery pojemniki do segregacji odpadów – żółty, niebieski, zielony "
        "i brązowy – na chodniku pod błękitnym niebem",
        draw_bins,
    ),
    Picture(
        "playground",
        "Demo: ilustracja – plac zabaw",
        "Ilustracja: huśtawka i zjeżdżalnia na zielonej trawie, w tle błękitne niebo i słońce",
        draw_playground,
    ),
    Picture(
        "bus",
        "Demo: ilustracja – autobus i przystanek",
        "Ilustracja: żółty autobus na ulicy obok znaku przystanku",
        draw_bus,
    ),
    Picture(
        "journey",
        "Demo: ilustracja – podróż przez góry",
        "Ilustracja: zielone wzgórza i dwa czerwone punkty połączone łukiem z przerywanej "
        "linii, symbol podróży",
        draw_journey,
    ),
    Picture(
        "workshop",
        "Demo: ilustracja – warsztaty",
        "Ilustracja: kolorowe karteczki z zapiskami przypięte do tablicy, jak na warsztatach",
        draw_workshop,
    ),
    Picture(
        "volunteering",
        "Demo: ilustracja – młode drzewa",
        "Ilustracja: rząd sześciu młodych drzew o okrągłych koronach na zielonym trawniku",
        draw_volunteering,
    ),
    Picture(
        "houses",
        "Demo: ilustracja – domy o zmierzchu",
        "Ilustracja: rząd kolorowych domów z oświetlonymi oknami o zmierzchu",
        draw_houses,
    ),
    Picture(
        "logo_fe",
        "Logo zastępcze: Fundusze Europejskie – Wiedza Edukacja Rozwój",
        "Fundusze Europejskie – Program Wiedza Edukacja Rozwój",
        draw_logo_fe,
        logo=True,
    ),
    Picture(
        "logo_rp",
        "Logo zastępcze: Rzeczpospolita Polska",
        "Rzeczpospolita Polska",
        draw_logo_rp,
        logo=True,
    ),
    Picture(
        "logo_eu",
        "Logo zastępcze: Unia Europejska – Europejski Fundusz Społeczny",
        "Unia Europejska – Europejski Fundusz Społeczny",
        draw_logo_eu,
        logo=True,
    ),
]


def _encode(picture: Picture) -> tuple[bytes, str]:
    buffer = BytesIO()
    drawing = picture.draw().convert("RGB")
    if picture.logo:
        drawing.save(buffer, format="PNG")
        extension = "png"
    else:
        drawing.save(buffer, format="JPEG", quality=85)
        extension = "jpg"
    return buffer.getvalue(), f"demo-{picture.key.replace('_', '-')}.{extension}"


def ensure_images(*, user=None) -> tuple[dict, int]:
    """Return the demo images by key, drawing and storing only those not there yet."""
    Image = get_image_model()
    titles = [picture.title for picture in PICTURES]
    existing = {image.title: image for image in Image.objects.filter(title__in=titles)}
    images, created = {}, 0
    for picture in PICTURES:
        image = existing.get(picture.title)
        if image is None:
            data, filename = _encode(picture)
            image = Image(
                title=picture.title,
                description=picture.alt,
                file=ImageFile(BytesIO(data), name=filename),
                file_size=len(data),
                file_hash=hash_filelike(BytesIO(data)),
                uploaded_by_user=user,
            )
            image.save()
            created += 1
        images[picture.key] = image
    return images, created


def alt_text(key: str) -> str:
    return next(picture.alt for picture in PICTURES if picture.key == key)
