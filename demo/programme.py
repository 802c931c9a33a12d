"""Demo texts of the programme's pages: about MAM, its values, how to take part."""

from demo.images import alt_text
from demo.platform import FUNDING, STUDY_VISIT
from demo.stream import (
    PageSpec,
    Refs,
    call_to_action,
    figure,
    heading,
    p,
    text,
    ul,
)
from home.models import ContentPage


def _about_body(refs: Refs) -> list[dict]:
    return [
        heading("Centrum społecznościowe jako usługa społeczna"),
        text(
            p(
                "W modelu MAM samorząd nie prowadzi centrum sam. Zleca to zadanie podmiotowi "
                "ekonomii społecznej (PES): organizacji pozarządowej, spółdzielni socjalnej "
                "albo innej organizacji, która działa dla dobra wspólnego, a nie dla zysku. "
                "Dzięki temu centrum jest blisko mieszkańców, a jednocześnie ma stałe wsparcie "
                "miasta.",
                "Centrum ma swój adres i godziny otwarcia. Pracują w nim animatorki "
                "i animatorzy, którzy pomagają mieszkańcom zorganizować się wokół spraw "
                "ważnych dla okolicy.",
            )
        ),
        heading("Dla kogo"),
        text(
            p(
                "Dla wszystkich mieszkańców. Szczególnie zależy nam na osobach, których głos "
                "rzadko słychać: seniorach, osobach z niepełnosprawnościami, rodzinach "
                "w trudnej sytuacji i mieszkańcach obszarów rewitalizowanych."
            )
        ),
        heading("Jak pracujemy"),
        text(
            ul(
                "słuchamy – rozmawiamy z mieszkańcami na podwórkach, na klatkach schodowych "
                "i w centrum,",
                "zbieramy sprawy – od pojemników na odpady po połączenia autobusowe,",
                "organizujemy spotkania sąsiedzkie, na których mieszkańcy wybierają, czym "
                "zająć się najpierw,",
                "wspieramy grupy mieszkańców w rozmowach z urzędem i innymi instytucjami,",
                "pokazujemy efekty – także na tej platformie.",
            )
        ),
        heading("Miasta pilotażowe i współpraca ze Słowacją"),
        text(
            p(
                "Model sprawdzamy w Nowym Sączu i w Chrzanowie od lipca 2018 r. do czerwca "
                "2021 r. Korzystamy z doświadczeń słowackich centrów społecznościowych.",
                STUDY_VISIT,
            )
        ),
        heading("Finansowanie"),
        text(
            p(
                "Program jest finansowany z Europejskiego Funduszu Społecznego w ramach "
                "Programu Operacyjnego Wiedza Edukacja Rozwój."
            ),
            FUNDING,
        ),
        call_to_action(
            "Cztery wartości MAM",
            "Sprawczość, wzajemność, otwartość i współodpowiedzialność – co znaczą w praktyce.",
            "Poznaj nasze wartości",
            page=refs.pages["values"],
        ),
    ]


VALUES = [
    (
        "Sprawczość",
        "Każdy z nas może mieć wpływ na to, co dzieje się w okolicy. W centrum mieszkańcy "
        "przekonują się, że ich głos coś zmienia: zgłaszają sprawę, zbierają sąsiadów, "
        "rozmawiają z urzędem i widzą efekt. Po drodze zdobywają umiejętności miękkie: "
        "prowadzenia spotkań, negocjacji, wystąpień i pracy w grupie.",
    ),
    (
        "Wzajemność",
        "Centrum to wspólnota. Pomagamy sobie nawzajem: ktoś poprowadzi warsztaty, ktoś upiecze "
        "ciasto na spotkanie, ktoś inny pomoże sąsiadce wypełnić wniosek. Satysfakcja z tego, "
        "że robimy coś dla wspólnego dobra, jest nagrodą samą w sobie.",
    ),
    (
        "Otwartość",
        "Centrum jest otwarte dla każdego mieszkańca – bez względu na wiek, wykształcenie, "
        "poglądy, pochodzenie czy stan zdrowia. Wstęp jest bezpłatny, a na spotkania nie trzeba "
        "się zapisywać. Dbamy o to, żeby budynek i ta strona były dostępne dla osób "
        "z niepełnosprawnościami.",
    ),
    (
        "Współodpowiedzialność",
        "Centrum współtworzą i utrzymują wszyscy, którzy z niego korzystają. Mieszkańcy "
        "współdecydują o programie, dbają o wspólną przestrzeń i dotrzymują podjętych "
        "zobowiązań. Zespół centrum wspiera, ale nie wyręcza.",
    ),
]


