"""The demo's three vote consultations as pages (their phases, categories and voting rules),
and their texts: the civic budget's projects, the summer budget's, the playgrounds, the paper
voters. demo/voting.py adds them and casts their ballots.
"""

from decimal import Decimal

from wagtail.models import Page

from consultations import counting_rules
from consultations.models import ConsultationPage
from demo.consultations import MAP_VIEW, _categories, _phases
from demo.stream import heading, p, text

Method = ConsultationPage.VotingMethod

# (title, body, official cost, district or None, category)
BUDGET_2026 = [
    (
        "Nowe oświetlenie przejścia przy Szkole Podstawowej nr 10",
        "Doświetlenie przejścia dla pieszych lampami LED i znak aktywny, bo zimą dzieci idą "
        "do szkoły po ciemku.",
        "95000",
        None,
        "Bezpieczeństwo",
    ),
    (
        "Zielony skwer przy ul. Lwowskiej",
        "Nasadzenia drzew i krzewów, cztery ławki i kosze na zaniedbanym placu przy ul. Lwowskiej.",
        "140000",
        None,
        "Zieleń",
    ),
    (
        "Siłownia pod chmurką na Plantach",
        "Sześć urządzeń do ćwiczeń dla dorosłych i seniorów z tablicą z instrukcjami.",
        "78000",
        None,
        "Sport",
    ),
    (
        "Potańcówki i kino letnie w parku Strzeleckim",
        "Osiem letnich wieczorów z muzyką na żywo i filmami pod gołym niebem, wstęp wolny.",
        "45000",
        None,
        "Kultura",
    ),
    (
        "Remont placu zabaw przy ul. Zielonej",
        "Wymiana zniszczonych huśtawek i zjeżdżalni, bezpieczna nawierzchnia i ogrodzenie.",
        "120000",
        None,
        "Plac zabaw",
    ),
    (
        "Ławki i stojaki na rowery przy przychodni na Zawadzie",
        "Osiem ławek z oparciami i stojaki na dwadzieścia rowerów przed przychodnią.",
        "30000",
        "Zawada",
        "Bezpieczeństwo",
    ),
    (
        "Chodnik do przystanku na ul. Zawadzkiej",
        "Brakujący odcinek chodnika, 180 metrów, żeby nie chodzić poboczem.",
        "65000",
        "Zawada",
        "Bezpieczeństwo",
    ),
]

SUMMER_2027 = [
    ("Kurtyna wodna na rynku w upalne dni", "Mgiełka wodna przy fontannie.", "25000", "Zieleń"),
    (
        "Warsztaty rowerowe dla dzieci",
        "Nauka jazdy i napraw rowerów w wakacje.",
        "12000",
        "Sport",
    ),
    (
        "Zacienione miejsce do gry w szachy w parku",
        "Stoły do szachów pod zadaszeniem.",
        "18000",
        "Kultura",
    ),
    ("Poidełka z wodą pitną na Plantach", "Dwa poidełka dla ludzi i psów.", "22000", "Zieleń"),
    (
        "Letnie czytanie dla seniorów w bibliotece",
        "Spotkania z głośnym czytaniem i kawą.",
        "8000",
        "Kultura",
    ),
]

PLAYGROUNDS = [
    ("Plac zabaw przy ul. Krakowskiej", "Stare huśtawki i piaskownica bez ogrodzenia."),
    ("Plac zabaw na osiedlu Północ", "Brak zjeżdżalni dla małych dzieci i cienia."),
    ("Plac zabaw przy Szkole Podstawowej nr 3", "Zniszczona nawierzchnia, ostre krawędzie."),
    ("Plac zabaw w parku Tysiąclecia", "Brak urządzeń dostępnych dla dzieci na wózkach."),
]

CATEGORIES = [
    ("Zieleń", "#2d6a2e", "greenery"),
    ("Bezpieczeństwo", "#8a1c1c", "safety"),
    ("Sport", "#1f4e8c", "sport"),
    ("Kultura", "#8a4b08", "culture"),
    ("Plac zabaw", "#7a3e9d", "playground"),
]

PAPER_VOTERS = [
    ("Stanisława Nowak", "ul. Lwowska 12/4"),
    ("Henryk Wiśniewski", "ul. Zielona 3"),
    ("Teresa Mazur", "ul. Kunegundy 8/1"),
    ("Zbigniew Krawczyk", "ul. Zawadzka 41"),
    ("Halina Zając", "ul. Długosza 5/12"),
    ("Kazimierz Wróbel", "ul. Jagiellońska 30"),
    ("Irena Pawlak", "ul. Lwowska 77/2"),
    ("Józefa Dudek", "ul. Zawadzka 15"),
]


