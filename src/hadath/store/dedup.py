"""Near-duplicate reports: MinHash signatures, LSH banding, and groups.

The same wire story runs in several outlets with a changed headline, a
dateline, a dropped paragraph. Each document gets a MinHash signature
(:func:`minhash`) of its *shingles* — runs of three words of the text
normalised for matching (no diacritics or tatweel, one alef, ى→ي, ة→ه,
ASCII digits) — computed where the document is made. :func:`groups` then
finds candidate pairs by LSH banding (documents that agree on every row of
some band), keeps the pairs whose estimated Jaccard similarity reaches the
threshold, and joins them into groups (union-find). A group is named by the
key of its earliest report (by publication date, then key), so the same
corpus always gives the same groups, whatever order it was ingested in.

With 64 hashes in 16 bands of 4, a pair at Jaccard 0.5 becomes a candidate
with probability 0.64, at 0.7 with 0.99; the threshold check removes the
chance candidates below it.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from ..text.normalize import normalize_str

NUM_PERM = 64
BANDS = 16
SHINGLE = 3
THRESHOLD = 0.5

_PRIME = np.uint64((1 << 32) + 15)  # a prime above every 32-bit hash
_rng = np.random.default_rng(20240613)  # fixed: signatures must agree across processes and runs
_A = _rng.integers(1, 1 << 31, size=NUM_PERM, dtype=np.uint64)[:, None]
_B = _rng.integers(0, 1 << 31, size=NUM_PERM, dtype=np.uint64)[:, None]
_WORD = re.compile(r"\w+")
_EMPTY = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)

Signature = npt.NDArray[np.uint32]


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """The word ``k``-grams of ``text`` normalised for matching."""
    words = _WORD.findall(normalize_str(text))
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def minhash(text: str) -> Signature:
    """The MinHash signature (``NUM_PERM`` unsigned 32-bit values) of ``text``'s shingles."""
    sh = shingles(text)
    if not sh:
        return _EMPTY.copy()
    hashes = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in sh), dtype=np.uint64,
                         count=len(sh))
    # (a·x + b) mod p stays below 2^64: a, b < 2^31 and x < 2^32.
    perm = (_A * hashes[None, :] + _B) % _PRIME
    out: Signature = perm.min(axis=1).astype(np.uint32)
    return out


def similarity(a: Sequence[int] | Signature, b: Sequence[int] | Signature) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal hashes."""
    return float(np.mean(np.asarray(a) == np.asarray(b)))


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def groups(keys: Sequence[str], signatures: Iterable[Sequence[int] | None],
           order: Sequence[str | None] | None = None, *,
           threshold: float = THRESHOLD) -> dict[str, str]:
    """Map every key to the key that names its group of near-duplicates.

    ``order`` (e.g. publication dates) decides which report names a group: the
    earliest, ties broken by key. A document alone is its own group.
    """
    n = len(keys)
    if n == 0:
        return {}
    sigs = np.zeros((n, NUM_PERM), dtype=np.uint32)
    valid = np.zeros(n, dtype=bool)
    for i, s in enumerate(signatures):
        if s is not None and len(s) == NUM_PERM:
            sigs[i] = s
            valid[i] = not np.array_equal(sigs[i], _EMPTY)
    uf = _UnionFind(n)
    rows = NUM_PERM // BANDS
    for band in range(BANDS):
        block = np.ascontiguousarray(sigs[:, band * rows:(band + 1) * rows])
        buckets: dict[bytes, int] = {}
        for i in map(int, np.flatnonzero(valid)):
            first = buckets.setdefault(block[i].tobytes(), i)
            if first != i and uf.find(first) != uf.find(i) and \
                    similarity(sigs[first], sigs[i]) >= threshold:
                uf.union(first, i)
    rank = sorted(range(n), key=lambda i: ((order[i] or "9999") if order else "", keys[i]))
    name: dict[int, str] = {}
    for i in rank:
        name.setdefault(uf.find(i), keys[i])
    return {keys[i]: name[uf.find(i)] for i in range(n)}
