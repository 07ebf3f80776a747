"""Writes preference_state rows for consumer-1..N@example.com (odd ones opted out of sale and
sharing; every fourth, 1, 5, 9, ..., also out of the demo map's ADMT use pay-later), keyed exactly
as PreferenceStore.keyOf does: HMAC-SHA256(secret, "identifier\0EMAIL:<email>")."""
import hashlib
import hmac
import sys

secret, consumers = sys.argv[1].encode(), int(sys.argv[2])
for n in range(1, consumers * 2 + 1, 2):
    key = hmac.new(secret, b"identifier\0EMAIL:consumer-%d@example.com" % n, hashlib.sha256).hexdigest()
    refused = ["SALE", "SHARING"] + (["ADMT:pay-later"] if n % 4 == 1 else [])
    for preference in refused:
        print(f"{key}\t{preference}\tf\t0\t2026-11-24 00:00:00+00")
