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
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from .lstm import F32, Packing, halve_gates, ifog, packing, recurrent, run_bilstm

__all__ = ["LM_KEYS", "LanguageModel", "load_lm", "save_lm"]

# the weight arrays of a pretrained language model (torch layouts)
LM_KEYS = ("lm_prefix_emb", "lm_w_ih_f", "lm_w_hh_f", "lm_b_ih_f", "lm_b_hh_f",
           "lm_w_ih_b", "lm_w_hh_b", "lm_b_ih_b", "lm_b_hh_b")


class LanguageModel:
    """The language model's states of each token of a batch of sentences.

    ``stem_emb`` is the stem vector table (row 0 padding, 1 unknown) and
    ``ids(token)`` gives a token's (stem row, proclitic row). The tagger
    keeps each form's :meth:`inputs` in its own cache and calls :meth:`run`;
    :meth:`states` computes them for one batch (training reads it once per
    sentence).
    """

    def __init__(self, weights: Mapping[str, np.ndarray], stem_emb: F32,
                 ids: Callable[[str], tuple[int, int]]) -> None:
        w = {k: np.asarray(weights[k], np.float32) for k in LM_KEYS}
        d_in = stem_emb.shape[1] + w["lm_prefix_emb"].shape[1]
        if w["lm_w_ih_f"].shape[1] != d_in:
            raise ValueError(f"the language model reads {w['lm_w_ih_f'].shape[1]} input "
                             f"units; stem vectors of {stem_emb.shape[1]} give {d_in}")
        self.stem_emb = stem_emb
        self.prefix_emb = w["lm_prefix_emb"]
        self._ids = ids
        self.w_hh4 = recurrent(w["lm_w_hh_f"], w["lm_w_hh_b"])
        self.hidden = int(self.w_hh4.shape[-1])
        self._w_in = np.concatenate([ifog(w["lm_w_ih_f"].T), ifog(w["lm_w_ih_b"].T)], axis=1)
        self._bias = np.concatenate([ifog(w["lm_b_ih_f"] + w["lm_b_hh_f"]),
                                     ifog(w["lm_b_ih_b"] + w["lm_b_hh_b"])])
        halve_gates(self._w_in, self.hidden)
        halve_gates(self._bias, self.hidden)

    @property
    def dim(self) -> int:
        """The size of a token's states (both directions)."""
        return 2 * self.hidden

    def inputs(self, tokens: Sequence[str]) -> F32:
        """The input projections (tokens, 8H: both directions' gates) of ``tokens``."""
        ids = np.array([self._ids(t) for t in tokens], np.int64).reshape(-1, 2)
        x = np.concatenate([self.stem_emb[ids[:, 0]], self.prefix_emb[ids[:, 1]]], axis=1)
        out: F32 = x @ self._w_in
        out += self._bias
        return out

    def run(self, gates: F32, pack: Packing) -> F32:
        """The states (tokens, 2H) of packed sentences whose tokens' :meth:`inputs` are
        ``gates``."""
        return run_bilstm(gates, pack, self.w_hh4)

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
    arrays: dict[str, Any] = {k: np.asarray(weights[k], np.float16) for k in LM_KEYS}
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
            prefixes = json.loads(str(z["prefixes"]))
            meta = json.loads(str(z["meta"]))
    except (OSError, KeyError, ValueError) as e:
        raise DataFileError(f"not a hadath language model: {e}", input=str(path)) from e
    return weights, prefixes, meta
