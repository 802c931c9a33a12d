"""Who the demo site says runs it: a made-up organisation (replace before going live)."""

from demo.stream import p

SITE_NAME = "MAM – Miejsca Aktywności Mieszkańców"
ORGANISATION = "Stowarzyszenie „Wspólne Miejsce” (organizacja przykładowa)"
DEMO_NOTE = p(
    "<i>To wersja demonstracyjna platformy: organizacja, adresy, osoby i wydarzenia "
    "opisane na stronie są przykładowe. Prawdziwe są informacje o programie MAM.</i>"
)
