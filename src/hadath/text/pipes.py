"""Pipeline components of the text layer: normalise, split sentences, tokenise."""

from __future__ import annotations

from ..doc import Document, Sentence
from ..pipeline import ComponentBase, component
from .normalize import Normalized, normalize
from .sentences import split_sentences
from .tokens import tokenize


@component
class Normalizer(ComponentBase):
    """Puts the matching form of the text, with its alignment map, in ``doc.cache["norm"]``."""

    name = "normalizer"
    requires = ("text",)
    assigns = ("norm",)

    def __call__(self, doc: Document) -> Document:
        doc.cache["norm"] = normalize(doc.text)
        return doc


def get_norm(doc: Document) -> Normalized:
    """The document's normalised text, computing it if no normalizer ran in this process."""
    norm = doc.cache.get("norm")
    if not isinstance(norm, Normalized):
        norm = doc.cache["norm"] = normalize(doc.text)
    return norm


@component
class Sentencizer(ComponentBase):
    name = "sentencizer"
    requires = ("text",)
    assigns = ("sentences",)

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        doc.sentences = [Sentence(s, e, text[s:e]) for s, e in split_sentences(text)]
        return doc


@component
class Tokenizer(ComponentBase):
    """Tokens and their clitic-split words, sentence by sentence."""

    name = "tokenizer"
    requires = ("sentences",)
    assigns = ("tokens", "words")

    def __call__(self, doc: Document) -> Document:
        tokens = []
        for i, sent in enumerate(doc.sentences):
            tokens.extend(tokenize(doc.text, sent.start, sent.end, sentence=i))
        doc.tokens = tokens
        return doc
