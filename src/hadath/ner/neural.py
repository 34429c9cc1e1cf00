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
and a CRF layer decodes them (Viterbi). Everything a token contributes
before the LSTM depends only on its text and is cached, so tagging costs
little more than the LSTM's matrix products, done for a batch of sentences
at once.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

from .features import Featurizer, Lexicon

__all__ = ["Encoder", "NeuralNet", "TokenIds"]

F32 = npt.NDArray[np.float32]
SHAPES = ("punct", "digit", "hasdigit", "latin", "arabic", "other")
PHRASE_TAGS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
PAD, UNK = 0, 1
_MARKS = "".join(map(chr, range(0x064B, 0x0653))) + "\u0640"  # harakat, tatweel
_ORTHOGRAPHY: dict[str, Callable[[str], bool]] = {
    "final_alef_maqsura": lambda t: t.rstrip(_MARKS).endswith("ى"),
    "final_ta_marbuta": lambda t: t.rstrip(_MARKS).endswith("ة"),
    "hamza_alef": lambda t: any(c in t for c in "أإآ"),
}
MAX_CHARS = 24


@dataclass(frozen=True, slots=True)
class TokenIds:
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
                 orthography: bool = False) -> None:
        self.featurizer = Featurizer(lexicon, groups=("phrases",), window=0)
        self.lexicon = lexicon
        # index 0 is padding, 1 unknown
        self.stems = {s: i + 2 for i, s in enumerate(stems)}
        self.words = {s: i + 2 for i, s in enumerate(words)}
        self.chars = {s: i + 2 for i, s in enumerate(chars)}
        self.prefixes = {s: i + 2 for i, s in enumerate(prefixes)}
        self.classes = list(classes)
        flags = [f"{t}:{c}" for t in "ncs" for c in self.classes]
        flags += [f"shape:{s}" for s in SHAPES] + ["pron"]
        self.orthography = orthography
        if orthography:  # what the matching form folds away: «على» is not «علي»
            flags += [f"orth:{k}" for k in _ORTHOGRAPHY]
        self.flags = {f: i for i, f in enumerate(flags)}
        self.n_flags = len(flags)
        self._cache: dict[str, TokenIds] = {}

    def to_dict(self) -> dict[str, Any]:
        def order(d: Mapping[str, int]) -> list[str]:
            return sorted(d, key=d.__getitem__)

        return {"stems": order(self.stems), "words": order(self.words),
                "chars": order(self.chars), "prefixes": order(self.prefixes),
                "classes": self.classes, "orthography": self.orthography}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], lexicon: Lexicon) -> Encoder:
        return cls(lexicon, data["stems"], data["words"], data["chars"], data["prefixes"],
                   data["classes"], bool(data.get("orthography", False)))

    def token(self, token: str) -> TokenIds:
        hit = self._cache.get(token)
        if hit is not None:
            return hit
        from .features import _shape

        a = self.featurizer.analysis(token)
        flags: list[int] = []
        lex = self.lexicon.words
        for form, tag in ((a.norm, "n"), (a.core, "c"), (a.stem, "s")):
            for c in lex.get(form, "").split():
                i = self.flags.get(f"{tag}:{c}")
                if i is not None:
                    flags.append(i)
        flags.append(self.flags["shape:" + _shape(token)])
        if a.suffix:
            flags.append(self.flags["pron"])
        if self.orthography:
            for k, test in _ORTHOGRAPHY.items():
                if test(token):
                    flags.append(self.flags["orth:" + k])
        chars = tuple(self.chars.get(ch, UNK) for ch in a.norm[:MAX_CHARS]) or (UNK,)
        hit = TokenIds(self.stems.get(a.stem, UNK), self.words.get(a.norm, UNK), chars,
                       self.prefixes.get(a.prefix, UNK), tuple(sorted(set(flags))))
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[token] = hit
        return hit

    def phrases(self, tokens: Sequence[str]) -> list[int]:
        tags = self.featurizer.phrase_tags(tokens)
        return [PHRASE_TAGS.index(t) if t in PHRASE_TAGS else 0 for t in tags]


