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

from ..doc import Document, Entity, Mention, Token
from ..pipeline import ComponentBase, component
from .coref import Clusters, anaphors, resolve
from .identity import name_words, someone_else, unconfirmed_common_names
from .kb import KnowledgeBase
from .mentions import Cand, Scanner, Unnamed, _bare, own_country, words


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
        cands = _quoted_media(sc, _merge_ner(doc, sc, cands))
        cands = anaphors(sc, _add_titles(sc, anaphors(sc, cands)))
        unconfirmed_common_names(sc, cands)
        cands = _surnames_not_towns(sc, cands)
        clusters = resolve(sc, cands, doc.meta.published)
        doc.entities = _entities(doc, kb, clusters)
        _spokespeople(doc.entities)
        doc.cache["unnamed"] = _unnamed(doc, cands, clusters.main_country()
                                        or _usual_country(doc.entities)
                                        or _nisba_country(sc))
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
    return bisect_right(sc.ends, start), bisect_left(sc.starts, end)


def _merge_ner(doc: Document, sc: Scanner, cands: list[Cand]) -> list[Cand]:
    """Add NER mentions: a longer NER span of the same type extends a KB match."""
    out = list(cands)
    dates = [(t.start, t.end) for t in doc.times]
    for ent in doc.entities:
        for m in ent.mentions:
            i, j = _token_range(sc, m.start, m.end)
            if i >= j or any(a <= m.start and m.end <= b for a, b in dates):
                continue  # «10 نيسان/أبريل»: a month, not the carmaker
            if ent.type == "PER":
                # «بوتين للأسد»: a name never goes on into a word with a preposition on it
                cut = next((k for k in range(i + 1, j) if _prep_article(sc.tokens[k])), j)
                if cut < j:
                    j = cut
                    stop = sc.tokens[j - 1].end
                    m = Mention(m.start, stop, doc.text[m.start:stop])
            inside = [c for c in out if c.start < m.end and m.start < c.end]
            if any(c.start <= m.start and m.end <= c.end for c in inside):
                continue  # the knowledge base already has this span
            if sum(1 for c in inside if c.entry is not None) >= 2:
                continue  # «منظمة التعاون الإسلامي والبرلمان العربي»: two names, not one
            if inside and all(m.start <= c.start and c.end <= m.end for c in inside):
                same = [c for c in inside if c.type == ent.type and c.entry]
                for c in inside:
                    out.remove(c)
                new = Cand(i, j, m.start, m.end, ent.type, "ner", subtype=ent.subtype)
                key = sc.key(i, j)
                hits = [e for e in sc.kb.lookup(key) if e.type == ent.type] if key else []
                # a longer name keeps the one the knowledge base found inside it, unless
                # that was a lone surname («عبد المهدي الكربلائي» is not «عبد المهدي»)
                whole = [c for c in same if len(name_words(sc.text[c.start:c.end])) >= 2]
                entry = hits[0] if hits else (whole[0].entry if len(same) == len(whole) == 1
                                              else None)
                if entry:
                    new.entry, new.subtype = entry, entry.subtype
                    new.country, new.sector = entry.country, entry.sector
                out.append(new)
            elif not inside:
                out.append(Cand(i, j, m.start, m.end, ent.type, "ner", subtype=ent.subtype))
    return sorted(out, key=lambda c: c.start)


_QUOTE_MARKS = frozenset(('"', "«", "»", "“", "”"))


def _quoted_media(sc: Scanner, cands: list[Cand]) -> list[Cand]:
    """«وكالة "فارس" للأنباء», «تلفزيون "روداو" الكردي»: a media outlet's name in quotation
    marks after a word for one is an organisation (MED), unless a name is already there."""
    heads = words().media_heads
    taken = {k for c in cands for k in range(c.i, c.j)}
    out = list(cands)
    toks = sc.tokens
    for i, core in enumerate(sc.cores):
        if core is None or i + 3 >= len(toks) or toks[i + 1].text not in _QUOTE_MARKS:
            continue
        if core[1] not in heads and _bare_head(core[1]) not in heads:
            continue
        end = next((m for m in range(i + 2, min(len(toks), i + 6))
                    if toks[m].text in _QUOTE_MARKS), None)
        if end is None or end == i + 2:
            continue
        known = next((c for c in cands if c.i == i + 2 and c.j == end), None)
        if known is not None and known.type == "ORG":
            known.extra["head"] = str(i)
            continue
        if any(k in taken for k in range(i + 2, end)):
            continue
        if any(sc.cores[k] is None or toks[k].sentence != toks[i].sentence
               for k in range(i + 2, end)):
            continue
        out.append(Cand(i + 2, end, toks[i + 2].start, toks[end - 1].end, "ORG", "ner",
                        subtype="MEDIA", sector="MED", extra={"head": str(i)}))
    return sorted(out, key=lambda c: c.start)


