"""Finding mentions: names from the knowledge base, and title phrases.

Works on the token layer. Each token has a *core*: its matching form with
leading و ف ب ل ك س removed (the article ال kept: names carry it, «العراق»),
so «وبغداد» and «لإيران» meet the knowledge base as «بغداد» and «إيران».
Spans start after the removed clitics, as the output contract wants.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..doc import Token
from ..resources import load_json
from ..text.normalize import normalize_str
from .kb import KBEntry, KnowledgeBase

_PROCLITIC = frozenset(("conj", "prep", "fut"))


@dataclass(slots=True)
class Cand:
    """A candidate mention: a span over tokens ``[i, j)`` and what is known of it."""

    i: int
    j: int
    start: int
    end: int
    type: str
    source: str  # kb | ner | title | body | surname | counterpart
    entry: KBEntry | None = None
    subtype: str | None = None
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    title_key: str | None = None
    entity: int | None = None  # cluster index, set by coreference
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Unnamed:
    """An unnamed or collective actor in the text, kept in ``doc.cache["unnamed"]``."""

    start: int
    end: int
    text: str
    country: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class Words:
    title_modifiers: frozenset[str]
    counterpart: frozenset[str]
    name_particles: frozenset[str]
    spokesman: frozenset[str]
    facility_heads: frozenset[str]
    not_places: frozenset[str]
    place_cues: frozenset[str]
    city_cues: frozenset[str]
    min_town_population: int
    unnamed_heads: dict[str, str]
    sector_words: dict[str, str]
    ministries: frozenset[str]
    media_heads: frozenset[str]
    office_synonyms: dict[str, tuple[str, ...]]
    foreign: frozenset[str]
    former: frozenset[str]
    common_person_names: frozenset[str]
    lam_titles: frozenset[str]  # title keys, as Cand.title_key (no articles)
    body_heads: frozenset[str]  # likewise
    title_countries: dict[str, str]  # title key (as Scanner.key) → country


@lru_cache(maxsize=1)
def words() -> Words:
    data = load_json("ar/linking.json")

    def group(name: str) -> frozenset[str]:
        return frozenset(normalize_str(w) for w in data[name])

    return Words(group("title_modifiers"), group("counterpart"), group("name_particles"),
                 group("spokesman"), group("facility_heads"), group("not_places"),
                 group("place_cues"), group("city_cues"), int(data["min_town_population"]),
                 {normalize_str(k): v for k, v in data["unnamed_heads"].items()},
                 {normalize_str(k): v for k, v in data["sector_words"].items()},
                 group("ministries"), group("media_heads"),
                 {_bare(normalize_str(k)): tuple(normalize_str(x) for x in _listed(v))
                  for k, v in data["office_synonyms"].items()},  # keyed as Cand.title_key is
                 group("foreign"), group("former"), group("common_person_names"),
                 frozenset(_bare(normalize_str(w)) for w in data["lam_titles"]),
                 frozenset(_bare(normalize_str(w)) for w in data["body_heads"]),
                 {normalize_str(k): v for k, v in data["title_countries"].items()})


def _listed(v: str | list[str]) -> list[str]:
    return [v] if isinstance(v, str) else v


def core(tok: Token) -> tuple[int, str] | None:
    """Start offset and matching form of ``tok`` without its leading clitics.

    A hashtag's core is its text after ``#``, underscores read as spaces
    («#عاصي_الحلاني» → «عاصي الحلاني»).
    """
    if tok.text[:1] == "#" and len(tok.text) > 1:
        return tok.start + 1, normalize_str(tok.text[1:].replace("_", " "))
    ws = tok.words
    if len(ws) == 1:  # most tokens
        w = ws[0]
        if w.kind in _PROCLITIC:
            return None
        return w.start, "ال" if w.kind == "det" else w.norm
    k = 0
    while k < len(ws) - 1 and ws[k].kind in _PROCLITIC:
        k += 1
    rest = ws[k:]
    if not rest or rest[0].kind in _PROCLITIC:
        return None
    form = "".join("ال" if w.kind == "det" else w.norm for w in rest)
    return rest[0].start, form


def own_country(c: Cand) -> str | None:
    """The country a name itself belongs to: its knowledge-base entry's (none for an
    international official, whose title may name where they serve: «رئيس بعثة الأمم
    المتحدة في ليبيا»), else what was found with it."""
    if c.entry is not None:
        return None if c.entry.sector == "IGO" else c.entry.country
    return c.country


def is_word(tok: Token) -> bool:
    return tok.text[:1].isalnum() or (tok.text[:1] == "#" and len(tok.text) > 1)


class Scanner:
    """Finds knowledge-base names and title phrases in one document's tokens."""

    def __init__(self, kb: KnowledgeBase, tokens: Sequence[Token], text: str) -> None:
        self.kb = kb
        self.tokens = tokens
        self.text = text
        self.cores = [core(t) if is_word(t) else None for t in tokens]
        self.starts = [t.start for t in tokens]
        self.ends = [t.end for t in tokens]
        self._nisbas: dict[str, int] | None = None
        self._named: frozenset[str] | None = None

    def nisba_counts(self) -> dict[str, int]:
        """How many of the document's words are nisba adjectives of each code («الأفغانية»)."""
        if self._nisbas is None:
            counts: dict[str, int] = {}
            for c in self.cores:
                if c is not None and (code := self.kb.nisba(c[1])) is not None:
                    counts[code] = counts.get(code, 0) + 1
            self._nisbas = counts
        return self._nisbas

    def named_countries(self) -> frozenset[str]:
        """The countries the document names by a nisba adjective («الأردني») or by a
        one-word name that is only a country («الأردن»)."""
        if self._named is None:
            found = set(self.nisba_counts())
            for c in self.cores:
                if c is not None and self.kb.nisba(c[1]) is None and (
                        es := self.kb.lookup_key(c[1])) and all(
                        e.id.startswith("country:") for e in es):
                    found.update(e.country for e in es if e.country)
            self._named = frozenset(found)
        return self._named

    def key(self, i: int, j: int, *, full_first: bool = False) -> str | None:
        """The matching form of tokens ``[i, j)`` (the first by its core unless ``full_first``)."""
        parts = []
        for k in range(i, j):
            c = self.cores[k]
            if c is None or self.tokens[k].sentence != self.tokens[i].sentence:
                return None
            parts.append(self.tokens[k].norm if (k > i or full_first) else c[1])
        return " ".join(parts)

    def start_of(self, i: int) -> int:
        c = self.cores[i]
        return c[0] if c else self.tokens[i].start

    # -- names -----------------------------------------------------------------

    def names(self) -> list[Cand]:
        """Longest knowledge-base matches, left to right, never overlapping."""
        out: list[Cand] = []
        n, i = len(self.tokens), 0
        while i < n:
            hit = self._longest(i) if self.cores[i] is not None else None
            if hit:
                # A match starting inside this one that reaches further wins
                # («الشيخ تميم بن حمد» loses to «تميم بن حمد آل ثاني»).
                for k in range(i + 1, hit.j):
                    later = self._longest(k) if self.cores[k] is not None else None
                    if later and later.j > hit.j:
                        hit = later
                        break
                out.append(self._facility(hit))
                i = hit.j
            else:
                i += 1
        return out

    def _longest(self, i: int) -> Cand | None:
        """The longest name starting at token ``i`` (by its core, else as written)."""
        kb, tokens = self.kb, self.tokens
        c = self.cores[i]
        assert c is not None
        if not (kb.lookup_key(c[1]) or kb.is_prefix(c[1])):  # most words start no name
            norm = tokens[i].norm
            if norm == c[1] or not (kb.lookup_key(norm) or kb.is_prefix(norm)):
                return None
        firsts = [(c[0], c[1])]
        if tokens[i].norm != c[1]:
            firsts.append((tokens[i].start, tokens[i].norm))
        sent = tokens[i].sentence
        for start, k in firsts:
            best: Cand | None = None
            j = i + 1
            while True:
                entries = [e for e in kb.lookup_key(k) if _plausible(e, j - i, k, kb)]
                if len(entries) > 1 and self._after_city_cue(i):
                    # «العاصمة عمان»: the city, not the country of the same name
                    entries = [e for e in entries if e.id.startswith("city:")] or entries
                elif len(entries) > 1 and entries[0].id.startswith("country:"):
                    # «العاهل الأردني … في عمان»: the capital of the country the article
                    # names, not a country it names no other way
                    named = self.named_countries()
                    cities = [e for e in entries if e.id.startswith("city:") and e.capital
                              and e.country in named]
                    if cities and entries[0].country not in named:
                        entries = cities
                if entries and j < len(tokens) and tokens[j].sentence == sent:
                    # «حكومة الوفاق الفلسطيني»: a nisba of another country after the name
                    # says it is not the known body («حكومة الوفاق» of Libya).
                    other = kb.nisba(tokens[j].norm)
                    if other is not None:
                        entries = [e for e in entries if e.type != "ORG" or e.country in (
                            None, other)]
                if entries and (j - i > 1 or self._town_ok(entries[0], i)):
                    e = entries[0]
                    best = Cand(i, j, start, tokens[j - 1].end, e.type, "kb", entry=e,
                                subtype=e.subtype, country=e.country, sector=e.sector)
                if (j >= len(tokens) or not kb.is_prefix(k) or self.cores[j] is None
                        or tokens[j].sentence != sent):
                    break
                k = f"{k} {tokens[j].norm}"
                j += 1
            if best:
                return best
        return None

    def _facility(self, c: Cand) -> Cand:
        """«قصر بغداد»: a facility head before a place makes the whole a facility."""
        h = c.i - 1
        if c.type != "LOC" or h < 0 or self.tokens[h].sentence != self.tokens[c.i].sentence:
            return c
        head = self.cores[h]
        if head is None or _bare(head[1]) not in words().facility_heads:
            return c
        return Cand(h, c.j, head[0], c.end, "LOC", c.source, subtype="FAC", country=c.country)

    def _after_city_cue(self, i: int) -> bool:
        prev = self.cores[i - 1] if i > 0 else None
        return prev is not None and prev[1] in words().city_cues

    def _town_ok(self, e: KBEntry, i: int) -> bool:
        """A small town's one-word name counts only after a place cue or with ب/ل/من on it."""
        if not e.id.startswith("city:") or e.capital:
            return True
        w = words()
        if e.population is not None and e.population >= w.min_town_population:
            return True
        if any(x.kind == "prep" for x in self.tokens[i].words):
            return True
        prev = self.cores[i - 1] if i > 0 else None
        return prev is not None and prev[1] in w.place_cues

    # -- titles ----------------------------------------------------------------

    def title_at(self, i: int) -> Cand | None:
        """A title phrase starting at token ``i`` («وزير الخارجية الإيراني بالإنابة»)."""
        kb, w = self.kb, words()
        c = self.cores[i]
        if c is None or not kb.may_start_title(c[1]):
            return None
        n = len(self.tokens)
        head_end, head_key = 0, ""
        for j in range(min(n, i + kb.max_title_words), i, -1):
            k = self.key(i, j)
            if k and kb.title_kind(k) in ("person", "body"):
                head_end, head_key = j, k
                break
        if not head_end:
            return None
        kind = kb.title_kind(head_key)
        sector = kb.title_sector(head_key)
        country: str | None = None
        j = head_end
        portfolio = 0  # «وزير الخزانة الأمريكي»: the office's field, then its country
        former = False  # «رئيس الوزراء القطري السابق» holds the office no more
        while j < n and j - i < 9:
            k = self.key(j, j + 1, full_first=True)
            if k is None:
                break
            if k in w.title_modifiers or (country is None and j == head_end and kind == "person"
                                          and kb.title_kind(k) == "person"
                                          and k not in w.sector_words):
                former = former or k in w.former
                if k not in w.title_modifiers:
                    head_key = f"{head_key} {k}"  # the office is «رئيس وزراء», not «رئيس»
                j += 1  # «رئيس وزراء قطر», «نائب وزير الداخلية»
                continue
            if country is None:
                found = self._country_at(j)
                if found:
                    country, j = found[0], found[1]
                    continue
            if k == "باسم" or (country is None and not former and kb.title_sector(k)
                               and kb.title_kind(k) == "body"):
                j += 1  # «المتحدث باسم الحكومة»; not «رئيس الوزراء القطري السابق الحكومة»
                continue
            if (country is None and portfolio < 2 and kind == "person" and k.startswith("ال")
                    and j + 1 < n and self._country_at(j + 1)):
                portfolio += 1
                j += 1
                continue
            break
        country = country or w.title_countries.get(head_key)  # «خادم الحرمين الشريفين»
        if former and kind == "person":
            sector = None
        elif sector is None or sector == "UNK":  # «وسائل إعلام تركية» → MED
            for m in range(i, j):
                core = self.cores[m]
                if core and core[1] in w.sector_words:
                    sector = w.sector_words[core[1]]
                    break
        cand = Cand(i, j, self.start_of(i), self.tokens[j - 1].end,
                    "PER" if kind == "person" else "ORG",
                    "title" if kind == "person" else "body",
                    country=country, sector=sector, title_key=_bare(head_key))
        if former:
            cand.extra["former"] = "1"
        return cand

    def _country_at(self, j: int) -> tuple[str, int] | None:
        """A nisba or country name at token ``j``: its code and the token after it."""
        n = len(self.tokens)
        for end in range(min(n, j + 3), j, -1):
            k = self.key(j, end, full_first=end - j > 1)
            if not k:
                continue
            code = self.kb.nisba(k) or self.kb.country_name(k)
            if code:
                return code, end
        return None

    def unnamed_at(self, i: int) -> Cand | None:
        """An unnamed or collective actor («مصدر أمني عراقي», «شهود عيان», «محللون»)."""
        c = self.cores[i]
        w = words()
        head = c[1] if c else None
        if head is not None and head.endswith(("يين", "يون")) and (code := self.kb.nisba(head)):
            # «الأمريكيين» standing alone: the country's people, coded as its government
            # when they act (spec/ANNOTATION.md, rule 4).
            return Cand(i, i + 1, self.start_of(i), self.tokens[i].end, "PER", "unnamed",
                        country=code, sector="GOV")
        if head is None or (head not in w.unnamed_heads and _bare(head) not in w.unnamed_heads):
            return None
        sector = w.unnamed_heads.get(head) or w.unnamed_heads.get(_bare(head))
        country: str | None = None
        n, j = len(self.tokens), i + 1
        while j < n and j - i < 7:
            k = self.key(j, j + 1, full_first=True)
            cj = self.cores[j]
            if k is None or cj is None:
                break
            core = cj[1]
            if core in w.sector_words or k in w.sector_words:
                sector = w.sector_words.get(core) or w.sector_words.get(k) or sector
                j += 1
                continue
            if country is None and (found := self._country_at(j)):
                country, j = found
                continue
            if k in ("في", "من") or (self.kb.title_kind(core) == "body"):
                if k not in ("في", "من"):
                    sector = self.kb.title_sector(core) or sector
                j += 1
                continue
            break
        while j > i + 1 and self.key(j - 1, j, full_first=True) in ("في", "من"):
            j -= 1
        return Cand(i, j, self.start_of(i), self.tokens[j - 1].end, "PER", "unnamed",
                    country=country, sector=sector)

    def counterpart_at(self, i: int) -> tuple[str | None, int] | None:
        """«نظيره العراقي»: the country named (if any) and the token after the phrase."""
        c = self.cores[i]
        if c is None or c[1] not in words().counterpart:
            return None
        found = self._country_at(i + 1) if i + 1 < len(self.tokens) else None
        return (found[0], found[1]) if found else (None, i + 1)


@lru_cache(maxsize=1 << 16)
def _bare(k: str) -> str:
    """A title key without its article: «الوزير» → «وزير»."""
    return " ".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in k.split())


def _plausible(e: KBEntry, n_words: int, k: str, kb: KnowledgeBase) -> bool:
    if e.type == "PER" and n_words == 1 and kb.nisba(k):
        return False  # «السوداني» is an adjective far more often than a surname
    if e.type == "LOC" and k in words().not_places:
        return False
    # PETRARCH's one-word organisation and place names are too often common words.
    return not (e.id.startswith("petrarch:") and n_words == 1 and e.type != "PER")
