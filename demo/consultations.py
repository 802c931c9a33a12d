"""Demo consultations: one live consultation per centre, dated around the day the seed runs.

Each centre gets a "Konsultacje" index and one consultation whose proposals phase is running
today, so the demo always has something to take part in. Existing pages (found by slug) are
left as the editors made them. Proposals are seeded elsewhere (demo/proposals.py).
"""

import datetime
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Page

from consultations.models import Category, ConsultationIndexPage, ConsultationPage, Phase
from demo.stream import WARSAW, Refs, heading, p, text, ul

INDEX_SLUG = "konsultacje"
# Where each town's consultation maps open (centre of the town, street level).
MAP_VIEW = {
    "ns": {
        "map_latitude": Decimal("49.625000"),
        "map_longitude": Decimal("20.691000"),
        "map_zoom": 14,
    },
    "ch": {
        "map_latitude": Decimal("50.135000"),
        "map_longitude": Decimal("19.402000"),
        "map_zoom": 14,
    },
}


def _day(offset: int) -> datetime.datetime:
    """Midnight in Warsaw, `offset` days from today (wall-clock arithmetic keeps midnight)."""
    today = timezone.localdate(timezone=WARSAW)
    return datetime.datetime.combine(today, datetime.time(), tzinfo=WARSAW) + datetime.timedelta(
        days=offset
    )


def _phases(plan: list[tuple[str, int, int, str]]) -> list[Phase]:
    return [
        Phase(kind=kind, starts_at=_day(start), ends_at=_day(end), description=words, sort_order=i)
        for i, (kind, start, end, words) in enumerate(plan)
    ]


def _categories(items: list[tuple[str, str, str]]) -> list[Category]:
    return [
        Category(name=name, colour=colour, icon=icon, sort_order=i)
        for i, (name, colour, icon) in enumerate(items)
    ]


def _nowy_sacz_intro():
    return [
        heading("O co pytamy"),
        text(
            p(
                "Wiele podwórek między blokami wygląda tak samo od lat: wydeptany trawnik, "
                "zardzewiałe trzepaki, za mało koszy i ławek. Dzieci idą do szkoły przez "
                "ruchliwe ulice, a przejścia dla pieszych są słabo oświetlone.",
                "Razem z Urzędem Miasta Nowego Sącza zbieramy pomysły mieszkańców. "
                "Najlepiej ocenione trafią pod głosowanie, a te, które zbiorą co najmniej "
                "50 poparć, urzędnicy przeanalizują i odpowiedzą na nie publicznie.",
            )
        ),
        heading("Jak to działa"),
        text(
            ul(
                "Zgłaszasz pomysł: opisujesz go i zaznaczasz miejsce na mapie.",
                "Sąsiedzi komentują, popierają i zgłaszają się do pomocy.",
                "Urzędnicy sprawdzają, czy pomysł da się zrealizować i ile kosztuje.",
                "Mieszkańcy głosują, a miasto realizuje wybrane pomysły.",
            ),
            p(
                "Nie masz komputera? Przyjdź do centrum MAM – pomożemy wpisać pomysł "
                "albo przyjmiemy go na papierze."
            ),
        ),
    ]


def nowy_sacz() -> ConsultationPage:
    return ConsultationPage(
        title="Zielone podwórka i bezpieczne przejścia 2026",
        slug="zielone-podworka-2026",
        lead="Zgłoś, co zmienić na podwórkach i w drodze do szkoły: drzewa, ławki, plac "
        "zabaw, kosze na śmieci, oświetlenie i bezpieczne przejścia dla pieszych.",
        intro=_nowy_sacz_intro(),
        easy_read=p(
            "Możesz zgłosić pomysł na swoje podwórko.",
            "Na przykład: nowe drzewo, ławka, kosz na śmieci albo lampa.",
            "Możesz też napisać, gdzie trudno przejść przez ulicę.",
            "Inni mieszkańcy mogą poprzeć Twój pomysł.",
            "Potem wszyscy zagłosują.",
            "Miasto zrobi pomysły, które wygrają.",
            "Jeśli potrzebujesz pomocy, przyjdź do centrum MAM.",
        ),
        rules=p(
            "Pomysł musi dotyczyć miejsca w Nowym Sączu, które należy do miasta lub którym "
            "miasto może się zająć razem z zarządcą (np. spółdzielnią mieszkaniową).",
            "Jeden pomysł to jedno miejsce lub jedna sprawa. Możesz zgłosić kilka pomysłów.",
            "Pomysły, które dotyczą innych instytucji (np. przewoźnika autobusowego albo firmy "
            "odbierającej odpady), przekażemy im i pokażemy ich odpowiedź.",
            "Komentarze obraźliwe lub niezwiązane z konsultacją ukrywa moderator, podając powód.",
        ),
        eligibility=ConsultationPage.Eligibility.CONFIRMED,
        **MAP_VIEW["ns"],
        support_threshold=50,
        phases=_phases(
            [
                ("information", -30, -10, "Spotkania informacyjne w centrum MAM i na osiedlach."),
                ("proposals", -10, 21, "Zgłaszaj pomysły przez internet albo w centrum."),
                ("discussion", 21, 35, "Komentuj i popieraj pomysły sąsiadów."),
                ("voting", 35, 49, "Zagłosuj na pomysły, które chcesz zobaczyć."),
                ("results", 49, 56, "Ogłosimy wyniki i odpowiedzi urzędu."),
                ("implementation", 56, 240, "Miasto realizuje wybrane pomysły."),
            ]
        ),
        categories=_categories(
            [
                ("Zieleń", "#2d6a2e", "greenery"),
                ("Plac zabaw", "#7a3e9d", "playground"),
                ("Transport", "#1f4e8c", "transport"),
                ("Czystość", "#5a5a1e", "waste"),
                ("Bezpieczeństwo", "#9b2226", "safety"),
            ]
        ),
    )


