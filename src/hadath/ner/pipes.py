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
from functools import lru_cache
from typing import ClassVar

from ..doc import Document, Entity, Mention, Token
from ..pipeline import component
from ..settings import Settings
from .consistency import fill, first_words
from .evaluate import spans
from .features import analyse_words
from .tagger import NerModel, default_model

__all__ = ["OUTPUT_TYPES", "EntityRecognizer", "mention_start"]

OUTPUT_TYPES = frozenset(("PER", "ORG", "LOC"))
_KB_ORG_SUBTYPES = frozenset(("IGO", "MEDIA", "ARMED_GROUP", "PARTY", "NGO"))
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
    """Named-entity recognition with the packaged model (loaded once per process).

    ``use_kb=True`` adds a pass over the actor knowledge base's names
    (:func:`kb_names`, :func:`~hadath.ner.consistency.fill`): organisations,
    countries and state bodies the tagger left untagged, and ORG names
    widened to a following nisba («وزارة الداخلية اللبنانية»), as hadath's
    annotation guideline wants them. Off by default: in the default
    pipeline the linker already finds knowledge-base names (dev/ entities
    F1 0.877 without the pass, 0.876 with it, attribute accuracy 0.850 and
    0.837).
    """

    name: ClassVar[str] = "ner"
    version: ClassVar[str] = "1.0"
    requires: ClassVar[tuple[str, ...]] = ("tokens",)
    assigns: ClassVar[tuple[str, ...]] = ("entities",)

    def __init__(self, settings: Settings | None = None, model_path: str | None = None,
                 use_kb: bool = False) -> None:
        self.settings = settings or Settings()
        self.model_path = model_path
        self.use_kb = use_kb

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
        known = featurizer.known
        for tok in doc.tokens:  # the tokenizer has split the clitics already
            if tok.text not in known:
                featurizer.remember(tok.text, analyse_words(tok.norm, tok.words))
        texts = [[t.text for t in s] for s in sentences]
        tagged = model.tag_document(texts)
        if self.use_kb:
            names, bodies, nisba, starts = kb_names()
            tagged = fill(texts, tagged, model.forms, names, bodies, nisba, starts=starts)
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


@lru_cache(maxsize=1)
def kb_names() -> tuple[dict[str, str], frozenset[str], frozenset[str], frozenset[str]]:
    """(names, body words, nisba forms, first words of names) from the actor knowledge
    base, once per process.

    Names: the names and aliases of the curated organisations and of
    international organisations, media, parties and armed groups (ORG),
    countries and curated regions and facilities (LOC), and the state bodies
    of two words or more («وزارة الخارجية», ORG). Body words: one-word state
    bodies («الجيش», «الشرطة»), which name an ORG before a nisba adjective.
    """
    from ..actors.kb import KnowledgeBase
    from ..resources import load_tsv
    from ..text.tokens import tokenize

    def key(text: str) -> str:
        return " ".join(t.norm for t in tokenize(text))

    kb = KnowledgeBase.default()
    names: dict[str, str] = {}
    for e in kb:
        source = e.id.split(":", 1)[0]
        if e.type == "ORG" and (source == "org" or e.subtype in _KB_ORG_SUBTYPES):
            kind = "ORG"
        elif e.type == "LOC" and source in ("country", "org"):
            kind = "LOC"
        else:
            continue
        for name in (e.name, *e.aliases):
            names.setdefault(key(name), kind)
    bodies: set[str] = set()
    for phrase, _sector, kind, _source in load_tsv("kb/titles.tsv",
                                                   ("phrase", "sector", "kind", "source")):
        if kind == "body":
            k = key(phrase)
            if " " in k:
                names.setdefault(k, "ORG")
            else:
                bodies.add(k)
    nisba = frozenset(key(form) for form, _ in load_tsv("kb/nisba.tsv", ("form", "country")))
    return names, frozenset(bodies), nisba, first_words(names)


def _sentences(tokens: Sequence[Token]) -> list[list[Token]]:
    out: list[list[Token]] = []
    current = -1
    for tok in tokens:
        if tok.sentence != current or not out:
            out.append([])
            current = tok.sentence
        out[-1].append(tok)
    return out