def _bare_head(form: str) -> str:
    return form[2:] if form.startswith("ال") else form


def _prep_article(tok: Token) -> bool:
    """«للأسد», «بالرئيس»: a preposition and the article on one word."""
    ws = tok.words
    k = 1 if ws and ws[0].kind == "conj" else 0
    return len(ws) > k + 2 and ws[k].kind == "prep" and ws[k + 1].kind == "det"


def _add_titles(sc: Scanner, cands: list[Cand]) -> list[Cand]:
    """Attach titles to the names they qualify; keep standalone titles as mentions."""
    taken = [False] * len(sc.tokens)
    for c in cands:
        for k in range(c.i, c.j):
            taken[k] = True
        if "head" in c.extra:  # the «وكالة» of «وكالة "فارس"» is no unnamed actor
            taken[int(c.extra["head"])] = True
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
        if t.type == "PER":
            _genitive(sc, t, by_start)
        named = by_start.get(t.j)
        if named is not None and _conjoined_name(sc, named):
            named = None  # «ملك الأردن والشيخ صباح»: the title is not the next name's
        if t.type == "PER" and named is None:
            named = _apposed(sc, t, by_start)
        if t.type == "PER" and named is not None and named.type == "PER":
            _give_title(named, t, sc)
            out.append(t)
            t.extra["of"] = str(named.i)
        elif t.country or t.j - t.i >= 2:  # a lone «الحكومة» or «حزب» names nothing
            out.append(t)
        elif (u := sc.unnamed_at(i)) is not None:  # «متحدث عسكري», «مسؤولون»
            out.append(u)
            i = max(u.j, t.j)
            continue
        i = t.j
    # Apposition: «فؤاد حسين، وزير الخارجية العراقي»
    for c in out:
        if c.type == "PER" and c.source in ("kb", "ner") and c.title is None:
            comma = c.j < len(sc.tokens) and sc.tokens[c.j].text in ("،", ",")
            k = c.j + 1 if comma else c.j  # «الملك عبد الله الثاني ملك الأردن»
            if k < len(sc.tokens):
                t2 = next((t for t in out if t.i == k and t.source == "title"
                           and not _conjoined_name(sc, t)
                           and (comma or _bare_apposition(sc, c, t))), None)
                # (not «سلفاكير، وزعيم المعارضة ريك مشار»: a new item, another's title)
                if t2 is not None:
                    _give_title(c, t2, sc)
                    t2.extra["of"] = str(c.i)
    return sorted(out, key=lambda c: c.start)


def _surnames_not_towns(sc: Scanner, cands: list[Cand]) -> list[Cand]:
    """One-word town names that are the surname of a person the article named before
    («برناردينو ليون» … «وأكد ليون»): the person, not Lyon; dropped from ``cands`` so that
    coreference can take them as surnames."""
    people = [c for c in cands if c.type == "PER" and c.source in ("kb", "ner") and c.j - c.i >= 2]
    out = []
    for c in cands:
        town = (c.type == "LOC" and c.j - c.i == 1 and c.entry is not None
                and c.entry.id.startswith("city:"))
        core = sc.cores[c.i] if town else None
        if core is not None and any(
                p.start < c.start and (last := sc.cores[p.j - 1]) is not None
                and last[1] == core[1] for p in people):
            continue
        out.append(c)
    return out


def _bare_apposition(sc: Scanner, name: Cand, t: Cand) -> bool:
    """Whether title ``t`` right after ``name`` with no comma is the name's («الملك عبد الله
    الثاني ملك الأردن»): it names a country, that of the name if the name has one, has
    no name after it already («يلتقي ترامب الزعيم الكوري الشمالي كيم جونغ أون»), starts
    no new item of a list and no prepositional phrase («ميركل برئيس الوزراء المجري»)."""
    return (bool(t.country) and "of" not in t.extra and not _conjoined_name(sc, t)
            and not _governed(sc, t) and own_country(name) in (None, t.country))