def _chrzanow_intro():
    return [
        heading("Na co możesz zgłosić projekt"),
        text(
            p(
                "Na projekty mieszkańców przeznaczono w tym roku 1\u00a0200\u00a0000 zł. "
                "Projekt może kosztować najwyżej 150\u00a0000 zł.",
                "Zgłaszaj to, co przyda się wielu osobom: odnowiony plac zabaw, bezpieczne "
                "dojście do szkoły, zajęcia dla seniorów, miejsce spotkań na osiedlu.",
            )
        ),
        heading("Kto może wziąć udział"),
        text(
            p(
                "Projekty zgłaszają, popierają i wybierają zweryfikowani mieszkańcy "
                "Chrzanowa. Potwierdzisz, że tu mieszkasz, w centrum MAM (z dowodem "
                "osobistym) albo kodem z listu, który otrzymasz od urzędu."
            )
        ),
    ]


def chrzanow() -> ConsultationPage:
    return ConsultationPage(
        title="Budżet obywatelski Chrzanowa 2027",
        slug="budzet-obywatelski-2027",
        lead="Mieszkańcy Chrzanowa decydują, na co wydać część budżetu miasta w 2027 roku. "
        "Zgłoś projekt dla swojej okolicy, a potem zagłosuj.",
        intro=_chrzanow_intro(),
        easy_read=p(
            "Miasto ma pieniądze na pomysły mieszkańców.",
            "Możesz napisać, co zrobić w Twojej okolicy.",
            "Najpierw potwierdź, że mieszkasz w Chrzanowie.",
            "Zrobisz to w centrum MAM albo kodem z listu.",
            "Potem wszyscy mieszkańcy zagłosują.",
            "Miasto zrobi projekty, które wygrają.",
        ),
        rules=p(
            "Projekt musi być zgodny z zadaniami gminy i dotyczyć terenu, którym zarządza miasto.",
            "Szacunkowy koszt projektu nie może przekroczyć 150\u00a0000 zł. Urzędnicy "
            "sprawdzą koszt i podadzą go przy projekcie.",
            "Każdy zweryfikowany mieszkaniec może zgłosić najwyżej trzy projekty.",
            "Wyniki głosowania i odpowiedzi urzędu publikujemy na tej stronie.",
        ),
        eligibility=ConsultationPage.Eligibility.VERIFIED,
        **MAP_VIEW["ch"],
        support_threshold=None,
        phases=_phases(
            [
                ("information", -20, -7, "Spotkania o zasadach budżetu w centrum MAM."),
                ("proposals", -7, 28, "Zgłaszaj projekty przez internet albo w centrum."),
                ("discussion", 28, 42, "Urzędnicy sprawdzają projekty, a Ty możesz je komentować."),
                ("voting", 42, 56, "Głosuj na projekty, które chcesz zobaczyć."),
                ("results", 56, 63, "Ogłosimy wyniki głosowania."),
                ("implementation", 63, 400, "Miasto realizuje wybrane projekty w 2027 roku."),
            ]
        ),
        categories=_categories(
            [
                ("Zieleń", "#2d6a2e", "greenery"),
                ("Plac zabaw", "#7a3e9d", "playground"),
                ("Drogi i chodniki", "#4a4a4a", "roads"),
                ("Kultura i spotkania", "#8a4b08", "culture"),
                ("Sport", "#1f4e8c", "sport"),
            ]
        ),
    )


BUILDERS = {"ns": nowy_sacz, "ch": chrzanow}


def ensure_consultations(refs: Refs, user) -> int:
    """Add each centre's consultations index and demo consultation when missing."""
    created = 0
    for key, build in BUILDERS.items():
        centre = refs.pages.get(key)
        if centre is None:
            continue
        index = centre.get_children().filter(slug=INDEX_SLUG).specific().first()
        if index is None:
            index = ConsultationIndexPage(
                title="Konsultacje",
                slug=INDEX_SLUG,
                show_in_menus=True,
                intro="Tu zgłosisz pomysły dla swojej okolicy, porozmawiasz o nich z sąsiadami "
                "i zagłosujesz. Sprawdź, które konsultacje trwają teraz.",
            )
            centre.add_child(instance=index)
            index.save_revision(user=user).publish(user=user)
            created += 1
        refs.pages[f"{key}-consultations"] = index
        page = build()
        existing = Page.objects.child_of(index).filter(slug=page.slug).specific().first()
        if existing is None:
            index.add_child(instance=page)
            page.save_revision(user=user).publish(user=user)
            existing = page
            created += 1
        refs.pages[f"{key}-consultation"] = existing
    return created
