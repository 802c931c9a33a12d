"""Demo texts of the platform itself: the home page and the footer (the programme's pages
are in demo/programme.py).
"""

from demo.images import alt_text
from demo.legal import DEMO_NOTE, ORGANISATION, SITE_NAME
from demo.stream import (
    Refs,
    call_to_action,
    figure,
    heading,
    money,
    p,
    text,
    ul,
)

ORGANISATION_ADDRESS = "ul. Przykładowa 1\n33-300 Nowy Sącz"
FUNDS_URL = "https://www.funduszeeuropejskie.gov.pl/"
FUNDING = ul(
    f"wartość projektu: {money('1 897 188,00 zł')},",
    f"dofinansowanie: {money('1 828 428,00 zł')},",
    f"wkład Funduszy Europejskich: {money('1 788 858,57 zł')}.",
)
FUNDING_NOTICE = (
    "Projekt „Miejsca Aktywności Mieszkańców” jest współfinansowany ze środków Unii "
    "Europejskiej w ramach Europejskiego Funduszu Społecznego, Program Operacyjny "
    "Wiedza Edukacja Rozwój."
)
STUDY_VISIT = (
    "W dniach 14–18 stycznia 2019 r. zespoły z obu miast odwiedziły centra "
    "społecznościowe w Bańskiej Bystrzycy i Zwoleniu: Komunitné centrum Sásová, "
    "Občianske centrum „OKO” Zvolen-Západ i Komunitné centrum Fončorda. "
    "Ta wizyta studyjna oficjalnie otworzyła program."
)

HOME_TITLE = SITE_NAME
HOME_LEAD = (
    "MAM to miejsca, w których mieszkańcy, organizacje i samorząd razem zajmują się sprawami "
    "swojej okolicy. Tutaj zgłosisz pomysł, poprzesz sąsiadów i weźmiesz udział w konsultacjach."
)


def home_body(refs: Refs) -> list[dict]:
    return [
        heading("Czym jest MAM"),
        text(
            p(
                "Program „Miejsca Aktywności Mieszkańców” przenosi do polskich miast średniej "
                "wielkości sprawdzony model centrum społecznościowego. Takie centrum to usługa "
                "społeczna: samorząd zleca ją podmiotowi ekonomii społecznej (PES) – "
                "stowarzyszeniu, fundacji albo spółdzielni socjalnej – a ten prowadzi miejsce "
                "otwarte dla wszystkich mieszkańców.",
                "Program powstał dla miast, które tracą funkcje społeczne i gospodarcze: "
                "wyjeżdżają z nich młodzi ludzie, znikają instytucje i miejsca spotkań, słabną "
                "więzi sąsiedzkie. Zapraszamy wszystkich mieszkańców, także osoby z grup "
                "w trudniejszej sytuacji, które mieszkają na obszarach rewitalizowanych.",
            )
        ),
        figure(
            refs.images["houses"],
            alt_text("houses"),
            "Centrum społecznościowe to miejsce dla całej okolicy.",
        ),
        heading("Gdzie i kiedy"),
        text(
            p(
                "Pilotaż prowadzimy w dwóch miastach: w Nowym Sączu i w Chrzanowie. Program "
                "trwa od lipca 2018 r. do czerwca 2021 r. Korzystamy z doświadczeń partnerów "
                "ze Słowacji, z którymi łączy nas współpraca ponadnarodowa."
            )
        ),
        heading("Finansowanie"),
        text(
            p(
                "Projekt jest współfinansowany przez Unię Europejską ze środków Europejskiego "
                "Funduszu Społecznego w ramach Programu Operacyjnego Wiedza Edukacja Rozwój."
            ),
            FUNDING,
        ),
        call_to_action(
            "Masz pomysł na swoją okolicę?",
            "Możesz działać przez internet albo osobiście w centrum, bez smartfona i komputera.",
            "Zobacz, jak wziąć udział",
            page=refs.pages["participate"],
        ),
        text(DEMO_NOTE),
    ]


def footer_values(refs: Refs) -> dict:
    """FooterSettings values for the default site."""
    logos = [("logo_fe", FUNDS_URL), ("logo_rp", ""), ("logo_eu", "")]
    return {
        "organisation_name": ORGANISATION,
        "address": ORGANISATION_ADDRESS,
        "phone": "+48 18 000 00 00",
        "email": "kontakt@mam.example.org",
        "facebook_url": "https://facebook.example.org/mam-demo",
        "instagram_url": "https://instagram.example.org/mam-demo",
        "youtube_url": "https://youtube.example.org/@mam-demo",
        "funding_notice": FUNDING_NOTICE,
        "funding_logos": [
            {
                "type": "logo",
                "value": {
                    "image": {
                        "image": refs.images[key].pk,
                        "alt_text": alt_text(key),
                        "decorative": False,
                    },
                    "url": url,
                },
            }
            for key, url in logos
        ],
        "accessibility_statement": refs.pages["accessibility"],
        "privacy_page": refs.pages["privacy"],
    }
