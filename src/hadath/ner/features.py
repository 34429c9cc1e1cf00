"""Token features for the CRF tagger.

A token (what is written between spaces: «وبالمدينة», «لبغداد») is described
by its matching form, its clitic analysis from :mod:`hadath.text.tokens`
(proclitics, the article, the stem, an enclitic pronoun), the stem's
affixes and shape, the classes the lexicon gives the token and its stem
(given name, surname, city, country, organisation word, title, nisba …),
the multi-token lexicon phrases it is part of, and the corpus word clusters
of the token and its stem. Each token also sees a window of its neighbours'
features.

Static features of a token depend only on its text and are cached per
featurizer; the phrase matches depend on the sentence and are computed per
call. Nothing is loaded at import time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..doc import Word
from ..text.normalize import normalize_str
from ..text.tokens import tokenize

__all__ = ["DEFAULT_GROUPS", "Analysis", "Featurizer", "Lexicon", "analyse", "analyse_words",
           "phrase_key"]

DEFAULT_GROUPS = ("word", "affix", "clitic", "shape", "lexicon", "phrases", "clusters")

_DIGIT = re.compile(r"\d")
_LATIN = re.compile(r"[A-Za-z]")
_ARABIC = re.compile(r"[\u0620-\u064A\u066E-\u06D3]")
_PUNCT = re.compile(r"^\W+$")

# Attached prepositions and conjunctions that a mention leaves out (not the article).
_PROCLITIC_KINDS = frozenset(("conj", "prep", "fut"))


@dataclass(frozen=True, slots=True)
class Analysis:
    """The matching form of a token and of its parts."""

    norm: str
    """normalize_str of the whole token."""
    core: str
    """the token without leading conjunction/preposition, article kept («لبغداد» → «بغداد»,
    «للولايات» → «الولايات»)."""
    stem: str
    """the stem alone («الولايات» → «ولايات»)."""
    prefix: str
    """the proclitic kinds joined by '+' («و+ب+ال»), '' when none."""
    suffix: bool
    """whether an enclitic pronoun follows the stem."""


def analyse(token: str) -> Analysis:
    """Split ``token`` into the forms the features and the lexicon use."""
    parts = [w for t in tokenize(token) for w in t.words]
    return analyse_words(normalize_str(token), parts)


def analyse_words(norm: str, parts: Sequence[Word]) -> Analysis:
    """The :class:`Analysis` of a token already split into ``parts`` (its words)."""
    if not parts:
        return Analysis(norm, norm, norm, "", False)
    kinds: list[str] = []
    core_parts: list[str] = []
    stem_parts: list[str] = []
    suffix = False
    for w in parts:
        if w.kind in _PROCLITIC_KINDS and not core_parts:
            kinds.append(w.norm)
        elif w.kind == "det":
            kinds.append("ال")
            core_parts.append("ال")
        elif w.kind == "pron":
            suffix = True
            core_parts.append(w.norm)
        else:
            core_parts.append(w.norm)
            stem_parts.append(w.norm)
    core = "".join(core_parts) or norm
    stem = "".join(stem_parts) or core
    return Analysis(norm, core, stem, "+".join(kinds), suffix)


def phrase_key(words: Sequence[str]) -> str:
    """The key of a multi-token phrase in :attr:`Lexicon.phrases`: matching forms, one space."""
    return " ".join(words)


@dataclass(slots=True)
class Lexicon:
    """Word lists and clusters the features consult; shipped inside the model.

    words: matching form → space-separated classes («بغداد» → "city capital").
    phrases: space-joined matching forms of two or more tokens → class
        («عبد اللطيف رشيد» → "PER", «الامم المتحده» → "ORG").
    clusters: matching form → space-separated cluster ids, coarse to fine.
    """

    words: dict[str, str] = field(default_factory=dict)
    phrases: dict[str, str] = field(default_factory=dict)
    clusters: dict[str, str] = field(default_factory=dict)
    max_phrase: int = 0

    def __post_init__(self) -> None:
        if self.phrases and not self.max_phrase:
            self.max_phrase = max(k.count(" ") + 1 for k in self.phrases)

    def to_dict(self) -> dict[str, Any]:
        return {"words": self.words, "phrases": self.phrases, "clusters": self.clusters,
                "max_phrase": self.max_phrase}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Lexicon:
        return cls(dict(data.get("words", {})), dict(data.get("phrases", {})),
                   dict(data.get("clusters", {})), int(data.get("max_phrase", 0)))


def _shape(token: str) -> str:
    if _PUNCT.match(token):
        return "punct"
    if _DIGIT.search(token):
        return "digit" if token.isdigit() else "hasdigit"
    if _LATIN.search(token):
        return "latin"
    if _ARABIC.search(token):
        return "arabic"
    return "other"


class _Static(NamedTuple):
    """What a token contributes, independent of its sentence."""

    own: list[str]
    prefixed: tuple[list[str], ...]  # the features each neighbour position sees
    norm: str
    core: str
    stem: str


class Featurizer:
    """Turns a sentence of tokens into CRF attribute lists.

    ``groups`` chooses the feature families (see :data:`DEFAULT_GROUPS`);
    ``window`` is how many neighbours on each side contribute their features.
    """

    def __init__(self, lexicon: Lexicon | None = None, groups: Sequence[str] = DEFAULT_GROUPS,
                 window: int = 2, cache_size: int = 200_000) -> None:
        self.lexicon = lexicon or Lexicon()
        self.groups = frozenset(groups)
        self.window = window
        self._offsets = tuple(o for o in range(-window, window + 1) if o)
        self._cache: dict[str, _Static] = {}
        self._cache_size = cache_size
        self._analyses: dict[str, Analysis] = {}
        self._phrase_starts: frozenset[str] | None = None

    def remember(self, token: str, analysis: Analysis) -> None:
        """Use ``analysis`` for ``token`` (from a tokenizer that has split it already)."""
        if token not in self._analyses:
            if len(self._analyses) >= self._cache_size:
                self._analyses.clear()
            self._analyses[token] = analysis

    @property
    def known(self) -> Mapping[str, Analysis]:
        """The tokens analysed so far (or remembered), for membership tests."""
        return self._analyses

    def analysis(self, token: str) -> Analysis:
        a = self._analyses.get(token)
        if a is None:
            if len(self._analyses) >= self._cache_size:
                self._analyses.clear()
            a = self._analyses[token] = analyse(token)
        return a

    # -- static features ------------------------------------------------------

    def _base(self, token: str) -> tuple[list[str], list[str]]:
        """(own features, features neighbours see) of one token."""
        a = self.analysis(token)
        g = self.groups
        lex = self.lexicon
        own: list[str] = ["bias"]
        ctx: list[str] = []
        if "word" in g:
            own.append("w=" + a.norm)
            ctx.append("w=" + a.norm)
        if "clitic" in g:
            own += ["core=" + a.core, "stem=" + a.stem, "pre=" + a.prefix]
            ctx += ["stem=" + a.stem, "pre=" + a.prefix]
            if a.suffix:
                own.append("pron")
        if "affix" in g:
            s = a.stem
            own += ["s1=" + s[-1:], "s2=" + s[-2:], "s3=" + s[-3:],
                    "p1=" + s[:1], "p2=" + s[:2], "p3=" + s[:3], f"len={min(len(s), 10)}"]
            n = a.norm
            own += ["ns2=" + n[-2:], "np2=" + n[:2]]
        if "shape" in g:
            shape = _shape(token)
            own.append("shape=" + shape)
            ctx.append("shape=" + shape)
            if shape == "punct":
                ctx.append("p=" + token)
        if "lexicon" in g and lex.words:
            classes: set[str] = set()
            for form, tag in ((a.norm, "n"), (a.core, "c"), (a.stem, "s")):
                cls = lex.words.get(form)
                if cls:
                    for c in cls.split():
                        classes.add(c)
                        own.append(f"lx{tag}={c}")
            for c in sorted(classes):
                ctx.append("lx=" + c)
        if "clusters" in g and lex.clusters:
            for form, tag in ((a.norm, "n"), (a.stem, "s")):
                ids = lex.clusters.get(form)
                if ids:
                    for level, cid in enumerate(ids.split()):
                        own.append(f"k{tag}{level}={cid}")
                        if tag == "s":
                            ctx.append(f"k{level}={cid}")
                else:
                    own.append(f"k{tag}=none")
        return own, ctx

    def _static(self, token: str) -> _Static:
        hit = self._cache.get(token)
        if hit is not None:
            return hit
        own, ctx = self._base(token)
        prefixed = tuple([f"{o:+d}{f}" for f in ctx] for o in self._offsets)
        a = self.analysis(token)
        if len(self._cache) >= self._cache_size:
            self._cache.clear()
            self._analyses.clear()
        hit = self._cache[token] = _Static(own, prefixed, a.norm, a.core, a.stem)
        return hit

    # -- sentence features ------------------------------------------------------

    def phrase_tags(self, tokens: Sequence[str]) -> list[str]:
        """BIO-like lexicon phrase tags per token (``B-PER``, ``I-LOC``, ``O``), longest first."""
        cache = self._cache
        return self._phrase_tags([cache[t] if t in cache else self._static(t) for t in tokens])

    def _phrase_tags(self, statics: Sequence[_Static]) -> list[str]:
        lex = self.lexicon
        n = len(statics)
        tags = ["O"] * n
        if not lex.phrases or n < 2:
            return tags
        phrases = lex.phrases
        starts = self._phrase_starts
        if starts is None:
            starts = self._phrase_starts = frozenset(k.split(" ", 1)[0] for k in phrases)
        norms = [s.norm for s in statics]
        if starts.isdisjoint(norms) and starts.isdisjoint([s.core for s in statics]):
            return tags
        i = 0
        while i < n:
            if statics[i].core not in starts and norms[i] not in starts:
                i += 1
                continue
            found = 0
            for size in range(min(lex.max_phrase, n - i), 1, -1):
                rest = " ".join(norms[i + 1:i + size])
                cls = phrases.get(statics[i].core + " " + rest)
                if cls is None and statics[i].core != norms[i]:
                    cls = phrases.get(norms[i] + " " + rest)
                if cls is not None:
                    tags[i] = "B-" + cls
                    for j in range(i + 1, i + size):
                        tags[j] = "I-" + cls
                    found = size
                    break
            i += found or 1
        return tags

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """The attribute lists of each token of one sentence."""
        n = len(tokens)
        statics = [self._static(t) for t in tokens]
        offsets = self._offsets
        phrases = self._phrase_tags(statics) if "phrases" in self.groups else None
        bigrams = "word" in self.groups
        out: list[list[str]] = []
        for i in range(n):
            st = statics[i]
            feats = list(st.own)
            for k, o in enumerate(offsets):
                j = i + o
                if 0 <= j < n:
                    feats += statics[j].prefixed[k]
                elif o == -1:
                    feats.append("BOS")
                elif o == 1:
                    feats.append("EOS")
            if bigrams:
                if i > 0:
                    feats.append("b-=" + statics[i - 1].norm + "|" + st.stem)
                if i + 1 < n:
                    feats.append("b+=" + st.stem + "|" + statics[i + 1].norm)
            if phrases is not None:
                feats.append("ph=" + phrases[i])
                if i > 0:
                    feats.append("ph-1=" + phrases[i - 1])
                if i + 1 < n:
                    feats.append("ph+1=" + phrases[i + 1])
            out.append(feats)
        return out
