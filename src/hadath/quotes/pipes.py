"""The quotes component: every piece of reported speech, with its speaker."""

from __future__ import annotations

from typing import ClassVar

from ..doc import Document, Entity, Mention, Quote
from ..pipeline import component
from ..settings import Settings
from .attribute import attribute
from .detect import find_quotes


@component
class Quotes:
    name: ClassVar[str] = "quotes"
    version: ClassVar[str] = "0.1"
    requires: ClassVar[tuple[str, ...]] = ("tokens", "entities")
    assigns: ClassVar[tuple[str, ...]] = ("quotes",)

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def __repr__(self) -> str:
        return f"<{self.name}@{self.version}>"

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
    unnamed = doc.cache.get("unnamed", ())
    made: dict[str, str] = {}
    out = []
    for speaker, via in who:
        if speaker is not None and speaker.startswith("u"):
            if speaker not in made:
                u = unnamed[int(speaker[1:])]
                eid = f"e{len(doc.entities) + 1}"
                doc.entities.append(Entity(
                    id=eid, type="PER", name=u.text, subtype="UNNAMED", country=u.country,
                    sector=u.sector or "UNK", mentions=[Mention(u.start, u.end, u.text)]))
                made[speaker] = eid
            speaker = made[speaker]
        if via is not None and via.startswith("u"):
            via = made.get(via)
        out.append((speaker, via))
    return out
