"""Bulk inserts in batches, and the random Polish words the generated texts are made of."""

from __future__ import annotations

import datetime
import random

BATCH = 2000


WORDS = [
    "kosze",
    "śmieci",
    "plac",
    "zabaw",
    "ławki",
    "drzewa",
    "chodnik",
    "przejście",
    "oświetlenie",
    "rowery",
    "parking",
    "autobus",
    "przystanek",
    "skwer",
    "boisko",
    "fontanna",
    "zieleń",
    "kwiaty",
    "biblioteka",
    "świetlica",
    "murale",
]


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


DAY = datetime.timedelta(days=1)


def in_batches(model, rows: list, **kwargs) -> list:
    created = []
    for start in range(0, len(rows), BATCH):
        created += model.objects.bulk_create(rows[start : start + BATCH], **kwargs)
    return created
