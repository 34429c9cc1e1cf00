"""Word clusters from unlabeled news, for the tagger's features (training time only).

Every token of the corpus is reduced to the matching form of its stem (the
token without proclitics, article or pronoun: «وبالمدينة» → «مدينه»). For
the ``vocab_size`` most frequent stems, counts of the stems around them
(two on each side, the ``contexts`` most frequent as columns) are turned
into positive PMI, reduced to ``dim`` dimensions by a truncated SVD, scaled
to unit length and clustered by k-means at several granularities. The
result maps each stem to its cluster ids, coarse to fine ("12 301 1877").

Needs numpy and scipy (``pip install hadath[train]``); deterministic for a
given seed. About five minutes on one core for the 31k articles of the ANT
corpus.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..text.tokens import tokenize
from .features import analyse

__all__ = ["build_clusters", "cluster", "corpus_stems", "embed", "read_clusters",
           "write_clusters"]

CORPUS = "data/corpus/ant-v2.1.jsonl.gz"


def corpus_stems(path: str | Path, limit: int | None = None) -> Iterator[list[str]]:
    """The stems of each article of a ``.jsonl.gz`` corpus (``text`` field), one list each."""
    cache: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                break
            text = json.loads(line).get("text") or ""
            stems = []
            for tok in tokenize(text):
                s = cache.get(tok.text)
                if s is None:
                    if len(cache) > 500_000:
                        cache.clear()
                    s = cache[tok.text] = analyse(tok.text).stem
                stems.append(s)
            yield stems


def build_clusters(articles: Iterable[Sequence[str]], *, vocab_size: int = 60_000,
                   contexts: int = 20_000, window: int = 2, dim: int = 100,
                   ks: Sequence[int] = (64, 256, 1024), seed: int = 0,
                   iterations: int = 25) -> dict[str, str]:
    """Cluster ids (coarse to fine, space-separated) of the frequent stems of ``articles``."""
    vocab, vecs = embed(articles, vocab_size=vocab_size, contexts=contexts, window=window,
                        dim=dim, seed=seed)
    return cluster(vocab, vecs, ks=ks, seed=seed, iterations=iterations)


def cluster(vocab: Sequence[str], vecs: Any, *, ks: Sequence[int] = (64, 256, 1024),
            seed: int = 0, iterations: int = 25) -> dict[str, str]:
    """k-means cluster ids of unit vectors ``vecs`` (rows of ``vocab``) at each k in ``ks``."""
    import numpy as np

    rng = np.random.default_rng(seed)
    labels = [_kmeans(vecs, k, rng, iterations) for k in ks]
    return {w: " ".join(str(int(lab[i])) for lab in labels) for i, w in enumerate(vocab)}


def embed(articles: Iterable[Sequence[str]], *, vocab_size: int = 60_000,
          contexts: int = 20_000, window: int = 2, dim: int = 100,
          seed: int = 0) -> tuple[list[str], Any]:
    """(vocabulary by frequency, unit-length PPMI-SVD vectors of its stems)."""
    import numpy as np
    from scipy import sparse
    from scipy.sparse.linalg import svds

    docs = [list(a) for a in articles]
    freq = Counter(w for d in docs for w in d)
    vocab = [w for w, _ in freq.most_common(vocab_size)]
    index = {w: i for i, w in enumerate(vocab)}
    n_ctx = min(contexts, len(vocab))
    ids = np.fromiter((index.get(w, -1) for d in docs for w in [*d, "\x00"]), dtype=np.int64)
    rows: list[Any] = []
    cols: list[Any] = []
    for off in range(1, window + 1):
        a, b = ids[:-off], ids[off:]
        for t, c in ((a, b), (b, a)):
            keep = (t >= 0) & (c >= 0) & (c < n_ctx)
            rows.append(t[keep])
            cols.append(c[keep])
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    counts = sparse.coo_matrix((np.ones(len(r), dtype=np.float64), (r, c)),
                               shape=(len(vocab), n_ctx)).tocsr()
    counts.sum_duplicates()
    total = counts.sum()
    row_sum = np.asarray(counts.sum(axis=1)).ravel()
    col_sum = np.asarray(counts.sum(axis=0)).ravel() ** 0.75  # context smoothing
    col_p = col_sum / col_sum.sum()
    coo = counts.tocoo()
    pmi = np.log(coo.data / total) - np.log(row_sum[coo.row] / total) - np.log(col_p[coo.col])
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=counts.shape)
    rng = np.random.default_rng(seed)
    v0 = rng.standard_normal(min(ppmi.shape))
    u, s, _ = svds(ppmi, k=dim, v0=v0, random_state=seed)
    vecs = u * np.sqrt(s)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9
    return vocab, vecs


def _kmeans(x: Any, k: int, rng: Any, iterations: int) -> Any:
    """Lloyd's k-means (k-means++ seeding on a sample); the label of each row."""
    import numpy as np

    n = x.shape[0]
    sample = x[rng.choice(n, size=min(n, 20 * k), replace=False)]
    centers = [sample[rng.integers(len(sample))]]
    d2 = ((sample - centers[0]) ** 2).sum(axis=1)
    for _ in range(1, k):
        probs = d2 / d2.sum()
        c = sample[rng.choice(len(sample), p=probs)]
        centers.append(c)
        d2 = np.minimum(d2, ((sample - c) ** 2).sum(axis=1))
    cent = np.array(centers)
    labels = np.zeros(n, dtype=np.int64)
    for _ in range(iterations):
        # argmin ||x - c||^2 = argmax (x·c - ||c||^2 / 2)
        scores = x @ cent.T - 0.5 * (cent ** 2).sum(axis=1)
        new = scores.argmax(axis=1)
        if np.array_equal(new, labels) and _ > 0:
            break
        labels = new
        sums = np.zeros_like(cent)
        np.add.at(sums, labels, x)
        sizes = np.bincount(labels, minlength=k)
        filled = sizes > 0
        cent[filled] = sums[filled] / sizes[filled, None]
    return labels


def write_clusters(clusters: dict[str, str], path: str | Path, source: str = "") -> Path:
    """Write the cluster table as gzipped TSV (``stem<TAB>ids``) with a provenance header."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("# Word clusters of news stems, coarse to fine, built by "
                f"hadath.ner.clusters from {source or 'a news corpus'}.\n")
        f.write("# columns: stem\tclusters\n")
        for w in sorted(clusters):
            f.write(f"{w}\t{clusters[w]}\n")
    return path


def read_clusters(path: str | Path) -> dict[str, str]:
    """The table :func:`write_clusters` wrote."""
    out: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            w, ids = line.rstrip("\n").split("\t")
            out[w] = ids
    return out
