"""Coreference inside one article: which mentions are the same referent.

- Mentions of one knowledge-base entry are one entity; so are equal names.
- A shorter person name inside a longer one («باقري» in «علي باقري كني»)
  joins it, and so does a bare surname the NER missed («رشيد»).
- A title alone («الوزير الإيراني», «رئيس الجمهورية») joins the person whose
  title has the same head and whose country agrees, the latest one before it.
- «نظيره العراقي» joins the person of that country who holds the office of
  the one it is the counterpart of (the other person of its sentence).
"""

from __future__ import annotations

from collections.abc import Iterator

from .kb import KBEntry, key
from .mentions import Cand, Scanner, _bare, own_country, words

_NAMED = ("kb", "ner", "surname", "holder")
_LEAD_PLACE_WEIGHT = 2  # extra mentions a country gets as the first «في» place of the lead


class Clusters:
    """Mentions grouped into entities, with what each entity's mentions tell."""

    def __init__(self, sc: Scanner, published: str | None) -> None:
        self.sc = sc
        self.published = published
        self.groups: list[list[Cand]] = []

    def add(self, cand: Cand, group: int | None = None) -> int:
        if group is None:
            self.groups.append([cand])
            group = len(self.groups) - 1
        else:
            self.groups[group].append(cand)
        cand.entity = group
        return group

    def ordered(self) -> Iterator[list[Cand]]:
        live = [sorted(g, key=lambda c: c.start) for g in self.groups if g]
        yield from sorted(live, key=lambda g: g[0].start)

    # -- what a group knows ------------------------------------------------------

    def entry(self, g: int) -> KBEntry | None:
        return next((c.entry for c in self.groups[g] if c.entry), None)

    def country(self, g: int) -> str | None:
        titled = next((c for c in self.groups[g] if c.title), None)
        if titled and titled.extra.get("title_country"):
            return titled.extra["title_country"]
        entry = self.entry(g)
        if entry is None:
            return None
        role = self.sc.kb.role_at(entry, self.published) if entry.roles else None
        return (role.country if role else None) or entry.country

    def title_key(self, g: int) -> str | None:
        titled = next((c for c in self.groups[g] if c.title_key), None)
        if titled:
            return titled.title_key
        entry = self.entry(g)
        role = self.sc.kb.role_at(entry, self.published) if entry and entry.roles else None
        return _bare(key(role.title)) if role and role.title else None

    def is_person(self, g: int) -> bool:
        return any(c.type == "PER" and c.source in _NAMED for c in self.groups[g])

    def first_start(self, g: int) -> int:
        return min(c.start for c in self.groups[g])

    def nisba_of(self, cand: Cand) -> str | None:
        """The country of the first nisba or country name inside a mention."""
        for k in range(cand.i, cand.j):
            core = self.sc.cores[k]
            if core and (code := self.sc.kb.nisba(core[1]) or self.sc.kb.country_name(core[1])):
                return code
        return None

    def main_country(self) -> str | None:
        """The country the article is most about: the one whose places it names most
        (at least twice), for bodies named without one («وزارة الصحة»)."""
        counts: dict[str, float] = {}
        first: tuple[int, str] | None = None
        toks = self.sc.tokens
        for g in self.groups:
            for c in g:
                e = c.entry
                if e is not None and e.country and e.id.startswith(("country:", "city:")):
                    counts[e.country] = counts.get(e.country, 0) + 1
                    if (toks[c.i].sentence == toks[0].sentence and c.i > 0
                            and toks[c.i - 1].norm == "في" and (first is None or c.i < first[0])):
                        first = (c.i, e.country)
        if not counts:
            return None
        if first is not None:
            # «هجوم … في الهند قرب الحدود مع باكستان»: where the lead says it happened
            counts[first[1]] += _LEAD_PLACE_WEIGHT
        code, n = max(counts.items(), key=lambda kv: kv[1])
        return code if n >= 2 else None

    def body_sector(self, cand: Cand) -> str | None:
        core = self.sc.cores[cand.i]
        return self.sc.kb.title_sector(core[1]) if core else None


def resolve(sc: Scanner, cands: list[Cand], published: str | None) -> Clusters:
    cl = Clusters(sc, published)
    by_key: dict[object, int] = {}
    name_keys: dict[int, list[str]] = {}
    for c in cands:
        if c.source not in ("kb", "ner"):
            continue
        k = sc.key(c.i, c.j) or sc.text[c.start:c.end]
        ident: object = c.entry.id if c.entry else (c.type, k)
        if ident in by_key:
            cl.add(c, by_key[ident])
            continue
        group = _inside_person(cl, name_keys, c, k) if c.type == "PER" else None
        group = cl.add(c, group)
        by_key[ident] = group
        if c.type == "PER":
            name_keys.setdefault(group, []).append(k)
    _surnames(sc, cl, cands, name_keys)
    for c in cands:
        if c.source == "body":
            cl.add(c)
    for c in cands:
        if c.source == "anaphor":
            ref = next((x for x in cands if x.start == int(c.extra["ref"])
                        and x.source in ("kb", "ner", "body") and x.entity is not None), None)
            if ref is not None:
                cl.add(c, ref.entity)
    # Titles and counterparts join people the article names first; then, in rounds,
    # the office-holders of the day for the rest («نظيره المصري» → the Egyptian
    # foreign minister, who a later «الوزير المصري» then joins).
    for holders in (False, True, True):
        for c in cands:
            if c.entity is not None:
                continue
            if c.source == "title":
                _title(cl, cands, c, holders=holders)
            elif c.source == "counterpart":
                _counterpart(sc, cl, cands, c, holders=holders)
    return cl