def _governed(sc: Scanner, c: Cand) -> bool:
    """Whether ``c`` starts with a preposition on its first word («برئيس الوزراء»)."""
    words = sc.tokens[c.i].words
    return bool(words) and words[0].kind == "prep"


def _conjoined_name(sc: Scanner, c: Cand) -> bool:
    """Whether name ``c`` starts with the conjunction «و» (a new item of a list)."""
    words = sc.tokens[c.i].words
    return bool(words) and words[0].kind == "conj"


def _genitive(sc: Scanner, t: Cand, by_start: dict[int, Cand]) -> None:
    """«رئيس النيجر», «زعيم حزب الله», «المتحدثة باسم وزارة الخارجية الأمريكية»: a
    person title takes the organisation or country named right after it (no
    preposition on it) into its phrase, with that one's country and, for an
    organisation, its sector."""
    g = by_start.get(t.j)
    if g is None or g.type not in ("ORG", "LOC") or t.j - t.i > 3:
        return
    if g.type == "LOC" and not (g.entry is not None
                                and g.entry.id.startswith(("country:", "org:"))):
        return  # a country, or a region the base curates («رئيس إقليم كردستان»)
    preps = [w for w in sc.tokens[g.i].words[:-1] if w.kind == "prep"]
    if preps and not (g.type == "ORG" and g.sector != "MED" and len(preps) == 1
                      and preps[0].norm == "ل"
                      and _lam_title(t.title_key)):
        return  # but «الأمين العام للأمم المتحدة»
    if t.country and any(w.kind == "det" for w in sc.tokens[t.j - 1].words):
        # «الرئيس التركي الولايات المتحدة»: a title closed by its nisba takes no
        # genitive; the name after it is the verb's object
        return
    t.j, t.end = g.j, g.end
    t.country = t.country or g.country
    if g.type == "ORG" and g.sector:
        t.sector = g.sector
    t.extra["genitive"] = sc.text[g.start:g.end]
    if (head := sc.key(t.i, g.i)) is not None:
        t.extra["head"] = _bare(head)  # «قائد» of «قائد الجيش الوطني الليبي»
    if g.type == "ORG" and g.entry is not None:
        t.extra["body"] = g.entry.id
    mods, former = words().title_modifiers, words().former
    while t.j < len(sc.tokens) and (k := sc.key(t.j, t.j + 1, full_first=True)) in mods:
        if k in former:
            t.sector = None  # «رئيس النيجر السابق»: no longer in office
            t.extra["former"] = "1"
        t.end = sc.tokens[t.j].end
        t.j += 1


def _lam_title(title_key: str | None) -> bool:
    """Whether a title takes the body it heads with «ل» («الأمين العام للأمم المتحدة»)."""
    return title_key is not None and any(
        title_key == h or title_key.startswith(h + " ") for h in words().lam_titles)


def _apposed(sc: Scanner, t: Cand, by_start: dict[int, Cand]) -> Cand | None:
    """The person named in apposition after a title («زعيم حزب الله، حسن نصر الله،»,
    «المتحدث باسم اللجنة … في موريتانيا، مصطفى سيد المختار»), if any."""
    j = t.j
    where: str | None = None
    if j + 1 < len(sc.tokens) and sc.tokens[j].norm == "في" and (loc := by_start.get(j + 1)):
        if loc.type != "LOC":
            return None
        j, where = loc.j, loc.country
        named = by_start.get(j)
        if (named is not None and named.type == "PER" and named.title is None
                and named.source in ("kb", "ner") and loc.country):
            # «وزير الداخلية اليميني المتطرف في إيطاليا ماتيو سالفيني»: no comma
            t.country = t.country or loc.country
            return named
    if j + 1 >= len(sc.tokens) or sc.tokens[j].text not in ("،", ","):
        return None
    after = by_start.get(j + 1)
    if after is not None and after.type == "PER" and after.title is None and after.source in (
            "kb", "ner"):
        t.country = t.country or where  # «رئيس منظمة العفو في تركيا، تانر كيليتش»
        return after
    return None


