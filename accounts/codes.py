"""One-time verification codes: easy to read aloud and type, impossible to guess."""

import secrets

from django.utils.crypto import salted_hmac

# No 0/O, 1/I/L or 5/S look-alikes: people copy these from paper.
ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ2346789"
LENGTH = 10  # 29**10 ≈ 4·10**14 codes; with rate limits, guessing one is hopeless.
GROUP = 5


def generate() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(text: str) -> str:
    """Accept what people type: lower case, spaces and dashes."""
    return "".join(char for char in text.upper() if char.isalnum())


def for_display(code: str) -> str:
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def hash_code(code: str) -> str:
    """Keyed with SECRET_KEY: a copy of the table alone cannot be checked against guesses."""
    return salted_hmac("mam.verification-code", normalise(code), algorithm="sha256").hexdigest()
