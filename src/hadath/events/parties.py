"""The participants of a sentence, for argument assignment (:mod:`.arguments`).

Entity mentions, unnamed actors («مصدر أمني»), collective actors («القوات الأمنية»),
adjectives of a group («الهجوم الحوثي»), reciprocals standing for two sides named before
(«بحث الجانبان») and «الأخير/الأخيرة» standing for one, each with the preposition that
governs it, if any («مع الرئيس», «لوكالة»). Also the words of ``data/ar/arguments.json``
both modules read.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from ..actors.kb import KnowledgeBase
from ..doc import Document, Token
from ..errors import DataFileError
from ..resources import load_json
from ..text.normalize import normalize_str
from .collective import find_collectives, main_country

__all__ = ["COLLECTIVE_PREFIX", "NISBA_PREFIX", "RECIPROCAL_PREFIX", "Parties", "Party",
           "bare_norm", "victims"]

COLLECTIVE_PREFIX = "c"
RECIPROCAL_PREFIX = "r"
NISBA_PREFIX = "n:"  # «بلدات إسرائيلية»: the people of a country, from an adjective
_PREPOSITIONS = frozenset(("في", "علي", "عن", "الي", "من", "مع", "لدي", "امام", "عبر", "بين",
                           "ضد", "تجاه", "نحو", "حول", "خلال", "بعد", "قبل", "منذ", "عند"))
_STATE_SECTORS = frozenset(("GOV", "MIL", "COP", "JUD", "LEG"))
_GROUP_SECTORS = frozenset(("PTY", "REB", "OPP"))
_DIRECTIONS = frozenset(("شرق", "غرب", "شمال", "جنوب", "وسط", "شرقي", "غربي", "شمالي",
                         "جنوبي", "قرب", "بالقرب", "محيط", "ضواحي", "اطراف"))
_DATELINE_REACH = 80  # characters at the start of an article where a dateline ends


@dataclass(frozen=True, slots=True)
class _Words:
    complementizers: frozenset[str]
    light_verbs: frozenset[str]
    agent_verbs: frozenset[str]
    light_nouns: frozenset[str]
    agent_markers: frozenset[str]
    reciprocals: dict[str, str]
    mutual: frozenset[str]
    topic_nouns: frozenset[str]
    victims: frozenset[str]
    verb_particles: frozenset[str]
    clause_openers: frozenset[str]
    pronoun_openers: frozenset[str]
    relatives: frozenset[str]
    happenings: frozenset[str]


_LISTS = ("complementizers", "light_verbs", "agent_verbs", "light_nouns", "agent_markers",
          "mutual", "topic_nouns", "victims", "verb_particles", "clause_openers",
          "pronoun_openers", "relatives", "happenings")


@lru_cache(maxsize=1)
def _words() -> _Words:
    path = "ar/arguments.json"
    raw = load_json(path)
    try:
        lists = [frozenset(normalize_str(str(w)) for w in raw[k])
                 for k in _LISTS]
        recip = {normalize_str(str(k)): str(v) for k, v in raw["reciprocals"].items()}
    except (KeyError, TypeError, AttributeError) as e:
        raise DataFileError(f"{path}: expected {', '.join(_LISTS)} and reciprocals ({e})"
                            ) from e
    bad = sorted(k for k, v in recip.items() if v not in ("any", "country", "group", "person"))
    if bad:
        raise DataFileError(f"{path}: reciprocals take 'any', 'country', 'group' or 'person', "
                            f"not for {bad}")
    return _Words(reciprocals=recip, **dict(zip(_LISTS, lists, strict=True)))


def bare_norm(tok: Token) -> str:
    """A token's matching form without a leading و or ف («وأكدت» → «اكدت»)."""
    ws = tok.words
    if len(ws) > 1 and ws[0].kind == "conj":
        return "".join(w.norm for w in ws[1:])
    return tok.norm


def victims(text: str) -> bool:
    """Whether ``text`` names the victims of a happening («ضحايا», «أسر الضحايا»)."""
    return normalize_str(text).lstrip("ول") in _words().victims or \
        normalize_str(text) in _words().victims