def _values_body(refs: Refs) -> list[dict]:
    blocks = []
    for name, description in VALUES:
        blocks += [heading(name), text(p(description))]
    blocks.insert(
        2,
        figure(
            refs.images["meeting"],
            alt_text("meeting"),
            "Przy wspólnym stole każdy ma swoje miejsce.",
        ),
    )
    return blocks


def _participate_body(refs: Refs) -> list[dict]:
    return [
        heading("Przez internet"),
        text(
            ul(
                "Załóż konto – wystarczy adres e-mail.",
                "Zgłoś pomysł albo sprawę, którą warto się zająć. Możesz zaznaczyć miejsce "
                "na mapie i dodać zdjęcie.",
                "Poprzyj pomysły sąsiadów i dołącz do dyskusji.",
                "Zgłoś się do pomocy przy pomyśle, który ci się podoba.",
                "Zagłosuj, gdy trwa głosowanie.",
            )
        ),
        heading("Osobiście w centrum"),
        text(
            p(
                "Nie masz smartfona, komputera ani adresu e-mail? Przyjdź do centrum "
                "w godzinach otwarcia. Przy recepcji pracownik centrum:"
            ),
            ul(
                "zapisze twój pomysł i doda go na platformę z informacją „zgłoszono w centrum”,",
                "pomoże ci poprzeć pomysły innych mieszkańców,",
                "wyda ci kartę do głosowania papierowego, gdy trwa głosowanie,",
                "wydrukuje aktualną listę pomysłów i wyniki.",
            ),
            p(
                "Możesz też zadzwonić. Numer telefonu i godziny otwarcia znajdziesz na stronie "
                "swojego centrum."
            ),
        ),
        heading("Na spotkaniach sąsiedzkich"),
        text(
            p(
                "Co miesiąc zapraszamy na spotkania sąsiedzkie. Rozmawiamy o sprawach okolicy "
                "i razem decydujemy, czym zająć się najpierw. Terminy ogłaszamy "
                "w aktualnościach, na tablicy w centrum i na klatkach schodowych."
            )
        ),
        heading("Kto może wziąć udział"),
        text(
            p(
                "Każdy, kto mieszka, pracuje lub uczy się w mieście. W niektórych głosowaniach "
                "liczą się tylko głosy mieszkańców – zasady podajemy przy każdym głosowaniu."
            )
        ),
        call_to_action(
            "Zasady udziału",
            "Przeczytaj, jak dbamy o rzeczową dyskusję i uczciwe głosowanie.",
            "Przeczytaj zasady udziału",
            page=refs.pages["terms"],
        ),
    ]


def programme_pages() -> list[PageSpec]:
    """The programme's pages under the home page, in menu order."""
    return [
        PageSpec(
            "about",
            ContentPage,
            "o-programie",
            "O programie MAM",
            {
                "lead": "MAM to model centrum społecznościowego dla miast średniej wielkości. "
                "Wyjaśniamy, jak działa, dla kogo jest i kto go finansuje.",
                "show_in_menus": True,
            },
            _about_body,
        ),
        PageSpec(
            "values",
            ContentPage,
            "nasze-wartosci",
            "Nasze wartości",
            {
                "lead": "Cztery wartości wyznaczają, jak działa każde centrum MAM: sprawczość, "
                "wzajemność, otwartość i współodpowiedzialność.",
                "show_in_menus": True,
            },
            _values_body,
        ),
        PageSpec(
            "participate",
            ContentPage,
            "jak-wziac-udzial",
            "Jak wziąć udział",
            {
                "lead": "Możesz działać przez internet albo osobiście. Nie potrzebujesz "
                "do tego smartfona ani komputera.",
                "show_in_menus": True,
            },
            _participate_body,
        ),
    ]
