"""The demo's illustrations and stand-in logos, drawn with Pillow from fixed numbers (no
randomness), so every run draws the same pixels. demo/images.py names and stores them.
"""

import math
from collections.abc import Callable

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont, ImageOps

SIZE = (1200, 675)
LOGO_SIZE = (560, 180)
STAND_IN_LABEL = "logo zastępcze – wersja demonstracyjna"


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    # DejaVu has the Polish letters; Pillow's built-in font is the fallback elsewhere.
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


def _gradient(top: str, bottom: str, size=SIZE) -> PILImage.Image:
    grey = PILImage.linear_gradient("L").resize(size)
    return ImageOps.colorize(grey, top, bottom).convert("RGBA")


def _star(draw, cx: float, cy: float, r: float, fill: str) -> None:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.42
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=fill)


def _overlay(base: PILImage.Image, paint: Callable[[ImageDraw.ImageDraw], None]):
    layer = PILImage.new("RGBA", base.size, (0, 0, 0, 0))
    paint(ImageDraw.Draw(layer))
    return PILImage.alpha_composite(base, layer)


def draw_meeting():
    img = _gradient("#fde2c8", "#fff7e0")
    cx, cy = 600, 350

    def paint(d):
        d.ellipse((cx - 260, cy - 120, cx + 260, cy + 120), fill=(255, 255, 255, 200))
        colours = ["#e4572e", "#29335c", "#f3a712", "#669bbc", "#a8c686", "#8e5572"]
        for i in range(10):
            angle = i * 2 * math.pi / 10
            x, y = cx + 360 * math.cos(angle), cy + 200 * math.sin(angle)
            d.ellipse((x - 48, y - 48, x + 48, y + 48), fill=colours[i % len(colours)])

    return _overlay(img, paint)


def draw_bins():
    img = _gradient("#bde0fe", "#f1f8ff")
    d = ImageDraw.Draw(img)
    d.rectangle((0, 520, 1200, 675), fill="#b0b7bf")
    for i, colour in enumerate(["#f4d03f", "#2e86de", "#27ae60", "#8d5524"]):
        x = 180 + i * 230
        d.rounded_rectangle((x, 250, x + 170, 530), radius=14, fill=colour)
        d.rounded_rectangle((x - 10, 225, x + 180, 262), radius=10, fill="#3d3d3d")
        d.ellipse((x + 20, 515, x + 56, 551), fill="#222222")
        d.ellipse((x + 114, 515, x + 150, 551), fill="#222222")
    return img


def draw_playground():
    img = _gradient("#8ecae6", "#e9f5fb")
    d = ImageDraw.Draw(img)
    d.ellipse((980, 60, 1100, 180), fill="#ffd166")
    d.rectangle((0, 470, 1200, 675), fill="#7cb518")
    # A swing: an A-frame, a crossbar, two ropes and a seat.
    for x in (200, 520):
        d.line((x - 60, 480, x, 200), fill="#6d4c41", width=14)
        d.line((x + 60, 480, x, 200), fill="#6d4c41", width=14)
    d.line((200, 205, 520, 205), fill="#6d4c41", width=14)
    d.line((320, 205, 320, 380), fill="#555555", width=5)
    d.line((400, 205, 400, 380), fill="#555555", width=5)
    d.rounded_rectangle((305, 378, 415, 396), radius=6, fill="#e63946")
    # A slide: a ladder, a platform and a chute.
    d.line((700, 480, 700, 260), fill="#457b9d", width=12)
    d.line((760, 480, 760, 260), fill="#457b9d", width=12)
    for y in range(300, 480, 40):
        d.line((700, y, 760, y), fill="#457b9d", width=8)
    d.rectangle((690, 250, 800, 272), fill="#457b9d")
    d.line((790, 262, 1040, 470), fill="#f4a261", width=34)
    return img


def draw_bus():
    img = _gradient("#cdeac0", "#f7fff2")
    d = ImageDraw.Draw(img)
    d.rectangle((0, 470, 1200, 620), fill="#4a4e57")
    for x in range(0, 1200, 120):
        d.rectangle((x, 540, x + 60, 550), fill="#ffffff")
    d.line((1040, 470, 1040, 220), fill="#6c757d", width=10)
    d.ellipse((995, 175, 1085, 265), fill="#ffffff", outline="#2a9d8f", width=10)
    d.rounded_rectangle((180, 250, 880, 480), radius=30, fill="#f9c74f")
    for x in range(220, 800, 110):
        d.rounded_rectangle((x, 280, x + 90, 360), radius=10, fill="#cfe8f3")
    d.rounded_rectangle((810, 280, 860, 440), radius=8, fill="#cfe8f3")
    for x in (290, 730):
        d.ellipse((x - 48, 432, x + 48, 528), fill="#222222")
        d.ellipse((x - 20, 460, x + 20, 500), fill="#9aa0a6")
    return img