def _unnamed(doc: Document, cands: list[Cand], main_country: str | None) -> list[Unnamed]:
    """Unnamed and collective actors («مصدر أمني», «شهود عيان»), and titles and
    counterparts («نظيره الألماني») that join no one («المتحدث باسم الجيش»): not
    entities, but speakers and actors when the quotes or events layers find them in
    that role."""
    out = []
    for c in cands:
        if c.entity is None and c.type == "PER" and (
                c.source in ("unnamed", "title") or (c.source == "counterpart" and c.sector)):
            sector = c.sector if c.sector != "UNK" or c.source == "unnamed" else None
            # «شهود عيان», «مسؤول حكومي», «متحدث عسكري» with no country named are most
            # likely the article's main country's (not sources of unknown sector, nor
            # gunmen, whose nationality the text must say).
            gunmen = sector == "REB" and c.source == "unnamed"
            country = c.country or (main_country if sector not in (None, "UNK") and not gunmen
                                    else None)
            out.append(Unnamed(c.start, c.end, doc.text[c.start:c.end], country, sector))
    return out


def _usual_country(entities: list[Entity]) -> str | None:
    """The country most of the article's entities belong to (at least three), when its
    places alone do not tell («الأفغانية», «كابل», «وزارة الداخلية الأفغانية»)."""
    counts: dict[str, int] = {}
    for e in entities:
        if e.country and len(e.country) == 3 and e.sector != "IGO":
            counts[e.country] = counts.get(e.country, 0) + 1
    if not counts:
        return None
    code, n = max(counts.items(), key=lambda kv: kv[1])
    return code if n >= 3 else None


def _nisba_country(sc: Scanner) -> str | None:
    """The country whose nisba the article uses most (at least twice, and more than any
    other): «العاصمة الأفغانية», «وزارة الداخلية الأفغانية» when it names no place twice."""
    counts = {code: n for code, n in sc.nisba_counts().items() if len(code) == 3}
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or ranked[0] < 2 or (len(ranked) > 1 and ranked[1] == ranked[0]):
        return None
    return max(counts.items(), key=lambda kv: kv[1])[0]


def _name_text(text: str, start: int, end: int) -> str:
    """A mention's text as a name: «للديوان الملكي» holds «الديوان الملكي» with its article
    merged into the ل before it, so the mention starts at «لديوان»; the name restores it."""
    s = text[start:end]
    if s.startswith("ل") and start > 0 and text[start - 1] == "ل" and (
            start < 2 or not text[start - 2].isalpha() or text[start - 2] in "وف"):
        return "ا" + s
    return s


def _give_title(person: Cand, title: Cand, sc: Scanner) -> None:
    person.title = sc.text[title.start:title.end]
    person.title_key = title.title_key
    person.extra["title_country"] = title.country or ""
    person.extra["title_sector"] = title.sector or ""
    if "former" in title.extra:
        person.extra["former"] = "1"


def _spokespeople(entities: list[Entity]) -> None:
    """«مايا كوسيانتيش، المتحدثة باسم فيديريكا موغيريني»: a spokesperson speaks for the
    one named after «باسم», and takes their country and sector."""
    starts = {m.start: e for e in entities for m in e.mentions}
    for ent in entities:
        if ent.type != "PER":
            continue
        for m in ent.mentions:
            if not m.text.endswith("باسم"):
                continue
            owner = next((starts[k] for k in range(m.end, m.end + 3) if k in starts), None)
            if owner is not None and owner is not ent and owner.country:
                ent.country, ent.sector = owner.country, owner.sector or ent.sector
                break


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
        names = [_name_text(doc.text, c.start, c.end) for c in named
                 if c.type == etype or c.entry]
        entry = next((c.entry for c in named if c.entry), None)
        if etype == "PER" and entry is not None and someone_else(doc, named, entry):
            entry = None
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
                if not (titled and "former" in titled.extra):  # «… السابق»: out of office
                    ent.sector = ent.sector or entry.sector
        if ent.country is None:
            ent.country = first.country or clusters.nisba_of(first)
        if ent.sector is None and etype == "ORG":
            ent.sector = first.sector or clusters.body_sector(first)
        foreign = first.j < len(doc.tokens) and doc.tokens[first.j].norm in words().foreign
        if ent.country is None and not foreign and (
                first.source == "body" or (first.source == "ner" and etype in ("PER", "LOC"))):
            # Named by the article alone, with nothing saying whose: most are the
            # article's main country's («وزارة الصحة», a local official, a town).
            ent.country = main_country
        out.append(ent)
    return out
