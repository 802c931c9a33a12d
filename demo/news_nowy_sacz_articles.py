"""The articles of the demo news of MAM Nowy Sącz (demo/news_nowy_sacz.py lists them)."""

from demo.images import alt_text
from demo.stream import (
    Refs,
    call_to_action,
    figure,
    heading,
    p,
    quote,
    take_part,
    text,
    ul,
)


def recruitment(refs: Refs) -> list[dict]:
    return [
        text(
            p(
                "W Nowym Sączu startuje program „Miejsca Aktywności Mieszkańców”. Do czerwca "
                "2021 r. chcemy razem z mieszkańcami zbudować centrum, w którym każdy może "
                "zgłosić sprawę ważną dla okolicy i znaleźć ludzi, którzy pomogą ją załatwić."
            )
        ),
        heading("Kogo szukamy"),
        text(
            ul(
                "mieszkańców, którzy widzą, że na osiedlu coś można zmienić,",
                "osób, które chcą się nauczyć prowadzenia spotkań, pisania pism i rozmów "
                "z urzędem,",
                "seniorów, rodziców i młodzieży – każdego, kto ma trochę czasu i chęci.",
            )
        ),
        heading("Jak się zgłosić"),
        text(
            p(
                "Przyjdź do nas w godzinach otwarcia albo zadzwoń. Nie trzeba wypełniać "
                "formularzy – wystarczy rozmowa. Udział jest bezpłatny."
            )
        ),
        take_part(
            refs,
            "Jak wziąć udział",
            "Przez internet, telefonicznie albo osobiście w centrum.",
            "Zobacz, jak wziąć udział",
        ),
    ]


def study_visit(refs: Refs) -> list[dict]:
    return [
        text(
            p(
                "Wizyta studyjna u słowackich partnerów oficjalnie otworzyła program MAM. "
                "Przez pięć dni animatorzy, mieszkańcy i przedstawiciele organizacji z obu "
                "miast pilotażowych rozmawiali z ludźmi, którzy od lat prowadzą centra "
                "społecznościowe."
            )
        ),
        heading("Gdzie byliśmy"),
        text(
            ul(
                "Komunitné centrum Sásová w Bańskiej Bystrzycy,",
                "Komunitné centrum Fončorda w Bańskiej Bystrzycy,",
                "Občianske centrum „OKO” Zvolen-Západ w Zwoleniu.",
            )
        ),
        heading("Czego się nauczyliśmy"),
        text(
            p(
                "Najważniejsza lekcja: centrum nie działa dla mieszkańców, tylko razem z nimi. "
                "Rozmawialiśmy o tym, jak zaczynać od rozmów na osiedlu, jak prowadzić "
                "spotkania, na których mieszkańcy sami wybierają sprawy, i jak dzielić się "
                "odpowiedzialnością za wspólną przestrzeń."
            )
        ),
        quote(
            "Zobaczyłam, że centrum może być jak drugi dom dla całego osiedla. Chcę, żeby "
            "u nas było tak samo.",
            "Uczestniczka wizyty z Nowego Sącza",
        ),
        figure(
            refs.images["meeting"],
            alt_text("meeting"),
            "Najważniejsze w centrum są rozmowy przy wspólnym stole.",
        ),
        heading("Co dalej"),
        text(
            p(
                "Po powrocie przygotujemy plan pierwszych spotkań sąsiedzkich. O terminach "
                "napiszemy w aktualnościach."
            )
        ),
    ]


def bins(refs: Refs) -> list[dict]:
    return [
        text(
            p(
                "Na spotkanie przyszło 38 osób. Zaczęliśmy od mapy osiedla: każdy zaznaczał "
                "miejsca, w których pojemników jest za mało albo są opróżniane zbyt rzadko. "
                "Takich miejsc było jedenaście."
            )
        ),
        heading("Co ustaliliśmy"),
        text(
            ul(
                "Pięcioro mieszkańców przez dwa tygodnie będzie zapisywać, kiedy pojemniki "
                "są pełne.",
                "Zespół centrum pomoże przygotować pismo z wynikami obserwacji i propozycją "
                "dodatkowych pojemników.",
                "Na kolejnym spotkaniu omówimy odpowiedź i zdecydujemy, co dalej.",
            )
        ),
        quote(
            "Dotąd każdy narzekał osobno. Teraz mamy zeszyt z datami i zdjęciami – z tym można "
            "iść do urzędu.",
            "Pan Marek, mieszkaniec osiedla",
        ),
        heading("Dołącz do nas"),
        text(
            p("Kolejne spotkanie sąsiedzkie: wtorek, 2 kwietnia 2019 r., godz. 17:00, w centrum.")
        ),
        take_part(
            refs,
            "Masz sprawę ze swojego podwórka?",
            "Zgłoś ją w centrum albo przez internet.",
            "Zobacz, jak zgłosić sprawę",
        ),
    ]


