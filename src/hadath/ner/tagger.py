"""NER models in one file: a linear-chain CRF, or a BiLSTM-CRF run with numpy.

A model file is a zip archive holding

* ``meta.json`` — the format (``hadath.ner-crf/1`` or ``hadath.ner-nn/1``),
  labels, and how the model was trained (data, seed, parameters, scores);
* ``lexicon.json`` — the word lists and clusters the features consult
  (:class:`~hadath.ner.features.Lexicon`), so a model never depends on
  data that may change after it was trained;
* for a CRF, ``crf.bin`` — the CRFsuite model; for the neural tagger,
  ``encoder.json`` (its vocabularies) and ``weights.npz``.

The shipped model is ``hadath/data/models/ner.zip``; :func:`default_model`
loads it once per process, on first use. Nothing is downloaded.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pycrfsuite

from ..errors import DataFileError
from ..resources import data_path
from .clubs import clubs
from .consistency import adjectives, fill, first_words, organisations, places, propagate, teams
from .features import DEFAULT_GROUPS, Featurizer, Lexicon

if TYPE_CHECKING:
    from .neural import NeuralNet

__all__ = ["DEFAULT_MODEL", "FORMAT", "NN_FORMAT", "CrfModel", "NerModel", "NeuralModel",
           "default_model", "load_model"]

FORMAT = "hadath.ner-crf/1"
NN_FORMAT = "hadath.ner-nn/1"
DEFAULT_MODEL = "models/ner.zip"


class _Tagging:
    """What both model kinds do alike once they can tag sentences."""

    featurizer: Featurizer
    lexicon: Lexicon
    _names: tuple[dict[str, str], frozenset[str]] | None

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        raise NotImplementedError

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """The BIO tags of a document's sentences, names made consistent across them.

        See :mod:`hadath.ner.consistency`: one-word persons that are adjectives
        («الهجوم الحوثي») are dropped; one-word places and persons that the
        lexicon knows only as organisations («الناتو») become organisations;
        names found in one sentence are tagged where they recur; one-word names
        the lexicon knows as organisations (IGO, media, armed group, party, NGO)
        or countries are tagged where the tagger missed them; a place an
        indefinite head noun names («حي الدورة») is a place; and sports clubs
        are organisations (:mod:`hadath.ner.clubs`).
        """
        analysis = self.featurizer.analysis
        forms: dict[str, tuple[str, str]] = {}
        for s in sentences:
            for t in s:
                if t not in forms:
                    a = analysis(t)
                    forms[t] = (a.norm, a.core)
        tags = adjectives(sentences, self.tag_sentences(sentences), forms.__getitem__,
                          self.lexicon.words)
        tags = organisations(sentences, tags, forms.__getitem__, self.lexicon.words)
        tags = propagate(sentences, tags, forms.__getitem__)
        if self._names is None:
            names = _known_names(self.lexicon)
            self._names = (names, first_words(names))
        names, starts = self._names
        tags = fill(sentences, tags, forms.__getitem__, names, (), (), starts=starts)
        tags = teams(sentences, tags, forms.__getitem__)
        tags = places(sentences, tags, forms.__getitem__)
        return clubs(sentences, tags, forms.__getitem__)

    def forms(self, token: str) -> tuple[str, str]:
        """(matching form, form without proclitics) of ``token``."""
        a = self.featurizer.analysis(token)
        return a.norm, a.core


class CrfModel(_Tagging):
    """A trained CRF tagger: tokens in, BIO tags over PER/ORG/LOC (and MISC) out.

    Not picklable itself (the CRF lives in C); pipeline components hold a
    path and load the model in each process.
    """

    def __init__(self, crf: bytes, lexicon: Lexicon, meta: Mapping[str, Any]) -> None:
        self.meta = dict(meta)
        self.lexicon = lexicon
        self._crf = crf
        self.featurizer = Featurizer(lexicon, groups=self.meta.get("groups", DEFAULT_GROUPS),
                                     window=int(self.meta.get("window", 2)))
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(crf)
        self._names: tuple[dict[str, str], frozenset[str]] | None = None

    @property
    def labels(self) -> list[str]:
        return list(self._tagger.labels())

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """The BIO tags of one sentence's tokens."""
        if not tokens:
            return []
        return list(self._tagger.tag(self.featurizer.sentence(tokens)))

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """The BIO tags of each sentence, each tagged alone."""
        return [self.tag(s) for s in sentences]

    # -- files ------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        return _zip({"meta.json": _json(self.meta),
                     "lexicon.json": _json(self.lexicon.to_dict()), "crf.bin": self._crf})

    def save(self, path: str | Path) -> Path:
        """Write the model to ``path`` (byte-identical for identical models)."""
        return _save(self.to_bytes(), path)

    @classmethod
    def load(cls, path: str | Path) -> NerModel:
        return load_model(path)


