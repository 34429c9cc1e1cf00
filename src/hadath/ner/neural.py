"""A small BiLSTM-CRF tagger run with numpy (trained with torch by :mod:`.train_neural`).

Each token is represented by

* the pretrained corpus vector of its stem (:mod:`.clusters`' PPMI-SVD,
  frozen, stored as int8 with one scale per row),
* a trained embedding of its matching form (frequent training words only),
* a character CNN over its matching form,
* an embedding of its proclitics («و+ب+ال»),
* indicator features: the lexicon classes of the token, its core and its
  stem, its shape, an enclitic pronoun, and the lexicon phrase it is part of.

A bidirectional LSTM reads the sentence; a linear layer scores the BIO tags
and a CRF layer decodes them (Viterbi). A model may also read a language
model pretrained on the news corpus (:mod:`.lm`): its states at each token
enter the LSTM through a small linear layer and sit beside the LSTM's
states before the tag scores. Everything a token contributes
before the LSTM depends only on its text and is cached, so tagging costs
little more than the LSTM's matrix products, done for a batch of sentences
at once.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np
from threadpoolctl import ThreadpoolController

from .features import Featurizer, Lexicon, _shape
from .lm import LanguageModel
from .lstm import F32, Packing, halve_gates, packing, recurrent, run_bilstm
from .lstm import ifog as _ifog

__all__ = ["Encoder", "NeuralNet", "TokenIds"]

SHAPES = ("punct", "digit", "hasdigit", "latin", "arabic", "other")
PHRASE_TAGS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
_PHRASE_IX = {t: i for i, t in enumerate(PHRASE_TAGS)}
PAD, UNK = 0, 1
_MARKS = "".join(map(chr, range(0x064B, 0x0653))) + "\u0640"  # harakat, tatweel
_HAMZA_ALEF = frozenset("أإآ")
_ORTHOGRAPHY: dict[str, Callable[[str], bool]] = {
    "final_alef_maqsura": lambda t: t.rstrip(_MARKS).endswith("ى"),
    "final_ta_marbuta": lambda t: t.rstrip(_MARKS).endswith("ة"),
    "hamza_alef": lambda t: not _HAMZA_ALEF.isdisjoint(t),
}
MAX_CHARS = 24


class TokenIds(NamedTuple):
    """The indices a token is encoded by, independent of its sentence."""

    stem: int
    word: int
    chars: tuple[int, ...]
    prefix: int
    flags: tuple[int, ...]  # indices into the indicator vector


class Encoder:
    """Maps tokens to :class:`TokenIds` with fixed vocabularies (saved in the model)."""

    def __init__(self, lexicon: Lexicon, stems: Sequence[str], words: Sequence[str],
                 chars: Sequence[str], prefixes: Sequence[str], classes: Sequence[str],
                 orthography: bool = False, lm_prefixes: Sequence[str] = ()) -> None:
        self.featurizer = Featurizer(lexicon, groups=("phrases",), window=0)
        self.lexicon = lexicon
        # index 0 is padding, 1 unknown
        self.stems = {s: i + 2 for i, s in enumerate(stems)}
        self.words = {s: i + 2 for i, s in enumerate(words)}
        self.chars = {s: i + 2 for i, s in enumerate(chars)}
        self.prefixes = {s: i + 2 for i, s in enumerate(prefixes)}
        # the language model's own proclitic vocabulary (:mod:`.lm`), when there is one
        self.lm_prefixes = {s: i + 2 for i, s in enumerate(lm_prefixes)}
        self.classes = list(classes)
        flags = [f"{t}:{c}" for t in "ncs" for c in self.classes]
        flags += [f"shape:{s}" for s in SHAPES] + ["pron"]
        self.orthography = orthography
        if orthography:  # what the matching form folds away: «على» is not «علي»
            flags += [f"orth:{k}" for k in _ORTHOGRAPHY]
        self.flags = {f: i for i, f in enumerate(flags)}
        self.n_flags = len(flags)
        self._shapes = {s: self.flags["shape:" + s] for s in SHAPES}
        self._classes_cache: dict[str, tuple[int, ...]] = {}
        self._cache: dict[str, TokenIds] = {}

    def to_dict(self) -> dict[str, Any]:
        def order(d: Mapping[str, int]) -> list[str]:
            return sorted(d, key=d.__getitem__)

        out: dict[str, Any] = {
            "stems": order(self.stems), "words": order(self.words),
            "chars": order(self.chars), "prefixes": order(self.prefixes),
            "classes": self.classes, "orthography": self.orthography}
        if self.lm_prefixes:
            out["lm_prefixes"] = order(self.lm_prefixes)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], lexicon: Lexicon) -> Encoder:
        return cls(lexicon, data["stems"], data["words"], data["chars"], data["prefixes"],
                   data["classes"], bool(data.get("orthography", False)),
                   data.get("lm_prefixes", ()))

    def _class_flags(self, tag: str, classes: str) -> tuple[int, ...]:
        """The indicator indices of a lexicon entry's ``classes`` seen on form ``tag``."""
        key = tag + classes
        hit = self._classes_cache.get(key)
        if hit is None:
            found = (self.flags.get(f"{tag}:{c}") for c in classes.split())
            hit = self._classes_cache[key] = tuple(i for i in found if i is not None)
        return hit

    def token(self, token: str) -> TokenIds:
        hit = self._cache.get(token)
        if hit is not None:
            return hit
        a = self.featurizer.analysis(token)
        lex = self.lexicon.words
        flags: list[int] = []
        for form, tag in ((a.norm, "n"), (a.core, "c"), (a.stem, "s")):
            classes = lex.get(form)
            if classes:
                flags += self._class_flags(tag, classes)
        flags.append(self._shapes[_shape(token)])
        if a.suffix:
            flags.append(self.flags["pron"])
        if self.orthography:
            for k, test in _ORTHOGRAPHY.items():
                if test(token):
                    flags.append(self.flags["orth:" + k])
        get = self.chars.get
        chars = tuple([get(ch, UNK) for ch in a.norm[:MAX_CHARS]]) or (UNK,)
        hit = TokenIds(self.stems.get(a.stem, UNK), self.words.get(a.norm, UNK), chars,
                       self.prefixes.get(a.prefix, UNK), tuple(sorted(set(flags))))
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[token] = hit
        return hit

    def lm_ids(self, token: str) -> tuple[int, int]:
        """(stem row, proclitic row) of ``token`` for the language model (:mod:`.lm`)."""
        a = self.featurizer.analysis(token)
        return self.stems.get(a.stem, UNK), self.lm_prefixes.get(a.prefix, UNK)

    def phrases(self, tokens: Sequence[str]) -> list[int]:
        """The index in :data:`PHRASE_TAGS` of each token's lexicon phrase tag."""
        get = _PHRASE_IX.get
        return [get(t, 0) for t in self.featurizer.phrase_tags(tokens)]


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    """The process's thread pools, found once (finding them reads /proc each time)."""
    return ThreadpoolController()