def _budget_2026() -> ConsultationPage:
    return ConsultationPage(
        title="Budżet obywatelski Nowego Sącza 2026",
        slug="budzet-obywatelski-2026",
        lead="Mieszkańcy wybrali projekty, które miasto zrealizuje w 2026 roku. "
        "Zobacz wyniki głosowania i sprawdź je sam.",
        intro=[
            heading("Jak głosowaliśmy"),
            text(
                p(
                    "Na projekty dla całego miasta było 300\u00a0000 zł, a na projekty "
                    "osiedla Zawada osobno 80\u00a0000 zł.",
                    "Głosować można było przez internet albo na papierowej karcie w centrum MAM.",
                )
            ),
        ],
        rules=p(
            "Każdy zweryfikowany mieszkaniec mógł wybrać projekty, których łączny koszt nie "
            "przekracza kwoty do podziału.",
            "Wygrywają projekty z największą liczbą głosów, dopóki starcza pieniędzy.",
            "Gdy remis decyduje o finansowaniu, o kolejności rozstrzyga publiczne losowanie "
            "z protokołem.",
        ),
        eligibility=ConsultationPage.Eligibility.VERIFIED,
        **MAP_VIEW["ns"],
        voting_method=Method.BUDGET,
        budget_amount=Decimal("300000"),
        show_turnout=True,
        tie_rule=counting_rules.TieRule.LOT,
        phases=_phases(
            [
                ("proposals", -150, -110, "Zgłaszanie projektów."),
                ("discussion", -110, -70, "Ocena projektów przez urząd i dyskusja."),
                ("voting", -70, -56, "Głosowanie przez internet i w centrum MAM."),
                ("results", -56, -49, "Ogłoszenie wyników."),
                ("implementation", -49, 330, "Realizacja wybranych projektów."),
            ]
        ),
        categories=_categories(CATEGORIES),
    )


def _summer_2027() -> ConsultationPage:
    return ConsultationPage(
        title="Budżet na lato 2027",
        slug="budzet-na-lato-2027",
        lead="Mamy 50\u00a0000 zł na letnie pomysły mieszkańców. Wybierz projekty, które "
        "zmieszczą się w tej kwocie.",
        intro=[
            heading("Jak głosować"),
            text(
                p(
                    "Zaznacz projekty, na które chcesz głosować. Ich łączny koszt nie może "
                    "przekroczyć 50\u00a0000 zł. Głos możesz zmienić do końca głosowania.",
                    "Nie masz internetu? Zagłosuj na papierowej karcie w centrum MAM.",
                )
            ),
        ],
        easy_read=p(
            "Miasto ma 50 tysięcy złotych na lato.",
            "Wybierz pomysły, które Ci się podobają.",
            "Razem nie mogą kosztować więcej niż 50 tysięcy złotych.",
        ),
        eligibility=ConsultationPage.Eligibility.VERIFIED,
        **MAP_VIEW["ns"],
        voting_method=Method.BUDGET,
        budget_amount=Decimal("50000"),
        show_turnout=True,
        phases=_phases(
            [
                ("proposals", -40, -20, "Zgłaszanie pomysłów."),
                ("discussion", -20, -5, "Urząd sprawdził koszty."),
                ("voting", -5, 10, "Głosowanie przez internet i w centrum MAM."),
                ("results", 10, 17, "Ogłoszenie wyników."),
            ]
        ),
        categories=_categories(CATEGORIES),
    )


def _playgrounds() -> ConsultationPage:
    return ConsultationPage(
        title="Który plac zabaw odnowić najpierw?",
        slug="ktory-plac-zabaw",
        lead="Miasto odnowi w przyszłym roku jeden plac zabaw. Wybierz najwyżej dwa, "
        "które potrzebują tego najbardziej.",
        intro=[
            heading("Jak głosować"),
            text(
                p(
                    "Możesz wskazać jeden albo dwa place zabaw. Wygrywa ten z największą liczbą "
                    "głosów."
                )
            ),
        ],
        eligibility=ConsultationPage.Eligibility.CONFIRMED,
        **MAP_VIEW["ch"],
        voting_method=Method.APPROVAL,
        max_choices=2,
        winners_count=1,
        show_turnout=True,
        phases=_phases(
            [
                ("information", -14, -3, "Spotkania na placach zabaw."),
                ("voting", -3, 11, "Głosowanie."),
                ("results", 11, 18, "Ogłoszenie wyniku."),
            ]
        ),
        categories=_categories([("Plac zabaw", "#7a3e9d", "playground")]),
    )


def _add(index: Page, page: ConsultationPage, user) -> ConsultationPage | None:
    if Page.objects.child_of(index).filter(slug=page.slug).exists():
        return None
    index.add_child(instance=page)
    page.save_revision(user=user).publish(user=user)
    return ConsultationPage.objects.get(pk=page.pk)
