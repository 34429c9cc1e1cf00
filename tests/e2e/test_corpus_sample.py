"""Real articles from the shared corpus: every output valid, every span exact."""

from __future__ import annotations

import gzip
import itertools
import json
from collections.abc import Callable
from typing import Any

import pytest

from hadath.io.readers import read_path
from hadath.pipeline import Pipeline
from hadath.record import Record

from ..conftest import CORPUS

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="../shared corpus not present")


def sample(n: int, step: int) -> list[Record]:
    """Every ``step``-th record of the corpus, ``n`` of them, across outlets and categories."""
    items = itertools.islice(read_path(CORPUS), 0, n * step, step)
    return [r for r in items if isinstance(r, Record)]


def test_a_sample_of_the_corpus_is_valid_and_exact(
        nlp: Pipeline, validate: Callable[[dict[str, Any]], None]) -> None:
    records = sample(150, 200)
    assert len(records) == 150
    for doc in nlp.pipe(records):
        d = doc.to_dict()
        validate(d)
        text = d["text"]
        covered = "".join(text[s["start"]:s["end"]] for s in d["sentences"])
        assert "".join(covered.split()) == "".join(text.split())
        for tok in d["tokens"]:
            assert "".join(w["text"] for w in tok["words"]) == tok["text"]


def test_corpus_records_carry_their_metadata() -> None:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        first = json.loads(f.readline())
    (rec,) = sample(1, 1)
    assert (rec.id, rec.published, rec.title, rec.url, rec.source) == (
        first["id"], first["published"], first["title"], first["url"], first["outlet"])
    assert rec.extra == {"category": first["category"]}
