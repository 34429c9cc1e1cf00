"""The linker: one entity per referent, with every mention, country, sector and title.

Runs after the tokenizer and, when present, the NER component, whose
entities it merges:

1. names from the knowledge base (longest match over tokens, clitics off);
2. NER mentions the knowledge base does not know;
3. title phrases before a name («وزير الخارجية العراقي فؤاد حسين») or after
   it in apposition give the person title, country and sector, even when the
   person is not in the knowledge base;
4. coreference (:mod:`hadath.actors.coref`): surnames, title-only mentions
   («الوزير الإيراني»), counterparts («نظيره العراقي»);
5. each entity takes its attributes from the knowledge base as of the
   article's date (a foreign minister is GOV of their country while in
   office), else from its title, else from a nisba inside its name.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import ClassVar

from ..doc import Document, Entity, Mention
from ..pipeline import ComponentBase, component
from .coref import Clusters, resolve
from .kb import KnowledgeBase
from .mentions import Cand, Scanner, Unnamed


@component
class Linker(ComponentBase):
    name: ClassVar[str] = "linker"
    version: ClassVar[str] = "0.1"
    requires: ClassVar[tuple[str, ...]] = ("tokens",)
    assigns: ClassVar[tuple[str, ...]] = ("entities", "coref", "unnamed")

    def __call__(self, doc: Document) -> Document:
        kb = KnowledgeBase.default()
        sc = Scanner(kb, doc.tokens, doc.text)
        cands = _peoples(_inner_names(sc, sc.names()))
        cands = _merge_ner(doc, sc, cands)
        cands = _add_titles(sc, cands)
        clusters = resolve(sc, cands, doc.meta.published)
        doc.entities = _entities(doc, kb, clusters)
        doc.cache["unnamed"] = _unnamed(doc, cands)
        return doc


def _inner_names(sc: Scanner, cands: list[Cand]) -> list[Cand]:
    """Shorter names inside a match: the same entry without its head or tail word
    («داعش» in «تنظيم داعش», «الضفة الغربية» in «الضفة الغربية المحتلة»), and a
    country named inside an organisation («التحالف … بقيادة السعودية»)."""
    out = list(cands)
    for c in cands:
        if c.entry is None or c.j - c.i < 2:
            continue
        for i, j in ((c.i + 1, c.j), (c.i, c.j - 1)):
            k = sc.key(i, j, full_first=i > c.i)
            if k and c.entry in sc.kb.lookup_key(k):
                out.append(Cand(i, j, sc.tokens[i].start if i > c.i else c.start,
                                sc.tokens[j - 1].end, c.type, "kb", entry=c.entry,
                                subtype=c.subtype, country=c.country, sector=c.sector))
        if c.type == "ORG":
            for i in range(c.i + 1, c.j):
                core = sc.cores[i]
                country = sc.kb.country(sc.kb.country_name(core[1]) or "") if core else None
                if core and country:
                    out.append(Cand(i, i + 1, core[0], sc.tokens[i].end, "LOC", "kb",
                                    entry=country, subtype=country.subtype,
                                    country=country.country, sector=country.sector))
    return sorted(out, key=lambda c: (c.start, -c.end))


def _peoples(cands: list[Cand]) -> list[Cand]:
    """«الشعب العراقي» is a collective actor (country, CVL), not a named entity."""
    for c in cands:
        if c.entry is not None and c.entry.id.startswith("people:"):
            c.source, c.type, c.entry = "unnamed", "PER", None
            c.sector = "CVL"
    return cands


def _token_range(sc: Scanner, start: int, end: int) -> tuple[int, int]:
    starts = [t.start for t in sc.tokens]
    ends = [t.end for t in sc.tokens]
    return bisect_right(ends, start), bisect_left(starts, end)


def _merge_ner(doc: Document, sc: Scanner, cands: list[Cand]) -> list[Cand]:
    """Add NER mentions: a longer NER span of the same type extends a KB match."""
    out = list(cands)
    for ent in doc.entities:
        for m in ent.mentions:
            i, j = _token_range(sc, m.start, m.end)
            if i >= j:
                continue
            inside = [c for c in out if c.start < m.end and m.start < c.end]
            if any(c.start <= m.start and m.end <= c.end for c in inside):
                continue  # the knowledge base already has this span
            if inside and all(m.start <= c.start and c.end <= m.end for c in inside):
                same = [c for c in inside if c.type == ent.type and c.entry]
                for c in inside:
                    out.remove(c)
                new = Cand(i, j, m.start, m.end, ent.type, "ner", subtype=ent.subtype)
                key = sc.key(i, j)
                hits = [e for e in sc.kb.lookup(key) if e.type == ent.type] if key else []
                entry = hits[0] if hits else (same[0].entry if len(same) == 1 else None)
                if entry:
                    new.entry, new.subtype = entry, entry.subtype
                    new.country, new.sector = entry.country, entry.sector
                out.append(new)
            elif not inside:
                out.append(Cand(i, j, m.start, m.end, ent.type, "ner", subtype=ent.subtype))
    return sorted(out, key=lambda c: c.start)


def _add_titles(sc: Scanner, cands: list[Cand]) -> list[Cand]:
    """Attach titles to the names they qualify; keep standalone titles as mentions."""
    taken = [False] * len(sc.tokens)
    for c in cands:
        for k in range(c.i, c.j):
            taken[k] = True
    by_start = {c.i: c for c in cands}
    out = list(cands)
    i = 0
    while i < len(sc.tokens):
        if taken[i]:
            i += 1
            continue
        t = sc.title_at(i)
        if t is None:
            cp = sc.counterpart_at(i)
            if cp is not None:
                country, j = cp
                out.append(Cand(i, j, sc.start_of(i), sc.tokens[j - 1].end, "PER",
                                "counterpart", country=country))
                i = j
            elif (u := sc.unnamed_at(i)) is not None:
                out.append(u)
                i = u.j
            else:
                i += 1
            continue
        if any(taken[k] for k in range(t.i, t.j)):
            t.j = next(k for k in range(t.i, t.j) if taken[k])
            if t.j <= t.i:
                i += 1
                continue
            t.end = sc.tokens[t.j - 1].end
        named = by_start.get(t.j)
        if t.type == "PER" and named is not None and named.type == "PER":
            _give_title(named, t, sc)
            out.append(t)
            t.extra["of"] = str(t.j)
        elif t.country or t.j - t.i >= 2:  # a lone «الحكومة» or «حزب» names nothing
            out.append(t)
        i = t.j
    # Apposition: «فؤاد حسين، وزير الخارجية العراقي»
    for c in out:
        if c.type == "PER" and c.source in ("kb", "ner") and c.title is None:
            k = c.j + 1
            if k < len(sc.tokens) and sc.tokens[c.j].text in ("،", ","):
                t2 = next((t for t in out if t.i == k and t.source == "title"), None)
                if t2 is not None:
                    _give_title(c, t2, sc)
                    t2.extra["of"] = str(c.i)
    return sorted(out, key=lambda c: c.start)


def _unnamed(doc: Document, cands: list[Cand]) -> list[Unnamed]:
    """Unnamed and collective actors («مصدر أمني», «شهود عيان»), and titles that join
    no one («المتحدث باسم الجيش»): not entities, but speakers and actors when the
    quotes or events layers find them in that role."""
    out = []
    for c in cands:
        if c.entity is None and c.type == "PER" and c.source in ("unnamed", "title"):
            sector = c.sector if c.sector != "UNK" or c.source == "unnamed" else None
            out.append(Unnamed(c.start, c.end, doc.text[c.start:c.end], c.country, sector))
    return out


def _give_title(person: Cand, title: Cand, sc: Scanner) -> None:
    person.title = sc.text[title.start:title.end]
    person.title_key = title.title_key
    person.extra["title_country"] = title.country or ""
    person.extra["title_sector"] = title.sector or ""


def _entities(doc: Document, kb: KnowledgeBase, clusters: Clusters) -> list[Entity]:
    out: list[Entity] = []
    main_country = clusters.main_country()
    for members in clusters.ordered():
        named = [c for c in members if c.source in ("kb", "ner", "surname", "body", "holder")]
        if not named:
            continue
        first = named[0]
        mentions = sorted({(c.start, c.end) for c in members})
        etype = next((c.entry.type for c in named if c.entry), first.type)
        names = [doc.text[c.start:c.end] for c in named if c.type == etype or c.entry]
        entry = next((c.entry for c in named if c.entry), None)
        if etype == "PER" and first.source == "holder" and entry is not None:
            name = entry.name  # named by its office alone: the holder's name
        elif etype == "PER":
            name = max(names, key=len)
        else:  # the knowledge base's name when the article uses it: «إيران», not «الجمهورية …»
            name = entry.name if entry and entry.name in names else names[0]
        titled = next((c for c in named if c.title), None)
        ent = Entity(id=f"e{len(out) + 1}", type=etype, name=name,
                     subtype=next((c.subtype for c in named if c.subtype), None),
                     mentions=[Mention(s, e, doc.text[s:e]) for s, e in mentions])
        if titled:
            ent.title = titled.title
            ent.country = titled.extra.get("title_country") or None
            ent.sector = titled.extra.get("title_sector") or None
        if entry is not None:
            ent.name_en = entry.name_en
            ent.kb_id = entry.qid or entry.id
            role = kb.role_at(entry, doc.meta.published) if entry.roles else None
            if role is not None:
                ent.country = role.country or ent.country or entry.country
                ent.sector = role.sector or ent.sector
                ent.title = ent.title or role.title or None
            else:
                ent.country = ent.country or entry.country
                ent.sector = ent.sector or entry.sector
        if ent.country is None:
            ent.country = first.country or clusters.nisba_of(first)
        if ent.sector is None and etype == "ORG":
            ent.sector = first.sector or clusters.body_sector(first)
        if ent.country is None and (first.source == "body"
                                    or (first.source == "ner" and etype in ("PER", "LOC"))):
            # Named by the article alone, with nothing saying whose: most are the
            # article's main country's («وزارة الصحة», a local official, a town).
            ent.country = main_country
        out.append(ent)
    return out