def draw_journey():
    img = _gradient("#a8dadc", "#f1faee")

    def paint(d):
        d.polygon([(0, 560), (260, 300), (520, 560)], fill="#52796f")
        d.polygon([(300, 560), (640, 230), (980, 560)], fill="#354f52")
        d.polygon([(760, 560), (1000, 330), (1200, 500), (1200, 560)], fill="#84a98c")
        d.rectangle((0, 555, 1200, 675), fill="#cad2c5")
        start, end = (170, 610), (1030, 610)
        points = [
            (start[0] + (end[0] - start[0]) * t / 40, 610 - 470 * math.sin(math.pi * t / 40))
            for t in range(41)
        ]
        for a, b in zip(points[::2], points[1::2], strict=False):
            d.line((a, b), fill=(230, 57, 70, 255), width=8)
        for x, y in (start, end):
            d.ellipse((x - 26, y - 26, x + 26, y + 26), fill="#e63946")
            d.ellipse((x - 10, y - 10, x + 10, y + 10), fill="#ffffff")

    return _overlay(img, paint)


def draw_workshop():
    img = _gradient("#efe6dd", "#fbf8f3")
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((110, 70, 1090, 605), radius=18, fill="#fdfdfb", outline="#b08968", width=8)
    colours = ["#ffe066", "#ff9f1c", "#90e0ef", "#b5e48c", "#f4acb7"]
    for row in range(3):
        for col in range(5):
            x = 170 + col * 182 + (row % 2) * 14
            y = 120 + row * 160 + (col % 2) * 10
            d.rectangle((x, y, x + 140, y + 120), fill=colours[(row * 2 + col) % len(colours)])
            for line in range(3):
                ly = y + 34 + line * 26
                d.line((x + 18, ly, x + 122 - line * 24, ly), fill="#5c5c5c", width=4)
    return img


def draw_volunteering():
    img = _gradient("#d8f3dc", "#f7fdf8")
    d = ImageDraw.Draw(img)
    d.rectangle((0, 500, 1200, 675), fill="#74c69d")
    for i in range(6):
        x = 150 + i * 180
        height = 150 + (i % 3) * 30
        d.rectangle((x - 9, 500 - height, x + 9, 510), fill="#7f5539")
        r = 60 + (i % 2) * 12
        top = 500 - height
        d.ellipse((x - r, top - r, x + r, top + r), fill=["#2d6a4f", "#40916c", "#52b788"][i % 3])
    return img


def draw_houses():
    img = _gradient("#22223b", "#f4a261")
    d = ImageDraw.Draw(img)
    d.rectangle((0, 590, 1200, 675), fill="#2b2d42")
    colours = ["#e76f51", "#2a9d8f", "#e9c46a", "#8ab17d", "#f4a261", "#9c89b8"]
    for i, colour in enumerate(colours):
        x, width = 40 + i * 190, 170
        top = 330 + (i % 3) * 40
        d.rectangle((x, top, x + width, 600), fill=colour)
        d.polygon([(x - 12, top), (x + width / 2, top - 90), (x + width + 12, top)], fill="#3d405b")
        for wx in (x + 28, x + 100):
            for wy in (top + 40, top + 130):
                if wy + 50 < 590:
                    d.rectangle((wx, wy, wx + 42, wy + 50), fill="#ffe8a3")
    return img


def _logo(mark: Callable[[ImageDraw.ImageDraw], None], lines: list[tuple[str, bool]]):
    img = PILImage.new("RGB", LOGO_SIZE, "#ffffff")
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, LOGO_SIZE[0] - 1, LOGO_SIZE[1] - 1), outline="#d0d4da", width=2)
    mark(d)
    y = 46
    for text, bold in lines:
        d.text((190, y), text, font=_font(24 if bold else 20, bold), fill="#1b2a4e")
        y += 36
    d.text((190, 146), STAND_IN_LABEL, font=_font(13), fill="#6b7280")
    return img


def draw_logo_fe():
    def mark(d):
        d.rounded_rectangle((30, 30, 150, 150), radius=12, fill="#0b3d91")
        for cx, cy, r in ((70, 70, 22), (112, 82, 16), (82, 116, 14)):
            _star(d, cx, cy, r, "#ffcc00")

    return _logo(mark, [("Fundusze Europejskie", True), ("Wiedza Edukacja Rozwój", False)])


def draw_logo_rp():
    def mark(d):
        d.rectangle((30, 45, 160, 90), fill="#ffffff", outline="#c7c7c7", width=2)
        d.rectangle((30, 90, 160, 135), fill="#dc143c")

    return _logo(mark, [("Rzeczpospolita", True), ("Polska", True)])


def draw_logo_eu():
    def mark(d):
        d.rectangle((25, 40, 165, 140), fill="#003399")
        for i in range(12):
            angle = i * math.pi / 6
            _star(d, 95 + 34 * math.cos(angle), 90 + 34 * math.sin(angle), 7, "#ffcc00")

    return _logo(mark, [("Unia Europejska", True), ("Europejski Fundusz Społeczny", False)])