@dataclass(slots=True)
class Party:
    """An entity mention or unnamed actor in a sentence."""

    ref: str  # entity id, or "u<n>" for an unnamed actor
    i: int  # first token
    j: int  # token after the last
    start: int
    end: int
    prep: str | None  # the preposition governing it («مع», «ب», «ل»), if any
    loc: bool = False  # a place
    head: int | None = None  # the noun a preposition governs before it («على مواقع حماس»)


class Parties:
    """The participants of a document, by sentence."""

    def __init__(self, doc: Document) -> None:
        toks = doc.tokens
        starts = [t.start for t in toks]
        self.toks = toks
        self.by_sentence: dict[int, list[Party]] = {}
        opening = doc.text[:_DATELINE_REACH]
        marks = [opening.find(m) for m in ("--", " – ", " - ", "(CNN)") if m in opening]
        self.dateline_end = min(marks) if marks else 0
        locs = {e.id for e in doc.entities if e.type == "LOC"}
        seen: set[int] = set()
        items: list[tuple[str, int, int]] = [
            (e.id, m.start, m.end) for e in doc.entities for m in e.mentions]
        items += [(f"u{n}", u.start, u.end) for n, u in enumerate(doc.cache.get("unnamed", ()))]
        self.main_country = main_country(doc)
        groups = find_collectives(doc, KnowledgeBase.default(), [(s, e) for _, s, e in items],
                                  self.main_country)
        doc.cache["collective"] = groups
        self.persons = frozenset(e.id for e in doc.entities if e.type == "PER")
        kb = KnowledgeBase.default()
        self.cities = frozenset(  # places the knowledge base knows as cities only
            e.id for e in doc.entities if e.type == "LOC" and (es := kb.lookup(e.name))
            and all(x.id.startswith("city:") for x in es))
        self.countries: dict[str, str | None] = {e.id: e.country for e in doc.entities}
        self.sectors: dict[str, str | None] = {e.id: e.sector for e in doc.entities}
        self.sectors.update((f"u{n}", u.sector)
                            for n, u in enumerate(doc.cache.get("unnamed", ())))
        self.sectors.update((f"{COLLECTIVE_PREFIX}{n}", g.sector) for n, g in enumerate(groups))
        items += [(f"{COLLECTIVE_PREFIX}{n}", g.start, g.end) for n, g in enumerate(groups)]
        items += _adjective_mentions(doc, items)
        for ref, s, e in sorted(items, key=lambda x: (x[1], -x[2])):
            i = bisect_left(starts, s)
            if i >= len(toks) or starts[i] != s:
                i -= 1  # the mention starts after the clitics of its token
            i = max(i, 0)
            if i in seen:
                continue  # a shorter mention inside a longer one
            j = max(i + 1, bisect_left(starts, e))
            seen.update(range(i, j))
            prep, head = _governor(toks, i, s)
            if prep is None and ref in locs and any(
                    k >= 0 and bare_norm(toks[k]) in _DIRECTIONS for k in (i - 1, i - 2)):
                prep = "في"  # «شرق مخيم البريج», «جنوب لبنان»: where, not whom
            party = Party(ref, i, j, s, e, prep, loc=ref in locs, head=head)
            self.by_sentence.setdefault(toks[i].sentence, []).append(party)
        orgs = frozenset(e.id for e in doc.entities if e.type == "ORG")
        for sent, ps in self.by_sentence.items():
            self.by_sentence[sent] = _owned(toks, ps, orgs)
        self._reciprocals(doc, seen, locs)
        self._latter(seen)

    def _latter(self, seen: set[int]) -> None:
        """«لكن الأخير ينفي», «أن الأخيرة رفضت»: «الأخير» on its own stands for the person
        last named before it, «الأخيرة» for the person, country or body (not the adjective
        of «الاجتماع الأخير»)."""
        toks = self.toks
        for k, tok in enumerate(toks):
            word = bare_norm(tok)
            if k in seen or word not in ("الاخير", "الاخيره") or (
                    k > 0 and bare_norm(toks[k - 1]).startswith("ال")):
                continue
            anyone = word == "الاخيره"
            last = next((p for sent in (tok.sentence, tok.sentence - 1)
                         for p in reversed(self.by_sentence.get(sent, []))
                         if p.j <= k and p.ref[0] == "e"
                         and (p.ref in self.persons or anyone)), None)
            if last is not None:
                party = Party(last.ref, k, k + 1, tok.start, tok.end,
                              _governor(toks, k, tok.start)[0])
                parties = self.by_sentence.setdefault(tok.sentence, [])
                parties.append(party)
                parties.sort(key=lambda p: p.i)

    def _reciprocals(self, doc: Document, seen: set[int], locs: set[str]) -> None:
        """«بحث الجانبان», «البلدين»: the two sides last named before the word."""
        toks = self.toks
        kinds = _words().reciprocals
        country = {e.id: e.country for e in doc.entities}
        found: list[list[str]] = []
        for k, tok in enumerate(toks):
            kind = kinds.get(bare_norm(tok))
            if kind is None or k in seen:
                continue
            sides: list[str] = []
            nations: set[str | None] = set()
            named = _named_sides(toks, k)
            if named:
                # «الجانبين المصري والإماراتي»: the two sides the nisbas after it name
                sides = [f"{NISBA_PREFIX}{c}:GOV" for c in named]
            for sent in range(tok.sentence, -1 if not named else tok.sentence, -1):
                for p in reversed(self.by_sentence.get(sent, [])):
                    if p.i >= k or p.ref in sides:
                        continue
                    if p.ref[0] in ("u", COLLECTIVE_PREFIX, RECIPROCAL_PREFIX):
                        continue
                    if p.loc and p.prep is not None:
                        continue  # a place («في عمان», «إلى بغداد»), not a side
                    if kind == "country" and p.ref not in locs:
                        continue
                    if kind == "person" and p.ref not in self.persons:
                        continue  # «الزعيمان»: two people
                    if kind == "group" and self.sectors.get(p.ref) not in _GROUP_SECTORS:
                        continue  # «الحركتان», «الحزبان»: two parties or movements
                    if self.sectors.get(p.ref) == "MED":
                        continue  # a news site reports on the sides; it is not one
                    c = country.get(p.ref)
                    if c is not None and c in nations and (
                            kind == "country" or self.sectors.get(p.ref) in _STATE_SECTORS):
                        continue  # «الجانبان»: two sides, not two officials of one state
                    sides.append(p.ref)
                    nations.add(c)
                    if len(sides) == 2:
                        break
                if len(sides) == 2:
                    break
            if len(sides) < 2:
                continue
            s = next((w.start for w in tok.words if w.kind not in ("conj", "prep")), tok.start)
            party = Party(f"{RECIPROCAL_PREFIX}{len(found)}", k, k + 1, s, tok.end,
                          _governor(toks, k, s)[0])
            found.append(sides)
            self.by_sentence.setdefault(tok.sentence, []).append(party)
            self.by_sentence[tok.sentence].sort(key=lambda p: p.i)
        doc.cache["reciprocal"] = found

    def in_dateline(self, p: Party) -> bool:
        """Whether ``p`` is in the article's dateline («دبي، الإمارات (CNN) --»)."""
        return p.end <= self.dateline_end

    def of(self, sentence: int) -> list[Party]:
        return self.by_sentence.get(sentence, [])


