"""Reading the knowledge-base tables into :class:`KBEntry` records, with validation.

Every value is checked as it is read (codes, sectors, dates, coordinates,
references between tables); the first bad one raises
:class:`~hadath.errors.DataFileError` with the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import DataFileError
from .schema import COLUMNS, IGO_CODES, NONE, SECTORS, SEP, TYPES, KBEntry, Role, check_date
from .schema import read_table as _read

__all__ = ["load_dir"]

_ALPHA3 = re.compile(r"[A-Z]{3}")
_ALPHA2 = re.compile(r"[A-Z]{2}")
_QID = re.compile(r"Q[1-9]\d*")
_ID = re.compile(r"[a-z]+:[A-Za-z0-9_.\-]+")
_FLAGS = frozenset({"acting", "approx", "concurrent"})
_KINDS = frozenset({"person", "body", "group", "rank"})

Loaded = tuple[list[KBEntry], dict[str, str], dict[str, tuple[str, str]], dict[str, str]]


class _Row:
    """One record being checked: its fields by column, and where it is."""

    __slots__ = ("f", "line", "path")

    def __init__(self, path: Path, line: int, names: tuple[str, ...],
                 fields: tuple[str, ...]) -> None:
        self.path, self.line = path, line
        self.f = dict(zip(names, fields, strict=True))

    def bad(self, message: str) -> DataFileError:
        return DataFileError(message, input=str(self.path), line=self.line)

    def opt(self, col: str) -> str | None:
        v = self.f[col]
        return None if v == NONE else v

    def req(self, col: str) -> str:
        v = self.opt(col)
        if v is None:
            raise self.bad(f"column {col!r} needs a value")
        return v

    def items(self, col: str) -> tuple[str, ...]:
        v = self.opt(col)
        return tuple(x.strip() for x in v.split(SEP) if x.strip()) if v else ()

    def match(self, col: str, pattern: re.Pattern[str], what: str) -> str | None:
        v = self.opt(col)
        if v is not None and not pattern.fullmatch(v):
            raise self.bad(f"{col} {v!r} is not {what}")
        return v

    def member(self, col: str, allowed: frozenset[str] | set[str], what: str) -> str | None:
        v = self.opt(col)
        if v is not None and v not in allowed:
            raise self.bad(f"{col} {v!r} is not {what}")
        return v

    def number(self, col: str, lo: float, hi: float) -> float | None:
        v = self.opt(col)
        if v is None:
            return None
        try:
            x = float(v)
        except ValueError:
            raise self.bad(f"{col} {v!r} is not a number") from None
        if not lo <= x <= hi:
            raise self.bad(f"{col} {v!r} is outside [{lo}, {hi}]")
        return x

    def date(self, col: str) -> str | None:
        v = self.opt(col)
        if v is not None and not check_date(v):
            raise self.bad(f"{col} {v!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
        return v


def _rows(folder: Path, name: str) -> Iterator[_Row]:
    path = folder / name
    if not path.is_file() and (folder / (name + ".gz")).is_file():
        path = folder / (name + ".gz")
    cols = COLUMNS[name]
    for line, fields in _read(path, cols):
        yield _Row(path, line, cols, fields)


def load_dir(folder: Path) -> Loaded:
    """Entries, nisba forms, title phrases and capitals from the tables in ``folder``."""
    entries: list[KBEntry] = []
    codes: set[str] = set(IGO_CODES)
    capitals: dict[str, str] = {}
    peoples: list[KBEntry] = []
    for r in _rows(folder, "countries.tsv"):
        a3 = r.match("alpha3", _ALPHA3, "an alpha-3 code")
        assert a3 is not None  # required: a field is never empty
        r.match("alpha2", _ALPHA2, "an alpha-2 code")
        codes.add(a3)
        cap = r.match("capital", _ID, "an entry id")
        if cap:
            capitals[a3] = cap
        entries.append(KBEntry(
            id=f"country:{a3}", type="LOC", subtype="GPE", name=r.req("name"),
            name_en=r.opt("name_en"), aliases=r.items("aliases"), country=a3, sector="GOV",
            qid=r.match("qid", _QID, "a Wikidata id"), lat=r.number("lat", -90, 90),
            lon=r.number("lon", -180, 180), roles=()))
        names = r.items("people")
        if names:
            peoples.append(KBEntry(
                id=f"people:{a3}", type="ORG", subtype="PEOPLE", name=names[0],
                name_en=None, aliases=names[1:], country=a3, sector="CVL", qid=None,
                lat=None, lon=None, roles=()))

    nisba: dict[str, str] = {}
    for r in _rows(folder, "nisba.tsv"):
        nisba[r.req("form")] = r.member("country", codes, "a known country code") or ""

    people: dict[str, KBEntry] = {}
    for name in ("orgs.tsv", "people.tsv"):
        for r in _rows(folder, name):
            eid = r.match("id", _ID, "an entry id")
            assert eid is not None
            etype = r.member("type", TYPES, "PER, ORG or LOC") if name == "orgs.tsv" else "PER"
            e = KBEntry(
                id=eid, type=etype or "ORG",
                subtype=r.opt("subtype") if name == "orgs.tsv" else None,
                name=r.req("name"), name_en=r.opt("name_en"), aliases=r.items("aliases"),
                country=r.member("country", codes, "a known country code"),
                sector=r.member("sector", SECTORS, "a sector code"),
                qid=r.match("qid", _QID, "a Wikidata id"), lat=None, lon=None, roles=())
            if name == "people.tsv":
                if eid in people:
                    raise r.bad(f"duplicate person id {eid!r}")
                people[eid] = e
            else:
                entries.append(e)

    roles: dict[str, list[Role]] = {}
    for r in _rows(folder, "roles.tsv"):
        pid = r.req("person")
        if pid not in people:
            raise r.bad(f"role of unknown person {pid!r}")
        roles.setdefault(pid, []).append(_role(r, codes))
    entries.extend(_with_roles(e, roles.get(e.id, [])) for e in people.values())
    entries.extend(peoples)

    for r in _rows(folder, "cities.tsv"):
        cid = r.match("id", _ID, "an entry id")
        assert cid is not None
        population = r.match("population", re.compile(r"\d+"), "a whole number")
        capital = r.member("capital", {"0", "1"}, "0 or 1")
        entries.append(KBEntry(
            id=cid, type="LOC", subtype="GPE", name=r.req("name"), name_en=r.opt("name_en"),
            aliases=r.items("aliases"), country=r.member("country", codes, "a known country"),
            sector=None, qid=r.match("qid", _QID, "a Wikidata id"),
            lat=r.number("lat", -90, 90), lon=r.number("lon", -180, 180), roles=(),
            population=int(population) if population else None, capital=capital == "1"))

    entries.extend(_petrarch(folder, codes))

    titles: dict[str, tuple[str, str]] = {}
    for r in _rows(folder, "titles.tsv"):
        kind = r.member("kind", _KINDS, "person, body, group or rank")
        sector = r.member("sector", SECTORS, "a sector code")
        titles[r.req("phrase")] = (sector or "UNK", kind or "person")
    return entries, nisba, titles, capitals


def _role(r: _Row, codes: set[str]) -> Role:
    start, end = r.date("start"), r.date("end")
    if start and end and end < start[:len(end)]:
        raise r.bad(f"role ends ({end}) before it starts ({start})")
    flags = set(r.items("flags"))
    if not flags <= _FLAGS:
        raise r.bad(f"unknown flags {sorted(flags - _FLAGS)} (known: {sorted(_FLAGS)})")
    sector = r.member("sector", SECTORS, "a sector code")
    if sector is None:
        raise r.bad("a role needs a sector")
    title = r.opt("title") or ""
    return Role(title=title, title_en=r.opt("title_en"),
                country=r.member("country", codes, "a known country code"), sector=sector,
                start=start, end=end, acting="acting" in flags, approx="approx" in flags,
                concurrent="concurrent" in flags)


def _with_roles(e: KBEntry, roles: list[Role]) -> KBEntry:
    if not roles:
        return e
    return KBEntry(id=e.id, type=e.type, subtype=e.subtype, name=e.name, name_en=e.name_en,
                   aliases=e.aliases, country=e.country, sector=e.sector, qid=e.qid,
                   lat=e.lat, lon=e.lon, roles=tuple(roles))


def _petrarch(folder: Path, codes: set[str]) -> Iterator[KBEntry]:
    """PETRARCH actors: one row per code; consecutive rows of one id make one entry."""
    group: list[_Row] = []
    for r in _rows(folder, "petrarch.tsv"):
        if group and r.f["id"] != group[0].f["id"]:
            yield _petrarch_entry(group, codes)
            group = []
        group.append(r)
    if group:
        yield _petrarch_entry(group, codes)


def _petrarch_entry(group: list[_Row], codes: set[str]) -> KBEntry:
    first = group[0]
    eid = first.match("id", _ID, "an entry id")
    assert eid is not None
    roles: list[Role] = []
    for r in group:
        if r.f["name"] != first.f["name"]:
            raise r.bad(f"rows of {eid} disagree on the name")
        start, end = r.date("start"), r.date("end")
        sector = r.member("sector", SECTORS, "a sector code") or "UNK"
        country = r.member("country", codes, "a known country code")
        if start or end or len(group) > 1:
            roles.append(Role(title="", title_en=None, country=country, sector=sector,
                              start=start, end=end))
    return KBEntry(
        id=eid, type=first.member("type", TYPES, "PER, ORG or LOC") or "ORG",
        subtype=first.opt("subtype"), name=first.req("name"), name_en=None, aliases=(),
        country=first.member("country", codes, "a known country code"),
        sector=first.member("sector", SECTORS, "a sector code"), qid=None, lat=None, lon=None,
        roles=tuple(roles))
