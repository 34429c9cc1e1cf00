"""The corpus language model's states (numpy), against torch's LSTM equations run plainly."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hadath.errors import DataFileError
from hadath.ner.lm import LM_KEYS, LanguageModel, is_lm_key, lm_keys, load_lm, part_keys, save_lm
from hadath.ner.lstm import packing, run_bilstm

HIDDEN, STEM_DIM, PREFIX_DIM = 3, 5, 2
STEMS = {"قال": 2, "وزير": 3, "بغداد": 4}
PREFIXES = {"": 2, "و": 3}


def _weights(seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    d_in = STEM_DIM + PREFIX_DIM
    shapes: dict[str, tuple[int, ...]] = {"lm_prefix_emb": (len(PREFIXES) + 2, PREFIX_DIM)}
    for d in "fb":
        shapes |= {f"lm_w_ih_{d}": (4 * HIDDEN, d_in), f"lm_w_hh_{d}": (4 * HIDDEN, HIDDEN),
                   f"lm_b_ih_{d}": (4 * HIDDEN,), f"lm_b_hh_{d}": (4 * HIDDEN,)}
    assert set(shapes) == set(LM_KEYS)
    return {k: rng.standard_normal(s).astype(np.float32) for k, s in shapes.items()}


def _ids(token: str) -> tuple[int, int]:
    prefix, stem = ("و", token[1:]) if token.startswith("و") and token[1:] in STEMS else ("", token)
    return STEMS.get(stem, 1), PREFIXES.get(prefix, 1)


def _stem_table() -> np.ndarray:
    table = np.random.default_rng(1).standard_normal((len(STEMS) + 2, STEM_DIM))
    table[:2] = 0.0
    return table.astype(np.float32)


def _plain(w: dict[str, np.ndarray], tokens: list[str]) -> np.ndarray:
    """torch's LSTM equations, token by token, both directions (states side by side)."""
    table = _stem_table()
    x = np.array([np.concatenate([table[s], w["lm_prefix_emb"][p]])
                  for s, p in map(_ids, tokens)])

    def run(seq: np.ndarray, d: str) -> np.ndarray:
        h = np.zeros(HIDDEN, np.float32)
        c = np.zeros(HIDDEN, np.float32)
        out = []
        for v in seq:
            i, f, g, o = np.split(w[f"lm_w_ih_{d}"] @ v + w[f"lm_b_ih_{d}"]
                                  + w[f"lm_w_hh_{d}"] @ h + w[f"lm_b_hh_{d}"], 4)
            c = 1 / (1 + np.exp(-f)) * c + 1 / (1 + np.exp(-i)) * np.tanh(g)
            h = 1 / (1 + np.exp(-o)) * np.tanh(c)
            out.append(h)
        return np.array(out)

    return np.concatenate([run(x, "f"), run(x[::-1], "b")[::-1]], axis=1)


SENTENCES = [["قال", "وزير", "بغداد"], ["بغداد"], ["وقال", "مجهول", "وزير", "و", "بغداد"],
             ["قال", "قال"]]


def test_states_match_plain_lstm() -> None:
    w = _weights()
    lm = LanguageModel(w, _stem_table(), _ids)
    assert lm.dim == 2 * HIDDEN
    got = lm.states(SENTENCES)
    pos = 0
    for s in SENTENCES:
        np.testing.assert_allclose(got[pos:pos + len(s)], _plain(w, s), atol=1e-5)
        pos += len(s)
    assert pos == len(got)


def test_states_do_not_depend_on_the_batch() -> None:
    w = _weights(2)
    together = LanguageModel(w, _stem_table(), _ids).states(SENTENCES)
    alone = LanguageModel(w, _stem_table(), _ids)
    pos = 0
    for s in SENTENCES:
        np.testing.assert_allclose(together[pos:pos + len(s)], alone.states([s]), atol=1e-6)
        pos += len(s)


def test_packing_reads_longest_first() -> None:
    fwd, bwd, counts = packing([2, 3, 1])
    # sentences (tokens 0-1, 2-4, 5), longest first: step 0 reads 2, 0, 5; step 1 3, 1 …
    assert fwd.tolist() == [2, 0, 5, 3, 1, 4]
    assert bwd.tolist() == [4, 1, 5, 3, 0, 2]
    assert counts == [3, 2, 1]