def _named_sides(toks: list[Token], k: int) -> list[str]:
    """The two countries named by nisbas right after a reciprocal at ``k``
    («الجانبان الأوروبي والأميركي» → EUR, USA), else none."""
    kb = KnowledgeBase.default()
    out: list[str] = []
    m = k + 1
    while m < len(toks) and toks[m].sentence == toks[k].sentence and len(out) < 2:
        code = kb.nisba(bare_norm(toks[m]))
        if not code or (out and not any(w.kind == "conj" for w in toks[m].words[:1])):
            break
        out.append(code)
        m += 1
    return out if len(out) == 2 and out[0] != out[1] else []


_ADJ_ENDING = re.compile("(يين|يون|يه|ي)$")


def _adjective_key(word: str) -> str | None:
    """«الحوثي», «الحوثية», «الحوثيين» → «الحوث»: the stem of a group's adjective."""
    if not word.startswith("ال") or len(word) < 5:
        return None
    stem = _ADJ_ENDING.sub("", word)
    return stem if stem != word and len(stem) >= 4 else None


def _adjective_mentions(doc: Document, items: list[tuple[str, int, int]]
                        ) -> list[tuple[str, int, int]]:
    """«الهجوم الحوثي», «الانتهاك الحوثي»: an adjective formed from the name of a group
    the article names («ميليشيات الحوثي», «الحوثيين») refers to that group."""
    kb = KnowledgeBase.default()
    stems: dict[str, str] = {}
    for ent in doc.entities:
        if ent.type != "ORG":
            continue
        for m in ent.mentions:
            last = m.text.split()[-1] if m.text.split() else ""
            k = _adjective_key(normalize_str(last))
            if k and kb.nisba(last) is None and kb.title_sector(last) is None:
                stems.setdefault(k, ent.id)
    if not stems:
        return []
    taken = sorted((s, e) for _, s, e in items)
    out = []
    for tok in doc.tokens:
        words = [w for w in tok.words if w.kind not in ("conj", "prep")]
        if not words:
            continue
        k = _adjective_key(normalize_str("".join(w.text for w in words)))
        if k is None or k not in stems:
            continue
        s, e = words[0].start, tok.end
        if not any(a < e and s < b for a, b in taken):
            out.append((stems[k], s, e))
    return out


