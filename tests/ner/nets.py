"""Tiny BiLSTM-CRF models for the NER tests: trained ones (torch) and random ones (numpy
alone, so that the numpy computation is checked where torch is absent, as in CI), and the
plain computation they are checked against."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from hadath.ner.neural import PHRASE_TAGS, ensemble
from hadath.ner.tagger import NN_FORMAT, NeuralModel

from .conftest import TINY_LEXICON, tiny_corpus

STEMS = ["بغداد", "بيروت", "محمد", "وزاره"]
LM_PREFIXES = ["", "و", "ال"]
LABELS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC")


def reference_tags(model: NeuralModel, tokens: list[str]) -> list[str]:
    """One sentence the plain way: torch's LSTM equations, token by token, and Viterbi
    over every path's score (no packing, caches, halved gates or lookup tables)."""
    import itertools

    from hadath.ner.neural import network_weights

    net = model.net
    ems, crfs = [], []
    for i, weights in enumerate(network_weights(model._weights)):
        w = {k: np.asarray(v, np.float32) for k, v in weights.items()}
        parts = [net.token_vectors(tokens, i), w["phrase_emb"][net.encoder.phrases(tokens)]]
        states = None
        if net.lm is not None:  # its own states are checked against plain equations in test_lm
            states = net.lm.states([tokens])
            parts.append(states @ w["lm_down_w"].T + w["lm_down_b"])
        x = np.concatenate(parts, axis=1)

        def run(seq: np.ndarray, d: str, w: dict[str, np.ndarray] = w) -> np.ndarray:
            h = np.zeros(net.hidden, np.float32)
            c = np.zeros(net.hidden, np.float32)
            out = []
            for v in seq:
                i, f, g, o = np.split(w[f"w_ih_{d}"] @ v + w[f"b_ih_{d}"] + w[f"w_hh_{d}"] @ h
                                      + w[f"b_hh_{d}"], 4)
                c = 1 / (1 + np.exp(-f)) * c + 1 / (1 + np.exp(-i)) * np.tanh(g)
                h = 1 / (1 + np.exp(-o)) * np.tanh(c)
                out.append(h)
            return np.array(out)

        hidden = np.concatenate([run(x, "f"), run(x[::-1], "b")[::-1]], axis=1)
        if states is not None:
            hidden = np.concatenate([hidden, states], axis=1)
        ems.append(hidden @ w["out_w"].T + w["out_b"])
        crfs.append((w["start"], w["end"], w["trans"]))
    # an ensemble's tag scores and CRF weights are its networks' means
    em = np.mean(ems, axis=0)
    w = {k: np.mean([c[j] for c in crfs], axis=0) for j, k in enumerate(("start", "end", "trans"))}
    best = -np.inf
    best_path: tuple[int, ...] = ()
    for path in itertools.product(range(len(net.labels)), repeat=len(tokens)):
        s = w["start"][path[0]] + w["end"][path[-1]] + sum(em[t, p] for t, p in enumerate(path))
        s += sum(w["trans"][a, b] for a, b in itertools.pairwise(path))
        if s > best:
            best, best_path = s, path
    # BIOES networks output BIO: E- as I-, S- as B-
    return [{"E": "I", "S": "B"}.get(net.labels[p][0], net.labels[p][0]) + net.labels[p][1:]
            for p in best_path]


def lm_weights(part: int = 0, hidden: int = 3) -> dict[str, np.ndarray]:
    """A random language model (part ``part`` of one, names as :func:`part_keys` gives)."""
    from hadath.ner.lm import LM_KEYS, part_keys

    rng = np.random.default_rng(3 + part)
    d_in = 8 + 2
    w = {"lm_prefix_emb": rng.standard_normal((3 + 2, 2))}
    for d in "fb":
        w |= {f"lm_w_ih_{d}": rng.standard_normal((4 * hidden, d_in)),
              f"lm_w_hh_{d}": rng.standard_normal((4 * hidden, hidden)),
              f"lm_b_ih_{d}": rng.standard_normal(4 * hidden),
              f"lm_b_hh_{d}": rng.standard_normal(4 * hidden)}
    names = dict(zip(LM_KEYS, part_keys(part), strict=True))
    return {names[k]: v.astype(np.float32) for k, v in w.items()}


