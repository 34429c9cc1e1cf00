"""Exact-span CoNLL scoring of a tagger.

A predicted entity counts only when its type, first and last token all equal
a gold entity's (CoNLL-2003 ``conlleval`` rules): a partial overlap is both
a false positive and a false negative. Spans are read from BIO tags the
``conlleval`` way: an ``I-X`` that does not continue an ``X`` starts a new
entity.

By default only ``PER``, ``ORG`` and ``LOC`` are scored — the types hadath
outputs. ANERcorp's ``MISC`` is then ignored on both sides (a MISC span is
neither a miss nor, when predicted, a false positive). Pass
``types=("PER", "ORG", "LOC", "MISC")`` for the four-type figure that the
published ANERcorp results use.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .corpora import Sentence

__all__ = ["SCORED_TYPES", "Report", "Score", "evaluate", "score", "spans"]

SCORED_TYPES = ("PER", "ORG", "LOC")

Span = tuple[int, int, str]


def spans(tags: Sequence[str]) -> list[Span]:
    """The ``(start, end, type)`` entities of a BIO tag sequence (end exclusive)."""
    out: list[Span] = []
    start = -1
    kind = ""
    for i, tag in enumerate(tags):
        if tag.startswith("I-") and kind == tag[2:]:
            continue
        if kind:
            out.append((start, i, kind))
            kind = ""
        if tag.startswith(("B-", "I-")):
            start, kind = i, tag[2:]
    if kind:
        out.append((start, len(tags), kind))
    return out


@dataclass(slots=True)
class Score:
    """Counts and precision, recall, F1 of one type (or all)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(slots=True)
class Report:
    """The result of scoring: micro average, per type, and speed when measured."""

    micro: Score
    per_type: dict[str, Score]
    tokens: int = 0
    sentences: int = 0
    seconds: float | None = None
    types: tuple[str, ...] = SCORED_TYPES
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def tokens_per_second(self) -> float | None:
        return self.tokens / self.seconds if self.seconds else None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"micro": self.micro.to_dict(),
                             "per_type": {k: v.to_dict() for k, v in self.per_type.items()},
                             "types": list(self.types), "tokens": self.tokens,
                             "sentences": self.sentences}
        tps = self.tokens_per_second
        if tps is not None:
            d["seconds"] = round(self.seconds or 0.0, 3)
            d["tokens_per_second"] = round(tps)
        d.update(self.extra)
        return d


def score(gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]],
          types: Sequence[str] = SCORED_TYPES) -> Report:
    """Exact-span scores of ``predicted`` BIO sequences against ``gold`` ones."""
    kinds = tuple(types)
    per_type = {k: Score() for k in kinds}
    n_tokens = n_sent = 0
    for g_tags, p_tags in zip(gold, predicted, strict=True):
        if len(g_tags) != len(p_tags):
            raise ValueError(f"sentence {n_sent}: {len(g_tags)} gold tags, "
                             f"{len(p_tags)} predicted")
        n_sent += 1
        n_tokens += len(g_tags)
        g = {s for s in spans(g_tags) if s[2] in per_type}
        p = {s for s in spans(p_tags) if s[2] in per_type}
        for s in g & p:
            per_type[s[2]].tp += 1
        for s in p - g:
            per_type[s[2]].fp += 1
        for s in g - p:
            per_type[s[2]].fn += 1
    micro = Score(sum(s.tp for s in per_type.values()), sum(s.fp for s in per_type.values()),
                  sum(s.fn for s in per_type.values()))
    return Report(micro, per_type, n_tokens, n_sent, types=kinds)


class SentenceTagger(Protocol):
    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]: ...


def evaluate(tagger: SentenceTagger, sentences: Sequence[Sentence],
             types: Sequence[str] = SCORED_TYPES, doc_size: int = 1) -> Report:
    """Tag ``sentences`` with ``tagger`` and score them.

    With ``doc_size`` 1 each sentence is tagged alone (``tag_sentences``);
    otherwise each block of ``doc_size`` consecutive sentences is tagged as
    one document (``tag_document``: names made consistent across the block),
    for corpora such as ANERcorp that keep articles in order but do not mark
    where one ends. The time taken to tag (features included, in this one
    process) is recorded as ``seconds``: after one warm-up call on a sentence
    of its own, which loads what the tagger loads lazily (the clitic
    splitter's vocabulary, the document pass's name lists), but with the
    tagger's per-word caches cold.
    """
    tokens = [toks for toks, _ in sentences]
    warm_up = [["استقبل", "الرئيس", "وزير", "الخارجية", "."]]
    tagger.tag_sentences(warm_up)
    if doc_size > 1 and hasattr(tagger, "tag_document"):
        tagger.tag_document(warm_up)  # loads the document pass's name lists
    start = time.perf_counter()
    if doc_size <= 1:
        predicted = tagger.tag_sentences(tokens)
    else:
        tag_document = getattr(tagger, "tag_document", None)
        if tag_document is None:
            raise TypeError(f"{type(tagger).__name__} cannot tag documents; use doc_size=1")
        predicted = []
        for b in range(0, len(tokens), doc_size):
            predicted += tag_document(tokens[b:b + doc_size])
    seconds = time.perf_counter() - start
    report = score([tags for _, tags in sentences], predicted, types)
    report.seconds = seconds
    report.extra["doc_size"] = doc_size
    return report
