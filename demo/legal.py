"""Demo texts the law asks for: terms of participation, privacy notice, accessibility statement.

They describe a made-up organisation (demo/organisation.py); replace them before going live.
The accessibility statement is in demo/accessibility_statement.py.
"""

from django.conf import settings

from demo.accessibility_statement import _accessibility_statement
from demo.organisation import DEMO_NOTE, ORGANISATION, SITE_NAME
from demo.stream import PageSpec, Refs, call_to_action, heading, p, text, ul
from home.models import ContentPage

# Other demo modules import these names from here.
__all__ = ["DEMO_NOTE", "ORGANISATION", "SITE_NAME", "legal_pages", "retention_lines"]


def _terms_body(refs: Refs) -> list[dict]:
    return [
        text(DEMO_NOTE),
        *_terms_account_and_ideas(),
        *_terms_discussion_and_voting(),
        call_to_action(
            "Twoje dane",
            "Kto przetwarza dane użytkowników platformy i jakie masz prawa.",
            "Przeczytaj politykę prywatności",
            page=refs.pages["privacy"],
        ),
    ]


def _terms_account_and_ideas() -> list:
    return [
        heading("1. Kto może brać udział"),
        text(
            p(
                "Platforma jest otwarta dla każdego, kto mieszka, pracuje lub uczy się "
                "w mieście, w którym działa centrum. Osoby poniżej 16 lat biorą udział "
                "za zgodą rodzica lub opiekuna."
            )
        ),
        heading("2. Konto"),
        text(
            ul(
                "Do założenia konta potrzebny jest adres e-mail. Nie pokazujemy go innym.",
                "Przy twoich wpisach widać nazwę, którą wybierzesz. Może to być pseudonim.",
                "Jedna osoba ma jedno konto.",
            )
        ),
        heading("3. Zgłaszanie pomysłów"),
        text(
            ul(
                "Pomysł dotyczy spraw okolicy lub miasta.",
                "Nie podawaj danych osobowych innych osób ani zdjęć, na których da się kogoś "
                "rozpoznać bez jego zgody.",
                "Zespół centrum może poprosić o uzupełnienie pomysłu albo połączyć podobne "
                "pomysły – zawsze z informacją dla autorów.",
            )
        ),
    ]


def _terms_discussion_and_voting() -> list:
    return [
        heading("4. Dyskusja"),
        text(
            ul(
                "Szanujemy się nawzajem. Krytykujemy pomysły, nie ludzi.",
                "Nie publikujemy treści obraźliwych ani nawołujących do nienawiści, reklam "
                "ani spamu.",
                "Każdy może zgłosić wpis, który łamie zasady. Moderator sprawdza zgłoszenie, "
                "a gdy ukrywa wpis, podaje powód.",
            )
        ),
        heading("5. Głosowanie"),
        text(
            ul(
                "W każdym głosowaniu głosujesz raz: przez internet albo na papierowej karcie "
                "w centrum.",
                "Głos jest tajny: zapisujemy, że ktoś zagłosował, ale nie to, na co.",
                "Przed głosowaniem może być potrzebne potwierdzenie, że mieszkasz w mieście, "
                "na przykład kodem otrzymanym w centrum.",
                "Wyniki publikujemy razem z danymi, z których każdy może je przeliczyć.",
            )
        ),
        heading("6. Zmiany zasad"),
        text(
            p(
                "O zmianach informujemy na platformie co najmniej 14 dni przed ich wejściem "
                "w życie. Zmiany nie dotyczą głosowań, które już trwają."
            )
        ),
    ]