class NeuralNet:
    """The numpy forward pass and Viterbi decoding of a trained BiLSTM-CRF.

    Speed comes from three things. What a token contributes before the
    LSTM depends only on its text, so its input projection (token vector
    times both directions' input weights) is computed once per word form
    and cached (``cache_size`` forms, 4 KB each at hidden 128: 64 MB at
    most; the cache starts afresh when full). The sentences tagged together
    (a document) run as one *packed* batch, longest first: at each step only
    the sentences still running are computed, so no work goes to padding
    and there are as many steps as the longest sentence has tokens. Each
    step is one batched matrix product for both directions and a few
    elementwise operations over contiguous, gate-major arrays.
    """

    def __init__(self, weights: Mapping[str, np.ndarray], encoder: Encoder,
                 labels: Sequence[str], cache_size: int = 16_384) -> None:
        w = {k: np.asarray(v) for k, v in weights.items()}
        self.encoder = encoder
        self.labels = list(labels)
        scale = w["stem_scale"].astype(np.float32)
        self.stem_emb = w["stem_q"].astype(np.float32) * scale[:, None]
        self.word_emb = w["word_emb"].astype(np.float32)
        self.char_emb = w["char_emb"].astype(np.float32)
        self.conv_w = w["conv_w"].astype(np.float32)  # (F, C, K) as torch's Conv1d
        self.conv_b = w["conv_b"].astype(np.float32)
        self.prefix_emb = w["prefix_emb"].astype(np.float32)
        self.phrase_emb = w["phrase_emb"].astype(np.float32)
        self.flag_w = w["flag_w"].astype(np.float32)  # (flags, D_flag) linear of indicators
        self.flag_b = w["flag_b"].astype(np.float32)
        # Gates reordered from torch's (i, f, g, o) to (i, f, o, g): one sigmoid for three.
        w_ih = {d: _ifog(w[f"w_ih_{d}"].astype(np.float32).T) for d in ("f", "b")}
        bias = np.concatenate([_ifog(w[f"b_ih_{d}"] + w[f"b_hh_{d}"]) for d in ("f", "b")])
        self.out_w = w["out_w"].astype(np.float32).T.copy()
        self.out_b = w["out_b"].astype(np.float32)
        self.trans = w["trans"].astype(np.float32)
        self.start = w["start"].astype(np.float32)
        self.end = w["end"].astype(np.float32)
        # (gate, direction, H, H): a step's product comes out gate-major
        self._w_hh4 = recurrent(w["w_hh_f"], w["w_hh_b"])
        self.hidden = int(self._w_hh4.shape[-1])
        # With a language model (:mod:`.lm`), its states enter twice: through a small
        # linear layer as part of the LSTM's input, and beside the LSTM's states
        # before the tag scores.
        self.lm: LanguageModel | None = None
        d_lm = 0
        if "lm_w_hh_f" in w:
            self.lm = LanguageModel(w, self.stem_emb, encoder.lm_ids)
            self.lm_down_w = w["lm_down_w"].astype(np.float32).T.copy()  # (2H_lm, D)
            self.lm_down_b = w["lm_down_b"].astype(np.float32)
            d_lm = self.lm_down_w.shape[1]
        # The LSTM input is [token vector, phrase embedding, language model]: its
        # projection (both directions side by side, 8H) splits into a per-form part,
        # a per-tag part and a per-occurrence part.
        d_tok = w_ih["f"].shape[0] - self.phrase_emb.shape[1] - d_lm
        d_ph = d_tok + self.phrase_emb.shape[1]
        self.d_token = d_tok
        self._w_tok = np.ascontiguousarray(
            np.concatenate([w_ih["f"][:d_tok], w_ih["b"][:d_tok]], axis=1))
        self._phrase_proj = np.ascontiguousarray(
            self.phrase_emb @ np.concatenate([w_ih["f"][d_tok:d_ph], w_ih["b"][d_tok:d_ph]],
                                             axis=1) + bias, dtype=np.float32)
        self._w_lm = np.ascontiguousarray(
            np.concatenate([w_ih["f"][d_ph:], w_ih["b"][d_ph:]], axis=1))
        # sigmoid(x) = (tanh(x / 2) + 1) / 2: the input, forget and output gates' weights
        # are halved here (exactly, a power of two), so one tanh serves all four gates.
        for m in (self._w_tok, self._phrase_proj, self._w_lm):
            halve_gates(m, self.hidden)
        self._phrase_lm = np.ascontiguousarray(np.concatenate([self._phrase_proj, self._w_lm]))
        # (K, chars, F): what each character contributes at each offset of the window
        char_emb = self.char_emb.copy()
        char_emb[PAD] = 0.0
        self._char_tables = np.ascontiguousarray(
            np.einsum("nc,fck->knf", char_emb, self.conv_w), dtype=np.float32)
        self.cache_size = cache_size
        self._rows: dict[str, int] = {}
        self._proj = np.empty((0, 8 * self.hidden), np.float32)
        self._lm_proj = np.empty((0, 8 * self.lm.hidden if self.lm else 0), np.float32)

    # -- token vectors -------------------------------------------------------------

    def _chars(self, words: Sequence[Sequence[int]]) -> F32:
        """The character CNN of several words at once (padding as torch saw it).

        A convolution over embeddings is a sum of per-character tables, one per
        offset in the window: ``conv[p] = Σ_k table_k[char at p + k - K//2]``.
        """
        tables = self._char_tables  # (K, chars, F), the padding row zero
        k = len(tables)
        pad = k // 2
        lengths = np.fromiter(map(len, words), np.int64, len(words))
        longest = int(lengths.max())
        ids = np.zeros((len(words), longest + 2 * pad), np.int64)
        mask = np.arange(longest) < lengths[:, None]
        ids[:, pad:pad + longest][mask] = np.fromiter(
            (c for w in words for c in w), np.int64, int(lengths.sum()))
        conv = tables[0][ids[:, :longest]]
        for i in range(1, k):
            conv += tables[i][ids[:, i:i + longest]]
        conv += self.conv_b
        conv[~mask] = -np.inf
        out: F32 = np.tanh(conv.max(axis=1))
        return out

    def token_vectors(self, tokens: Sequence[str]) -> F32:
        """Everything each token contributes before the LSTM, but the phrase tag."""
        all_ids = [self.encoder.token(t) for t in tokens]
        n = len(all_ids)
        multi = np.zeros((n, self.flag_w.shape[0]), np.float32)  # indicator vectors
        rows = [i for i, ids in enumerate(all_ids) for _ in ids.flags]
        multi[rows, [f for ids in all_ids for f in ids.flags]] = 1.0
        flags = np.maximum(multi @ self.flag_w + self.flag_b, 0.0)
        out: F32 = np.concatenate([
            self.stem_emb[[ids.stem for ids in all_ids]],
            self.word_emb[[ids.word for ids in all_ids]],
            self._chars([ids.chars for ids in all_ids]),
            self.prefix_emb[[ids.prefix for ids in all_ids]], flags], axis=1,
            dtype=np.float32)
        return out

    def token_vector(self, token: str) -> F32:
        """:meth:`token_vectors` of one token."""
        out: F32 = self.token_vectors([token])[0]
        return out

    def _project(self, tokens: Sequence[str]) -> None:
        """Add the input projections of ``tokens`` (not cached yet) to the cache."""
        rows = self._rows
        start = len(rows)
        end = start + len(tokens)
        if len(self._proj) < max(end, self.cache_size):  # pages are touched as used
            size = max(end, self.cache_size)
            grown = np.empty((size, 8 * self.hidden), np.float32)
            grown[:start] = self._proj[:start]
            self._proj = grown
            if self.lm is not None:  # the language model's projections, same rows
                grown = np.empty((size, 8 * self.lm.hidden), np.float32)
                grown[:start] = self._lm_proj[:start]
                self._lm_proj = grown
        np.matmul(self.token_vectors(tokens), self._w_tok, out=self._proj[start:end])
        if self.lm is not None:
            self._lm_proj[start:end] = self.lm.inputs(tokens)
        rows.update(zip(tokens, range(start, end), strict=True))

    # -- tagging ----------------------------------------------------------------------

    def tag_sentences(self, sentences: Sequence[Sequence[str]], batch: int = 256
                      ) -> list[list[str]]:
        """The BIO tags of each sentence; up to ``batch`` sentences run as one packed batch.

        BLAS runs on one thread here: the matrices are small, and threads
        only contend with each other and with the pipeline's worker processes.
        """
        out: list[list[str]] = [[] for _ in sentences]
        order = sorted((i for i, s in enumerate(sentences) if s),
                       key=lambda i: -len(sentences[i]))
        with _blas().limit(limits=1, user_api="blas"):
            for b in range(0, len(order), batch):
                idx = order[b:b + batch]
                sents = [sentences[i] for i in idx]
                packing = self._packing([len(s) for s in sents])
                tags = self._viterbi(self._emissions(sents, packing), packing)
                pos = 0
                for i, s in zip(idx, sents, strict=True):
                    out[i] = tags[pos:pos + len(s)]
                    pos += len(s)
        return out

    def emissions(self, sents: Sequence[Sequence[str]]) -> F32:
        """The tag scores (batch, longest sentence, labels) of non-empty sentences."""
        lengths = [len(s) for s in sents]
        flat = self._emissions(sents, self._packing(lengths))
        out = np.zeros((len(sents), max(lengths), flat.shape[1]), np.float32)
        pos = 0
        for i, n in enumerate(lengths):
            out[i, :n] = flat[pos:pos + n]
            pos += n
        return out

    def _emissions(self, sents: Sequence[Sequence[str]], packing: Packing) -> F32:
        """The tag scores (tokens, labels) of non-empty sentences, tokens in order."""
        rows = self._rows
        new = list(dict.fromkeys(t for s in sents for t in s if t not in rows))
        if new:
            if len(rows) + len(new) > self.cache_size:  # start the cache afresh
                rows.clear()
                new = list(dict.fromkeys(t for s in sents for t in s))
            self._project(new)
        ids = np.fromiter((rows[t] for s in sents for t in s), np.int64)
        phrases = np.fromiter((p for s in sents for p in self.encoder.phrases(s)), np.int64)
        gates = self._proj[ids]  # (tokens, 8H): forward gates, backward gates
        if self.lm is None:
            gates += self._phrase_proj[phrases]
            scores: F32 = self._bilstm(gates, packing) @ self.out_w + self.out_b
            return scores
        states = self.lm.run(self._lm_proj[ids], packing)
        # the phrase tag (one-hot) and the language model's units in one product
        n_phrase = len(self._phrase_proj)
        x = np.zeros((len(ids), n_phrase + self.lm_down_w.shape[1]), np.float32)
        x[np.arange(len(ids)), phrases] = 1.0
        np.matmul(states, self.lm_down_w, out=x[:, n_phrase:])
        x[:, n_phrase:] += self.lm_down_b
        gates += x @ self._phrase_lm
        h2 = 2 * self.hidden
        scores = self._bilstm(gates, packing) @ self.out_w[:h2]
        scores += states @ self.out_w[h2:]
        scores += self.out_b
        return scores

    @staticmethod
    def _packing(lengths: Sequence[int]) -> Packing:
        """See :func:`hadath.ner.lstm.packing`."""
        return packing(lengths)

    def _bilstm(self, gates: F32, pack: Packing) -> F32:
        """Both directions over tokens whose input gates are ``gates`` (tokens, 8H)."""
        return run_bilstm(gates, pack, self._w_hh4)

    def _viterbi(self, emissions: F32, packing: Packing) -> list[str]:
        """The best tags of the packed sentences' tokens, in the tokens' order.

        ``emissions`` (tokens, labels) are in the tokens' order too. Both passes
        run over all sentences at once, step after step as the LSTM did.
        """
        fwd, _, counts = packing
        em = emissions[fwd]  # packed like the LSTM's steps
        back = np.empty((len(fwd), em.shape[1]), np.int64)
        score = self.start + em[:counts[0]]  # (sentences, labels), longest first
        trans = self.trans[None]
        starts = [0]
        for k in counts[1:]:
            pos = starts[-1] + counts[len(starts) - 1]
            starts.append(pos)
            cand = score[:k, :, None] + trans  # (sentences, from, to)
            back[pos:pos + k] = cand.argmax(axis=1)
            score[:k] = cand.max(axis=1) + em[pos:pos + k]
        last = (score + self.end).argmax(axis=1)
        path = np.empty(len(fwd), np.int64)
        cur = np.empty(counts[0], np.int64)
        running = [*counts, 0]
        for t in range(len(counts) - 1, -1, -1):
            k, pos = counts[t], starts[t]
            cur[running[t + 1]:k] = last[running[t + 1]:k]  # sentences that end at t
            path[pos:pos + k] = cur[:k]
            if t:
                cur[:k] = back[np.arange(pos, pos + k), cur[:k]]
        tags = np.empty(len(fwd), np.int64)
        tags[fwd] = path
        labels = self.labels
        return [labels[i] for i in tags.tolist()]


def weights_to_bytes(weights: Mapping[str, np.ndarray]) -> bytes:
    """An ``.npz`` of the weights, floats stored as float16 (they run as float32)."""
    buf = io.BytesIO()
    arrays: dict[str, Any] = {}
    for k, v in sorted(weights.items()):
        a = np.asarray(v)
        arrays[k] = a.astype(np.float16) if a.dtype.kind == "f" and k != "stem_scale" else a
    np.savez(buf, **arrays)
    return buf.getvalue()


def weights_from_bytes(data: bytes) -> dict[str, np.ndarray]:
    with np.load(io.BytesIO(data), allow_pickle=False) as z:
        return {k: z[k] for k in z.files}