class NeuralModel(_Tagging):
    """A trained BiLSTM-CRF (:mod:`hadath.ner.neural`), run with numpy."""

    def __init__(self, net: NeuralNet, weights: Mapping[str, Any], meta: Mapping[str, Any]
                 ) -> None:
        self.meta = dict(meta)
        self.net = net
        self.lexicon = net.encoder.lexicon
        self.featurizer = net.encoder.featurizer
        self._weights = dict(weights)
        self._names: tuple[dict[str, str], frozenset[str]] | None = None

    @property
    def labels(self) -> list[str]:
        return list(self.net.labels)

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """The BIO tags of one sentence's tokens."""
        return self.net.tag_sentences([tokens])[0] if tokens else []

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """The BIO tags of several sentences, run as batches."""
        return self.net.tag_sentences(sentences)

    def to_bytes(self) -> bytes:
        from .neural import weights_to_bytes

        return _zip({"meta.json": _json(self.meta),
                     "lexicon.json": _json(self.lexicon.to_dict()),
                     "encoder.json": _json(self.net.encoder.to_dict()),
                     "weights.npz": weights_to_bytes(self._weights)})

    def save(self, path: str | Path) -> Path:
        """Write the model to ``path``."""
        return _save(self.to_bytes(), path)


NerModel = CrfModel | NeuralModel

# Lexicon classes of one-word names that the document pass tags where the tagger did not.
FILL_CLASSES = {"org_IGO": "ORG", "org_MEDIA": "ORG", "org_ARMED_GROUP": "ORG",
                "org_PARTY": "ORG", "org_NGO": "ORG", "country": "LOC"}


def _known_names(lexicon: Lexicon) -> dict[str, str]:
    """One-word names the lexicon types unambiguously (see :data:`FILL_CLASSES`)."""
    out: dict[str, str] = {}
    for word, classes in lexicon.words.items():
        kinds = {FILL_CLASSES[c] for c in classes.split() if c in FILL_CLASSES}
        if len(kinds) == 1:
            out[word] = kinds.pop()
    return out


def _zip(members: Mapping[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def _save(data: bytes, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def model_from_bytes(data: bytes, where: str = "<bytes>") -> NerModel:
    """A model from the bytes of a model file (either format)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = {name: z.read(name) for name in z.namelist()}
        meta = json.loads(members["meta.json"])
        lexicon = Lexicon.from_dict(json.loads(members["lexicon.json"]))
        if meta.get("format") == FORMAT:
            return CrfModel(members["crf.bin"], lexicon, meta)
        if meta.get("format") == NN_FORMAT:
            from .neural import Encoder, NeuralNet, weights_from_bytes

            encoder = Encoder.from_dict(json.loads(members["encoder.json"]), lexicon)
            weights = weights_from_bytes(members["weights.npz"])
            return NeuralModel(NeuralNet(weights, encoder, meta["labels"]), weights, meta)
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise DataFileError(f"not a hadath NER model: {e}", input=where) from e
    raise DataFileError(f"unknown NER model format {meta.get('format')!r}", input=where)


def load_model(path: str | Path) -> NerModel:
    """The model in the file at ``path``."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise DataFileError(f"cannot read NER model: {e}", input=str(path)) from e
    return model_from_bytes(data, str(path))


def _json(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


@lru_cache(maxsize=4)
def default_model(path: str | None = None) -> NerModel:
    """The shipped model (or the one at ``path``), loaded once per process."""
    return load_model(path if path is not None else data_path(DEFAULT_MODEL))