def test_run_bilstm_of_no_input_is_the_biasless_state() -> None:
    w_hh4 = np.zeros((4, 2, 2, 2), np.float32)
    out = run_bilstm(np.zeros((3, 16), np.float32), packing([3]), w_hh4)
    # all gates at zero: sigmoid 0.5, candidate 0 → cell and state stay 0
    assert out.shape == (3, 4)
    assert not out.any()


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    w = _weights()
    path = save_lm(tmp_path / "lm.npz", w, ["", "و"], {"hidden": HIDDEN})
    weights, prefixes, meta = load_lm(path)
    assert prefixes == ["", "و"] and meta == {"hidden": HIDDEN}
    for k in LM_KEYS:  # stored as float16
        np.testing.assert_allclose(weights[k], w[k], atol=2e-3)


def test_load_of_something_else_is_a_data_file_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.npz"
    np.savez(bad, a=np.zeros(2))
    with pytest.raises(DataFileError, match="not a hadath language model"):
        load_lm(bad)
    with pytest.raises(DataFileError):
        load_lm(tmp_path / "missing.npz")


# -- a language model of several parts -------------------------------------------------

def _two_parts() -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Two single-part models and the two-part model of both (part 1 of another size)."""
    a = _weights(4)
    rng = np.random.default_rng(5)
    h, d_in = 2, STEM_DIM + 3
    b = {"lm_prefix_emb": rng.standard_normal((len(PREFIXES) + 2, 3))}
    for d in "fb":
        b |= {f"lm_w_ih_{d}": rng.standard_normal((4 * h, d_in)),
              f"lm_w_hh_{d}": rng.standard_normal((4 * h, h)),
              f"lm_b_ih_{d}": rng.standard_normal(4 * h),
              f"lm_b_hh_{d}": rng.standard_normal(4 * h)}
    b = {k: v.astype(np.float32) for k, v in b.items()}
    both = a | dict(zip(part_keys(1), (b[k] for k in LM_KEYS), strict=True))
    return a, b, both


def test_parts_run_apart_and_their_states_sit_side_by_side() -> None:
    a, b, both = _two_parts()
    lm = LanguageModel(both, _stem_table(), _ids)
    assert lm.hiddens == [HIDDEN, 2] and lm.dim == 2 * (HIDDEN + 2) and lm.width == 8 * 5
    got = lm.states(SENTENCES)
    sa = LanguageModel(a, _stem_table(), _ids).states(SENTENCES)
    sb = LanguageModel(b, _stem_table(), _ids).states(SENTENCES)
    # every part's forward states, then every part's backward states
    want = np.concatenate([sa[:, :HIDDEN], sb[:, :2], sa[:, HIDDEN:], sb[:, 2:]], axis=1)
    np.testing.assert_allclose(got, want, atol=1e-6)


def test_parts_save_and_load(tmp_path: Path) -> None:
    _, _, both = _two_parts()
    assert lm_keys(both) == [*LM_KEYS, *part_keys(1)]
    weights, _, _ = load_lm(save_lm(tmp_path / "lm.npz", both, ["", "و"], {}))
    assert sorted(weights) == sorted(both)
    lm = LanguageModel(weights, _stem_table(), _ids)
    np.testing.assert_allclose(lm.states(SENTENCES),
                               LanguageModel(both, _stem_table(), _ids).states(SENTENCES),
                               atol=2e-2)


@pytest.mark.parametrize(("key", "expected"), [
    ("lm_w_ih_f", True), ("lm_prefix_emb", True), ("lm1_b_hh_b", True),
    ("lm12_w_hh_f", True), ("lm_down_w", False), ("lm_down_b", False), ("w_ih_f", False),
    ("lmx_w_ih_f", False), ("1/lm_w_ih_f", False),
])
def test_is_lm_key(key: str, expected: bool) -> None:
    assert is_lm_key(key) is expected


def test_no_weights_is_an_error() -> None:
    with pytest.raises(ValueError, match="no language model"):
        LanguageModel({}, _stem_table(), _ids)
