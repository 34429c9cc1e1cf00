"""Sports clubs in the document pass: names the tagger has never seen.

News names a club by its name alone («فاز الوداد على الرجاء البيضاوي»), and a
tagger that has not seen the name misses it, or reads a club named after its
town as the town. After tagging (:meth:`hadath.ner.tagger._Tagging.tag_document`),
the names of ``data/ar/clubs.tsv`` become organisations where the tagger left
them untagged, tagged them (whole) as places, or found only part of the
name as an organisation:

* a name that only a club has («الزمالك», «المغرب الفاسي») wherever it occurs;
* a name that is also a common word, a place or another body («الهلال»,
  «برشلونة», «أم صلال»; ``common`` in the file) only in a sentence about
  sport, or next to one: a sentence with one of the cues of
  ``data/ar/sport.json`` («مباراة», «كرة القدم», «لاعب» …); a one-word such name
  also needs a word before it that makes it a side («أمام الهلال», «تعادل ليل»;
  ``before``), or another club or organisation across a connector («العربي مع
  الوكرة», «الهلال - النصر»; ``connectors``);
* a place is never read as a club after a word that keeps it a place
  («في برشلونة», ``not_after``) or with a proclitic ب or ل («ببرشلونة»).

A country's nisba that ends a listed name is not tagged with it when the rest
is a club's name too («الهلال السعودي»; but «النادي المصري»). Longest names
first, and a name is only matched as a whole (the next token is not inside a
name). Persons are left alone, except inside the name of a club that only a
club has («الوداد البيضاوي», «لارسنال»).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..errors import DataFileError
from ..resources import iter_tsv, load_json, load_tsv
from ..text.tokens import tokenize

__all__ = ["Clubs", "SportSentences", "clubs", "default_clubs"]

Forms = Callable[[str], tuple[str, str]]  # token → (norm, core)

CLUBS = "ar/clubs.tsv"
SPORT = "ar/sport.json"


def _key(text: str) -> list[str]:
    return [t.norm for t in tokenize(text) if t.norm]


@dataclass(frozen=True)
class Clubs:
    """Club names (matching forms joined by one space) → whether the name is common."""

    names: Mapping[str, bool]
    cues: frozenset[str]
    not_after: frozenset[str]
    before: frozenset[str] = frozenset()
    connectors: frozenset[str] = frozenset()
    nisba: frozenset[str] = frozenset()  # countries' nisba adjectives, not part of a name
    starts: frozenset[str] = field(init=False)  # the names' first words
    longest: int = field(init=False)  # words in the longest name

    def __post_init__(self) -> None:
        object.__setattr__(self, "starts", frozenset(k.split(" ", 1)[0] for k in self.names))
        object.__setattr__(self, "longest",
                           max((k.count(" ") + 1 for k in self.names), default=0))


@lru_cache(maxsize=1)
def default_clubs() -> Clubs:
    """The packaged club names and sport cues (validated; cached)."""
    names: dict[str, bool] = {}
    for line, (name, country, common) in iter_tsv(CLUBS, ("name", "country", "common")):
        if common not in ("yes", "no"):
            raise DataFileError(f"common must be yes or no, not {common!r}",
                                input=CLUBS, line=line)
        if country != "-" and not (len(country) == 3 and country.isalpha()
                                   and country.isupper()):
            raise DataFileError(f"country must be a three-letter code or '-', not {country!r}",
                                input=CLUBS, line=line)
        toks = _key(name)
        if not toks:
            raise DataFileError(f"no words in the name {name!r}", input=CLUBS, line=line)
        key = " ".join(toks)
        names[key] = names.get(key, False) or common == "yes"
    raw = load_json(SPORT)
    try:
        lists = {k: frozenset(" ".join(_key(str(w))) for w in raw[k])
                 for k in ("cues", "not_after", "before", "connectors")}
    except (KeyError, TypeError) as e:
        raise DataFileError(f"{SPORT}: expected the lists cues, not_after, before and "
                            f"connectors ({e})") from e
    nisba = frozenset(" ".join(_key(form)) for form, _ in load_tsv("kb/nisba.tsv",
                                                                   ("form", "country")))
    return Clubs(names, nisba=nisba, **lists)


class SportSentences:
    """Which sentences of a document are about sport, or within ``reach`` sentences of
    one; each sentence's cues are looked up only when asked."""

    def __init__(self, keyed: Sequence[tuple[list[str], list[str]]], cues: frozenset[str],
                 reach: int = 1) -> None:
        self._keyed, self._cues, self._reach = keyed, cues, reach
        self._own: dict[int, bool] = {}

    def _about_sport(self, k: int) -> bool:
        if k not in self._own:
            norms, cores = self._keyed[k]
            cues = self._cues
            self._own[k] = (not cues.isdisjoint(cores) or not cues.isdisjoint(norms)
                            or any(f"{a} {b}" in cues
                                   for a, b in zip(cores, norms[1:], strict=False)))
        return self._own[k]

    def __getitem__(self, k: int) -> bool:
        lo, hi = max(0, k - self._reach), min(len(self._keyed), k + self._reach + 1)
        return any(self._about_sport(j) for j in range(lo, hi))