def retention_lines() -> list[str]:
    """The privacy notice's periods for personal data, as MAM_RETENTION_DAYS sets them."""
    days = settings.MAM_RETENTION_DAYS
    return [
        f"imiona, nazwiska i adresy osób głosujących na papierowych kartach – "
        f"{days['paper_voters']} dni od ogłoszenia wyników (gdy nie można już ich "
        f"zakwestionować); sam wynik i anonimowe karty zostają,",
        f"oświadczenia o zamieszkaniu (imię, nazwisko, adres) – {days['residency_declarations']} "
        f"dni od zakończenia weryfikacji albo od odrzucenia oświadczenia,",
        f"listy poparcia propozycji (kto poparł) – {days['supports']} dni od zakończenia "
        f"konsultacji; liczba poparć zostaje,",
        f"imię, nazwisko, telefon i e-mail osoby, dla której pracownik centrum zarezerwował "
        f"salę (na miejscu lub przez telefon) – {days['room_callers']} dni od końca "
        f"rezerwacji; sama rezerwacja zostaje w rocznym zestawieniu,",
        f"imię i nazwisko osoby zapisanej na zajęcia przez pracownika centrum (bez konta) – "
        f"{days['desk_sign_ups']} dni od daty zajęć; liczba zapisanych i obecnych zostaje,",
    ]


def _privacy_body(refs: Refs) -> list[dict]:
    """The privacy notice (RODO art. 13), in the order the law lists what it must say."""
    return [*_privacy_who_and_why(refs), *_privacy_keeping_and_rights(refs)]


def _privacy_who_and_why(refs: Refs) -> list[dict]:
    """Who controls the data, why it is processed, what is collected and who receives it."""
    return [
        text(
            p(
                "<i>Wersja demonstracyjna: administratorem danych jest organizacja przykładowa. "
                "Przed uruchomieniem platformy wpisz tu dane swojej organizacji i uzgodnij "
                "treść z inspektorem ochrony danych.</i>"
            )
        ),
        *_privacy_controller(),
        *_privacy_purposes_and_recipients(),
    ]


def _privacy_controller() -> list:
    return [
        heading("Administrator danych"),
        text(
            p(
                f"Administratorem twoich danych osobowych jest {ORGANISATION}, "
                "ul. Przykładowa 1, 33-300 Nowy Sącz, e-mail: kontakt@mam.example.org, "
                "tel. +48 18 000 00 00."
            )
        ),
        heading("Inspektor ochrony danych"),
        text(
            p(
                "We wszystkich sprawach dotyczących twoich danych możesz skontaktować się "
                "z naszym inspektorem ochrony danych: e-mail iod@mam.example.org, "
                "tel. +48 18 000 00 10, albo listownie na adres administratora z dopiskiem "
                "„Inspektor ochrony danych”."
            )
        ),
    ]


def _privacy_purposes_and_recipients() -> list:
    return [
        heading("Po co przetwarzamy dane i na jakiej podstawie"),
        text(
            ul(
                "prowadzenie konta i udział w konsultacjach: zgłaszanie pomysłów, dyskusja, "
                "głosowanie – art. 6 ust. 1 lit. b RODO (usługa, o którą prosisz, zgodnie "
                "z zasadami udziału),",
                "potwierdzenie, że mieszkasz w mieście, gdy wymagają tego zasady głosowania – "
                "art. 6 ust. 1 lit. e RODO (zadanie w interesie publicznym, zlecone przez "
                "samorząd),",
                "rozliczenie projektu współfinansowanego z Europejskiego Funduszu Społecznego, "
                "jeśli bierzesz udział w jego działaniach, na przykład w warsztatach – "
                "art. 6 ust. 1 lit. c RODO (obowiązek prawny),",
                "powiadomienia o obserwowanych sprawach i newsletter – art. 6 ust. 1 lit. a RODO "
                "(twoja zgoda, którą możesz w każdej chwili wycofać),",
                "bezpieczeństwo platformy, ochrona przed nadużyciami i dochodzenie roszczeń – "
                "art. 6 ust. 1 lit. f RODO (nasz prawnie uzasadniony interes).",
            )
        ),
        heading("Jakie dane zbieramy"),
        text(
            ul(
                "adres e-mail i hasło (hasło przechowujemy tylko w postaci zabezpieczonej),",
                "nazwę wyświetlaną, którą wybierasz,",
                "treści, które publikujesz: pomysły, komentarze, zdjęcia,",
                "informację o udziale w głosowaniu – bez treści głosu,",
                "dane potrzebne do potwierdzenia zamieszkania – tylko gdy są wymagane,",
                "dane techniczne, takie jak adres IP, przez krótki czas.",
            )
        ),
        heading("Komu przekazujemy dane"),
        text(
            p(
                "Twoje dane mogą otrzymać: firma hostingowa i firma, która serwisuje platformę "
                "(na podstawie umowy powierzenia), samorząd, który zlecił prowadzenie centrum – "
                "wyniki konsultacji, zwykle w formie zbiorczej – oraz instytucje kontrolujące "
                "projekty finansowane z funduszy Unii Europejskiej. Nie przekazujemy danych "
                "poza Europejski Obszar Gospodarczy."
            )
        ),
    ]


