"""The demo's accessibility statement (deklaracja dostępności): a made-up organisation's
statement; replace it before going live.
"""

import datetime

from demo.organisation import ORGANISATION, SITE_NAME
from demo.stream import PageSpec, p, ul
from home.models import AccessibilityStatementPage


def _inaccessible_content():
    return p(
        "Strona jest częściowo zgodna z ustawą z dnia 4 kwietnia 2019 r. o dostępności "
        "cyfrowej stron internetowych i aplikacji mobilnych podmiotów publicznych "
        "z powodu niezgodności lub wyłączeń wymienionych poniżej."
    ) + ul(
        "Część dokumentów PDF z lat 2018–2019 (listy obecności, notatki ze spotkań "
        "sąsiedzkich, plakaty) to skany bez warstwy tekstowej. Zastępujemy je "
        "stopniowo wersjami dostępnymi.",
        "Nagrania wideo z wizyty studyjnej w styczniu 2019 r. nie mają napisów. "
        "Opublikowano je przed 23 września 2020 r., więc są wyłączone z obowiązku "
        "zapewnienia dostępności.",
        "Mapa z lokalizacją pomysłów nie jest w pełni dostępna dla osób niewidomych. "
        "Każdy pomysł ma opis miejsca w tekście, a lista pomysłów zawiera te same "
        "informacje co mapa.",
        "Zdjęcia dodawane przez mieszkańców (treści osób trzecich) mogą nie mieć "
        "tekstu alternatywnego.",
    )


def _architectural_accessibility():
    return (
        "<h3>MAM Nowy Sącz, ul. Przykładowa 12</h3>"
        + p(
            "Wejście główne jest na poziomie chodnika, drzwi otwierają się automatycznie. "
            "Recepcja i sala spotkań są na parterze. Na parterze jest toaleta dla osób "
            "z niepełnosprawnościami, a w recepcji przenośna pętla indukcyjna. Przed "
            "budynkiem są dwa miejsca parkingowe dla osób z niepełnosprawnościami."
        )
        + "<h3>MAM Chrzanów, ul. Przykładowa 5</h3>"
        + p(
            "Do budynku prowadzi podjazd od strony parkingu. Sala warsztatowa jest "
            "na piętrze, prowadzi do niej winda. Toaleta dla osób z niepełnosprawnościami "
            "jest na parterze. Pętli indukcyjnej na razie nie ma."
        )
        + p(
            "Do obu centrów można wejść z psem asystującym. Tłumacza polskiego języka "
            "migowego zapewnimy, jeśli zgłosisz to co najmniej 3 dni robocze wcześniej."
        )
    )


def _accessibility_statement() -> PageSpec:
    return PageSpec(
        "accessibility",
        AccessibilityStatementPage,
        "deklaracja-dostepnosci",
        "Deklaracja dostępności",
        {
            "entity_name": ORGANISATION,
            "site_name": SITE_NAME,
            "site_url": "https://mam.example.org/",
            "published_on": datetime.date(2018, 10, 1),
            "updated_on": datetime.date(2021, 6, 15),
            "compliance": AccessibilityStatementPage.Compliance.PARTIAL,
            "inaccessible_content": _inaccessible_content(),
            "alternative_access": p(
                "Jeśli potrzebujesz treści, która nie jest dostępna, napisz lub zadzwoń "
                "do osoby kontaktowej. Przygotujemy wersję dostępną – na przykład dokument "
                "tekstowy zamiast skanu – najpóźniej w ciągu 7 dni. Możesz też przyjść "
                "do centrum w godzinach otwarcia: pracownik przeczyta ci dokument lub pomoże "
                "go wypełnić."
            ),
            "prepared_on": datetime.date(2020, 3, 30),
            "reviewed_on": datetime.date(2021, 3, 31),
            "assessment": AccessibilityStatementPage.Assessment.SELF,
            "assessed_by": "Zespół platformy MAM",
            "contact_person": "Anna Przykładowa",
            "contact_email": "dostepnosc@mam.example.org",
            "contact_phone": "+48 18 000 00 20",
            "keyboard_shortcuts": "Na stronie działają standardowe skróty klawiszowe "
            "przeglądarki. Strona nie ma własnych skrótów.",
            "architectural_accessibility": _architectural_accessibility(),
            "mobile_apps": "Nie udostępniamy aplikacji mobilnych. Platforma działa "
            "w przeglądarce na telefonie.",
        },
    )
