"""How the networks of an ensemble are stored in one model's weights, and put together.

A model's weights hold its first network's arrays under their own names and
the ``k``-th network's (k ≥ 1) prefixed ``"k/"``; the arrays all networks
share (the stem vectors and the language model) are stored once.

Networks reading *different* language models make one ensemble too: the
model's language model is then made of all of theirs as parts
(:mod:`.lm`), and each network reads its own — its weights for the other
parts' states are zeros, so it computes exactly what it computed alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .lm import LM_KEYS, is_lm_key, lm_parts, part_keys

__all__ = ["ensemble", "is_shared", "network_weights"]


def is_shared(key: str) -> bool:
    """Whether one copy of the array ``key`` serves all the networks of an ensemble: the
    stem vectors and the language model."""
    return key in ("stem_q", "stem_scale") or is_lm_key(key)


def network_weights(weights: Mapping[str, np.ndarray]) -> list[dict[str, np.ndarray]]:
    """The weights of each network of a model: the first network's under their own
    names, the ``k``-th's (k ≥ 1) prefixed ``"k/"``, the shared arrays once."""
    first = {k: v for k, v in weights.items() if "/" not in k}
    out = [first]
    while True:
        prefix = f"{len(out)}/"
        more = {k[len(prefix):]: v for k, v in weights.items() if k.startswith(prefix)}
        if not more:
            return out
        more.update({k: v for k, v in first.items() if is_shared(k)})
        out.append(more)


def ensemble(members: Sequence[Mapping[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """One model's weights from several networks (a log-linear ensemble:
    :class:`~hadath.ner.neural.NeuralNet` averages their tag scores and CRF weights).

    They must share the stem vectors and be of one size. Their language models
    may differ (or some networks share one): the ensemble's is made of every
    different part, each network reading its own parts.
    """
    if not members:
        raise ValueError("an ensemble needs at least one network")
    first = members[0]
    for i, m in enumerate(members[1:], 1):
        for k in ("stem_q", "stem_scale"):
            if not np.array_equal(first[k], m[k]):
                raise ValueError(f"network {i} does not share {k!r} with network 0")
        for k in ("w_hh_f", "phrase_emb"):
            if np.shape(m[k]) != np.shape(first[k]):
                raise ValueError(f"network {i}'s {k!r} is {np.shape(m[k])}, "
                                 f"network 0's {np.shape(first[k])}")
        if ("lm_w_hh_f" in m) != ("lm_w_hh_f" in first):
            raise ValueError(f"network {i} {'reads' if 'lm_w_hh_f' in m else 'lacks'} a "
                             f"language model, network 0 does not")
    for i, m in enumerate(members):  # tag scores of the same labels from its own states
        states = 2 * (m["w_hh_f"].shape[1] + sum(p["lm_w_hh_f"].shape[1] for p in lm_parts(m)))
        if np.shape(m["out_w"]) != (np.shape(first["out_w"])[0], states):
            raise ValueError(f"network {i}'s 'out_w' is {np.shape(m['out_w'])}, not "
                             f"({np.shape(first['out_w'])[0]}, {states})")
    members = _with_one_language_model(members)
    out = dict(members[0])
    for i, m in enumerate(members[1:], 1):
        out.update({f"{i}/{k}": v for k, v in m.items() if not is_shared(k)})
    return out


def _with_one_language_model(members: Sequence[Mapping[str, np.ndarray]]
                             ) -> list[dict[str, np.ndarray]]:
    """The members as networks of one language model: every different part of theirs,
    in order of appearance; each network's weights for the states of parts it does not
    read are zeros. Members that already share one come back as they are."""
    merged: list[dict[str, np.ndarray]] = []
    where: list[list[int]] = []  # each member's parts' places among the merged
    for m in members:
        places = []
        for part in lm_parts(m):
            j = next((j for j, p in enumerate(merged)
                      if all(np.array_equal(p[k], part[k]) for k in LM_KEYS)), None)
            if j is None:
                j = len(merged)
                merged.append(part)
            places.append(j)
        where.append(places)
    if not merged or all(places == list(range(len(merged))) for places in where):
        return [dict(m) for m in members]
    hiddens = [int(p["lm_w_hh_f"].shape[1]) for p in merged]
    starts = np.cumsum([0, *hiddens])
    total = int(starts[-1])
    shared = {n: p[k] for j, p in enumerate(merged) for k, n in zip(LM_KEYS, part_keys(j),
                                                                   strict=True)}
    out = []
    for m, places in zip(members, where, strict=True):
        # the columns of the merged states (every part's forward, then every backward)
        # that this network's own states (its parts' forward, then backward) are
        fwd = [c for j in places for c in range(starts[j], starts[j] + hiddens[j])]
        cols = np.array(fwd + [total + c for c in fwd])
        net = {k: v for k, v in m.items() if not is_lm_key(k)}
        down = np.asarray(m["lm_down_w"])
        net["lm_down_w"] = np.zeros((down.shape[0], 2 * total), down.dtype)
        net["lm_down_w"][:, cols] = down
        out_w = np.asarray(m["out_w"])
        tagger = out_w.shape[1] - len(cols)
        net["out_w"] = np.zeros((out_w.shape[0], tagger + 2 * total), out_w.dtype)
        net["out_w"][:, :tagger] = out_w[:, :tagger]
        net["out_w"][:, tagger + cols] = out_w[:, tagger:]
        out.append(net | shared)
    return out
