"""The quotes component: every piece of reported speech, with its speaker."""

from __future__ import annotations

from typing import ClassVar

from ..actors.unnamed import entity_for
from ..doc import Document, Quote
from ..pipeline import ComponentBase, component
from .attribute import attribute
from .detect import find_quotes


@component
class Quotes(ComponentBase):
    name: ClassVar[str] = "quotes"
    version: ClassVar[str] = "0.1"
    requires: ClassVar[tuple[str, ...]] = ("tokens", "entities")
    assigns: ClassVar[tuple[str, ...]] = ("quotes",)

    def __call__(self, doc: Document) -> Document:
        found = find_quotes(doc)
        who = _materialise(doc, attribute(doc, found))
        quotes = []
        for n, (f, (speaker, via)) in enumerate(zip(found, who, strict=True), 1):
            cue = doc.tokens[f.cue] if f.cue is not None else None
            quotes.append(Quote(
                id=f"q{n}", start=f.start, end=f.end, text=doc.text[f.start:f.end],
                kind=f.kind, speaker=speaker,
                cue=doc.span(cue.start, cue.end) if cue is not None else None, via=via))
        doc.quotes = quotes
        return doc


def _materialise(doc: Document, who: list[tuple[str | None, str | None]]
                 ) -> list[tuple[str | None, str | None]]:
    """Make entities of the unnamed actors that speak («مصدر أمني» → PER, its country
    and sector), so every speaker is an entity id."""
    return [(entity_for(doc, s) if s else None, entity_for(doc, v) if v else None)
            for s, v in who]
