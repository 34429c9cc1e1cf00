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

A model may be an ensemble of several such networks (:mod:`.networks`):
they share the stem vectors and the language model (each may read parts
of it of its own), and their tag scores and CRF weights are averaged (a
log-linear ensemble), so decoding is done once.
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
from .networks import ensemble, is_shared, network_weights

__all__ = ["Encoder", "NeuralNet", "TokenIds", "ensemble", "is_shared", "network_weights"]

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


class _TokenLayer(NamedTuple):
    """One network's own token representation: word, character CNN, proclitics, flags."""

    word_emb: F32
    char_tables: F32  # (K, chars, F): what each character adds at each window offset
    conv_b: F32
    prefix_emb: F32
    flag_w: F32  # (flags, D_flag) linear of indicators
    flag_b: F32

    @classmethod
    def of(cls, w: Mapping[str, np.ndarray]) -> _TokenLayer:
        char_emb = w["char_emb"].astype(np.float32)
        char_emb[PAD] = 0.0
        conv_w = w["conv_w"].astype(np.float32)  # (F, C, K) as torch's Conv1d
        tables = np.ascontiguousarray(np.einsum("nc,fck->knf", char_emb, conv_w),
                                      dtype=np.float32)
        return cls(w["word_emb"].astype(np.float32), tables, w["conv_b"].astype(np.float32),
                   w["prefix_emb"].astype(np.float32), w["flag_w"].astype(np.float32),
                   w["flag_b"].astype(np.float32))

    def chars(self, words: Sequence[Sequence[int]]) -> F32:
        """The character CNN of several words at once (padding as torch saw it).

        A convolution over embeddings is a sum of per-character tables, one per
        offset in the window: ``conv[p] = Σ_k table_k[char at p + k - K//2]``.
        """
        tables = self.char_tables  # the padding row zero
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


def _mean(arrays: Sequence[np.ndarray]) -> F32:
    out: F32 = np.mean(np.stack([np.asarray(a, np.float32) for a in arrays]), axis=0,
                       dtype=np.float32)
    return out


