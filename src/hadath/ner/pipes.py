"""The ``ner`` pipeline component: persons, organisations and places in ``doc.entities``.

Each sentence's tokens are tagged by the shipped model
(:func:`~hadath.ner.tagger.default_model`), and a name found in one sentence
is also tagged where it recurs untagged in the article
(:mod:`~hadath.ner.consistency`); every PER, ORG or LOC span
becomes one :class:`~hadath.doc.Entity` with one mention (linking mentions
of the same referent comes later in the pipeline). A mention leaves out the
conjunctions and prepositions written onto its first token, not the
article: «لبغداد» → «بغداد», «والعراق» → «العراق» (see
``spec/ANNOTATION.md``). ANERcorp's MISC type is not output.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from ..doc import Document, Entity, Mention, Token
from ..pipeline import component
from ..settings import Settings
from .evaluate import spans
from .features import analyse_words
from .tagger import NerModel, default_model

__all__ = ["OUTPUT_TYPES", "EntityRecognizer", "mention_start"]

OUTPUT_TYPES = frozenset(("PER", "ORG", "LOC"))
_PROCLITICS = frozenset(("conj", "prep", "fut"))
# Lexicon classes that make a whole written form a name of its own, so that its first
# letter is not a preposition («بايدن» is not ب + «ايدن»).
_NAME_CLASSES = frozenset(("given", "surname", "kb_first", "kb_last", "country", "city",
                           "city_big", "city_small", "kb_loc"))


def mention_start(token: Token, model: NerModel | None = None) -> int | None:
    """Where a mention starting at ``token`` starts: after its proclitics.

    ``None`` when the token is nothing but proclitics. With ``model``, a
    form that its lexicon knows as a name keeps its first letter unless the
    form without the proclitics is known too.
    """
    words = token.words
    k = 0
    while k < len(words) and words[k].kind in _PROCLITICS:
        k += 1
    if k == 0:
        return token.start
    if k == len(words):
        return None
    if model is not None:
        lex = model.lexicon.words
        whole = lex.get(token.norm, "")
        rest = "".join(w.norm for w in words[k:])
        if _NAME_CLASSES & set(whole.split()) and not lex.get(rest):
            return token.start
    return words[k].start


@component
class EntityRecognizer:
    """Named-entity recognition with the packaged CRF model (loaded once per process)."""

    name: ClassVar[str] = "ner"
    version: ClassVar[str] = "1.0"
    requires: ClassVar[tuple[str, ...]] = ("tokens",)
    assigns: ClassVar[tuple[str, ...]] = ("entities",)

    def __init__(self, settings: Settings | None = None, model_path: str | None = None) -> None:
        self.settings = settings or Settings()
        self.model_path = model_path

    def __repr__(self) -> str:
        return f"<{self.name}@{self.version}>"

    @property
    def model(self) -> NerModel:
        """The model; loaded on first use in each process, never pickled."""
        return default_model(self.model_path)

    def __call__(self, doc: Document) -> Document:
        model = self.model
        entities: list[Entity] = []
        sentences = _sentences(doc.tokens)
        featurizer = model.featurizer
        for tok in doc.tokens:  # the tokenizer has split the clitics already
            featurizer.remember(tok.text, analyse_words(tok.norm, tok.words))
        tagged = model.tag_document([[t.text for t in s] for s in sentences])
        for sentence, tags in zip(sentences, tagged, strict=True):
            for start, end, kind in spans(tags):
                if kind not in OUTPUT_TYPES:
                    continue
                while start < end:
                    begin = mention_start(sentence[start], model)
                    if begin is not None:
                        break
                    start += 1
                else:
                    continue
                stop = sentence[end - 1].end
                text = doc.text[begin:stop]
                entities.append(Entity(id=f"e{len(entities) + 1}", type=kind, name=text,
                                       mentions=[Mention(begin, stop, text)]))
        doc.entities = entities
        return doc


def _sentences(tokens: Sequence[Token]) -> list[list[Token]]:
    out: list[list[Token]] = []
    current = -1
    for tok in tokens:
        if tok.sentence != current or not out:
            out.append([])
            current = tok.sentence
        out[-1].append(tok)
    return out
