"""Tests of the text layer: normalisation, sentences, tokens and clitic words."""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "data" / "corpus" / "ant-v2.1.jsonl.gz"

needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="../shared corpus not present")


@lru_cache(maxsize=4)
def corpus_sample(n: int, step: int = 97) -> tuple[str, ...]:
    """``n`` article texts spread over the ANT corpus (every ``step``-th record)."""
    out: list[str] = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for i, line in enumerate(lines):
            if i % step == 0:
                out.append(json.loads(line)["text"])
                if len(out) == n:
                    break
    return tuple(out)
