"""Arabic full-text search: an inverted index over normalised clitic-free stems.

Each token of an article is indexed under its normalised form
(:func:`~hadath.text.normalize.normalize_str`: no diacritics or tatweel,
أ إ آ → ا, ى → ي, ة → ه) and under its stem with the clitics split off
(:mod:`hadath.text.tokens`: «وبالحكومة» → «حكومه»). A query is read the
same way, so «الحكومة» finds «وبالحكومةِ», «حكومته» and «حكومه». Every
query word must match (AND); a word ending in ``*`` matches every indexed
term it begins (``اسرائيل*`` finds «الإسرائيلية»), and a phrase in double
quotes must occur as consecutive words.

The index lives in memory, built from the store when the server starts and
topped up with documents added since (:meth:`SearchIndex.add`); postings are
compact arrays (document number, count, first position), a few hundred bytes
per article.
"""

from __future__ import annotations

import math
import re
import threading
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..doc import Token
from ..text.tokens import tokenize

__all__ = ["Hit", "SearchIndex", "index_terms", "query_terms"]

MAX_QUERY_TERMS = 16
MAX_PREFIX_EXPANSION = 200
_WORDLIKE = re.compile(r"\w", re.UNICODE)
_PHRASE = re.compile(r'"([^"]+)"|«([^»]+)»')


def _token_terms(tok: Token) -> list[str]:
    """The index terms of one token: its normal form and its clitic-free stem."""
    norm = tok.norm.lower()
    if not _WORDLIKE.search(norm):
        return []
    terms = [norm]
    stems = [w.norm.lower() for w in tok.words if w.kind == "stem"]
    stem = "".join(stems)
    if stem and stem != norm:
        terms.append(stem)
    if stem and any(w.kind == "pron" for w in tok.words):
        # Before a pronoun ة is written ت and ى is written ا: «حكومته», «مستشفاه».
        if stem.endswith("ت"):
            terms.append(stem[:-1] + "ه")
        elif stem.endswith("ا"):
            terms.append(stem[:-1] + "ي")
    return terms


def index_terms(text: str) -> Iterator[tuple[str, int, int, int]]:
    """``(term, token number, start, end)`` for every term of ``text``."""
    for i, tok in enumerate(tokenize(text)):
        for term in _token_terms(tok):
            yield term, i, tok.start, tok.end


@dataclass(frozen=True, slots=True)
class QueryWord:
    """One word of a query: its alternative terms, or a prefix."""

    terms: tuple[str, ...]
    prefix: bool = False


def query_terms(query: str) -> list[list[QueryWord]]:
    """The query as groups of words: a phrase is a group of several, any other word alone."""
    groups: list[list[QueryWord]] = []

    def words(part: str) -> list[QueryWord]:
        out = []
        for tok in tokenize(part):
            terms = _token_terms(tok)
            if terms:
                out.append(QueryWord(tuple(dict.fromkeys(terms[1:] or terms))))
            elif tok.text == "*" and out:
                last = out[-1]
                out[-1] = QueryWord((last.terms[0],), prefix=True)
        return out

    rest = query
    for m in _PHRASE.finditer(query):
        phrase = words(m.group(1) or m.group(2))
        if phrase:
            groups.append(phrase)
        rest = rest.replace(m.group(0), " ")
    groups.extend([w] for w in words(rest))
    return groups[:MAX_QUERY_TERMS]


@dataclass(frozen=True, slots=True)
class Hit:
    """A matching document (its key in the store), its score and where it first matched."""

    key: str
    score: float
    start: int
    end: int


class _Postings:
    __slots__ = ("docs", "ends", "firsts", "positions", "starts")

    def __init__(self) -> None:
        self.docs = array("I")       # document numbers, ascending
        self.firsts = array("I")     # offset into positions/starts/ends of each document's run
        self.positions = array("I")  # token numbers
        self.starts = array("I")     # character offsets of those tokens
        self.ends = array("I")


