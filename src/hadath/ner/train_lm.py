"""Pretraining the tagger's language model (:mod:`.lm`) on the news corpus (torch; training only).

1. :func:`lm_corpus`: the corpus's articles are split into sentences and
   tokens by hadath's own text layer (as the tagger sees them); each token
   becomes (the row of its stem in the tagger's stem table, the row of its
   proclitics in the model's own list). Every hundredth article is held out
   to measure the model.
2. :func:`train_lm`: a one-layer bidirectional LSTM reads each sentence;
   its forward states predict the next token's stem and its backward states
   the previous one (the ``vocab`` most frequent stems, an unknown class and
   the sentence boundary), with one prediction layer for both. Training
   runs for a fixed time (``seconds``: the learning rate warms up, then
   follows a cosine to that time), on a GPU when there is one — about 5
   minutes there; on a CPU the same number of updates takes many hours.

Only the LSTM's weights are kept (:func:`hadath.ner.lm.save_lm`).
"""

from __future__ import annotations

import gzip
import json
import math
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["LmCorpus", "lm_corpus", "train_lm"]

MAX_LEN = 100  # longer sentences are cut into pieces of this many tokens


@dataclass(slots=True)
class LmCorpus:
    """Sentences as rows: ``stems`` and ``prefixes`` of all tokens, ``lengths`` per sentence."""

    stems: np.ndarray
    prefixes: np.ndarray
    lengths: np.ndarray
    held_out: np.ndarray  # per sentence: from a held-out article
    prefix_list: list[str]


def _article_sentences(path: Path, limit: int | None) -> Iterator[tuple[int, list[list[str]]]]:
    from ..pipeline import load
    from .silver import token_sentences

    nlp = load(("normalizer", "sentencizer", "tokenizer"))
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                return
            text = json.loads(line).get("text") or ""
            if not text.strip():
                continue
            sents = token_sentences(nlp, text)
            if sents is not None:  # else rejected by the text layer: skipped
                yield i, sents


def lm_corpus(path: str | Path, stems: Sequence[str], *, limit: int | None = None,
              min_prefix_count: int = 100, held_out_every: int = 100) -> LmCorpus:
    """The articles of the ``.jsonl.gz`` corpus at ``path`` as a :class:`LmCorpus`."""
    from .features import analyse

    stem_ix = {s: i + 2 for i, s in enumerate(stems)}
    cache: dict[str, tuple[str, str]] = {}
    rows: list[tuple[bool, list[tuple[str, str]]]] = []
    for i, sents in _article_sentences(Path(path), limit):
        for s in sents:
            pairs = []
            for t in s:
                hit = cache.get(t)
                if hit is None:
                    if len(cache) > 500_000:
                        cache.clear()
                    a = analyse(t)
                    hit = cache[t] = (a.stem, a.prefix)
                pairs.append(hit)
            for k in range(0, len(pairs), MAX_LEN):
                if len(pairs[k:k + MAX_LEN]) >= 2:
                    rows.append((i % held_out_every == 0, pairs[k:k + MAX_LEN]))
    counts = Counter(p for _, s in rows for _, p in s)
    prefix_list = [p for p, n in counts.most_common() if n >= min_prefix_count]
    pre_ix = {p: i + 2 for i, p in enumerate(prefix_list)}
    return LmCorpus(
        np.array([stem_ix.get(s, 1) for _, r in rows for s, _ in r], np.int32),
        np.array([pre_ix.get(p, 1) for _, r in rows for _, p in r], np.int32),
        np.array([len(r) for _, r in rows], np.int64),
        np.array([h for h, _ in rows], bool), prefix_list)