def _inside_person(cl: Clusters, name_keys: dict[int, list[str]], c: Cand,
                   k: str) -> int | None:
    """The person group whose longer name contains ``k`` word for word, if exactly one."""
    parts = k.split()
    if all(p in words().name_particles for p in parts):
        return None
    hits = {g for g, keys in name_keys.items() for full in keys
            if _contains(full.split(), parts) and len(full.split()) > len(parts)}
    return hits.pop() if len(hits) == 1 else None


def _contains(whole: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(whole[i:i + n] == part for i in range(len(whole) - n + 1))


def _surnames(sc: Scanner, cl: Clusters, cands: list[Cand],
              name_keys: dict[int, list[str]]) -> None:
    """Bare surnames the NER and the knowledge base missed («رشيد» after «عبد اللطيف رشيد»)."""
    owner: dict[str, set[int]] = {}
    particles = words().name_particles
    for g, keys in name_keys.items():
        for k in keys:
            parts = k.split()
            for p in parts[1:]:
                if p not in particles and len(p) >= 3:
                    owner.setdefault(p, set()).add(g)
    unique = {p: gs.pop() for p, gs in owner.items() if len(gs) == 1}
    if not unique:
        return
    covered: set[int] = set()
    for c in cands:
        covered.update(range(c.i, c.j))
    for i, core in enumerate(sc.cores):
        if core is None or i in covered or core[1] not in unique:
            continue
        g = unique[core[1]]
        if cl.first_start(g) < core[0]:
            cl.add(Cand(i, i + 1, core[0], sc.tokens[i].end, "PER", "surname"), g)


def anaphors(sc: Scanner, cands: list[Cand]) -> list[Cand]:
    """«المنظمة», «المفوضية», «الوزارة», «الديوان»: a bare definite noun that is the head of
    an organisation's name named before it («منظمة العفو الدولية», «المفوضية الأوروبية»)
    is that organisation, the latest one with that head (``extra["ref"]``: its start).
    Not when an adjective or a name follows it («المنظمة الدولية للهجرة» is another body)."""
    heads: list[tuple[int, str]] = []  # (start, head form)
    for c in cands:
        if c.type == "ORG" and c.source in ("kb", "ner", "body"):
            heads.extend((c.start, form) for form in _heads(sc, c))
    if not heads:
        return cands
    heads.sort()
    covered: set[int] = set()
    for c in cands:
        covered.update(range(c.i, c.j))
    out = list(cands)
    for i, core in enumerate(sc.cores):
        if core is None or i in covered or not core[1].startswith("ال"):
            continue
        nxt = sc.cores[i + 1] if i + 1 < len(sc.cores) else None
        if (nxt is not None and sc.tokens[i + 1].sentence == sc.tokens[i].sentence
                and nxt[1].startswith("ال") and sc.tokens[i + 1].words[0].kind == "det"):
            continue  # «المنظمة الدولية …»: a longer name, not the anaphor
        refs = [start for start, form in heads if form == core[1] and start < core[0]]
        if refs:
            out.append(Cand(i, i + 1, core[0], sc.tokens[i].end, "ORG", "anaphor",
                            extra={"ref": str(refs[-1])}))
    return sorted(out, key=lambda c: c.start)


def _heads(sc: Scanner, c: Cand) -> list[str]:
    """The definite forms an organisation's name can be taken up by: its first noun
    («منظمة» → «المنظمة», «المفوضية»), and after «وزارة» its portfolio («الخارجية»)."""
    first = sc.cores[c.i]
    if first is None or c.j - c.i < 2:
        return []
    head = first[1] if first[1].startswith("ال") else "ال" + first[1]
    out = [head]
    second = sc.cores[c.i + 1]
    if head in words().ministries and second is not None and second[1].startswith("ال"):
        out.append(second[1])
    return out


def _title(cl: Clusters, cands: list[Cand], t: Cand, *, holders: bool) -> None:
    of = t.extra.get("of")
    if of is not None:
        named = next((c for c in cands if c.i == int(of) and c.entity is not None), None)
        if named is None:
            named = next((c for c in cands if c.j == t.i and c.entity is not None), None)
        if named is None:
            return
        own = own_country(named)
        if named.entity is not None and not (t.country and own not in (None, t.country)):
            # (not «سامح شكري وزير الخارجية الألماني»: the German minister is someone else)
            cl.add(t, named.entity)
        return
    head = (t.title_key or "").split()[:1]
    if not head:
        return
    genitive = t.extra.get("genitive")
    fits = []
    for g in range(len(cl.groups)):
        if not cl.groups[g] or not cl.is_person(g):
            continue
        tk = cl.title_key(g)
        if not tk or tk.split()[:1] != head:
            continue
        if t.country and cl.country(g) != t.country:
            continue
        if genitive and not any(genitive in (c.title or "") for c in cl.groups[g]):
            continue  # «رئيس اللجنة» is only the one whose title names that committee
        fits.append(g)
    before = [g for g in fits if cl.first_start(g) < t.start]
    if before:
        cl.add(t, max(before, key=lambda g: max(c.start for c in cl.groups[g]
                                                 if c.start < t.start)))
    elif len(fits) == 1:
        cl.add(t, fits[0])
    elif not fits and holders and t.title_key and "former" not in t.extra and (
            t.country or " " in t.title_key or "body" in t.extra):
        _holder(cl, t)  # (a former holder is not the holder of the day)


def _holder(cl: Clusters, t: Cand) -> None:
    """A title the article names no one for («وزير الخارجية المصري»): the person who
    held that office on the article's date, if the knowledge base knows exactly one."""
    assert t.title_key
    kb, date = cl.sc.kb, cl.published
    body = kb.get(t.extra.get("body", ""))
    found: list[KBEntry] = []
    if body is not None:  # «زعيم حزب الله»: the holder of «الأمين العام لحزب الله»
        head = t.extra.get("head") or t.title_key
        if head.endswith("ه") and head[:-1] in words().body_heads:
            head = head[:-1]  # «رئيسة المفوضية الأوروبية»
        heads = words().body_heads if head in words().body_heads else {head}
        found = kb.heads_of(body, heads, t.country, date)
    # an office only one country has needs no country («المرشد الأعلى»)
    country = t.country or (kb.office_country(t.title_key) if " " in t.title_key else None)
    if not found and country:
        found = kb.holders(t.title_key, country, date, complement=body is None)
        for other in words().office_synonyms.get(t.title_key, ()) if t.country else ():
            if found:
                break
            found = kb.holders(other, country, date)  # «الرئيس التركي»: «رئيس الجمهورية»
    if not found and t.country and t.sector == "IGO":  # «المبعوث الأممي إلى سوريا»
        for title in (t.title_key, *words().office_synonyms.get(t.title_key, ())):
            found = found or kb.envoys(_bare(key(title)), t.country, date)
    if len(found) != 1 or cl.published is None:
        return
    entry = found[0]
    g = next((g for g in range(len(cl.groups)) if cl.entry(g) is entry), None)
    if g is None:
        t.entry = entry
        t.source = "holder"
    cl.add(t, g)


def _counterpart(sc: Scanner, cl: Clusters, cands: list[Cand], c: Cand, *,
                 holders: bool) -> None:
    named = next((x for x in cands if x.i == c.j and x.type == "PER"
                  and x.entity is not None), None)
    if named is not None and named.entity is not None and (
            c.country is None or cl.country(named.entity) in (None, c.country)):
        cl.add(c, named.entity)  # «نظيره التركي مولود تشاوش أوغلو»: the name that follows
        return
    sent = sc.tokens[c.i].sentence
    # the one it is the counterpart of: another person of its sentence, else (a dropped
    # subject, «وصل وزير الخارجية المصري إلى باريس. والتقى نظيره الفرنسي») of the one before
    for s in (sent, sent - 1):
        others = [x for x in cands if x is not c and x.entity is not None and x.type == "PER"
                  and sc.tokens[x.i].sentence == s and cl.country(x.entity) != c.country
                  and (s == sent or x.start < c.start)]
        if others:
            break
    owner_key = None
    for x in sorted(others, key=lambda x: abs(x.start - c.start)):
        assert x.entity is not None
        owner_key = cl.title_key(x.entity)
        if owner_key:
            break
    fits = [g for g in range(len(cl.groups))
            if cl.groups[g] and cl.is_person(g)
            and (c.country is None or cl.country(g) == c.country)
            and not any(x.entity == g for x in others)]
    if owner_key:
        same = [g for g in fits if cl.title_key(g) == owner_key]
        fits = same or [g for g in fits if (cl.title_key(g) or "").split()[:1]
                        == owner_key.split()[:1]]
    if len(fits) == 1:
        cl.add(c, fits[0])
    elif not fits and holders and owner_key and c.country:
        c.title_key = owner_key  # the counterpart holds the same office
        _holder(cl, c)
        if c.entity is None:  # no one the knowledge base knows: an unnamed office-holder
            c.sector = sc.kb.title_sector(owner_key)
