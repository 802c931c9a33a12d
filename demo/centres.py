"""Demo texts of the two pilot centres, Nowy Sącz and Chrzanów, and their own pages."""

from decimal import Decimal

from demo.images import alt_text
from demo.legal import ORGANISATION
from demo.news_chrzanow import CHRZANOW
from demo.news_nowy_sacz import NOWY_SACZ
from demo.stream import PageSpec, Refs, call_to_action, figure, heading, p, text, ul
from home.models import CentrePage, ContentPage, NewsIndexPage

CENTRES = [
    {
        "key": "ns",
        "slug": "nowy-sacz",
        "title": "MAM Nowy Sącz",
        "town": "Nowy Sącz",
        "locative": "w Nowym Sączu",
        "lead": "Centrum aktywności mieszkańców w Nowym Sączu: spotkania sąsiedzkie, warsztaty "
        "i wspólne działania dla okolicy.",
        "address": "ul. Przykładowa 12\n33-300 Nowy Sącz",
        "opening_hours": "Poniedziałek–piątek: 10:00–18:00\n"
        "Sobota: 10:00–14:00\n"
        "Niedziela i święta: nieczynne",
        "phone": "+48 18 000 01 00",
        "email": "nowysacz@mam.example.org",
        "latitude": Decimal("49.625000"),
        "longitude": Decimal("20.691000"),
        "accessibility_info": "Wejście główne na poziomie chodnika, drzwi otwierane "
        "automatycznie. Recepcja, sala spotkań i toaleta dla osób z niepełnosprawnościami "
        "na parterze. Przenośna pętla indukcyjna w recepcji. Dwa miejsca parkingowe dla osób "
        "z niepełnosprawnościami przed budynkiem.",
        "meetings": "w pierwszy wtorek miesiąca o 17:00",
        "issues": "pojemnikami na odpady przy blokach, połączeniami autobusowymi i zielenią "
        "na skwerze przy centrum",
        "image": "bins",
        "team": [
            "Ewa – koordynatorka centrum,",
            "Tomasz – organizator społeczności lokalnej,",
            "Magda – animatorka, prowadzi warsztaty dla młodzieży,",
            "pani Halina – wolontariuszka, dyżuruje w recepcji we wtorki i czwartki.",
        ],
        "news": NOWY_SACZ,
    },
    {
        "key": "ch",
        "slug": "chrzanow",
        "title": "MAM Chrzanów",
        "town": "Chrzanów",
        "locative": "w Chrzanowie",
        "lead": "Centrum aktywności mieszkańców w Chrzanowie: miejsce, w którym sąsiedzi "
        "spotykają się, uczą i razem zmieniają swoją okolicę.",
        "address": "ul. Przykładowa 5\n32-500 Chrzanów",
        "opening_hours": "Poniedziałek, środa, piątek: 9:00–17:00\n"
        "Wtorek, czwartek: 12:00–20:00\n"
        "Sobota: 10:00–14:00 (pierwsza i trzecia sobota miesiąca)\n"
        "Niedziela i święta: nieczynne",
        "phone": "+48 32 000 02 00",
        "email": "chrzanow@mam.example.org",
        "latitude": Decimal("50.135000"),
        "longitude": Decimal("19.402000"),
        "accessibility_info": "Podjazd dla wózków od strony parkingu. Sala warsztatowa "
        "na piętrze, dostępna windą. Toaleta dla osób z niepełnosprawnościami na parterze. "
        "Pętli indukcyjnej na razie nie ma – jeśli jej potrzebujesz, powiedz nam, "
        "przygotujemy inne rozwiązanie.",
        "meetings": "w drugi czwartek miesiąca o 18:00",
        "issues": "starym placem zabaw, planowanym masztem przy osiedlu i bezpiecznym "
        "dojściem do szkoły",
        "image": "playground",
        "team": [
            "Agnieszka – koordynatorka centrum,",
            "Paweł – organizator społeczności lokalnej,",
            "Ola – animatorka, prowadzi zajęcia dla dzieci i rodziców,",
            "pan Stanisław – wolontariusz, opiekuje się ogródkiem przy centrum.",
        ],
        "news": CHRZANOW,
    },
]