def _ifog(m: np.ndarray) -> F32:
    """Gate blocks along the last axis from (i, f, g, o) to (i, f, o, g)."""
    i, f, g, o = np.split(m, 4, axis=-1)
    out: F32 = np.ascontiguousarray(np.concatenate([i, f, o, g], axis=-1), dtype=np.float32)
    return out


class NeuralNet:
    """The numpy forward pass and Viterbi decoding of a trained BiLSTM-CRF."""

    def __init__(self, weights: Mapping[str, np.ndarray], encoder: Encoder,
                 labels: Sequence[str]) -> None:
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
        self.w_ih = {d: _ifog(w[f"w_ih_{d}"].astype(np.float32).T) for d in ("f", "b")}
        self.w_hh = np.stack([_ifog(w[f"w_hh_{d}"].astype(np.float32).T) for d in ("f", "b")])
        self.b = {d: _ifog(w[f"b_ih_{d}"] + w[f"b_hh_{d}"]).astype(np.float32)
                  for d in ("f", "b")}
        self.out_w = w["out_w"].astype(np.float32).T.copy()
        self.out_b = w["out_b"].astype(np.float32)
        self.trans = w["trans"].astype(np.float32)
        self.start = w["start"].astype(np.float32)
        self.end = w["end"].astype(np.float32)
        self.hidden = self.w_hh.shape[1]
        k = self.conv_w.shape[2]
        # (K*C, F) so that windows (positions, K*C) @ it gives the convolution
        self._conv = self.conv_w.transpose(2, 1, 0).reshape(k * self.conv_w.shape[1], -1).copy()
        self._static: dict[str, F32] = {}

    # -- token vectors -------------------------------------------------------------

    def _chars(self, words: Sequence[Sequence[int]]) -> F32:
        """The character CNN of several words at once (padding as torch saw it)."""
        k = self.conv_w.shape[2]
        pad = k // 2
        longest = max(len(w) for w in words)
        ids = np.zeros((len(words), longest + 2 * pad), np.int64)
        mask = np.ones((len(words), longest), bool)
        for i, w in enumerate(words):
            ids[i, pad:pad + len(w)] = w
            mask[i, len(w):] = False
        emb = self.char_emb[ids]
        emb[ids == PAD] = 0.0
        windows = np.concatenate([emb[:, i:i + longest] for i in range(k)], axis=2)
        conv = windows @ self._conv + self.conv_b  # (words, positions, filters)
        conv[~mask] = -np.inf
        out: F32 = np.tanh(conv.max(axis=1))
        return out

    def token_vector(self, token: str) -> F32:
        """Everything the token contributes before the LSTM, but the phrase tag."""
        hit = self._static.get(token)
        if hit is None:
            self._add_tokens([token])
            hit = self._static[token]
        return hit

    def _add_tokens(self, tokens: Sequence[str]) -> None:
        if len(self._static) + len(tokens) > 200_000:
            self._static.clear()
        all_ids = [self.encoder.token(t) for t in tokens]
        chars = self._chars([ids.chars for ids in all_ids])
        for t, ids, ch in zip(tokens, all_ids, chars, strict=True):
            flags = self.flag_b.copy()
            for i in ids.flags:
                flags += self.flag_w[i]
            self._static[t] = np.concatenate([
                self.stem_emb[ids.stem], self.word_emb[ids.word], ch,
                self.prefix_emb[ids.prefix], np.maximum(flags, 0.0)]).astype(np.float32)

    # -- tagging ----------------------------------------------------------------------

    def tag_sentences(self, sentences: Sequence[Sequence[str]], batch: int = 64
                      ) -> list[list[str]]:
        """The BIO tags of each sentence; sentences of similar length run as one batch.

        BLAS runs on one thread here: the matrices are small, and threads
        only contend with each other and with the pipeline's worker processes.
        """
        with threadpool_limits(1, user_api="blas"):
            return self._tag_sentences(sentences, batch)

    def _tag_sentences(self, sentences: Sequence[Sequence[str]], batch: int
                       ) -> list[list[str]]:
        out: list[list[str]] = [[] for _ in sentences]
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: len(sentences[i]))
        # Batches of similar lengths: padding costs as much as words.
        batches: list[list[int]] = []
        for i in order:
            n = len(sentences[i])
            if (not batches or len(batches[-1]) >= batch
                    or n > 2 * len(sentences[batches[-1][0]]) + 4):
                batches.append([])
            batches[-1].append(i)
        for idx in batches:
            for i, tags in zip(idx, self._tag_batch([sentences[i] for i in idx]), strict=True):
                out[i] = tags
        return out

    def _bilstm(self, x: F32, lengths: Sequence[int]) -> F32:
        """Both directions over a padded batch ``x`` (B, T, D) → hidden states (B, T, 2H)."""
        bsz, t_max, _ = x.shape
        h_dim = self.hidden
        x_rev = np.zeros_like(x)  # each sequence reversed within its length
        for i, n in enumerate(lengths):
            x_rev[i, :n] = x[i, n - 1::-1] if n else x[i, :0]
        gates_x = np.stack([x @ self.w_ih["f"] + self.b["f"],
                            x_rev @ self.w_ih["b"] + self.b["b"]])  # (2, B, T, 4H)
        w_hh = self.w_hh
        h = np.zeros((2, bsz, h_dim), np.float32)
        c = np.zeros((2, bsz, h_dim), np.float32)
        hs = np.empty((2, bsz, t_max, h_dim), np.float32)
        three = 3 * h_dim
        for t in range(t_max):
            g = gates_x[:, :, t] + np.matmul(h, w_hh)
            sig = g[:, :, :three]
            np.multiply(sig, 0.5, out=sig)
            np.tanh(sig, out=sig)
            sig += 1.0
            sig *= 0.5
            cand = np.tanh(g[:, :, three:])
            c = sig[:, :, h_dim:2 * h_dim] * c + sig[:, :, :h_dim] * cand
            h = sig[:, :, 2 * h_dim:three] * np.tanh(c)
            hs[:, :, t] = h
        back = np.zeros((bsz, t_max, h_dim), np.float32)
        for i, n in enumerate(lengths):
            back[i, :n] = hs[1, i, n - 1::-1] if n else hs[1, i, :0]
        out: F32 = np.concatenate([hs[0], back], axis=2)
        return out

    def _tag_batch(self, sents: Sequence[Sequence[str]]) -> list[list[str]]:
        return self._viterbi(self.emissions(sents), [len(s) for s in sents])

    def emissions(self, sents: Sequence[Sequence[str]]) -> F32:
        """The tag scores (batch, longest sentence, labels) of non-empty sentences."""
        lengths = [len(s) for s in sents]
        t_max = max(lengths)
        static = self._static
        new = list(dict.fromkeys(t for s in sents for t in s if t not in static))
        if new:
            self._add_tokens(new)
        first = self.token_vector(sents[0][0])
        d_tok = len(first)
        d_in = d_tok + self.phrase_emb.shape[1]
        x = np.zeros((len(sents), t_max, d_in), np.float32)
        for i, s in enumerate(sents):
            x[i, :len(s), :d_tok] = [self.token_vector(t) for t in s]
            x[i, :len(s), d_tok:] = self.phrase_emb[self.encoder.phrases(s)]
        h = self._bilstm(x, lengths)
        scores: F32 = h @ self.out_w + self.out_b
        return scores

    def _viterbi(self, emissions: F32, lengths: Sequence[int]) -> list[list[str]]:
        """The best tag path of each sentence of a padded batch (B, T, labels)."""
        bsz, t_max, n_labels = emissions.shape
        score = self.start + emissions[:, 0]  # (B, L)
        back = np.zeros((t_max, bsz, n_labels), np.int64)
        trans = self.trans[None]
        lengths_a = np.asarray(lengths)
        for t in range(1, t_max):
            cand = score[:, :, None] + trans  # (B, from, to)
            best = cand.argmax(axis=1)
            new = np.take_along_axis(cand, best[:, None, :], axis=1)[:, 0] + emissions[:, t]
            live = (lengths_a > t)[:, None]
            score = np.where(live, new, score)
            back[t] = best
        score = score + self.end
        labels = self.labels
        out = []
        for i, n in enumerate(lengths):
            last = int(score[i].argmax())
            path = [last]
            for t in range(n - 1, 0, -1):
                last = int(back[t, i, last])
                path.append(last)
            path.reverse()
            out.append([labels[k] for k in path])
        return out


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
