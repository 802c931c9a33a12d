"""Demo news of MAM Chrzanów, 2018–2021: facts of the programme, invented people."""

from demo import news_chrzanow_articles as articles
from demo.stream import news_item

CHRZANOW = [
    news_item(
        "spotkanie-informacyjne",
        "Zapraszamy na spotkanie informacyjne o programie MAM",
        "2018-11-05",
        "14 listopada o 17:00 opowiemy, czym będzie centrum aktywności mieszkańców "
        "w Chrzanowie i jak można się włączyć.",
        ("program MAM", "spotkanie informacyjne"),
        "",
        articles.info_meeting,
    ),
    news_item(
        "wrocilismy-ze-slowacji",
        "Wróciliśmy ze Słowacji z głową pełną pomysłów",
        "2019-01-23",
        "Pięć dni, trzy centra społecznościowe i wiele rozmów. Uczestnicy z Chrzanowa "
        "opowiadają, co przywieźli z wizyty studyjnej.",
        ("wizyta studyjna", "Słowacja", "współpraca ponadnarodowa"),
        "journey",
        articles.study_visit,
    ),
    news_item(
        "maszt-przy-osiedlu",
        "Maszt przy osiedlu? Mieszkańcy chcą być wysłuchani",
        "2019-04-15",
        "Na wieść o planowanej budowie masztu telekomunikacyjnego tuż przy placu zabaw "
        "na spotkanie w centrum przyszło ponad 60 osób.",
        ("spotkanie sąsiedzkie", "maszt", "osiedle"),
        "meeting",
        articles.mast,
    ),
    news_item(
        "remont-placu-zabaw",
        "Plac zabaw od nowa: dzieci projektują, dorośli pomagają",
        "2019-07-08",
        "Stary plac zabaw przy osiedlu ma ponad trzydzieści lat. Mieszkańcy przygotowali "
        "pomysł na jego remont – razem z dziećmi.",
        ("plac zabaw", "dzieci", "spotkanie sąsiedzkie"),
        "playground",
        articles.playground,
    ),
    news_item(
        "warsztaty-mapa-potrzeb",
        "Warsztaty „Mapa potrzeb osiedla”",
        "2020-02-17",
        "Przez trzy wieczory mieszkańcy chodzili po okolicy i zaznaczali na mapie miejsca, "
        "które warto zmienić.",
        ("warsztaty", "osiedle"),
        "workshop",
        articles.needs_map,
    ),
    news_item(
        "dzien-wolontariatu-2021",
        "Dzień wolontariatu: odnowiliśmy ławki i posadziliśmy drzewa",
        "2021-05-24",
        "W sobotę 22 maja mieszkańcy, uczniowie i seniorzy razem zadbali o skwer przy centrum.",
        ("wolontariat", "zieleń"),
        "volunteering",
        articles.volunteering,
    ),
    news_item(
        "trzy-lata-mam-w-chrzanowie",
        "Trzy lata MAM w Chrzanowie – podsumowanie pilotażu",
        "2021-06-28",
        "Pilotaż programu kończy się w czerwcu 2021 r. Podsumowujemy, co mieszkańcy zrobili razem.",
        ("program MAM", "podsumowanie"),
        "houses",
        articles.summary,
    ),
]
