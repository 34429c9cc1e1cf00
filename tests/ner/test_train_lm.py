"""Pretraining the language model (torch): the corpus as rows, a few updates, the weights."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from hadath.ner.lm import LM_KEYS, LanguageModel

torch = pytest.importorskip("torch")

ARTICLES = [
    "قال وزير الخارجية العراقي فؤاد حسين إن بغداد ترحب بالحوار. وأضاف أن الوزير سيزور طهران.",
    "التقى الرئيس السوري بشار الأسد وزير الخارجية الإيراني في دمشق. وبحث الجانبان العلاقات.",
    "",
    "أعلنت وزارة الداخلية في بغداد عن اعتقال خمسة مسلحين. وقال مصدر أمني إن العملية مستمرة.",
]


@pytest.fixture()
def corpus_file(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for text in ARTICLES:
            f.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
    return path


def test_corpus_rows_and_held_out_articles(corpus_file: Path) -> None:
    from hadath.ner.train_lm import lm_corpus

    stems = ["قال", "وزير", "بغداد"]
    corpus = lm_corpus(corpus_file, stems, min_prefix_count=2, held_out_every=3)
    assert int(corpus.lengths.sum()) == len(corpus.stems) == len(corpus.prefixes)
    assert len(corpus.held_out) == len(corpus.lengths) >= 6  # two sentences an article
    # articles 0 and 3 are held out (every third), article 1 not, 2 is empty
    assert corpus.held_out.sum() == len(corpus.lengths) - 2
    assert {2, 3, 4} <= set(corpus.stems.tolist())  # the known stems, 1 for the rest
    assert corpus.stems.min() >= 1 and corpus.prefixes.min() >= 1
    assert "و" in corpus.prefix_list  # «وزير» is no proclitic, «وأضاف» … are


def test_a_few_updates_give_weights_the_tagger_reads(corpus_file: Path) -> None:
    from hadath.ner.train_lm import lm_corpus, train_lm

    stems = ["قال", "وزير", "بغداد"]
    corpus = lm_corpus(corpus_file, stems, min_prefix_count=1, held_out_every=3)
    table = np.random.default_rng(0).standard_normal((len(stems) + 2, 4)).astype(np.float32)
    table[:2] = 0.0
    weights, history = train_lm(corpus, table, hidden=3, vocab=3, device="cpu",
                                seconds=60.0, max_steps=4, tokens_per_batch=64)
    assert set(weights) == set(LM_KEYS)
    assert weights["lm_w_hh_f"].shape == (12, 3)
    assert history[-1]["final"] and history[-1]["step"] == 4
    assert all(np.isfinite(v) for v in history[-1]["held_out_loss"])
    lm = LanguageModel(weights, table, lambda t: (1, 1))
    assert lm.states([["قال", "وزير"]]).shape == (2, 6)
