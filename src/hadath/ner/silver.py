"""Silver training data: news sentences on which two different taggers agree.

Self-training for the neural tagger (training time only). Articles of the
shared news corpus (political, international, economic and sports news; a
seeded sample) are split into sentences and tokens by hadath's own text
layer and tagged, as documents, by a CRF and by a BiLSTM-CRF trained on the
gold data. Sentences of 5 to 60 tokens on which both taggers give exactly
the same tags, with at least one entity, are kept as extra training data.
Two models of different kinds rarely make the same mistake, so what they
agree on is mostly right; the student learns the names and contexts of a
newer, larger news corpus than ANERcorp.
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .corpora import Sentence
from .evaluate import spans
from .tagger import NerModel

if TYPE_CHECKING:
    from ..doc import Document

__all__ = ["CATEGORIES", "silver_sentences", "token_sentences"]

CATEGORIES = frozenset(("middleEast", "internationalNews", "economy", "sport"))


def _articles(corpus: Path, n_docs: int, seed: int, rate: float) -> Iterator[str]:
    rng = random.Random(seed)
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            if n_docs <= 0:
                return
            record = json.loads(line)
            if record.get("category") not in CATEGORIES or rng.random() > rate:
                continue
            text = record.get("text") or ""
            if text.strip():
                n_docs -= 1
                yield text


def token_sentences(nlp: Callable[[str], Document], text: str) -> list[list[str]] | None:
    """The token texts of each sentence of ``text`` as ``nlp`` (hadath's text layer) splits
    it; ``None`` when the text layer rejects it (not Arabic enough, too long …)."""
    from ..errors import HadathError

    try:
        doc = nlp(text)
    except HadathError:
        return None
    by_sentence: dict[int, list[str]] = {}
    for tok in doc.tokens:
        by_sentence.setdefault(tok.sentence, []).append(tok.text)
    return list(by_sentence.values())


def silver_sentences(corpus: str | Path, teachers: Sequence[NerModel], *,
                     n_docs: int = 1200, seed: int = 0, rate: float = 0.25,
                     min_len: int = 5, max_len: int = 60) -> list[Sentence]:
    """The sentences of ``n_docs`` sampled articles on which every teacher agrees.

    Returned as ``(tokens, tags)``; ``rate`` is the share of the corpus's
    articles (of :data:`CATEGORIES`) the seeded sample draws.
    """
    if len(teachers) < 2:
        raise ValueError("silver data needs at least two teachers")
    from ..pipeline import load

    nlp = load(("normalizer", "sentencizer", "tokenizer"))
    out: list[Sentence] = []
    for text in _articles(Path(corpus), n_docs, seed, rate):
        split = token_sentences(nlp, text) or []  # a rejected article is skipped
        sents = [s for s in split if min_len <= len(s) <= max_len]
        if not sents:
            continue
        tagged = [t.tag_document(sents) for t in teachers]
        for i, tokens in enumerate(sents):
            first = tagged[0][i]
            if spans(first) and all(other[i] == first for other in tagged[1:]):
                out.append((tokens, first))
    return out