def _privacy_keeping_and_rights(refs: Refs) -> list[dict]:
    """How long data is kept, the person's rights, whether they must give data, cookies."""
    return [
        heading("Jak długo przechowujemy dane"),
        text(
            ul(
                "dane konta – do jego usunięcia; kopie zapasowe nadpisujemy w ciągu 30 dni,",
                "pomysły, komentarze i wyniki głosowań – przez czas trwania konsultacji "
                "i archiwizacji dokumentacji projektu,",
                "dane uczestników projektu – przez okres wymagany przepisami o funduszach "
                "Unii Europejskiej,",
                *retention_lines(),
                "dzienniki techniczne – do 90 dni,",
                "dane przetwarzane na podstawie zgody – do jej wycofania.",
            )
        ),
        heading("Twoje prawa"),
        text(
            p("Masz prawo:"),
            ul(
                "dostępu do swoich danych i otrzymania ich kopii,",
                "sprostowania danych,",
                "usunięcia danych,",
                "ograniczenia przetwarzania,",
                "przenoszenia danych,",
                "sprzeciwu wobec przetwarzania opartego na interesie publicznym lub naszym "
                "prawnie uzasadnionym interesie,",
                "wycofania zgody w każdej chwili – nie zmienia to zgodności z prawem tego, "
                "co zrobiliśmy wcześniej.",
            ),
            p(
                "Możesz też złożyć skargę do Prezesa Urzędu Ochrony Danych Osobowych "
                "(ul. Stawki 2, 00-193 Warszawa)."
            ),
        ),
        heading("Czy musisz podać dane"),
        text(
            p(
                "Adres e-mail jest potrzebny do założenia konta. Bez konta możesz czytać "
                "wszystkie treści, a pomysł zgłosisz lub zagłosujesz osobiście w centrum. "
                "Nie podejmujemy decyzji w sposób zautomatyzowany i nie profilujemy "
                "użytkowników."
            )
        ),
        heading("Pliki cookies"),
        text(
            p(
                "Używamy tylko niezbędnych plików cookies: do logowania, zapamiętania języka "
                "i ochrony formularzy. Nie używamy cookies reklamowych ani analitycznych."
            )
        ),
    ]


def legal_pages() -> list[PageSpec]:
    """Terms, privacy notice and accessibility statement: linked from the footer, not the menu."""
    return [
        PageSpec(
            "terms",
            ContentPage,
            "zasady-udzialu",
            "Zasady udziału",
            {"lead": "Proste reguły, dzięki którym dyskusja jest rzeczowa, a głosowanie uczciwe."},
            _terms_body,
        ),
        PageSpec(
            "privacy",
            ContentPage,
            "polityka-prywatnosci",
            "Polityka prywatności i klauzula informacyjna RODO",
            {"lead": "Kto przetwarza twoje dane osobowe, w jakim celu i jakie masz prawa."},
            _privacy_body,
        ),
        _accessibility_statement(),
    ]
