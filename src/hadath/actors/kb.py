"""The actor knowledge base: who and where a name is, and what office a person holds.

:meth:`KnowledgeBase.default` loads the tables shipped under
``hadath/data/kb/`` once per process, on first use. Every lookup key is the
matching form of :func:`hadath.text.normalize.normalize_str`, so «العراقيّة»
and «العراقيه» meet, and names written with or without the space after
«عبد» / «أبو» («عبد الله» / «عبدالله») meet too.

    >>> kb = KnowledgeBase.default()
    >>> kb.nisba("العراقية")
    'IRQ'
    >>> [e.id for e in kb.lookup("الجمهورية الإسلامية الإيرانية")]
    ['country:IRN']

Candidates come best first: countries, then the hand-curated organisations,
people and peoples, then cities (most populous first), then PETRARCH entries.
The object is immutable and picklable; pickling the default instance sends
only a reference, and the receiving process loads its own copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import BadValue
from ..resources import data_path
from ..text.normalize import normalize_str
from ._tables import load_dir
from .schema import KBEntry, Role

__all__ = ["KBEntry", "KnowledgeBase", "Role", "key"]

_SPACES = re.compile(r"\s+")
_JOINED = re.compile(r"\b(عبد|ابو) (?=\S)")
_SPLIT = re.compile(r"\b(عبد|ابو)(?=ال)")
_DAY = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


@lru_cache(maxsize=1 << 17)
def key(text: str) -> str:
    """The lookup key of ``text``: its matching form with single spaces."""
    return _SPACES.sub(" ", normalize_str(text)).strip()


def _variants(k: str) -> set[str]:
    """``k`` and its spellings with «عبد»/«ابو» joined to or split from the next word."""
    out = {k, _JOINED.sub(r"\1", k), _SPLIT.sub(r"\1 ", k)}
    return {v for v in out if v}


class KnowledgeBase:
    """An immutable, picklable index of :class:`KBEntry` records.

    Build one with :meth:`default` (the shipped tables), :meth:`from_dir`
    (tables in another folder) or the constructor (records in memory).
    """

    __slots__ = ("_by_id", "_capitals", "_countries", "_default", "_entries", "_index", "_nisba",
                 "_office_countries", "_people", "_people_by_country", "_prefixes",
                 "_title_kinds", "_title_starts", "_titles", "max_name_words", "max_title_words")

    max_name_words: int
    """The number of words of the longest name or alias, for longest-match scanners."""
    max_title_words: int
    """The number of words of the longest title phrase (``title_sector``)."""

    def __init__(self, entries: Iterable[KBEntry], nisba: Mapping[str, str],
                 titles: Mapping[str, str | tuple[str, str]],
                 capitals: Mapping[str, str] | None = None) -> None:
        self._entries = tuple(entries)
        self._capitals = dict(capitals or {})
        self._default = False
        self._by_id: dict[str, KBEntry] = {}
        index: dict[str, list[KBEntry]] = {}
        countries: dict[str, str] = {}
        for e in self._entries:
            if e.id in self._by_id:
                raise ValueError(f"duplicate knowledge-base id {e.id!r}")
            self._by_id[e.id] = e
            for name in (e.name, *e.aliases):
                for k in _variants(key(name)):
                    bucket = index.setdefault(k, [])
                    if not bucket or bucket[-1] is not e:
                        bucket.append(e)
                    if e.id.startswith("country:") and e.country:
                        countries.setdefault(k, e.country)
        self._index = {k: tuple(v) for k, v in index.items()}
        by_country: dict[str, list[KBEntry]] = {}
        for e in self._entries:
            if e.type == "PER" and e.roles and not e.id.startswith("petrarch:"):
                for c in {r.country for r in e.roles if r.country}:
                    by_country.setdefault(c, []).append(e)
        self._people_by_country = {c: tuple(v) for c, v in by_country.items()}
        self._office_countries: dict[str, str] | None = None
        self._people = tuple(e for e in self._entries if e.type == "PER" and e.roles
                             and not e.id.startswith("petrarch:"))
        self._countries = countries
        self._nisba = {key(f): c for f, c in nisba.items()}
        # A title maps to its sector, or to (sector, kind): kind is person, body,
        # group or rank (titles.tsv); a bare sector means a person's title.
        self._titles = {key(p): s if isinstance(s, str) else s[0] for p, s in titles.items()}
        self._title_kinds = {key(p): "person" if isinstance(s, str) else s[1]
                             for p, s in titles.items()}
        # Every proper word-prefix of a name, so scanners can stop as soon as no
        # longer name can match; and every first word of a title phrase.
        self._prefixes = frozenset(" ".join(p[:n]) for k in self._index
                                   for p in (k.split(" "),) for n in range(1, len(p)))
        self._title_starts = frozenset(k.split(" ", 1)[0] for k in self._titles) | frozenset(
            k.split(" ", 1)[0][2:] for k in self._titles if k.startswith("ال"))
        self.max_name_words = max((k.count(" ") + 1 for k in self._index), default=0)
        self.max_title_words = max((k.count(" ") + 1 for k in self._titles), default=0)

    # -- construction ----------------------------------------------------------

    @classmethod
    def default(cls) -> KnowledgeBase:
        """The knowledge base shipped with hadath (loaded once per process)."""
        return _default_kb()

    @classmethod
    def from_dir(cls, folder: Path | str) -> KnowledgeBase:
        """A knowledge base read from the tables in ``folder`` (see ``data/kb/README.md``).

        Raises :class:`~hadath.errors.DataFileError` naming the file and line
        of the first malformed record.
        """
        return cls(*load_dir(Path(folder)))

    def __reduce__(self) -> tuple[Any, ...]:
        if self._default:
            return (_default_kb, ())
        titles = {k: (s, self._title_kinds[k]) for k, s in self._titles.items()}
        return (_rebuild, (self._entries, self._nisba, titles, self._capitals))

    # -- queries ---------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[KBEntry]:
        return iter(self._entries)

    def __repr__(self) -> str:
        return (f"<KnowledgeBase {len(self._entries)} entries, {len(self._nisba)} nisba forms, "
                f"{len(self._titles)} titles>")

    def lookup(self, name: str) -> list[KBEntry]:
        """Every entry whose name or an alias is ``name`` in the matching form, best first."""
        return list(self._index.get(key(name), ()))

    def lookup_key(self, k: str) -> tuple[KBEntry, ...]:
        """:meth:`lookup` for a name already in its matching form (see :func:`key`)."""
        return self._index.get(k, ())

    def is_prefix(self, k: str) -> bool:
        """Whether some longer name starts with the words of matching form ``k``."""
        return k in self._prefixes

    def may_start_title(self, k: str) -> bool:
        """Whether a title phrase can start with the word of matching form ``k``."""
        return k in self._title_starts or (k.startswith("ال") and k[2:] in self._title_starts)

    def get(self, id: str) -> KBEntry | None:
        """The entry with this ``id`` (``"country:IRQ"``, ``"person:…"``), if any."""
        return self._by_id.get(id)

    def nisba(self, word: str) -> str | None:
        """The country code of a nisba adjective or demonym: «العراقية» → ``"IRQ"``.

        ``word`` is given without proclitics (و، ب، ل، ف); every gender,
        number and definiteness form is known («عراقي»، «العراقيون»،
        «العراقيين»), as are multi-word forms («الكوري الشمالي») and a few
        collectives («الروس»، «الأمريكان»). «الأممي» gives ``"UNO"``.
        """
        return self._nisba.get(key(word))

    def country_name(self, word: str) -> str | None:
        """The country code of a country name or long form: «إيران» → ``"IRN"``.

        Capitals are not countries: «واشنطن» gives ``None`` (see :meth:`lookup`).
        """
        return self._countries.get(key(word))

    def title_sector(self, word: str) -> str | None:
        """The sector a title word or phrase implies: «وزير» → ``"GOV"``, «الجيش» → ``"MIL"``.

        Phrases are known as wholes («رئيس الأركان» → ``"MIL"``, «النائب العام»
        → ``"JUD"``). A word with the article is also found under its bare form
        («الوزير» → «وزير»), not the reverse: «أمام» ("in front of") must not
        read as «الإمام».
        """
        k = key(word)
        hit = self._titles.get(k)
        if hit is None and k.startswith("ال"):
            hit = self._titles.get(k[2:])
        return hit

    def title_kind(self, word: str) -> str | None:
        """What a title word names: ``person`` («وزير»), ``body`` («الخارجية»),
        ``group`` («المتظاهرون») or ``rank`` («لواء»); looked up as :meth:`title_sector`."""
        k = key(word)
        hit = self._title_kinds.get(k)
        if hit is None and k.startswith("ال"):
            hit = self._title_kinds.get(k[2:])
        return hit

    def title_first_words(self, kinds: frozenset[str]) -> frozenset[str]:
        """The first words (matching form, with and without «ال») of the title words and
        phrases of the given kinds: a cheap test before :meth:`title_kind`."""
        out: set[str] = set()
        for k, kind in self._title_kinds.items():
            if kind in kinds and k:
                first = k.split(" ", 1)[0]
                out.add(first)
                out.add(first[2:] if first.startswith("ال") else "ال" + first)
        return frozenset(out)

    def role_at(self, entry: KBEntry, date: str | None) -> Role | None:
        """The role ``entry`` held on ``date`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).

        A date of year or month precision matches any role held during that
        period. When several roles match, a main office wins over a
        ``concurrent`` one, then the one that began last (on the day one
        president follows another, the new one), then the one listed first.
        With ``date=None`` the current role is given: the latest that has not
        ended, else the latest of all. ``None`` when no role matches.
        """
        pool = self.roles_at(entry, date)
        if date is None and not pool:
            pool = list(entry.roles)
        if not pool:
            return None
        # max() keeps the first of equals: the one listed first.
        return max(pool, key=lambda r: (not r.concurrent, _lo(r.start)))

    def roles_at(self, entry: KBEntry, date: str | None) -> list[Role]:
        """Every role ``entry`` held on ``date`` (a prime minister who is also interior
        minister holds both); with ``date=None``, those not ended."""
        if date is None:
            return [r for r in entry.roles if r.end is None]
        day = date[:10]
        if not _DAY.fullmatch(day):
            raise BadValue(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {date!r}")
        lo, hi = _lo(day), _hi(day)
        return [r for r in entry.roles if _lo(r.start) <= hi and lo <= _hi(r.end)]

    def holders(self, title: str, country: str, date: str | None, *,
                complement: bool = True) -> list[KBEntry]:
        """The people who held the office ``title`` («وزير الخارجية») of ``country`` on
        ``date``: whose role then has that title (in matching form, with or without
        «ال»; a feminine head for the masculine) and country. A role's title may add the
        country's nisba («رئيس مجلس النواب الليبي») and, with ``complement``, a
        complement with «ل» to a title of two words or more («رئيس المجلس الرئاسي
        لحكومة الوفاق الوطني»)."""
        want = _bare_title(key(title))
        wants = [want.split()]
        first, _, rest = want.partition(" ")
        if first.endswith("ه") and len(first) > 3:  # «رئيسة المفوضية» → «رئيس المفوضية»
            wants.append(f"{first[:-1]} {rest}".split())
        out = []
        for e, words in self._offices(self._holders_of(country), date, country):
            forms = [words]
            if len(words) > 1 and self._nisba.get(key(words[-1])) == country:
                forms.append(words[:-1])  # «رئيس مجلس النواب الليبي»
            if any(_titled(f, w, complement) for f in forms for w in wants):
                out.append(e)
        return _once(out)

    def office_country(self, title: str) -> str | None:
        """The one country whose offices ever bore the title ``title`` («المرشد الأعلى»
        → ``"IRN"``, «رئيس إقليم كردستان» → ``"IRQ"``), or ``None`` when there are
        none or several («مستشار الأمن القومي»)."""
        if self._office_countries is None:
            table: dict[str, set[str]] = {}
            for e in self._people:
                for r in e.roles:
                    if r.title and r.country:
                        table.setdefault(_bare_title(key(r.title)), set()).add(r.country)
            self._office_countries = {t: next(iter(c)) for t, c in table.items() if len(c) == 1}
        return self._office_countries.get(_bare_title(key(title)))

    def envoys(self, title: str, country: str, date: str | None) -> list[KBEntry]:
        """The people who on ``date`` held an international office whose title is
        ``title`` (a title key without articles: «مبعوث اممي») and then names
        ``country`` («المبعوث الأممي إلى سوريا»)."""
        place = self.country(country)
        if place is None:
            return []
        names = {_bare_title(key(n)) for n in (place.name, *place.aliases)}
        want = title.split()
        out = []
        for e, words in self._offices(self._people, date, None, not_of=country):
            rest = f" {' '.join(words[len(want):])} "
            if words[:len(want)] == want and any(f" {n} " in rest for n in names):
                out.append(e)
        return _once(out)

    def heads_of(self, body: KBEntry, heads: Iterable[str], country: str | None,
                 date: str | None) -> list[KBEntry]:
        """The people who on ``date`` headed ``body`` (an organisation of ``country``, or of
        any country with ``country=None``): who then held an office whose title is one of
        ``heads`` (title keys without their articles: «امين عام», «زعيم») followed right
        away by one of the body's names, bare or with «ل» («الأمين العام لحزب الله»,
        «المدير العام للوكالة الدولية للطاقة الذرية»)."""
        names = [_bare_title(key(n)).split() for n in (body.name, *body.aliases)]
        wants = [h.split() for h in heads]
        people = self._holders_of(country) if country else self._people
        return _once([e for e, words in self._offices(people, date, country)
                      if any(words[:len(h)] == h and _names(words[len(h):], names)
                             for h in wants)])

    def _offices(self, people: Iterable[KBEntry], date: str | None, country: str | None,
                 not_of: str | None = None) -> Iterator[tuple[KBEntry, list[str]]]:
        """Each person of ``people`` with the words of the title of every office they held
        on ``date`` (bare, as :func:`_bare_title` makes them), of ``country`` if given and
        not of ``not_of``; a person once per office."""
        for e in people:
            for role in self.roles_at(e, date):
                if role.title and (not country or role.country == country) and (
                        not not_of or role.country != not_of):
                    yield e, _bare_title(key(role.title)).split()

    def _holders_of(self, country: str) -> tuple[KBEntry, ...]:
        return self._people_by_country.get(country, ())

    def country(self, code: str) -> KBEntry | None:
        """The country entry of an alpha-3 code (``"IRQ"``), if any."""
        return self._by_id.get(f"country:{code}")

    def capital(self, code: str) -> KBEntry | None:
        """The capital city of the country with alpha-3 ``code``, if known."""
        cid = self._capitals.get(code)
        return self._by_id.get(cid) if cid else None


def _bare_title(k: str) -> str:
    """A title's words without their article: «وزير الخارجيه» → «وزير خارجيه»."""
    return " ".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in k.split())


def _titled(words: list[str], want: list[str], complement: bool) -> bool:
    """Whether a role's title ``words`` is the title ``want``, or, with ``complement``,
    for a title of two words or more, ``want`` and a complement with «ل» («رئيس المجلس
    الرئاسي لحكومة الوفاق الوطني»)."""
    return words == want or (complement and len(want) >= 2 and len(words) > len(want)
                             and words[:len(want)] == want and words[len(want)].startswith("ل"))


def _once(people: list[KBEntry]) -> list[KBEntry]:
    """``people`` without repeats, in order (one who held two matching offices)."""
    return list({id(e): e for e in people}.values())


def _names(words: list[str], names: list[list[str]]) -> bool:
    """Whether ``words`` start with one of ``names``, its first word bare or with «ل»/«لل»."""
    return any(len(words) >= len(n) > 0 and words[1:len(n)] == n[1:]
               and words[0] in (n[0], "ل" + n[0], "لل" + n[0]) for n in names)


def _lo(d: str | None) -> str:
    """The first day of period ``d`` as a comparable string (open start: the earliest)."""
    if d is None:
        return "0000-00-00"
    return d + "-00" * ((10 - len(d)) // 3)


def _hi(d: str | None) -> str:
    """The last day of period ``d`` as a comparable string (open end: the latest)."""
    if d is None:
        return "9999-99-99"
    return d + "-99" * ((10 - len(d)) // 3)


def _rebuild(entries: tuple[KBEntry, ...], nisba: dict[str, str],
             titles: dict[str, tuple[str, str]],
             capitals: dict[str, str]) -> KnowledgeBase:
    return KnowledgeBase(entries, nisba, titles, capitals)


@lru_cache(maxsize=1)
def _default_kb() -> KnowledgeBase:
    kb = KnowledgeBase.from_dir(data_path("kb/countries.tsv").parent)
    kb._default = True
    return kb

