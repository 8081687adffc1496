"""The hash chain: what a transaction's hash covers, computed the same way on write and on
verification (and by the bench's bulk loader).

hash = sha256 over the canonical JSON (sorted keys, no spaces, UTF-8) of::

    {"seq", "key", "memo", "kind", "created_at" (UTC, ISO 8601 with microseconds),
     "reverses" (the reversed transaction's seq, or null),
     "postings": [[account code, amount, unit, balance after], …] sorted,
     "prev_hash"}
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable

PostingTuple = tuple[str, int, str, int]


def timestamp(at: datetime.datetime) -> str:
    return at.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def transaction_hash(
    *,
    seq: int,
    key: str,
    memo: str,
    kind: str,
    created_at: datetime.datetime,
    reverses_seq: int | None,
    postings: Iterable[PostingTuple],
    prev_hash: str,
) -> str:
    body = {
        "seq": seq,
        "key": key,
        "memo": memo,
        "kind": kind,
        "created_at": timestamp(created_at),
        "reverses": reverses_seq,
        "postings": sorted([list(p) for p in postings]),
        "prev_hash": prev_hash,
    }
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()