def _centre_body(centre: dict):
    def body(refs: Refs) -> list[dict]:
        return [
            heading("Co się u nas dzieje"),
            text(
                ul(
                    f"spotkania sąsiedzkie – {centre['meetings']},",
                    "dyżur animatorki lub animatora – codziennie w godzinach otwarcia: "
                    "przyjdź ze swoją sprawą, pomożemy ją zgłosić,",
                    "warsztaty dla dorosłych i młodzieży – terminy podajemy w aktualnościach,",
                    "kącik dla dzieci oraz kawa i herbata dla dorosłych – bezpłatnie.",
                )
            ),
            heading("Sprawy, którymi zajmują się mieszkańcy"),
            text(
                p(
                    "Zgłoś sprawę, a pomożemy znaleźć sąsiadów, którzy chcą ją załatwić. "
                    f"Mieszkańcy zajmowali się tu między innymi {centre['issues']}."
                )
            ),
            figure(refs.images[centre["image"]], alt_text(centre["image"])),
            call_to_action(
                "Masz sprawę ze swojej okolicy?",
                "Przyjdź do centrum albo zgłoś ją przez internet.",
                "Zobacz, jak zgłosić sprawę",
                page=refs.pages["participate"],
            ),
        ]

    return body


def _about_body(centre: dict):
    def body(refs: Refs) -> list[dict]:
        return [
            heading("Jak powstało centrum"),
            text(
                p(
                    f"Centrum działa {centre['locative']} od 2019 r. w ramach pilotażu programu "
                    "MAM. Prowadzi je organizacja społeczna – w tej wersji demonstracyjnej: "
                    f"{ORGANISATION}.",
                    "Zaczęliśmy od rozmów z mieszkańcami na podwórkach i klatkach schodowych. "
                    "To oni zdecydowali, czym centrum zajmie się najpierw.",
                )
            ),
            heading("Co znajdziesz w centrum"),
            text(
                ul(
                    "salę spotkań dla 40 osób,",
                    "pracownię warsztatową,",
                    "kącik dla dzieci,",
                    "kuchnię, z której mogą korzystać grupy mieszkańców,",
                    "komputer z drukarką dla osób, które nie mają ich w domu.",
                )
            ),
            heading("Nasze wartości"),
            text(
                p(
                    "Sprawczość, wzajemność, otwartość i współodpowiedzialność – "
                    f"{refs.link('values', 'przeczytaj, co znaczą w praktyce')}."
                )
            ),
        ]

    return body


def _team_body(centre: dict):
    def body(refs: Refs) -> list[dict]:
        return [
            heading("Zespół"),
            text(ul(*centre["team"]), p("<i>Imiona i role są przykładowe.</i>")),
            heading("Kontakt"),
            text(
                ul(
                    f"adres: {centre['address'].replace(chr(10), ', ')},",
                    f"telefon: {centre['phone']},",
                    f"e-mail: {centre['email']}.",
                ),
                p(
                    "Godziny otwarcia i informacje o dostępności budynku znajdziesz na "
                    f"{refs.link(centre['key'], 'stronie centrum')}."
                ),
            ),
            heading("Jak do nas trafić"),
            text(
                p(
                    "Najbliższy przystanek autobusowy jest około 200 metrów od wejścia. "
                    "Przy budynku jest stojak na rowery."
                )
            ),
        ]

    return body


def _centre_children(centre: dict, key: str):
    """A centre's about, team and news pages."""
    return [
        PageSpec(
            f"{key}-about",
            ContentPage,
            "o-centrum",
            "O centrum",
            {
                "lead": "Jak powstało centrum, kto je prowadzi i co w nim znajdziesz.",
                "show_in_menus": True,
            },
            _about_body(centre),
        ),
        PageSpec(
            f"{key}-team",
            ContentPage,
            "zespol-i-kontakt",
            "Zespół i kontakt",
            {
                "lead": "Kto pracuje w centrum i jak się z nami skontaktować.",
                "show_in_menus": True,
            },
            _team_body(centre),
        ),
        PageSpec(
            f"{key}-news",
            NewsIndexPage,
            "aktualnosci",
            "Aktualności",
            {
                "intro": f"Co słychać w {centre['title']}: spotkania, warsztaty "
                "i sprawy, którymi zajmują się mieszkańcy.",
                "show_in_menus": True,
            },
            children=centre["news"],
        ),
    ]


def centre_pages() -> list[PageSpec]:
    """Both centres, each with its about, team and news pages."""
    specs = []
    for centre in CENTRES:
        key = centre["key"]
        specs.append(
            PageSpec(
                key,
                CentrePage,
                centre["slug"],
                centre["title"],
                {
                    "show_in_menus": True,
                    **{
                        name: centre[name]
                        for name in (
                            "town",
                            "lead",
                            "address",
                            "opening_hours",
                            "phone",
                            "email",
                            "latitude",
                            "longitude",
                            "accessibility_info",
                        )
                    },
                },
                _centre_body(centre),
                children=_centre_children(centre, key),
            )
        )
    return specs
