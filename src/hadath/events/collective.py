"""Collective and unnamed actors for event arguments.

«وقتلت القوات الأمنية ثلاثة من المهاجمين», «وشنت الطائرات الحربية الإسرائيلية
غارات», «وتجمع آلاف الفلسطينيين»: the doers and targets of many events are
groups named by what they are, not by name. :func:`find_collectives` finds
them where the entity layer has no mention: a head (a knowledge-base title
word of kind ``body`` or ``group``, or a head in ``data/ar/collective.json``),
or a quantifier and its group («آلاف المتظاهرين»), extended to the right by
nisba adjectives (the country), sector modifiers («الأمنية» → ``COP``) and
occupier words («قوات الاحتلال» → ``ISR``). A group with no country of its
own is given the article's main country, except armed groups (``REB``), whose
nationality the text must say, and the international community (``IGO``).

Language data: ``data/ar/collective.json`` (schema in its ``description``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial

from ..actors.kb import KnowledgeBase, key
from ..doc import Document, Token
from ..errors import DataFileError
from ..resources import load_json

__all__ = ["Collective", "find_collectives", "is_side", "main_country"]

_EXTEND = 4  # modifiers a head may take


@dataclass(frozen=True, slots=True)
class Collective:
    start: int
    end: int
    text: str
    country: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class _Data:
    heads: dict[str, str]
    not_heads: frozenset[str]
    quantifiers: frozenset[str]
    modifiers: dict[str, str]
    occupiers: dict[str, str]
    stateless: frozenset[str]
    sides: frozenset[str]


@lru_cache(maxsize=1)
def _data() -> _Data:
    path = "ar/collective.json"
    raw = load_json(path)
    try:
        return _Data(
            heads={key(k): str(v) for k, v in raw["heads"].items()},
            not_heads=frozenset(key(w) for w in raw["not_heads"]),
            quantifiers=frozenset(key(q) for q in raw["quantifiers"]),
            modifiers={key(k): str(v) for k, v in raw["modifiers"].items()},
            occupiers={key(k): str(v) for k, v in raw["occupiers"].items()},
            stateless=frozenset(key(w) for w in raw["stateless"]),
            sides=frozenset(key(w) for w in raw["sides"]))
    except (KeyError, AttributeError, TypeError) as e:
        raise DataFileError(f"{path}: expected heads, not_heads, quantifiers, modifiers, "
                            f"occupiers, stateless and sides ({e})") from e


def _bare(tok: Token) -> str:
    """The token without its conjunction and preposition clitics, article kept (cached by
    the token's text: its clitic split depends on nothing else)."""
    hit = _BARE.get(tok.text)
    if hit is None:
        words = list(tok.words)
        while len(words) > 1 and words[0].kind in ("conj", "prep"):
            words = words[1:]
        while len(words) > 1 and words[-1].kind == "pron":
            words = words[:-1]
        # «للشرطة»: ل + the article written «ل» alone; the group is «الشرطة»
        hit = key("".join("ال" if w.kind == "det" and w.text == "ل" else w.text
                          for w in words))
        if len(_BARE) > _CACHE_SIZE:
            _BARE.clear()
        _BARE[tok.text] = hit
    return hit


_BARE: dict[str, str] = {}
_CACHE_SIZE = 200_000


@lru_cache(maxsize=_CACHE_SIZE)
def _default_head_sector(k: str) -> str | None:
    return _look_head_sector(KnowledgeBase.default(), _data(), k)


def _look_head_sector(kb: KnowledgeBase, data: _Data, k: str) -> str | None:
    if k in data.heads:
        return data.heads[k]
    if k in data.not_heads:
        return None
    if kb.title_kind(k) in ("body", "group"):
        return kb.title_sector(k)
    return None


def _starts(kb: KnowledgeBase, data: _Data) -> frozenset[str]:
    """Words a group can start with: a quantifier, or the first word of a head."""
    hit = _STARTS.get(id(kb))
    if hit is None:
        heads = {h.split(" ", 1)[0] for h in data.heads}
        hit = (kb.title_first_words(frozenset(("body", "group"))) | heads | data.quantifiers
               | data.sides)
        _STARTS[id(kb)] = hit
    return hit


_STARTS: dict[int, frozenset[str]] = {}


def main_country(doc: Document) -> str | None:
    """The country the article is most about: the most mentioned country or place."""
    counts: Counter[str] = Counter()
    for e in doc.entities:
        if e.type == "LOC" and e.country and e.country not in ("IGO",):
            counts[e.country] += len(e.mentions)
    return counts.most_common(1)[0][0] if counts else None


def find_collectives(doc: Document, kb: KnowledgeBase, taken: list[tuple[int, int]],
                     home: str | None = None) -> list[Collective]:
    """Groups in ``doc`` not overlapping the character spans in ``taken``; ``home`` is
    the article's main country when the caller has it already."""
    data = _data()
    sector_of: Callable[[str], str | None] = (
        _default_head_sector if kb is KnowledgeBase.default()
        else partial(_look_head_sector, kb, data))
    toks = doc.tokens
    bare = [_bare(t) for t in toks]
    starts = _starts(kb, data)
    covered = sorted(taken)
    fallback = home if home is not None else main_country(doc)
    local = _sentence_countries(doc)
    out: list[Collective] = []
    k = 0
    while k < len(toks):
        found = _at(doc, kb, data, bare, k, sector_of) if bare[k] in starts else None
        if found is None:
            k += 1
            continue
        i, j, country, sector = found
        s, e = toks[i].start, toks[j - 1].end
        first = toks[i]
        if first.words and first.words[0].kind in ("conj", "prep"):
            lead = [w for w in first.words if w.kind not in ("conj", "prep")]
            s = lead[0].start if lead else s
        if not any(a < e and s < b for a, b in covered):
            if country is None and sector not in ("REB", "IGO", None) and not any(
                    bare[m] in data.stateless for m in range(i, j)):
                # the one country its sentence names («احتجاجات مناهضة للحكومة في
                # إثيوبيا»), else the article's (not gunmen, nor «المجتمع الدولي»)
                country = local.get(toks[i].sentence) or fallback
            out.append(Collective(s, e, doc.text[s:e], country, sector))
        k = j
    return out


def _sentence_countries(doc: Document) -> dict[int, str]:
    """Sentences that name places of one country only: that country."""
    found: dict[int, set[str]] = {}
    starts = [t.start for t in doc.tokens]
    for e in doc.entities:
        if e.type != "LOC" or not e.country or len(e.country) != 3:
            continue
        for m in e.mentions:
            k = bisect_right(starts, m.start) - 1
            if k >= 0:
                found.setdefault(doc.tokens[k].sentence, set()).add(e.country)
    return {s: next(iter(cs)) for s, cs in found.items() if len(cs) == 1}


def _at(doc: Document, kb: KnowledgeBase, data: _Data, bare: list[str], k: int,
        sector_of: Callable[[str], str | None]) -> tuple[int, int, str | None, str | None] | None:
    toks = doc.tokens
    sent = toks[k].sentence

    def same(m: int) -> bool:
        return m < len(toks) and toks[m].sentence == sent

    if toks[k].words and toks[k].words[-1].kind == "pron":
        return None  # «جنوده»: whose soldiers the pronoun says, not the word
    head = k
    country: str | None = None
    if bare[k] in data.quantifiers and same(k + 1):
        head = k + 1
        if bare[head] == "من" and same(head + 1):
            head += 1
        if bare[head] in ("افراد", "عناصر", "جنود", "رجال") and same(head + 1) and \
                sector_of(bare[head + 1]) is not None:
            head += 1  # «الآلاف من أفراد الشرطة»: the group is the police
        nis = kb.nisba(bare[head])
        sector = sector_of(bare[head])
        if sector is None and nis is None:
            # «خرج الآلاف»: a crowd, people of the place
            return (k, k + 1, None, "CVL") if bare[k].startswith("ال") else None
        if sector is None:  # «آلاف الفلسطينيين»: people of a country
            sector, country = "CVL", nis
    else:
        sector = None
        if same(k + 1):  # a two-word head («قوات الأمن», «الطيران الحربي»)
            pair = f"{bare[k]} {bare[k + 1]}"
            sector = sector_of(pair)
            if sector is not None:
                head = k + 1
        if sector is None and bare[k] in data.sides and same(k + 1) and kb.nisba(bare[k + 1]):
            # «الجانب الفلبيني», «الطرف التركي»: the side is that country's government
            return k, k + 2, kb.nisba(bare[k + 1]), "GOV"
        if sector is None:
            if _adjective(toks, bare, k, data):
                return None  # «البيئة البحرية», «الزيارات الخارجية»: no navy, no ministry
            sector = sector_of(bare[k])
        if sector is None:
            return None
    j = head + 1
    while j < len(toks) and same(j) and j - head <= _EXTEND:
        w = bare[j]
        two = f"{w} {bare[j + 1]}" if same(j + 1) else ""
        if two and two in data.occupiers:
            country, j = data.occupiers[two], j + 2
        elif w in data.occupiers:
            country, j = data.occupiers[w], j + 1
        elif kb.nisba(w) is not None and (two == "" or kb.nisba(two) is None):
            country = country or kb.nisba(w)
            j += 1
        elif two and kb.nisba(two) is not None:
            country, j = country or kb.nisba(two), j + 2
        elif w in data.modifiers:
            sector = data.modifiers[w] or sector
            j += 1
        else:
            break
    return k, j, country, sector


def _adjective(toks: list[Token], bare: list[str], k: int, data: _Data) -> bool:
    """Whether a one-word head at ``k`` is an adjective of the definite noun before it
    («البيئة البحرية», «الزيارات الخارجية»): no clitic on it, and that noun no head of
    a group itself."""
    if k == 0 or toks[k - 1].sentence != toks[k].sentence or not bare[k - 1].startswith("ال"):
        return False
    if any(w.kind in ("conj", "prep") for w in toks[k].words[:-1]):
        return False  # «الجيش والشرطة»: a list
    prev = bare[k - 1]
    return prev not in data.heads and prev not in data.quantifiers and \
        _default_head_sector(prev) is None


def is_side(text: str) -> bool:
    """Whether ``text`` names one side of two («الجانب الفلبيني», «والطرف التركي»)."""
    first = key(text).split()[:1]
    return bool(first) and first[0].removeprefix("و") in _data().sides