def trained(networks: int, with_lm: bool, dev: bool = False, teacher: Any = None,
            distill: float = 0.1, epochs: int = 3) -> tuple[NeuralModel, list[dict[str, Any]]]:
    from hadath.ner.tagger import NN_FORMAT
    from hadath.ner.train_neural import LABELS, NeuralConfig, train_neural

    stems = STEMS
    vecs = np.random.default_rng(0).standard_normal((len(stems), 8)).astype(np.float32)
    cfg = NeuralConfig(epochs=epochs, hidden=8, word_dim=4, char_dim=4, char_filters=6,
                       flag_dim=4, batch=4, networks=networks, distill=distill)
    if with_lm:
        cfg = replace(cfg, lm_dim=2)
    net, weights, history = train_neural(
        tiny_corpus(), TINY_LEXICON, stems, vecs, cfg, dev=tiny_corpus()[:6] if dev else (),
        teacher=teacher, lm=lm_weights() if with_lm else None,
        lm_prefixes=LM_PREFIXES if with_lm else ())
    return NeuralModel(net, weights, {"format": NN_FORMAT, "labels": list(LABELS)}), history




def _random_network(enc: Any, seed: int, shared: dict[str, np.ndarray], lm_dim: int,
                    n: int = len(LABELS)) -> dict[str, np.ndarray]:
    """One network's weights for ``n`` labels, random, in the layout training exports
    (torch's)."""
    rng = np.random.default_rng(seed)
    hidden, d_lm = 4, 2
    with_lm = lm_dim > 0
    d_in = shared["stem_q"].shape[1] + 4 + 5 + 2 + 3 + 2 + (d_lm if with_lm else 0)
    shapes = {"word_emb": (len(enc.words) + 2, 4), "char_emb": (len(enc.chars) + 2, 3),
              "conv_w": (5, 3, 3), "conv_b": (5,), "prefix_emb": (len(enc.prefixes) + 2, 2),
              "phrase_emb": (len(PHRASE_TAGS), 2), "flag_w": (enc.n_flags, 3), "flag_b": (3,),
              "out_w": (n, 2 * hidden + lm_dim), "out_b": (n,),
              "trans": (n, n), "start": (n,), "end": (n,)}
    for d in "fb":
        shapes |= {f"w_ih_{d}": (4 * hidden, d_in), f"w_hh_{d}": (4 * hidden, hidden),
                   f"b_ih_{d}": (4 * hidden,), f"b_hh_{d}": (4 * hidden,)}
    if with_lm:
        shapes |= {"lm_down_w": (d_lm, lm_dim), "lm_down_b": (d_lm,)}
    # biases and CRF weights small beside what the states say, so that tags vary
    scale = {"out_b": 0.1, "trans": 0.1, "start": 0.1, "end": 0.1, "out_w": 3.0}
    w = {k: rng.normal(0.0, scale.get(k, 0.7), s).astype(np.float32)
         for k, s in shapes.items()}
    w["out_w"][:, 2 * hidden:] *= 0.1  # the language model's states, nearly saturated
    return {**w, **shared}


def random_model(networks: int, with_lm: bool, lm_parts: int = 1,
                 labels: tuple[str, ...] = LABELS) -> NeuralModel:
    """A model of ``networks`` random networks (numpy only; hidden 4, a language model of
    hidden 3 when ``with_lm``, and of hidden 2 for each further part) tagging ``labels``."""
    from hadath.ner.neural import NeuralNet
    from hadath.ner.train_neural import build_encoder, quantize

    enc = build_encoder(tiny_corpus(), TINY_LEXICON, STEMS, 1, True,
                        LM_PREFIXES if with_lm else ())
    q, scale = quantize(np.random.default_rng(0).standard_normal((len(STEMS), 8)))
    shared = {"stem_q": np.concatenate([np.zeros((2, 8), np.int8), q]),
              "stem_scale": np.concatenate([np.ones(2, np.float32), scale])}
    lm_dim = 0
    if with_lm:
        for part in range(lm_parts):
            shared |= lm_weights(part, 3 if part == 0 else 2)
            lm_dim += 2 * (3 if part == 0 else 2)
    weights = ensemble([_random_network(enc, i, shared, lm_dim, len(labels))
                        for i in range(networks)])
    meta = {"format": NN_FORMAT, "labels": list(labels)}
    return NeuralModel(NeuralNet(weights, enc, labels), weights, meta)
