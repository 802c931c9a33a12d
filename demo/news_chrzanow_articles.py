"""The articles of the demo news of MAM Chrzanów (demo/news_chrzanow.py lists them)."""

from demo.images import alt_text
from demo.stream import (
    Refs,
    call_to_action,
    figure,
    heading,
    ol,
    p,
    quote,
    take_part,
    text,
    ul,
)

SLOVAK_CENTRES = (
    "Komunitné centrum Sásová i Komunitné centrum Fončorda w Bańskiej Bystrzycy oraz "
    "Občianske centrum „OKO” Zvolen-Západ w Zwoleniu"
)


def info_meeting(refs: Refs) -> list[dict]:
    return [
        text(
            p(
                "Program „Miejsca Aktywności Mieszkańców” rusza także w Chrzanowie. Zanim "
                "centrum zacznie działać na dobre, chcemy posłuchać, czego potrzebują "
                "mieszkańcy."
            )
        ),
        heading("Czego się dowiesz"),
        text(
            ul(
                "czym jest centrum aktywności mieszkańców i kto może z niego korzystać,",
                "jakie sprawy można załatwić razem z sąsiadami,",
                "jak zgłosić pomysł – przez internet albo osobiście.",
            )
        ),
        heading("Praktycznie"),
        text(
            ul(
                "kiedy: środa, 14 listopada 2018 r., godz. 17:00,",
                "gdzie: MAM Chrzanów, ul. Przykładowa 5,",
                "wejście bez schodów, na miejscu kawa i herbata,",
                "dzieci mogą zostać w kąciku zabaw pod opieką animatorki.",
            )
        ),
        figure(
            refs.images["houses"],
            alt_text("houses"),
            "Centrum ma być miejscem dla całego osiedla.",
        ),
        call_to_action(
            "Nie możesz przyjść?",
            "Zadzwoń lub napisz – opowiemy o programie indywidualnie.",
            "Zobacz dane kontaktowe centrum",
            page=refs.pages["ch-team"],
        ),
    ]


def study_visit(refs: Refs) -> list[dict]:
    return [
        text(
            p(
                "W dniach 14–18 stycznia 2019 r. nasza grupa razem z zespołem z Nowego Sącza "
                f"odwiedziła {SLOVAK_CENTRES}. Ta wizyta oficjalnie otworzyła program MAM."
            )
        ),
        heading("Trzy rzeczy, które chcemy przenieść do Chrzanowa"),
        text(
            ol(
                "Otwarte drzwi – do centrum można po prostu wejść, bez zapisów i bez powodu.",
                "Sprawy zaczynają mieszkańcy – zespół centrum pomaga, ale nie decyduje za nich.",
                "Wspólna odpowiedzialność za miejsce – od sprzątania po ustalanie programu.",
            )
        ),
        quote(
            "Najbardziej zaskoczyło mnie, że nikt nie pytał, po co przyszłam. Po prostu "
            "zaprosili mnie do stołu.",
            "Pani Barbara, uczestniczka wizyty z Chrzanowa",
        ),
        heading("Relacja na spotkaniu"),
        text(
            p(
                "Zdjęcia i wrażenia z wyjazdu pokażemy na spotkaniu sąsiedzkim w środę, "
                "6 lutego 2019 r., o 17:00 w centrum. Zapraszamy!"
            )
        ),
    ]


def mast(refs: Refs) -> list[dict]:
    return [
        text(
            p(
                "Mieszkańcy dowiedzieli się o planach z ogłoszenia na klatce schodowej. Wielu "
                "osobom nie podoba się, że maszt ma stanąć kilkanaście metrów od placu zabaw "
                "i okien mieszkań, a nikt wcześniej nie rozmawiał o tym z sąsiadami."
            )
        ),
        heading("Co postanowiliśmy"),
        text(
            ul(
                "Grupa mieszkańców sprawdzi, na jakim etapie jest postępowanie i do kiedy "
                "można składać uwagi.",
                "Przygotujemy wspólne pismo z uwagami i zbierzemy pod nim podpisy.",
                "Poprosimy inwestora o spotkanie i rozważenie innej lokalizacji.",
                "Zaprosimy eksperta, który wyjaśni, co wiadomo o wpływie takich instalacji "
                "na zdrowie – żeby rozmawiać na podstawie faktów.",
            )
        ),
        quote(
            "Nie jesteśmy przeciwko zasięgowi w telefonach. Chcemy tylko, żeby ktoś zapytał "
            "nas o zdanie, zanim coś stanie pod oknami.",
            "Pani Alicja, mieszkanka osiedla",
        ),
        heading("Aktualizacja"),
        text(
            p(
                "<b>20 maja 2019 r.:</b> pod pismem podpisało się 540 osób. Inwestor zgodził "
                "się poszukać innej lokalizacji, dalej od domów. Będziemy śledzić sprawę."
            )
        ),
        take_part(
            refs,
            "Dzieje się coś ważnego na twoim osiedlu?",
            "Przyjdź do centrum – pomożemy zorganizować sąsiadów.",
            "Zobacz, jak wziąć udział",
        ),
    ]


