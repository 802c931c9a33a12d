#!/usr/bin/env python3
"""Read a consultation's published results through MAM's API and check the ballots' checksum.

Standard library only:

    python docs/api-example.py https://mam.example.org 12

prints the counted result and whether the anonymised ballots match their published SHA-256.
"""

import hashlib
import json
import sys
import urllib.error
import urllib.request


def get(url: str) -> bytes:
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"Not a web address: {url}")
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.read()


def read_results(base_url: str, consultation_id: int) -> dict:
    """Return the published result, with `ballots_verified` saying whether the checksum holds."""
    base = base_url.rstrip("/")
    result = json.loads(get(f"{base}/api/v1/consultations/{consultation_id}/results/"))
    ballots = get(result["ballots_url"])
    result["ballots_verified"] = hashlib.sha256(ballots).hexdigest() == result["ballots_checksum"]
    result["ballots_count"] = len(json.loads(ballots)["ballots"])
    return result


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: api-example.py BASE_URL CONSULTATION_ID", file=sys.stderr)  # noqa: T201
        return 2
    try:
        result = read_results(argv[0], int(argv[1]))
    except urllib.error.HTTPError as error:
        body = json.loads(error.read() or b"{}")
        message = body.get("error", {}).get("message", error.reason)
        print(f"{error.code}: {message}", file=sys.stderr)  # noqa: T201
        return 1
    print(json.dumps(result, ensure_ascii=False, indent=2))  # noqa: T201
    return 0 if result["ballots_verified"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
