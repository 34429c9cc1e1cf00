"""The bidirectional LSTM recurrence shared by the tagger and its language model (numpy).

Sentences run as one *packed* batch, longest first: at each step only the
sentences still running are computed, so no work goes to padding. Gates are
laid out gate-major, (gate, direction, rows, H), so that every elementwise
operation of a step runs over contiguous memory, and reordered from torch's
(i, f, g, o) to (i, f, o, g) with the first three halved, so that one tanh
serves all four gates (sigmoid(x) = (tanh(x / 2) + 1) / 2).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

__all__ = ["Packing", "halve_gates", "ifog", "packing", "recurrent", "run_bilstm"]

F32 = npt.NDArray[np.float32]
# Token positions read at each step (forward, backward) and how many sentences run then.
Packing = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], list[int]]


def ifog(m: np.ndarray) -> F32:
    """Gate blocks along the last axis from (i, f, g, o) to (i, f, o, g)."""
    i, f, g, o = np.split(m, 4, axis=-1)
    out: F32 = np.ascontiguousarray(np.concatenate([i, f, o, g], axis=-1), dtype=np.float32)
    return out


def halve_gates(m: F32, hidden: int) -> None:
    """Halve, in place, the input, forget and output gate columns of every direction's
    block of ``m`` (…, 8H per network, (i, f, o, g) order) — exactly, a power of two."""
    for start in range(0, m.shape[-1], 4 * hidden):
        m[..., start:start + 3 * hidden] *= 0.5


def recurrent(w_hh_f: np.ndarray, w_hh_b: np.ndarray) -> F32:
    """Both directions' recurrent weights (torch layout, 4H × H) as (gate, direction, H, H),
    the sigmoid gates halved."""
    w_hh = np.stack([ifog(w.astype(np.float32).T) for w in (w_hh_f, w_hh_b)])
    hidden = w_hh.shape[1]
    w_hh[:, :, :3 * hidden] *= 0.5
    out: F32 = np.ascontiguousarray(w_hh.reshape(2, hidden, 4, hidden).transpose(2, 0, 1, 3))
    return out


def packing(lengths: Sequence[int]) -> Packing:
    """Token positions read at each step (forward, backward) and how many per step.

    Sentences are taken longest first (a stable order); step ``t`` reads the
    ``t``-th token of each sentence still running, in that order — its
    ``t``-th from the end going backward. Positions index the tokens of all
    sentences in their given order.
    """
    lens = np.asarray(lengths, np.int64)
    offsets = np.concatenate([[0], np.cumsum(lens)[:-1]])
    order = np.argsort(-lens, kind="stable")
    lens, offsets = lens[order], offsets[order]
    running = lens[None, :] > np.arange(int(lens[0]))[:, None]  # (steps, sentences)
    step, j = np.nonzero(running)  # step after step, longest sentence first
    fwd = offsets[j] + step
    bwd = offsets[j] + lens[j] - 1 - step
    return fwd, bwd, running.sum(axis=1).tolist()


def run_bilstm(gates: F32, pack: Packing, w_hh4: F32) -> F32:
    """Both directions over the sentences whose tokens' input gates are ``gates``
    (tokens, 8H: forward then backward, prepared as above) → hidden states (tokens, 2H)."""
    h_dim = w_hh4.shape[-1]
    four = 4 * h_dim
    fwd, bwd, counts = pack
    n = len(fwd)
    gx = np.empty((4, 2, n, h_dim), np.float32)  # packed: step after step
    gx[:, 0] = gates[fwd, :four].reshape(n, 4, h_dim).transpose(1, 0, 2)
    gx[:, 1] = gates[bwd, four:].reshape(n, 4, h_dim).transpose(1, 0, 2)
    hs = np.empty((2, n, h_dim), np.float32)
    c = np.zeros((2, counts[0], h_dim), np.float32)
    prev = 0
    pos = 0
    for t, k in enumerate(counts):
        if t:
            g = np.matmul(hs[None, :, prev:prev + k], w_hh4)
            g += gx[:, :, pos:pos + k]
        else:
            g = gx[:, :, :k].copy()
        np.tanh(g, out=g)
        sig = g[:3]  # → sigmoids of the input, forget, output gates
        sig += 1.0
        sig *= 0.5
        cand = g[3]
        cand *= g[0]
        c = g[1] * c[:, :k]
        c += cand
        np.multiply(g[2], np.tanh(c), out=hs[:, pos:pos + k])
        prev = pos
        pos += k
    out = np.empty((n, 2 * h_dim), np.float32)
    out[fwd, :h_dim] = hs[0]
    out[bwd, h_dim:] = hs[1]
    return out