def train_lm(corpus: LmCorpus, stem_table: np.ndarray, *, hidden: int = 128,
             seconds: float = 330.0, device: str = "cuda", vocab: int = 30_000,
             prefix_dim: int = 16, tokens_per_batch: int = 8192, lr: float = 2e-3,
             seed: int = 0, max_steps: int | None = None,
             log: Callable[[str], None] | None = None,
             ) -> tuple[dict[str, np.ndarray], list[dict[str, Any]]]:
    """Train; returns (the LSTM's weights as :data:`hadath.ner.lm.LM_KEYS`, history).

    ``stem_table`` is the tagger's stem vector table (row 0 padding, 1
    unknown), frozen here as there. The history holds the held-out loss
    (nats per token, forward and backward) every 500 updates and at the end.
    """
    import torch
    from torch import nn

    say = log or (lambda _m: None)
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    dev = torch.device(device)
    lengths = corpus.lengths
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    ids = np.arange(len(lengths))
    train_ids, val_ids = ids[~corpus.held_out], ids[corpus.held_out][:4000]
    n_prefix = len(corpus.prefix_list) + 2

    class LM(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.stem = nn.Embedding(*stem_table.shape)  # frozen, as in the tagger
            self.stem.weight.data.copy_(torch.from_numpy(stem_table))
            self.stem.weight.requires_grad_(False)
            self.prefix = nn.Embedding(n_prefix, prefix_dim)
            self.drop = nn.Dropout(0.1)
            self.lstm = nn.LSTM(stem_table.shape[1] + prefix_dim, hidden, batch_first=True,
                                bidirectional=True)
            self.out = nn.Linear(hidden, vocab + 2)

        def forward(self, st: Any, pr: Any, lens: Any) -> Any:
            x = self.drop(torch.cat([self.stem(st), self.prefix(pr)], dim=2))
            packed = nn.utils.rnn.pack_padded_sequence(x, lens, batch_first=True,
                                                       enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True,
                                                    total_length=st.shape[1])
            return self.drop(h)

    def batch(sel: np.ndarray) -> tuple[Any, ...]:
        lens = lengths[sel]
        t_max = int(lens.max())
        st = np.zeros((len(sel), t_max), np.int64)
        pr = np.zeros((len(sel), t_max), np.int64)
        for i, s in enumerate(sel):
            o, n = offsets[s], lengths[s]
            st[i, :n] = corpus.stems[o:o + n]
            pr[i, :n] = corpus.prefixes[o:o + n]
        # classes: 0 … vocab-1 the frequent stems, vocab unknown, vocab+1 the boundary
        tgt = np.where((st < 2) | (st - 2 >= vocab), vocab, st - 2)
        mask = np.arange(t_max)[None, :] < lens[:, None]
        fwd = np.full_like(tgt, vocab + 1)
        fwd[:, :-1] = tgt[:, 1:]
        fwd[np.arange(len(sel)), lens - 1] = vocab + 1
        bwd = np.full_like(tgt, vocab + 1)
        bwd[:, 1:] = tgt[:, :-1]
        fwd[~mask] = -100
        bwd[~mask] = -100
        on_device = (torch.from_numpy(a).to(dev) for a in (st, pr, fwd, bwd))
        return (*on_device, torch.from_numpy(lens))

    def losses(net: LM, b: tuple[Any, ...]) -> tuple[Any, Any]:
        st, pr, fwd, bwd, lens = b
        with torch.autocast(device_type=dev.type, dtype=torch.bfloat16,
                            enabled=dev.type == "cuda"):
            h = net(st, pr, lens)
            lf = net.out(h[:, :, :hidden]).float()
            lb = net.out(h[:, :, hidden:]).float()
        ce = nn.functional.cross_entropy
        return (ce(lf.reshape(-1, vocab + 2), fwd.reshape(-1)),
                ce(lb.reshape(-1, vocab + 2), bwd.reshape(-1)))

    def batches(sel: np.ndarray) -> list[np.ndarray]:
        order = sel[np.argsort(lengths[sel] + rng.random(len(sel)) * 4)]
        out: list[np.ndarray] = []
        cur: list[int] = []
        longest = 0
        for s in order:
            longest = max(longest, int(lengths[s]))
            if cur and longest * (len(cur) + 1) > tokens_per_batch:
                out.append(np.array(cur))
                cur, longest = [], int(lengths[s])
            cur.append(int(s))
        if cur:
            out.append(np.array(cur))
        rng.shuffle(out)
        return out

    net = LM().to(dev)
    opt = torch.optim.AdamW([p for p in net.parameters() if p.requires_grad], lr=lr,
                            weight_decay=0.01)
    val_batches = batches(val_ids) if len(val_ids) else []

    def validate() -> list[float]:
        net.eval()
        tf = tb = n = 0.0
        with torch.no_grad():
            for vb in val_batches:
                b = batch(vb)
                lf, lb = losses(net, b)
                k = float(b[4].sum())
                tf, tb, n = tf + float(lf) * k, tb + float(lb) * k, n + k
        net.train()
        return [round(tf / max(n, 1.0), 4), round(tb / max(n, 1.0), 4)]

    t0 = time.perf_counter()
    step, epoch = 0, 0
    history: list[dict[str, Any]] = []
    done = False
    while not done:
        epoch += 1
        for sel in batches(train_ids):
            frac = min(1.0, (time.perf_counter() - t0) / seconds)
            for g in opt.param_groups:  # warm-up, then a cosine to the time budget
                g["lr"] = lr * min(1.0, (step + 1) / 300) * (
                    0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * frac)))
            lf, lb = losses(net, batch(sel))
            opt.zero_grad(set_to_none=True)
            (lf + lb).backward()
            nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            step += 1
            if step % 500 == 0:
                history.append({"step": step, "epoch": epoch,
                                "seconds": round(time.perf_counter() - t0),
                                "held_out_loss": validate()})
                say(str(history[-1]))
            if time.perf_counter() - t0 > seconds or (max_steps and step >= max_steps):
                done = True
                break
    history.append({"step": step, "epoch": epoch, "seconds": round(time.perf_counter() - t0),
                    "held_out_loss": validate(), "final": True})
    say(str(history[-1]))
    sd = {k: v.detach().float().cpu().numpy() for k, v in net.state_dict().items()}
    weights = {"lm_prefix_emb": sd["prefix.weight"]}
    torch_names = {"w_ih": "weight_ih", "w_hh": "weight_hh", "b_ih": "bias_ih", "b_hh": "bias_hh"}
    for d, suffix in (("f", ""), ("b", "_reverse")):
        for ours, theirs in torch_names.items():
            weights[f"lm_{ours}_{d}"] = sd[f"lstm.{theirs}_l0{suffix}"]
    return weights, history
