"""Proposals like a new one: titles sharing meaningful words (stop words ignored, Polish endings
cut), and on PostgreSQL titles alike by trigrams (typos)."""

import re
import unicodedata

from django.contrib.postgres.search import (
    TrigramSimilarity,
)
from django.db import connection
from django.db.models import Q

from consultations.models import ConsultationPage
from proposals.models import Proposal

SIMILAR_EXCLUDED = (Proposal.Status.WITHDRAWN, Proposal.Status.MERGED)
WORD_RE = re.compile(r"\w+", re.UNICODE)


def _on_postgres() -> bool:
    return connection.vendor == "postgresql"


# Words that say nothing about what a proposal is about: two titles sharing only these are
# not similar ("Ławki przy szkole", "Kosze przy przystanku").
STOP_WORDS = frozenset(
    [
        "przy",
        "oraz",
        "albo",
        "jest",
        "będzie",
        "może",
        "można",
        "tylko",
        "także",
        "też",
        "jako",
        "gdzie",
        "kiedy",
        "żeby",
        "aby",
        "czyli",
        "przez",
        "przed",
        "obok",
        "koło",
        "około",
        "wokół",
        "między",
        "nad",
        "pod",
        "dla",
        "bez",
        "według",
        "wraz",
        "ponad",
        "poza",
        "który",
        "która",
        "które",
        "których",
        "którym",
        "tego",
        "temu",
        "tych",
        "tym",
        "jego",
        "jej",
        "ich",
        "nasz",
        "nasza",
        "nasze",
        "naszej",
        "naszego",
        "naszym",
        "naszych",
        "wasz",
        "swój",
        "swoje",
        "swojej",
        "bardzo",
        "więcej",
        "mniej",
        "dużo",
        "wiele",
        "proszę",
        "proponuję",
        "propozycja",
        "pomysł",
        "chcemy",
        "trzeba",
        "należy",
        "ulica",
        "ulicy",
        "ulic",
        "miasto",
        "miasta",
        "mieście",
        "miejsce",
        "miejscu",
    ]
)
STEM = 5  # Polish endings vary ("przystanek", "przystanku"): words are compared by their start
SIMILARITY = 0.4  # Dice coefficient of the two titles' words: 1 shared word of 3 and 3 is 0.33
TRIGRAM = 0.3  # PostgreSQL: titles this alike count as similar even without shared words


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.replace("ł", "l"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _words(text: str) -> set[str]:
    """The meaningful words of `text`, without accents, cut to their first letters."""
    words = (word for word in WORD_RE.findall(text.lower()) if len(word) >= 4)
    return {
        _plain(word)[: STEM if len(word) > STEM else 4] for word in words if word not in STOP_WORDS
    }


def _likeness(words: set[str], title: str) -> float:
    other = _words(title)
    if not words or not other:
        return 0.0
    return 2 * len(words & other) / (len(words) + len(other))


def similar_proposals(
    consultation: ConsultationPage, title: str, body: str = "", limit: int = 5
) -> list[Proposal]:
    """Return up to `limit` visible proposals of the consultation whose titles resemble `title`.

    Similar means sharing meaningful words (stop words ignored) above a threshold; on
    PostgreSQL also a close trigram similarity of the titles (typos, "oswietlenie").
    """
    title = title.strip()
    if not title:
        return []
    words = _words(title) or _words(body)
    candidates = (
        Proposal.objects.visible()
        .filter(consultation=consultation)
        .exclude(status__in=SIMILAR_EXCLUDED)
        .select_related("category")
    )
    scored = []
    if _on_postgres():
        rows = (
            candidates.annotate(similarity=TrigramSimilarity("title", title))
            .filter(similarity__gt=0.15)
            .order_by("-similarity", "-supports_count", "-pk")[:200]
        )
        for proposal in rows:
            score = max(proposal.similarity, _likeness(words, proposal.title))
            if proposal.similarity >= TRIGRAM or score >= SIMILARITY:
                scored.append((-score, -proposal.supports_count, -proposal.pk, proposal))
    else:
        if not words:
            return []
        matching = Q()
        for word in WORD_RE.findall(f"{title} {body}".lower()):
            if len(word) >= 4 and word not in STOP_WORDS:
                # SQLite folds the case of ASCII letters only: "Ławki" needs its capital.
                stem = word[:4]
                matching |= Q(title__icontains=stem) | Q(title__contains=stem.capitalize())
        for proposal in candidates.filter(matching)[:200]:
            score = _likeness(words, proposal.title)
            if score >= SIMILARITY:
                scored.append((-score, -proposal.supports_count, -proposal.pk, proposal))
    scored.sort(key=lambda row: row[:3])
    return [row[3] for row in scored[:limit]]
