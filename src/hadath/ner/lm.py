"""A bidirectional LSTM language model of the news corpus, read by the tagger (numpy).

Pretrained on the shared news corpus (:mod:`.train_lm`, ``scripts/train_ner_lm.py``): the
forward LSTM reads a sentence left to right and predicts each next token's
stem, the backward one right to left and predicts the previous. Its input is
a token's frozen stem vector (the tagger's own table) and an embedding of its
proclitics. The tagger does not train it further: for every token it takes
both directions' states there, what the corpus says may come around it, as
extra input (:class:`hadath.ner.neural.NeuralNet`). Only the LSTM's weights
are kept; the prediction layer is dropped after pretraining.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Container, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from .lstm import F32, Packing, halve_gates, ifog, packing, recurrent, run_bilstm

__all__ = ["LM_KEYS", "LanguageModel", "is_lm_key", "lm_keys", "lm_parts", "load_lm",
           "part_keys", "save_lm"]

# the weight arrays of a pretrained language model (torch layouts)
LM_KEYS = ("lm_prefix_emb", "lm_w_ih_f", "lm_w_hh_f", "lm_b_ih_f", "lm_b_hh_f",
           "lm_w_ih_b", "lm_w_hh_b", "lm_b_ih_b", "lm_b_hh_b")


def part_keys(part: int) -> tuple[str, ...]:
    """The weight names of part ``part`` of a language model made of several (part 0's
    are :data:`LM_KEYS`, part 1's ``lm1_prefix_emb``, ``lm1_w_ih_f``, …)."""
    return LM_KEYS if part == 0 else tuple(f"lm{part}_" + k[3:] for k in LM_KEYS)


def lm_keys(weights: Container[str]) -> list[str]:
    """The names of every part's weights found in ``weights``, part after part."""
    out: list[str] = []
    part = 0
    while part_keys(part)[0] in weights:
        out += part_keys(part)
        part += 1
    return out


def lm_parts(weights: Mapping[str, np.ndarray]) -> list[dict[str, np.ndarray]]:
    """Each part's weights found in ``weights``, part after part, under :data:`LM_KEYS`'
    names."""
    out: list[dict[str, np.ndarray]] = []
    while part_keys(len(out))[0] in weights:
        out.append({k: weights[n] for k, n in zip(LM_KEYS, part_keys(len(out)), strict=True)})
    return out


_LM_KEY = re.compile(r"lm\d*_(?:prefix_emb|[wb]_(?:ih|hh)_[fb])")


def is_lm_key(key: str) -> bool:
    """Whether ``key`` names a language model's weight (of any part)."""
    return _LM_KEY.fullmatch(key) is not None


class LanguageModel:
    """The language model's states of each token of a batch of sentences.

    ``stem_emb`` is the stem vector table (row 0 padding, 1 unknown) and
    ``ids(token)`` gives a token's (stem row, proclitic row). The tagger
    keeps each form's :meth:`inputs` in its own cache and calls :meth:`run`;
    :meth:`states` computes them for one batch (training reads it once per
    sentence).

    A language model may be made of several parts (pretrained apart, of any
    sizes, on the same stem vectors and proclitic list; weights named by
    :func:`part_keys`): each part runs on its own and a token's states are
    every part's forward states, then every part's backward states.
    """

    def __init__(self, weights: Mapping[str, np.ndarray], stem_emb: F32,
                 ids: Callable[[str], tuple[int, int]]) -> None:
        self.stem_emb = stem_emb
        self._ids = ids
        self._parts: list[tuple[F32, F32, F32, F32]] = []  # prefix_emb, w_in, bias, w_hh4
        self.hiddens: list[int] = []
        for part in lm_parts(weights):
            w = {k: np.asarray(v, np.float32) for k, v in part.items()}
            d_in = stem_emb.shape[1] + w["lm_prefix_emb"].shape[1]
            if w["lm_w_ih_f"].shape[1] != d_in:
                raise ValueError(f"the language model reads {w['lm_w_ih_f'].shape[1]} input "
                                 f"units; stem vectors of {stem_emb.shape[1]} give {d_in}")
            w_hh4 = recurrent(w["lm_w_hh_f"], w["lm_w_hh_b"])
            hidden = int(w_hh4.shape[-1])
            w_in = np.concatenate([ifog(w["lm_w_ih_f"].T), ifog(w["lm_w_ih_b"].T)], axis=1)
            bias = np.concatenate([ifog(w["lm_b_ih_f"] + w["lm_b_hh_f"]),
                                   ifog(w["lm_b_ih_b"] + w["lm_b_hh_b"])])
            halve_gates(w_in, hidden)
            halve_gates(bias, hidden)
            self._parts.append((w["lm_prefix_emb"], w_in, bias, w_hh4))
            self.hiddens.append(hidden)
        if not self._parts:
            raise ValueError("no language model weights")
        self.hidden = sum(self.hiddens)

    @property
    def dim(self) -> int:
        """The size of a token's states (both directions, every part)."""
        return 2 * self.hidden

    @property
    def width(self) -> int:
        """The size of a token's :meth:`inputs` (both directions' gates, every part)."""
        return 8 * self.hidden

    def inputs(self, tokens: Sequence[str]) -> F32:
        """The input projections (tokens, 8H a part: both directions' gates) of ``tokens``."""
        ids = np.array([self._ids(t) for t in tokens], np.int64).reshape(-1, 2)
        stems = self.stem_emb[ids[:, 0]]
        outs = []
        for prefix_emb, w_in, bias, _ in self._parts:
            x = np.concatenate([stems, prefix_emb[ids[:, 1]]], axis=1)
            out: F32 = x @ w_in
            out += bias
            outs.append(out)
        return outs[0] if len(outs) == 1 else np.concatenate(outs, axis=1)

    def run(self, gates: F32, pack: Packing) -> F32:
        """The states (tokens, 2H) of packed sentences whose tokens' :meth:`inputs` are
        ``gates``."""
        if len(self._parts) == 1:
            return run_bilstm(gates, pack, self._parts[0][3])
        fwd, bwd, start = [], [], 0
        for h, (_, _, _, w_hh4) in zip(self.hiddens, self._parts, strict=True):
            states = run_bilstm(gates[:, start:start + 8 * h], pack, w_hh4)
            fwd.append(states[:, :h])
            bwd.append(states[:, h:])
            start += 8 * h
        return np.concatenate(fwd + bwd, axis=1)

    def states(self, sents: Sequence[Sequence[str]]) -> F32:
        """The states (tokens, 2H) of the tokens of non-empty ``sents``, in order."""
        rows = {t: i for i, t in enumerate(dict.fromkeys(t for s in sents for t in s))}
        ix: npt.NDArray[np.int64] = np.fromiter((rows[t] for s in sents for t in s), np.int64)
        return self.run(self.inputs(list(rows))[ix], packing([len(s) for s in sents]))


def save_lm(path: str | Path, weights: Mapping[str, np.ndarray], prefixes: Sequence[str],
            meta: Mapping[str, Any]) -> Path:
    """Write a language model (float16 weights, its proclitic list, metadata) to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, Any] = {k: np.asarray(weights[k], np.float16) for k in lm_keys(weights)}
    arrays["prefixes"] = np.array(json.dumps(list(prefixes), ensure_ascii=False))
    arrays["meta"] = np.array(json.dumps(dict(meta), ensure_ascii=False))
    with path.open("wb") as f:
        np.savez(f, **arrays)
    return path


def load_lm(path: str | Path) -> tuple[dict[str, np.ndarray], list[str], dict[str, Any]]:
    """(weights, proclitic list, metadata) of the language model at ``path``."""
    from ..errors import DataFileError

    try:
        with np.load(path, allow_pickle=False) as z:
            weights = {k: z[k].astype(np.float32) for k in LM_KEYS}
            weights |= {k: z[k].astype(np.float32) for k in lm_keys(z.files) if k not in weights}
            prefixes = json.loads(str(z["prefixes"]))
            meta = json.loads(str(z["meta"]))
    except (OSError, KeyError, ValueError) as e:
        raise DataFileError(f"not a hadath language model: {e}", input=str(path)) from e
    return weights, prefixes, meta
