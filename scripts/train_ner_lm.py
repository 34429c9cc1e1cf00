"""Pretrain the NER tagger's language model on the news corpus (``hadath.ner.train_lm``).

usage: python scripts/train_ner_lm.py [--shared DIR] [--out FILE] [--hidden 128[,160…]]
           [--seconds 330] [--device cuda|cpu] [--limit N]

Writes ``src/hadath/data/models/ner-lm.npz`` by default, which ``hadath train ner``
reads (``--lm``). Several sizes (``--hidden 128,160``) train one after another, each
seeded with its size and given ``--seconds``, and are written as the parts of one
language model (:mod:`hadath.ner.lm`): the tagger reads them all. Needs torch; on a
GPU the default 330 seconds give about 9,500 updates (the shipped file: one H200,
2026-11-30); on a CPU give ``--seconds`` in hours. The tagger's stem vectors come
from ``build/ner/vectors.npz`` (built from the corpus when missing, as for
``hadath train ner``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from hadath.ner.clusters import CORPUS
from hadath.ner.lm import LM_KEYS, part_keys, save_lm
from hadath.ner.train import get_vectors
from hadath.ner.train_lm import lm_corpus, train_lm
from hadath.ner.train_neural import NeuralConfig, quantize


def main() -> None:
    root = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=root.parent / "shared")
    ap.add_argument("--out", type=Path, default=root / "src/hadath/data/models/ner-lm.npz")
    ap.add_argument("--hidden", default="128", help="units each way; a comma list: parts")
    ap.add_argument("--seconds", type=float, default=330.0)
    ap.add_argument("--device", default=None, help="cuda or cpu (default: cuda if there)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = ap.parse_args()
    import torch

    device = args.device or ("cuda" if torch.cuda.is_available() else "cpu")
    stems, vecs = get_vectors(args.shared, None, 0, NeuralConfig().vocab, print)
    q, scale = quantize(np.asarray(vecs, np.float32))
    table = np.zeros((len(stems) + 2, q.shape[1]), np.float32)
    table[2:] = q.astype(np.float32) * scale[:, None]
    print(f"corpus: reading {args.shared / CORPUS}")
    corpus = lm_corpus(args.shared / CORPUS, stems, limit=args.limit)
    print(f"corpus: {len(corpus.lengths):,} sentences, {len(corpus.stems):,} tokens")
    sizes = [int(h) for h in args.hidden.split(",")]
    weights: dict[str, np.ndarray] = {}
    parts = []
    for part, hidden in enumerate(sizes):
        trained, history = train_lm(corpus, table, hidden=hidden, seconds=args.seconds,
                                    device=device, seed=hidden, log=print)
        weights |= {name: trained[k] for k, name in zip(LM_KEYS, part_keys(part), strict=True)}
        parts.append({"hidden": hidden, "seed": hidden, "history": history})
    meta = {"hidden": sizes[0] if len(sizes) == 1 else sizes, "seconds": args.seconds,
            "device": device, "corpus": "ANT corpus v2.1", "sentences": len(corpus.lengths),
            "tokens": len(corpus.stems),
            **(parts[0] if len(parts) == 1 else {"parts": parts})}
    print(f"written {save_lm(args.out, weights, corpus.prefix_list, meta)}")


if __name__ == "__main__":
    main()