def _owned(toks: list[Token], ps: list[Party], orgs: frozenset[str]) -> list[Party]:
    """An unnamed actor of one noun in construct right before an organisation, its
    genitive («مقاتلات التحالف العربي», «عناصر حزب الله»), is that organisation: one
    party. (Not a whole phrase: «انتقد رئيس الوزراء القطري السابق الحكومة الأردنية» has
    a subject and an object.)"""
    out: list[Party] = []
    for p in ps:
        last = out[-1] if out else None
        if (last is not None and last.ref[0] in ("u", COLLECTIVE_PREFIX) and p.i == last.j
                and last.j - last.i == 1 and not any(w.kind == "det" for w in toks[last.i].words)
                and p.prep is None and p.ref in orgs):
            out[-1] = Party(p.ref, last.i, p.j, last.start, p.end, last.prep, False, last.head)
        else:
            out.append(p)
    return out


def _governor(toks: list[Token], i: int, start: int) -> tuple[str | None, int | None]:
    """The preposition governing the noun phrase whose head is token ``i``: a clitic on
    it («لوكالة»), or a preposition before it, across definite modifiers («إلى
    العاصمة العراقية بغداد»)."""
    tok = toks[i]
    for w in tok.words:
        if w.start >= start:
            break
        if w.kind == "prep":
            return w.norm, None
    k = i - 1
    while k >= 0 and i - k <= 3 and toks[k].sentence == tok.sentence:
        prev = toks[k]
        word = bare_norm(prev)  # «وفي الدوحة»: the preposition after a conjunction
        if word in _words().complementizers:
            return None, None  # «حذر من أن الولايات المتحدة»: «من» governs the clause
        if word in _PREPOSITIONS:
            if word == "من" and k > 0 and bare_norm(toks[k - 1]) == "كل":
                return None, None  # «كل من مصر والأردن»: "both", not "from"
            return word, None
        if any(w.kind == "prep" for w in prev.words[:-1]) and prev.words[-2].kind != "det":
            return next(w.norm for w in prev.words if w.kind == "prep"), None
        if not any(w.kind == "det" for w in prev.words):
            # «على مواقع حركة حماس»: a preposition before an indefinite head noun
            # governs the noun phrase the party completes.
            if k - 1 >= 0 and toks[k - 1].sentence == tok.sentence and i - k <= 2:
                before = toks[k - 1]
                if before.norm in _PREPOSITIONS:
                    return before.norm, k
            lead = [w for w in prev.words if w.kind == "prep"]
            if lead and prev.words[0].kind in ("prep", "conj") and i - k <= 2:
                return lead[0].norm, k  # «لمواقع حماس»
            return None, None
        k -= 1
    return None, None