def workshops(refs: Refs) -> list[dict]:
    return [
        text(
            p(
                "Warsztaty były odpowiedzią na potrzeby ze spotkań sąsiedzkich. Mieszkańcy "
                "mieli sprawy do załatwienia, ale nie zawsze wiedzieli, od czego zacząć."
            )
        ),
        heading("Czego się uczyliśmy"),
        text(
            ul(
                "jak napisać krótkie i konkretne pismo – na przykładach,",
                "do kogo się zwrócić: kto w mieście odpowiada za drogi, zieleń, odpady "
                "i komunikację,",
                "jak prowadzić spotkanie, żeby każdy mógł zabrać głos,",
                "jak rozmawiać, gdy emocje biorą górę.",
            )
        ),
        quote(
            "Pierwszy raz w życiu prowadziłam spotkanie. Trzęsły mi się ręce, ale się udało.",
            "Pani Krystyna, uczestniczka warsztatów",
        ),
        text(
            p(
                "To właśnie sprawczość, "
                f"{refs.link('values', 'jedna z wartości MAM')}: poczucie wpływu "
                "i umiejętności, które pomagają z niego korzystać."
            )
        ),
        call_to_action(
            "Kolejne warsztaty w listopadzie",
            "Zapisy w recepcji centrum lub telefonicznie.",
            "Sprawdź godziny otwarcia centrum",
            page=refs.pages["ns"],
        ),
    ]


def volunteering(refs: Refs) -> list[dict]:
    return [
        text(
            p(
                "Dzień wolontariatu zorganizowaliśmy na świeżym powietrzu, z zachowaniem "
                "zasad bezpieczeństwa obowiązujących w czasie pandemii."
            )
        ),
        heading("Co zrobiliśmy"),
        text(
            ul(
                "posadziliśmy sześć młodych drzew i kilkadziesiąt bylin,",
                "zebraliśmy dwanaście worków śmieci,",
                "pomalowaliśmy dwie ławki.",
            )
        ),
        quote(
            "Drzewo, które dziś posadziłem, będzie tu rosło, kiedy będę dorosły. Fajnie "
            "o tym pomyśleć.",
            "Kuba, 14 lat",
        ),
        heading("Dziękujemy"),
        text(
            p(
                "Dziękujemy wszystkim wolontariuszkom i wolontariuszom. Sadzonki i narzędzia "
                "kupiliśmy ze środków programu MAM."
            )
        ),
        take_part(
            refs,
            "Chcesz pomagać?",
            "Zgłoś się do pomocy przy pomyśle, który ci się podoba – przez internet "
            "albo w centrum.",
            "Zobacz, jak pomóc",
        ),
    ]


def buses(refs: Refs) -> list[dict]:
    return [
        text(
            p(
                "Ankietę prowadziliśmy od 15 marca do 30 kwietnia 2021 r. przez internet i na "
                "papierze: w centrum i z pomocą wolontariuszy, którzy odwiedzali sąsiadów."
            )
        ),
        heading("Najważniejsze wyniki"),
        text(
            ul(
                "więcej kursów wieczorem, po 20:00 – 61% osób,",
                "więcej kursów w soboty i niedziele – 48%,",
                "wiaty na przystankach – 35%,",
                "rozkład jazdy wydrukowany dużą czcionką – 22%.",
            ),
            p("Można było wybrać kilka odpowiedzi, dlatego wyniki nie sumują się do 100%."),
        ),
        quote(
            "Bez autobusu wieczorem nie wrócę z pracy. Dobrze, że ktoś w końcu o to zapytał.",
            "Pani Joanna, mieszkanka",
        ),
        heading("Co dalej"),
        text(
            p(
                "Raport z ankiety przekażemy organizatorowi transportu publicznego i radnym. "
                "O odpowiedzi napiszemy w aktualnościach."
            )
        ),
    ]
