"""The names the generated data is found by: slugs, and the accounts' domain and password."""

BENCH_PASSWORD = "bench-password-2026"  # noqa: S105 (throwaway benchmark accounts)
EMAIL_DOMAIN = "bench.example.org"
CENTRE_SLUG = "bench-centrum"
CONSULTATION_SLUG = "bench-konsultacja"
# A finished edition of the bench centre's budget, with a published result and the funded
# projects' implementation records (the `realizacja/` target).
EDITION_SLUG = "bench-edycja-2025"