def _whole_places(tags: Sequence[str], start: int, end: int,
                  persons: bool = False) -> bool | None:
    """None if ``tags[start:end]`` cannot become one club (a name running on past it,
    or a person unless ``persons``), else whether any of it was tagged a place.
    Organisations inside it are widened to the whole name («المولودية» + «الوجدية»)."""
    if tags[start].startswith("I-") or (end < len(tags) and tags[end].startswith("I-")):
        return None
    if not persons and any(t.endswith("PER") for t in tags[start:end]):
        return None
    return any(t.endswith("LOC") for t in tags[start:end])


def clubs(sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]], forms: Forms,
          table: Clubs | None = None) -> list[list[str]]:
    """``tags`` with the clubs of ``table`` (default: the packaged list) tagged ORG."""
    table = table or default_clubs()
    names, starts, longest = table.names, table.starts, table.longest
    keyed = []
    for toks in sentences:
        pairs = [forms(t) for t in toks]
        keyed.append(([p[0] for p in pairs], [p[1] for p in pairs]))
    if not any(not starts.isdisjoint(cores) for _, cores in keyed):
        return [list(t) for t in tags]
    sporty = SportSentences(keyed, table.cues)
    out: list[list[str]] = []
    for k, ((norms, cores), tg) in enumerate(zip(keyed, tags, strict=True)):
        new = list(tg)
        n = len(new)
        i = 0
        while i < n:
            step = 1
            if cores[i] in starts:
                for size in range(min(longest, n - i), 0, -1):
                    common = names.get(" ".join([cores[i], *norms[i + 1:i + size]]))
                    if common is None or (common and not sporty[k]):
                        continue
                    # a person inside a club's own name of two words or more: «الوداد البيضاوي»
                    places = _whole_places(new, i, i + size, persons=not common)
                    if places is None:
                        continue
                    if common and size == 1 and not _a_side(norms, cores, new, i, table):
                        continue
                    if places and (common or size == 1) and _stays_place(norms, cores, i,
                                                                         table.not_after):
                        continue
                    end = i + size
                    if size > 1 and norms[end - 1] in table.nisba and " ".join(
                            [cores[i], *norms[i + 1:end - 1]]) in names:  # «ليل الفرنسي»
                        end -= 1
                        new[end] = "O"
                    new[i:end] = ["B-ORG"] + ["I-ORG"] * (end - i - 1)
                    step = size
                    break
            i += step
        out.append(new)
    return out


def _stays_place(norms: Sequence[str], cores: Sequence[str], i: int,
                 not_after: frozenset[str]) -> bool:
    """Whether the place at ``i`` is kept a place: after «في» and the like, or with ب/ل."""
    proclitics = norms[i][:len(norms[i]) - len(cores[i])] if norms[i].endswith(cores[i]) else ""
    return (i > 0 and norms[i - 1] in not_after) or "ب" in proclitics or "ل" in proclitics


def _a_side(norms: Sequence[str], cores: Sequence[str], tags: Sequence[str], i: int,
            table: Clubs) -> bool:
    """Whether the one-word name at ``i`` reads as a side: a word such as «أمام» or
    «تعادل» before it, or another club or organisation across a connector."""
    if i > 0 and (cores[i - 1] in table.before or norms[i - 1] in table.before
                  or (i > 1 and f"{cores[i - 2]} {norms[i - 1]}" in table.before)):
        return True
    n = len(norms)
    for link, other in ((i - 1, i - 2), (i + 1, i + 2)):
        if 0 <= other < n and norms[link] in table.connectors \
                and _club_or_org(norms, cores, tags, other, table):
            return True
    # «و» as a proclitic of the next name: «السد والريان»
    if i + 1 < n and norms[i + 1].startswith("و") \
            and _club_or_org(norms, cores, tags, i + 1, table):
        return True
    return bool(i > 0 and norms[i].startswith("و")
                and _club_or_org(norms, cores, tags, i - 1, table))


def _club_or_org(norms: Sequence[str], cores: Sequence[str], tags: Sequence[str], j: int,
                 table: Clubs) -> bool:
    """Whether token ``j`` is tagged an organisation, or is an untagged club name (a
    club name tagged as a place is a place: «مدن أبوظبي ودبي والعين والشارقة»)."""
    if tags[j].endswith("ORG"):
        return True
    return tags[j] == "O" and (cores[j] in table.names or norms[j] in table.names)