class SearchIndex:
    """An in-memory inverted index; safe to search from many threads while one adds."""

    def __init__(self) -> None:
        self._postings: dict[str, _Postings] = {}
        self._keys: list[str] = []
        self._known: set[str] = set()
        self._sorted_terms: list[str] | None = None
        self._lock = threading.RLock()

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._known

    def add(self, key: str, text: str) -> None:
        """Index one document under ``key`` (a second add of the same key is ignored)."""
        grouped: dict[str, list[tuple[int, int, int]]] = {}
        for term, pos, start, end in index_terms(text):
            grouped.setdefault(term, []).append((pos, start, end))
        with self._lock:
            if key in self._known:
                return
            n = len(self._keys)
            self._keys.append(key)
            self._known.add(key)
            for term, occ in grouped.items():
                p = self._postings.get(term)
                if p is None:
                    p = self._postings[term] = _Postings()
                    self._sorted_terms = None
                p.docs.append(n)
                p.firsts.append(len(p.positions))
                for pos, start, end in occ:
                    p.positions.append(pos)
                    p.starts.append(start)
                    p.ends.append(end)

    def add_many(self, items: Iterable[tuple[str, str]]) -> int:
        count = 0
        for key, text in items:
            if key not in self._known:
                self.add(key, text)
                count += 1
        return count

    # -- searching ----------------------------------------------------------------

    def _expand(self, word: QueryWord) -> list[str]:
        if not word.prefix:
            return [t for t in word.terms if t in self._postings]
        with self._lock:
            if self._sorted_terms is None:
                self._sorted_terms = sorted(self._postings)
            terms = self._sorted_terms
        prefix = word.terms[0]
        out: list[str] = []
        for i in range(bisect_left(terms, prefix), len(terms)):
            if not terms[i].startswith(prefix) or len(out) >= MAX_PREFIX_EXPANSION:
                break
            out.append(terms[i])
        return out

    def _occurrences(self, terms: list[str]) -> dict[int, list[tuple[int, int, int]]]:
        """Document number → sorted (position, start, end) of any of ``terms``."""
        out: dict[int, list[tuple[int, int, int]]] = {}
        for term in terms:
            p = self._postings[term]
            n = len(p.docs)
            for i in range(n):
                a = p.firsts[i]
                b = p.firsts[i + 1] if i + 1 < n else len(p.positions)
                occ = out.setdefault(p.docs[i], [])
                occ.extend(zip(p.positions[a:b], p.starts[a:b], p.ends[a:b], strict=True))
        for occ in out.values():
            occ.sort()
        return out

    def search(self, query: str, *, limit: int | None = None) -> list[Hit]:
        """Documents matching every word of ``query``, best first."""
        groups = query_terms(query)
        if not groups:
            return []
        with self._lock:
            total = max(1, len(self._keys))
            scores: dict[int, float] | None = None
            first: dict[int, tuple[int, int]] = {}
            for group in groups:
                found = self._group(group)
                if not found:
                    return []
                idf = math.log(1 + total / len(found))
                if scores is None:
                    scores = dict.fromkeys(found, 0.0)
                else:
                    scores = {d: s for d, s in scores.items() if d in found}
                for d in scores:
                    occ = found[d]
                    scores[d] += (1 + math.log(len(occ))) * idf
                    if d not in first or occ[0][1] < first[d][0]:
                        first[d] = (occ[0][1], occ[0][2])
                if not scores:
                    return []
            keys = self._keys
        ranked = sorted((scores or {}).items(), key=lambda kv: (-kv[1], kv[0]))
        if limit is not None:
            ranked = ranked[:limit]
        return [Hit(keys[d], round(s, 4), *first[d]) for d, s in ranked]

    def _group(self, group: list[QueryWord]) -> dict[int, list[tuple[int, int, int]]]:
        """Documents where the words of ``group`` occur consecutively, with the matches."""
        per_word = []
        for word in group:
            terms = self._expand(word)
            if not terms:
                return {}
            per_word.append(self._occurrences(terms))
        if len(per_word) == 1:
            return per_word[0]
        result: dict[int, list[tuple[int, int, int]]] = {}
        common = set(per_word[0]).intersection(*per_word[1:])
        for d in common:
            later = [{pos: end for pos, _, end in w[d]} for w in per_word[1:]]
            matches = []
            for pos, start, _ in per_word[0][d]:
                if all(pos + k + 1 in nxt for k, nxt in enumerate(later)):
                    matches.append((pos, start, later[-1][pos + len(later)]))
            if matches:
                result[d] = matches
        return result


def snippet(text: str, start: int, end: int, width: int = 90) -> tuple[str, str, str]:
    """``(before, match, after)`` around ``text[start:end]``, cut at word boundaries."""
    a = max(0, start - width)
    b = min(len(text), end + width)
    if a > 0:
        space = text.find(" ", a)
        a = space + 1 if 0 <= space < start else a
    if b < len(text):
        space = text.rfind(" ", end, b)
        b = space if space > end else b
    before = ("…" if a > 0 else "") + text[a:start]
    after = text[end:b] + ("…" if b < len(text) else "")
    return before.replace("\n", " "), text[start:end], after.replace("\n", " ")