class NeuralNet:
    """The numpy forward pass and Viterbi decoding of a trained BiLSTM-CRF.

    Speed comes from three things. What a token contributes before the
    LSTM depends only on its text, so its input projection (token vector
    times both directions' input weights) is computed once per word form
    and cached (``cache_size`` forms, 4 KB each at hidden 128 and a network: 64 MB a network at
    most; the cache starts afresh when full). The sentences tagged together
    (a document) run as one *packed* batch, longest first: at each step only
    the sentences still running are computed, so no work goes to padding
    and there are as many steps as the longest sentence has tokens. Each
    step is one batched matrix product for both directions and a few
    elementwise operations over contiguous, gate-major arrays.

    The networks of an ensemble (weights as :func:`ensemble` lays them out)
    share the cache's row of each form (each network has its own array)
    and the language model's states; their LSTMs run one after the other,
    and their tag scores and CRF weights are averaged.
    """

    def __init__(self, weights: Mapping[str, np.ndarray], encoder: Encoder,
                 labels: Sequence[str], cache_size: int = 16_384) -> None:
        nets = [{k: np.asarray(v) for k, v in n.items()} for n in network_weights(weights)]
        w = nets[0]
        self.encoder = encoder
        self.labels = list(labels)
        # what the tags are output as: BIO (a network trained on BIOES tags has its E- and
        # S- tags read as I- and B-)
        self._bio = [{"S": "B", "E": "I"}.get(lab[0], lab[0]) + lab[1:] for lab in labels]
        self.networks = len(nets)
        scale = w["stem_scale"].astype(np.float32)
        self.stem_emb = w["stem_q"].astype(np.float32) * scale[:, None]
        # each network's own token layer (the stem vectors are shared)
        self._token_layers = [_TokenLayer.of(n) for n in nets]
        # (gate, direction, H, H): a step's product comes out gate-major. The networks
        # of an ensemble run one after another: side by side as one product a step,
        # their recurrent weights would outgrow the core's cache.
        self._w_hh4s = [recurrent(n["w_hh_f"], n["w_hh_b"]) for n in nets]
        self.hidden = int(self._w_hh4s[0].shape[-1])
        # With a language model (:mod:`.lm`), its states enter twice: through a small
        # linear layer as part of the LSTM's input, and beside the LSTM's states
        # before the tag scores. The networks of an ensemble share it.
        self.lm: LanguageModel | None = None
        d_lm = 0
        if "lm_w_hh_f" in w:
            self.lm = LanguageModel(w, self.stem_emb, encoder.lm_ids)
            self.lm_down_w = np.ascontiguousarray(np.concatenate(
                [n["lm_down_w"].astype(np.float32).T for n in nets], axis=1))  # (2H_lm, D·N)
            self.lm_down_b = np.concatenate([n["lm_down_b"] for n in nets]).astype(np.float32)
            d_lm = nets[0]["lm_down_w"].shape[0]
        # The LSTM input is [token vector, phrase embedding, language model]: its
        # projection (both directions side by side, 8H) splits into a per-form part,
        # a per-tag part and a per-occurrence part; each network has its own.
        self._w_tok: list[F32] = []
        self._phrase_proj: list[F32] = []  # (phrase tags, 8H)
        self._phrase_lm: list[F32] = []  # the phrase tags' and the linear layer's rows
        for n in nets:
            # gates reordered from torch's (i, f, g, o) to (i, f, o, g): one sigmoid for three
            w_ih = np.concatenate([_ifog(n[f"w_ih_{d}"].astype(np.float32).T)
                                   for d in ("f", "b")], axis=1)
            bias = np.concatenate([_ifog(n[f"b_ih_{d}"] + n[f"b_hh_{d}"]) for d in ("f", "b")])
            d_tok = w_ih.shape[0] - n["phrase_emb"].shape[1] - d_lm
            d_ph = d_tok + n["phrase_emb"].shape[1]
            w_tok = np.ascontiguousarray(w_ih[:d_tok])
            phrase_proj = np.ascontiguousarray(
                n["phrase_emb"].astype(np.float32) @ w_ih[d_tok:d_ph] + bias, dtype=np.float32)
            w_lm = np.ascontiguousarray(w_ih[d_ph:])
            # sigmoid(x) = (tanh(x / 2) + 1) / 2: the input, forget and output gates'
            # weights are halved here (exactly, a power of two), so one tanh serves all
            # four gates.
            for m in (w_tok, phrase_proj, w_lm):
                halve_gates(m, self.hidden)
            self._w_tok.append(w_tok)
            self._phrase_proj.append(phrase_proj)
            self._phrase_lm.append(np.ascontiguousarray(np.concatenate([phrase_proj, w_lm])))
        self.d_token = self._w_tok[0].shape[0]
        self._d_lm = d_lm
        # The tag scores and the CRF are the networks' means (log-linear ensemble):
        # each network's LSTM states through its own rows, then the language model's
        # states through the mean of theirs.
        h2 = 2 * self.hidden
        outs = [n["out_w"].astype(np.float32).T for n in nets]  # (2H [+ 2H_lm], labels)
        k = np.float32(len(nets))
        self._out_h = [np.ascontiguousarray(o[:h2] / k if len(nets) > 1 else o[:h2])
                       for o in outs]
        self._out_lm = _mean([o[h2:] for o in outs]) if d_lm else None
        self.out_b = _mean([n["out_b"] for n in nets])
        self.trans = _mean([n["trans"] for n in nets])
        self.start = _mean([n["start"] for n in nets])
        self.end = _mean([n["end"] for n in nets])
        self.cache_size = cache_size
        self._rows: dict[str, int] = {}
        self._proj = [np.empty((0, 8 * self.hidden), np.float32) for _ in nets]
        self._lm_proj = np.empty((0, self.lm.width if self.lm else 0), np.float32)

    # -- token vectors -------------------------------------------------------------

    def token_vectors(self, tokens: Sequence[str], network: int = 0) -> F32:
        """Everything each token contributes before the LSTM of one of the model's
        networks, but the phrase tag."""
        return self._vectors([self.encoder.token(t) for t in tokens], network)

    def _vectors(self, all_ids: Sequence[TokenIds], network: int) -> F32:
        layer = self._token_layers[network]
        n = len(all_ids)
        multi = np.zeros((n, layer.flag_w.shape[0]), np.float32)  # indicator vectors
        rows = [i for i, ids in enumerate(all_ids) for _ in ids.flags]
        multi[rows, [f for ids in all_ids for f in ids.flags]] = 1.0
        flags = np.maximum(multi @ layer.flag_w + layer.flag_b, 0.0)
        out: F32 = np.concatenate([
            self.stem_emb[[ids.stem for ids in all_ids]],
            layer.word_emb[[ids.word for ids in all_ids]],
            layer.chars([ids.chars for ids in all_ids]),
            layer.prefix_emb[[ids.prefix for ids in all_ids]], flags], axis=1,
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
        if len(self._proj[0]) < max(end, self.cache_size):  # pages are touched as used
            size = max(end, self.cache_size)
            for i, old in enumerate(self._proj):
                grown = np.empty((size, 8 * self.hidden), np.float32)
                grown[:start] = old[:start]
                self._proj[i] = grown
            if self.lm is not None:  # the language model's projections, same rows
                grown = np.empty((size, self.lm.width), np.float32)
                grown[:start] = self._lm_proj[:start]
                self._lm_proj = grown
        all_ids = [self.encoder.token(t) for t in tokens]
        for i, w_tok in enumerate(self._w_tok):
            np.matmul(self._vectors(all_ids, i), w_tok, out=self._proj[i][start:end])
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
        if self.lm is None:
            scores: F32 | None = None
            for proj, phrase_proj, out_h, w_hh4 in zip(
                    self._proj, self._phrase_proj, self._out_h, self._w_hh4s, strict=True):
                gates = proj[ids]  # (tokens, 8H): forward gates, backward gates
                gates += phrase_proj[phrases]
                part = run_bilstm(gates, packing, w_hh4) @ out_h
                scores = part if scores is None else scores + part
            assert scores is not None
            scores += self.out_b
            return scores
        states = self.lm.run(self._lm_proj[ids], packing)
        lm_units = states @ self.lm_down_w  # every network's linear layer at once
        lm_units += self.lm_down_b
        d = self._d_lm
        n_phrase = len(self._phrase_proj[0])
        # the phrase tag (one-hot) and the language model's units in one product
        x = np.zeros((len(ids), n_phrase + d), np.float32)
        x[np.arange(len(ids)), phrases] = 1.0
        scores = None
        for i, (proj, phrase_lm, out_h, w_hh4) in enumerate(zip(
                self._proj, self._phrase_lm, self._out_h, self._w_hh4s, strict=True)):
            gates = proj[ids]
            x[:, n_phrase:] = lm_units[:, i * d:(i + 1) * d]
            gates += x @ phrase_lm
            part = run_bilstm(gates, packing, w_hh4) @ out_h
            scores = part if scores is None else scores + part
        assert scores is not None and self._out_lm is not None
        scores += states @ self._out_lm
        scores += self.out_b
        return scores

    @staticmethod
    def _packing(lengths: Sequence[int]) -> Packing:
        """See :func:`hadath.ner.lstm.packing`."""
        return packing(lengths)

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
        bio = self._bio
        return [bio[i] for i in tags.tolist()]


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
