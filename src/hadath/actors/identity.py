"""Which knowledge-base person a name is: checks the linker makes before it trusts a match.

A name the knowledge base knows may still be someone else's: a common name («محمد
مصطفى») is the office-holder only when a title says so, a surname alone («المشنوق»)
is not the person the article names in full («محمد المشنوق»).
"""

from __future__ import annotations

from ..doc import Document
from ..text.normalize import normalize_str
from .mentions import Cand, Scanner, words
from .schema import KBEntry

__all__ = ["name_words", "someone_else", "unconfirmed_common_names"]


def unconfirmed_common_names(sc: Scanner, cands: list[Cand]) -> None:
    """Unlink office-holders named by a common name («محمد مصطفى») unless a title confirms
    them.

    A person of the knowledge base whose name is in ``common_person_names`` keeps the
    link only when some mention of theirs in the document has a title of their sector
    (the sector of one of their roles, or their own) whose country, if any, is theirs:
    «رئيس الوزراء الفلسطيني محمد مصطفى», not «اللاعب محمد مصطفى». Otherwise every such
    mention becomes a person the knowledge base does not know.
    """
    common = words().common_person_names
    if not common:
        return
    suspects: dict[str, list[Cand]] = {}
    for c in cands:  # the name as written, or the person's (a longer NER span keeps it)
        if (c.type == "PER" and c.entry is not None and c.source in ("kb", "ner")
                and (normalize_str(sc.text[c.start:c.end]) in common
                     or normalize_str(c.entry.name) in common)):
            suspects.setdefault(c.entry.id, []).append(c)
    for group in suspects.values():
        entry = group[0].entry
        assert entry is not None
        sectors = {r.sector for r in entry.roles} | {entry.sector}
        countries = {r.country for r in entry.roles} | {entry.country, ""}
        if any(c.title and c.extra.get("title_sector") in sectors
               and c.extra.get("title_country", "") in countries for c in group):
            continue
        for c in group:  # what the entry gave goes with it
            c.entry = None
            c.source = "ner"
            c.country = None if c.country == entry.country else c.country
            c.sector = None if c.sector == entry.sector else c.sector
            c.subtype = None if c.subtype == entry.subtype else c.subtype


def name_words(name: str) -> list[str]:
    """The words of a name, a particle that never stands alone (``name_particles``: «عبد»,
    «أبو», «بن», «ولد» …) joined to the word it heads («عبد المهدي» is one word)."""
    particles = words().name_particles
    out: list[str] = []
    for w in name.split():
        if out and normalize_str(out[-1].rsplit(" ", 1)[-1]) in particles:
            out[-1] += " " + w
        else:
            out.append(w)
    return out


def someone_else(doc: Document, named: list[Cand], entry: KBEntry) -> bool:
    """Whether the referent's full name, written in the article, is not the knowledge-base
    person's its other mentions found: «محمد المشنوق … وأضاف المشنوق» is not Nohad
    al-Machnouk, whose surname alone linked «المشنوق»."""
    known = {normalize_str(n) for n in (entry.name, *entry.aliases)}
    return any(c.entry is None and c.source == "ner"
               and len(name_words(doc.text[c.start:c.end])) >= 2
               and normalize_str(doc.text[c.start:c.end]) not in known for c in named)
