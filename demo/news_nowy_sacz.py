"""Demo news of MAM Nowy Sącz, 2018–2021: facts of the programme, invented people."""

from demo import news_nowy_sacz_articles as articles
from demo.stream import news_item

NOWY_SACZ = [
    news_item(
        "rusza-nabor",
        "Rusza MAM Nowy Sącz: szukamy mieszkańców, którzy chcą działać",
        "2018-10-08",
        "Chcesz mieć wpływ na to, co dzieje się na twoim osiedlu? Zapraszamy do programu MAM – "
        "udział jest bezpłatny.",
        ("program MAM", "nabór"),
        "houses",
        articles.recruitment,
    ),
    news_item(
        "wizyta-studyjna-na-slowacji",
        "Wizyta studyjna na Słowacji otworzyła program MAM",
        "2019-01-21",
        "Od 14 do 18 stycznia 2019 r. zespoły z Nowego Sącza i Chrzanowa poznawały centra "
        "społecznościowe w Bańskiej Bystrzycy i Zwoleniu.",
        ("wizyta studyjna", "Słowacja", "współpraca ponadnarodowa"),
        "journey",
        articles.study_visit,
    ),
    news_item(
        "wiecej-pojemnikow-na-odpady",
        "Spotkanie sąsiedzkie: więcej pojemników na odpady",
        "2019-03-18",
        "Przepełnione pojemniki przy blokach to sprawa, którą mieszkańcy zgłaszali najczęściej. "
        "Na pierwszym spotkaniu sąsiedzkim postanowiliśmy się nią zająć.",
        ("spotkanie sąsiedzkie", "odpady", "osiedle"),
        "bins",
        articles.bins,
    ),
    news_item(
        "warsztaty-pismo-do-urzedu",
        "Warsztaty: jak napisać pismo i rozmawiać z urzędem",
        "2019-10-07",
        "Dwadzieścia osób uczyło się, jak przygotować pismo, poprowadzić spotkanie "
        "i przekonać innych do swojego pomysłu.",
        ("warsztaty", "umiejętności"),
        "workshop",
        articles.workshops,
    ),
    news_item(
        "dzien-wolontariatu-2020",
        "Dzień wolontariatu: posadziliśmy drzewa na skwerze przy centrum",
        "2020-09-28",
        "W sobotę 26 września ponad czterdzieści osób – od przedszkolaków po seniorów – "
        "sadziło drzewa i sprzątało skwer.",
        ("wolontariat", "zieleń"),
        "volunteering",
        articles.volunteering,
    ),
    news_item(
        "lepsze-polaczenia-autobusowe",
        "Lepsze połączenia autobusowe: znamy wyniki ankiety",
        "2021-05-20",
        "412 osób odpowiedziało na pytania o autobusy. Najczęstsza prośba: więcej kursów "
        "wieczorem i w weekendy.",
        ("transport", "ankieta", "konsultacje"),
        "bus",
        articles.buses,
    ),
]