def playground(refs: Refs) -> list[dict]:
    return [
        text(
            p(
                "Na warsztatach w centrum dzieci rysowały plac zabaw swoich marzeń, a rodzice "
                "i dziadkowie spisywali, co trzeba naprawić od razu: połamane ławki, "
                "zardzewiałą huśtawkę, piaskownicę bez obrzeża."
            )
        ),
        heading("Pomysł mieszkańców"),
        text(
            ul(
                "bezpieczna nawierzchnia pod huśtawkami,",
                "zjeżdżalnia i huśtawka „bocianie gniazdo”,",
                "ławki w cieniu dla opiekunów,",
                "stojak na rowery i kosz na śmieci.",
            )
        ),
        figure(
            refs.images["workshop"],
            alt_text("workshop"),
            "Pomysły dzieci i dorosłych zebraliśmy na jednej tablicy.",
        ),
        quote(
            "Chcę, żeby była duża zjeżdżalnia i żeby babcia miała gdzie usiąść.",
            "Zosia, 7 lat",
        ),
        heading("Co dalej"),
        text(
            p(
                "Pomysł trafi na platformę MAM, gdzie każdy może go poprzeć. Podpisy na "
                "papierze zbieramy też w centrum – do końca sierpnia."
            )
        ),
        take_part(
            refs,
            "Poprzyj pomysł",
            "Przez internet albo osobiście w centrum – bez smartfona też się da.",
            "Zobacz, jak poprzeć pomysł",
        ),
    ]


def needs_map(refs: Refs) -> list[dict]:
    return [
        text(
            p(
                "Warsztaty prowadziliśmy w małych grupach. Każda grupa przeszła jedną trasę: "
                "do szkoły, do przychodni, do sklepu albo na przystanek."
            )
        ),
        heading("Co znaleźliśmy"),
        text(
            ul(
                "brak przejścia dla pieszych w drodze do szkoły,",
                "ciemny odcinek chodnika bez latarni,",
                "za mało ławek w drodze do przychodni – to ważne dla seniorów,",
                "przystanek bez rozkładu jazdy.",
            )
        ),
        quote(
            "Chodzę tą drogą od dwudziestu lat i dopiero dziś zauważyłam, jak trudno przejść "
            "tamtędy z wózkiem.",
            "Pani Teresa, uczestniczka warsztatów",
        ),
        heading("Mapa wisi w centrum"),
        text(
            p(
                "Duża mapa z karteczkami wisi w centrum. Możesz dopisać swoje uwagi w godzinach "
                "otwarcia."
            )
        ),
    ]


def volunteering(refs: Refs) -> list[dict]:
    return [
        text(
            p(
                "Mieszkańcy, uczniowie i seniorzy spotkali się przy centrum z grabiami, "
                "pędzlami i sadzonkami. Pracowaliśmy w małych grupach, na świeżym powietrzu."
            )
        ),
        heading("Co udało się zrobić"),
        text(
            ul(
                "odnowiliśmy i pomalowaliśmy pięć ławek,",
                "posadziliśmy sześć młodych drzew,",
                "założyliśmy grządkę z ziołami, którą opiekuje się pan Stanisław.",
            )
        ),
        quote(
            "Przyszłam z wnukiem na godzinę, zostaliśmy do wieczora.",
            "Pani Irena, wolontariuszka",
        ),
        take_part(
            refs,
            "Zostań wolontariuszem",
            "Przy każdym pomyśle na platformie możesz zgłosić się do pomocy.",
            "Zobacz, jak pomóc",
        ),
    ]


def summary(refs: Refs) -> list[dict]:
    return [
        text(
            p(
                "Przez trzy lata centrum stało się miejscem, w którym sąsiedzi się poznają, "
                "uczą i razem załatwiają sprawy okolicy."
            )
        ),
        heading("W liczbach"),
        text(
            ul(
                "ponad 40 spotkań sąsiedzkich,",
                "27 spraw zgłoszonych przez mieszkańców, z czego 15 udało się załatwić,",
                "24 warsztaty,",
                "ponad 300 osób, które choć raz przyszły do centrum.",
            )
        ),
        quote(
            "Przyszłam tu pierwszy raz, żeby poskarżyć się na śmietnik. Zostałam, bo poznałam "
            "sąsiadów.",
            "Pani Danuta, mieszkanka",
        ),
        heading("Co dalej"),
        text(
            p(
                "Doświadczenia z pilotażu spisujemy, żeby inne miasta mogły skorzystać "
                "z modelu MAM. Centrum pozostaje otwarte – zapraszamy."
            )
        ),
        call_to_action(
            "O programie MAM",
            "Jak działa model centrum społecznościowego i kto go finansuje.",
            "Przeczytaj o programie",
            page=refs.pages["about"],
        ),
    ]
