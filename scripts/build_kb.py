"""Build the actor knowledge base tables in ``src/hadath/data/kb/``.

Merges the hand-curated inputs of ``src/hadath/data/kb/curated/`` with the
shared sources under ``../shared/data`` (``gazetteers/world-countries``,
``gazetteers/cities``, ``petrarch``), checks them and writes ``countries.tsv``,
``nisba.tsv``, ``cities.tsv``, ``orgs.tsv``, ``people.tsv``, ``roles.tsv``,
``titles.tsv``, ``petrarch.tsv`` and the review list ``petrarch_dropped.tsv``.
The output is byte-for-byte reproducible (sorted, no timestamps); ``--check``
rebuilds in memory and fails if a table on disk differs.

    .venv/bin/python scripts/build_kb.py                 # ../shared next to the repo
    .venv/bin/python scripts/build_kb.py --shared DIR --check
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import textwrap
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from hadath.actors.schema import COLUMNS, NONE, SECTORS, SEP, check_date, read_table
from hadath.text.normalize import normalize_str

ROOT = Path(__file__).resolve().parent.parent
KB = ROOT / "src" / "hadath" / "data" / "kb"

def _words(text: str) -> list[str]:
    return text.split()


ARAB_LEAGUE = _words("DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN "
                     "SYR TUN ARE YEM")
MIN_POPULATION = 200_000  # cities outside the Arab world below this are left out
MIN_ARAB_POPULATION = 1_000  # Arab-world rows without a population are mostly mistranslated
APACHE = "Licence: Apache-2.0 (as hadath)."

Row = dict[str, str | None]


@cache
def key(text: str) -> str:
    return " ".join(normalize_str(text).split())


def curated(folder: Path, name: str, columns: tuple[str, ...]) -> list[Row]:
    """The records of a curated table, '-' read as None."""
    return [{c: (None if v == NONE else v) for c, v in zip(columns, fields, strict=True)}
            for _, fields in read_table(folder / name, columns)]


def items(value: str | None) -> list[str]:
    return [x.strip() for x in (value or "").split(SEP) if x.strip()]


def uniq(names: Iterable[str], *exclude: str) -> list[str]:
    """``names`` without repeats in the matching form, nor any of ``exclude``."""
    seen = {key(x) for x in exclude}
    out = []
    for n in names:
        k = key(n)
        if k and k not in seen:
            seen.add(k)
            out.append(n)
    return out


def cell(value: object) -> str:
    if value is None or value == "" or value == []:
        return NONE
    if isinstance(value, list | tuple):
        return SEP.join(str(v) for v in value)
    text = str(value)
    if any(c in text for c in "\t\n\r"):
        raise ValueError(f"field with a tab or newline: {text!r}")
    return text


def render(name: str, header: str, rows: Iterable[Iterable[object]]) -> str:
    """A TSV table: the header reflowed into '#' lines, the columns line, the rows."""
    paras = [" ".join(p.split()) for p in header.strip().split("\n\n")]
    lines = [f"# {ln}" for p in paras for ln in textwrap.wrap(p, 94, break_on_hyphens=False)]
    lines.append("# columns: " + "\t".join(COLUMNS.get(name) or DROPPED_COLUMNS))
    lines += ["\t".join(cell(v) for v in r) for r in rows]
    return "\n".join(lines) + "\n"


# -- countries and nisba --------------------------------------------------------------------


@dataclass
class Country:
    a3: str
    a2: str | None
    name: str
    name_en: str | None
    aliases: list[str]
    qid: str | None
    lat: str | None
    lon: str | None
    capital_en: str | None
    stems: list[str]
    collectives: list[str]
    capital: str | None = None


def build_countries(data: Path, cur: Path, blocked: set[str]) -> dict[str, Country]:
    world = {r["alpha3"].upper(): r["name"]
             for r in _csv(data / "gazetteers/world-countries/ar_world.csv", ",")}
    js = {c["iso3"]: c for c in json.loads(
        (data / "gazetteers/cities/countries.json").read_text(encoding="utf-8"))}
    mine = {r["alpha3"]: r for r in curated(
        cur, "countries.tsv", ("alpha3", "nisba", "aliases", "collectives", "name_en"))}
    out: dict[str, Country] = {}
    for a3 in sorted(set(world) | set(js) | set(mine)):
        j, m = js.get(a3, {}), mine.get(a3, {})
        ar = j.get("translations", {}).get("ar")
        extra = [re.sub(r"\s*\([^)]*\)", "", ar).strip()] if ar else []
        native = j.get("native")
        if native and re.fullmatch(r"[\u0600-\u06FF ]+", native):
            extra.append(native)
        extra = [x for x in extra if key(x) not in blocked]
        name = world.get(a3) or (extra[0] if extra else None) or (items(m.get("aliases"))[0])
        out[a3] = Country(
            a3=a3, a2=j.get("iso2"), name=name, name_en=m.get("name_en") or j.get("name"),
            aliases=uniq(items(m.get("aliases")) + extra, name), qid=j.get("wikiDataId"),
            lat=_coord(j.get("latitude")), lon=_coord(j.get("longitude")),
            capital_en=j.get("capital") or None, stems=items(m.get("nisba")),
            collectives=items(m.get("collectives")))
    return out


def _csv(path: Path, delimiter: str) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def _coord(v: object) -> str | None:
    return None if v in (None, "") else f"{float(str(v)):.4f}"


def inflect(stem: str) -> list[str]:
    """Every form of a masculine singular nisba: gender, number, definiteness."""
    words = stem.split()
    out = []
    for suffix in ("", "ة", "ون", "ين", "ان", "ات", "تان", "تين"):
        plain = [w + suffix if w.endswith("ي") else w for w in words]
        definite, all_inflect = [], True
        for i, w in enumerate(plain):
            definite.append("ال" + w if i == 0 or all_inflect else w)
            all_inflect = all_inflect and words[i].endswith("ي")
        out += [" ".join(plain), " ".join(definite)]
    return out


def build_nisba(countries: dict[str, Country], cur: Path) -> tuple[dict[str, str], list[str]]:
    """Form → code, and the forms dropped because two codes claim them."""
    claims: dict[str, set[str]] = {}
    first: dict[str, str] = {}
    extra = curated(cur, "nisba_extra.tsv", ("nisba", "code", "note"))
    pairs = [(c.a3, s, True) for c in countries.values() for s in c.stems]
    pairs += [(c.a3, s, False) for c in countries.values() for s in c.collectives]
    pairs += [(str(r["code"]), str(r["nisba"]), True) for r in extra]
    for code, stem, gen in pairs:
        for form in (inflect(stem) if gen else [stem]):
            claims.setdefault(key(form), set()).add(code)
            first.setdefault(key(form), form)
    table = {first[k]: next(iter(c)) for k, c in claims.items() if len(c) == 1}
    return table, sorted(first[k] for k, c in claims.items() if len(c) > 1)


def render_countries(countries: dict[str, Country]) -> str:
    rows = []
    for c in countries.values():
        people = []
        if c.stems:
            masc = inflect(c.stems[0])[1]
            people = ["الشعب " + masc, "شعب " + c.name]
        rows.append([c.a3, c.a2, c.name, c.name_en, c.aliases, c.qid, c.lat, c.lon,
                     c.capital, people])
    header = f"""Every country and territory: ISO 3166-1 alpha-3 and alpha-2, Arabic name,
English name, Arabic aliases (short and long official forms, common spellings; '|'-separated),
Wikidata id,
a representative point, the id of the capital in cities.tsv, and the names of its people
(«الشعب العراقي», coded CVL). {len(rows)} rows. Built by scripts/build_kb.py.
Sources: stefangabos/world_countries @ 7edbb1e3 (Arabic names; CC BY-SA 4.0),
dr5hn/countries-states-cities-database @ 7fda0afd countries.json (codes, English names, QIDs,
coordinates, capitals; ODbL 1.0), and curated/countries.tsv (aliases; Apache-2.0).
Licence: ODbL 1.0 and CC BY-SA 4.0 for the derived parts (see README.md and NOTICE)."""
    return render("countries.tsv", header, rows)


def render_nisba(nisba: tuple[dict[str, str], list[str]]) -> str:
    table, dropped = nisba
    rows = sorted(table.items(), key=lambda kv: (kv[1], key(kv[0]), kv[0]))
    header = f"""Nisba adjectives and demonyms → country code, in every form (masc./fem.,
singular, dual, plural, with and without the article): «عراقي، العراقية، العراقيون، العراقيين»
→ IRQ.
{len(rows)} forms generated from the masculine singular stems and collectives of
curated/countries.tsv and curated/nisba_extra.tsv; {len(dropped)} forms claimed by two codes
are left out. Built by scripts/build_kb.py. {APACHE}"""
    return render("nisba.tsv", header, rows)


# -- cities ---------------------------------------------------------------------------------


@dataclass
class City:
    id: str
    name: str
    name_en: str | None
    aliases: list[str]
    country: str | None
    lat: str | None
    lon: str | None
    population: int | None
    qid: str | None
    capital: bool


def build_cities(data: Path, cur: Path, countries: dict[str, Country],
                 blocked: set[str]) -> list[City]:
    a2to3 = {c.a2: c.a3 for c in countries.values() if c.a2}
    arab2 = {countries[a].a2 for a in ARAB_LEAGUE}
    fixes = {r["source_id"]: r for r in curated(
        cur, "city_fixes.tsv", ("source_id", "name", "aliases", "capital", "note"))}
    rows = _csv(data / "gazetteers/cities/cities_ar.tsv", "\t")
    extra = curated(cur, "cities.tsv", COLUMNS["cities.tsv"])
    has_capital = {countries[str(r["country"])].a2 for r in extra if r["capital"] == "1"}
    capital_rows = _capital_rows(rows, countries, fixes, has_capital)
    kept: list[dict[str, str]] = []
    for r in rows:
        fix = fixes.get(r["id"])
        if fix and fix["name"] is None:
            continue  # a fix with no name drops the row
        name = str(fix["name"]) if fix else r["name_ar"]
        is_cap = r["id"] in capital_rows
        pop = _pop(r) or 0
        if (not name or re.search(r"[A-Za-z]", name) or key(name) in blocked
                or r["country_code"] not in a2to3):
            continue
        if name.startswith(("في ", "آش ")):
            continue  # "At …", "Ash …" translated word by word
        arab = r["country_code"] in arab2
        if not (is_cap or pop >= MIN_POPULATION or (arab and pop >= MIN_ARAB_POPULATION)
                or (arab and not pop and r["type"] in ("adm1", "adm2", "capital"))):
            continue
        kept.append(dict(r, name_ar=name, capital="1" if is_cap else "0"))
    # One row per place: rows with the same Wikidata id and name are one place (keep the best);
    # a Wikidata id given to differently named places is unreliable and is left out.
    by_qid: dict[str, dict[str, dict[str, str]]] = {}
    for r in kept:
        if r["wikidata"]:
            same = by_qid.setdefault(r["wikidata"], {})
            k = key(r["name_ar"])
            if k not in same or _rank(r) > _rank(same[k]):
                same[k] = r
    best = {id(r) for same in by_qid.values() for r in same.values()}
    shared = {q for q, same in by_qid.items() if len(same) > 1}
    kept = [r if r["wikidata"] not in shared else dict(r, wikidata="")
            for r in kept if not r["wikidata"] or id(r) in best]
    out = []
    for r in kept:
        fix = fixes.get(r["id"])
        name = r["name_ar"]
        aliases = items(fix["aliases"]) if fix else []
        for prefix in ("مدينة ", "قضاء ", "مركز "):
            if name.startswith(prefix):
                aliases.append(name.removeprefix(prefix))
        out.append(City(
            id=f"city:{r['wikidata']}" if r["wikidata"] else f"city:dr5hn-{r['id']}",
            name=name, name_en=r["name_en"] or None, aliases=uniq(aliases, name),
            country=a2to3[r["country_code"]], lat=_coord(r["latitude"]),
            lon=_coord(r["longitude"]), population=_pop(r), qid=r["wikidata"] or None,
            capital=r["capital"] == "1"))
    for r in extra:
        out.append(City(
            id=str(r["id"]), name=str(r["name"]), name_en=r["name_en"],
            aliases=items(r["aliases"]), country=r["country"], lat=r["lat"], lon=r["lon"],
            population=int(r["population"]) if r["population"] else None, qid=r["qid"],
            capital=r["capital"] == "1"))
    ids = Counter(c.id for c in out)
    if any(n > 1 for n in ids.values()):
        raise SystemExit(f"duplicate city ids: {[i for i, n in ids.items() if n > 1]}")
    out.sort(key=lambda c: (-(c.population or 0), c.id))
    return out


def _fold(text: str) -> str:
    """Latin text without accents, in lower case, for comparing English names."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(ch)).lower().strip()


def _capital_rows(rows: list[dict[str, str]], countries: dict[str, Country],
                  fixes: dict[str | None, Row], has_capital: set[str | None]) -> set[str]:
    """The source rows of the capitals: forced by a fix, else named as countries.json says
    (unless curated/cities.tsv gives the capital)."""
    forced = {str(sid) for sid, f in fixes.items() if f["capital"] == "1"}
    forced_cc = {r["country_code"] for r in rows if r["id"] in forced} | has_capital
    by_cc: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by_cc.setdefault(r["country_code"], []).append(r)
    out = set(forced)
    for c in countries.values():
        if not c.capital_en or not c.a2 or c.a2 in forced_cc:
            continue
        want = _fold(c.capital_en)
        mine = by_cc.get(c.a2, [])
        cands = [r for r in mine if _fold(r["name_en"]) == want]
        cands = cands or [r for r in mine if r["type"] == "capital"
                          and _fold(r["name_en"]).startswith(want)]
        if cands:
            out.add(max(cands, key=lambda r: (r["type"] == "capital", _pop(r) or 0))["id"])
    return out


def _pop(r: dict[str, str]) -> int | None:
    return int(r["population"]) if r["population"].isdigit() else None


def _rank(r: dict[str, str]) -> tuple[bool, bool, int]:
    return (r["capital"] == "1", r["type"] in ("city", "capital"), _pop(r) or 0)


def attach_capitals(countries: dict[str, Country], cities: list[City]) -> None:
    for c in cities:
        if c.capital and c.country and countries[c.country].capital is None:
            countries[c.country].capital = c.id


def render_cities(cities: list[City]) -> str:
    rows = [[c.id, c.name, c.name_en, c.aliases, c.country, c.lat, c.lon, c.population, c.qid,
             "1" if c.capital else "0"] for c in cities]
    header = f"""Cities: Arabic name, English name, aliases, country (alpha-3), coordinates,
population, Wikidata id, capital flag (1 = the country's capital). {len(rows)} rows: every
place the source
has in the Arab League states with a population of at least {MIN_ARAB_POPULATION:,}, or
without a population when it is an administrative unit (the other rows without one are
mostly mistranslated); plus capitals and cities of at least {MIN_POPULATION:,}
people elsewhere; rows with the same Wikidata id and name merged, and Wikidata ids that the
source gives to differently named places left out (ids city:dr5hn-<row> then); names
fixed or dropped by curated/city_fixes.tsv;
plus curated/cities.tsv for capitals and cities of countries the source lacks (USA, France,
Russia, Germany, India...; coordinates and populations there are approximate).
Ids: city:<QID>, else city:dr5hn-<source id>, else a curated slug. Built by
scripts/build_kb.py. Source: dr5hn/countries-states-cities-database @ 7fda0afd
(cities_ar.tsv). Licence: ODbL 1.0 - this table is a derived database and stays under the
ODbL (https://opendatacommons.org/licenses/odbl/1-0/); see README.md and NOTICE."""
    return render("cities.tsv", header, rows)


# -- organisations, people and roles ---------------------------------------------------------


def build_orgs(cur: Path) -> str:
    rows = []
    for r in curated(cur, "orgs.tsv", COLUMNS["orgs.tsv"]):
        rows.append(["org:" + str(r["id"]), r["type"], r["subtype"], r["name"], r["name_en"],
                     uniq(items(r["aliases"]), str(r["name"])), r["country"], r["sector"],
                     r["qid"]])
    kinds = Counter(str(r[2]) for r in rows)
    header = f"""Organisations and named places that are not cities: international
organisations, NGOs, parties, armed groups, media, state bodies, regions and facilities.
{len(rows)} rows
({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}). Schema in README.md.
Built by scripts/build_kb.py from curated/orgs.tsv. Source: written for hadath. {APACHE}"""
    return render("orgs.tsv", header, rows)


@dataclass
class People:
    rows: list[list[object]]
    aliases: dict[str, set[str]] = field(default_factory=dict)  # key → person ids
    countries: dict[str, set[str]] = field(default_factory=dict)  # person id → codes


def build_people(cur: Path) -> tuple[People, str]:
    people = People(rows=[])
    offices = {str(r["office"]): r for r in curated(
        cur, "offices.tsv", ("office", "title", "title_en", "sector", "country"))}
    for r in curated(cur, "people.tsv", ("id", "name", "name_en", "aliases", "country",
                                         "sector", "qid")):
        pid = "person:" + str(r["id"])
        aliases = uniq(items(r["aliases"]), str(r["name"]))
        people.rows.append([pid, r["name"], r["name_en"], aliases, r["country"], r["sector"],
                            r["qid"]])
        for n in (str(r["name"]), *aliases):
            people.aliases.setdefault(key(n), set()).add(pid)
        people.countries[pid] = {str(r["country"])}
    known = {str(row[0]) for row in people.rows}
    roles = []
    for r in curated(cur, "roles.tsv", ("person", "office", "country", "start", "end", "flags",
                                        "title", "sector")):
        pid, office = "person:" + str(r["person"]), offices.get(str(r["office"]))
        if pid not in known or office is None:
            raise SystemExit(f"roles.tsv: unknown person or office in {r}")
        for d in (r["start"], r["end"]):
            if d and not check_date(d):
                raise SystemExit(f"roles.tsv: bad date {d!r} in {r}")
        country = r["country"] or office["country"]
        sector = r["sector"] or office["sector"]
        if sector not in SECTORS:
            raise SystemExit(f"roles.tsv: bad sector in {r}")
        roles.append([pid, r["title"] or office["title"], office["title_en"], country, sector,
                      r["start"], r["end"], r["flags"]])
        if country:
            people.countries[pid].add(str(country))
    header = f"""Roles of the people in people.tsv: one office held between two dates.
Schema: person id; Arabic title and English title; country of the office (alpha-3, or
UNO/EUR/ARL/NAT/AFU/IGO
for an international organisation's office); sector; start and end (ISO, YYYY, YYYY-MM or
YYYY-MM-DD; '-' = open); flags ('|'-separated): acting = acting or interim holder, approx =
dates known only roughly, concurrent = held alongside a main office (a date resolves to
the main office first). {len(roles)} rows. Built by scripts/build_kb.py from
curated/roles.tsv and curated/offices.tsv. Source: written for hadath from the public record.
{APACHE}"""
    return people, render("roles.tsv", header, roles)


def render_people(people: People, extra: list[list[object]]) -> str:
    rows = people.rows + extra
    header = f"""People: heads of state and government, foreign, defence and interior
ministers of the Arab League states, Iran, Turkey, Israel, the permanent members of the UN
Security Council and
the EU, heads of international organisations, and leaders of parties and armed groups.
Schema: id (person:<slug>); Arabic name; English name; aliases ('|'-separated); nationality
(alpha-3); sector when no role applies; Wikidata id (only where certain). {len(rows)} rows;
their offices are in roles.tsv. Built by scripts/build_kb.py from curated/people.tsv.
Source: written for hadath from the public record. {APACHE}"""
    return render("people.tsv", header, rows)


# -- PETRARCH actors ------------------------------------------------------------------------

ROLE_SECTOR = {
    "GOV": "GOV", "MIL": "MIL", "COP": "COP", "SPY": "SPY", "JUD": "JUD", "LEG": "LEG",
    "PTY": "PTY", "OPP": "OPP", "REB": "REB", "UAF": "REB", "INS": "REB", "SEP": "REB",
    "IMG": "REB", "CVL": "CVL", "REF": "CVL", "LAB": "CVL", "AGR": "CVL", "EDU": "CVL",
    "HLH": "CVL", "BUS": "BUS", "MNC": "BUS", "MED": "MED", "REL": "REL", "MUS": "REL",
    "CHR": "REL", "JEW": "REL", "BUD": "REL", "HIN": "REL", "NGO": "NGO", "HRI": "NGO",
    "ENV": "NGO", "IGO": "IGO", "CRM": "UNK",
}
MODIFIERS = {"ELI", "RAD", "DEV", "MOD"}
CAMEO_COUNTRY = {"KSV": "XKX", "IGO": "IGO", "IMG": None, "NGO": None, "MNC": None,
                 "INT": None, "000": None}
ORG_HEADS = set(_words("""حزب حركة منظمة جبهة وزارة مجلس جامعة اتحاد قوة قوات جيش بنك شركة
جريدة صحيفة
مجلة وكالة هيئة لجنة جمعية حكومة إدارة كتائب كتيبة تنظيم جماعة تيار ائتلاف تحالف مؤسسة محكمة برلمان
نظام سلطة مكتب قناة إذاعة تلفزيون مركز معهد منتدى صندوق مصرف غرفة نقابة مفوضية بعثة ديوان شرطة
مخابرات جهاز فصيل فصيلة ميليشيا مليشيا سرايا فيلق حرس دائرة"""))
TITLE_HEADS = set(_words("""رئيس رئيسة وزير وزيرة ملك أمير سفير مدير قائد أمين عاهل ولي نائب
متحدث ناطق
مستشار محافظ جنرال لواء عميد عقيد زعيم مسؤول سكرتير ممثل مبعوث عمدة جندي ضابط رجل قاضي مفتي شيخ
إمام مرشد مفوض منسق مندوب حاكم والي وكيل عضو سيناتور نقيب رائد مقدم فريق مشير"""))
TITLE_FILLERS = set(_words("""وزير وزارة خارجية دفاع داخلية مال مالية عدل عام عامة أعلى سابق
أسبق خاص رسمي
تعليم عالي نقل صحة ثقافة إعلام اقتصاد تجارة زراعة عمل نفط طاقة دولة شؤون حكومة أول ثاني مساعد
نائب ركن أركان جيش جوي بحري قوة قوات شرطة أمن"""))
STOP_TITLES = {"امام", "بين", "على", "عن", "من", "في", "الى", "مع", "عند"}
DROPPED_COLUMNS = ("line", "entry", "codes", "reason")
_CODE = re.compile(r"\[([^\]]*)\]")
_DATES = re.compile(r"^(\d{8})-(\d{8})$|^([<>])\s*(\d{8})$")


@dataclass
class Code:
    country: str | None
    sector: str
    start: str | None
    end: str | None
    raw: str
    bare: bool  # a country and nothing else: a place
    transnational: bool  # IMG, NGO, MNC, IGO: an actor without a country


@dataclass
class Petrarch:
    kept: list[list[object]] = field(default_factory=list)
    dropped: list[list[object]] = field(default_factory=list)
    merged: list[list[object]] = field(default_factory=list)
    title_candidates: dict[str, str] = field(default_factory=dict)
    fixes: Counter[str] = field(default_factory=Counter)
    entries: int = 0


def _iso(d: str) -> str | None:
    if d == "18000101" or not d.isdigit():
        return None
    out = f"{d[:4]}-{d[4:6]}-{d[6:]}"
    return out if check_date(out) and "1900" <= out <= "2030" else None


def parse_code(raw: str, valid: set[str]) -> Code | None:
    """One bracketed PETRARCH code, or None if it is malformed."""
    parts = raw.strip().split(None, 1)
    if not parts or "?" in raw or "," in raw:
        return None
    code, rest = parts[0], (parts[1] if len(parts) > 1 else "").replace(" ", "")
    if len(code) % 3:
        return None
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    transnational = chunks[0] in ("IMG", "NGO", "MNC", "IGO")
    country: str | None = None
    if chunks[0] in valid:
        country = chunks.pop(0)
    elif chunks[0] in CAMEO_COUNTRY:
        country = CAMEO_COUNTRY[chunks.pop(0)]
        if transnational and chunks[:1] != ["IGO"]:
            chunks.insert(0, code[:3])
    if any(ch not in ROLE_SECTOR and ch not in MODIFIERS for ch in chunks):
        return None
    roles = [ch for ch in chunks if ch not in MODIFIERS]
    sector = ROLE_SECTOR[roles[0]] if roles else "UNK"
    if country == "IGO":
        sector = "IGO"
    elif sector == "GOV" and any(ch in ("LEG", "JUD") for ch in roles[1:]):
        sector = next(ROLE_SECTOR[ch] for ch in roles[1:] if ch in ("LEG", "JUD"))
    elif sector == "MIL" and "SPY" in roles[1:]:
        sector = "SPY"
    start = end = None
    if rest:
        m = _DATES.match(rest)
        if not m:
            return None
        if m.group(1):
            start, end = _iso(m.group(1)), _iso(m.group(2))
        elif m.group(3) == ">":
            start = _iso(m.group(4))
        else:
            end = _iso(m.group(4))
    if country is None and not chunks:
        return None
    return Code(country, sector, start, end, raw.strip(), bare=country is not None
                and not chunks, transnational=transnational)


@dataclass
class Known:
    """What the other tables already know, by matching key."""

    nisba: dict[str, str]
    countries: dict[str, str]
    cities: dict[str, set[str]]
    people: People
    orgs: dict[str, set[str]]  # key → countries of the curated organisations
    titles: set[str]
    big_cities: dict[str, set[str]]  # capitals and cities of 100,000 or more
    people_noal: dict[str, set[str]]  # curated names, every word without the article


def _known(countries: dict[str, Country], nisba: dict[str, str], cities: list[City],
           people: People, cur: Path) -> Known:
    country_k: dict[str, str] = {}
    for c in countries.values():
        for n in (c.name, *c.aliases):
            country_k.setdefault(key(n), c.a3)
            country_k.setdefault(key(n).removeprefix("ال"), c.a3)
    city_k: dict[str, set[str]] = {}
    big_k: dict[str, set[str]] = {}
    for ct in cities:
        for n in (ct.name, *ct.aliases):
            for k in (key(n), key(n).removeprefix("ال")):
                city_k.setdefault(k, set()).add(str(ct.country))
                if ct.capital or (ct.population or 0) >= 100_000:
                    big_k.setdefault(k, set()).add(str(ct.country))
    org_k: dict[str, set[str]] = {}
    for r in curated(cur, "orgs.tsv", COLUMNS["orgs.tsv"]):
        for n in (str(r["name"]), *items(r["aliases"])):
            for k in (key(n), key(n).removeprefix("ال")):
                org_k.setdefault(k, set()).add(str(r["country"]))
    titles = {key(str(r["phrase"])) for r in curated(cur, "titles.tsv",
                                                     ("phrase", "sector", "kind"))}
    titles |= {k.removeprefix("ال") for k in titles}
    noal: dict[str, set[str]] = {}
    for k, pids in people.aliases.items():
        noal.setdefault(_noal(k), set()).update(pids)
    return Known({key(f): c for f, c in nisba.items()}, country_k, city_k, people, org_k,
                 titles, big_k, noal)


def _noal(k: str) -> str:
    return " ".join(w.removeprefix("ال") if len(w) > 4 else w for w in k.split())


def _person_key(lemma: list[str], known: Known, titles: set[str]) -> str:
    """The name in a PETRARCH entry: leading titles and nisbas stripped, no articles
    («رئيس روسي فلاديمير بوتين» → «فلاديمير بوتين»)."""
    words = [key(w) for w in lemma]
    while len(words) > 1 and (words[0].removeprefix("ال") in titles or words[0] in known.nisba
                              or words[0] in known.countries):
        words = words[1:]
    return _noal(" ".join(words))


def build_petrarch(data: Path, cur: Path, countries: dict[str, Country],
                   nisba: dict[str, str], cities: list[City], people: People) -> Petrarch:
    p = Petrarch()
    valid = set(countries)
    fixes = {str(r["entry"]): r for r in curated(cur, "petrarch_fixes.tsv",
                                                  ("entry", "action", "code", "reason"))}
    known = _known(countries, nisba, cities, people, cur)
    seen: dict[str, int] = {}
    prev_dates: tuple[str | None, str | None] | None = None
    for line_no, name, raws in _petrarch_entries(data / "petrarch/actor_dict_ar_v4.txt"):
        p.entries += 1
        words = [w for w in name.strip("_ ").replace(" ", "_").split("_") if w]
        if len(words) > 1 and words[0] in ("و", "ف"):
            words = words[1:]
        shown = " ".join(words)
        fix = fixes.get(name.strip())
        if fix and fix["action"] == "drop":
            p.dropped.append([line_no, shown, "; ".join(raws), "reviewed: " + str(fix["reason"])])
            continue
        if fix and fix["action"] == "recode":
            raws = [str(fix["code"])]
            p.fixes["recoded on review (curated/petrarch_fixes.tsv)"] += 1
        codes = [c for c in (parse_code(r, valid) for r in raws) if c]
        # Dates copied from the entry above (a known defect of this file) mean nothing.
        for c in codes:
            if (c.start or c.end) and (c.start, c.end) == prev_dates:
                c.start = c.end = None
                p.fixes["date ranges copied from the previous entry, removed"] += 1
            if c.start and c.end and c.end < c.start:
                c.end = None
                p.fixes["ends before the start, removed"] += 1
        dated = [c for c in codes if c.start or c.end]
        if dated:
            prev_dates = (dated[-1].start, dated[-1].end)
        if fix and fix["action"] == "keep" and codes:
            kind, detail = ("PER/" if len(words) > 1 else "LOC/GPE"), "kept on review"
            if all(c.bare for c in codes):
                kind = "LOC/GPE"
        else:
            kind, detail = _judge(words, codes, raws, known)
        row = [line_no, shown, "; ".join(raws) or NONE, detail]
        if kind == "drop":
            p.dropped.append(row)
            continue
        lemma = [w for w in words if w != "ل"]
        if kind == "title":
            if codes[0].country is None and codes[0].sector != "UNK":
                p.title_candidates.setdefault(" ".join(lemma), codes[0].sector)
            p.merged.append(row)
            continue
        if kind == "merge":
            p.merged.append(row)
            continue
        k = key(" ".join(lemma))
        if k in seen:
            p.merged.append([*row[:3], f"repeats the entry of line {seen[k]}"])
            continue
        seen[k] = line_no
        etype, subtype = kind.split("/")
        main = codes[0]
        for c in (dated if etype == "PER" and dated else [main]):
            p.kept.append([f"petrarch:{line_no:05d}", etype, subtype or None, " ".join(lemma),
                           c.country, None if etype == "LOC" else c.sector, c.start, c.end,
                           c.raw])
    return p


@lru_cache(maxsize=1)
def _heads() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """ORG_HEADS, TITLE_HEADS and TITLE_FILLERS in the matching form."""
    return (frozenset(key(w) for w in ORG_HEADS), frozenset(key(w) for w in TITLE_HEADS),
            frozenset(key(w) for w in TITLE_FILLERS))


def _judge(words: list[str], codes: list[Code], raws: list[str],
           known: Known) -> tuple[str, str]:
    """("drop" | "merge" | "title" | "TYPE/SUBTYPE", reason) for one PETRARCH entry."""
    if not codes:
        return "drop", "no valid CAMEO code" if raws else "no code"
    shown = " ".join(words)
    if (not re.search(r"[\u0621-\u064A]", shown) or len(words) > 6
            or re.search(r"[,.;:!?0-9A-Za-z]", shown)):
        return "drop", "malformed name"
    main = codes[0]
    lemma = [w for w in words if w != "ل"]
    k = key(" ".join(lemma))
    head = key(lemma[0]).removeprefix("ال")
    org_heads, title_heads, fillers = _heads()
    last = lemma[-1]
    code_countries = {c.country for c in codes if c.country not in (None, "IGO")}
    # A nisba adjective ending a title or an organisation («وزارة دفاع أميركي») names the
    # country; one that disagrees with the code shows the code is wrong.
    if (len(lemma) > 1 and head in org_heads | title_heads and not last.startswith("ال")
            and not {"جنوب", "شمال"} & set(lemma) and main.country not in (None, "IGO")):
        named = known.nisba.get(key(last))
        agree = {known.nisba.get(key(w)) for w in lemma[1:]}
        if named and main.country not in agree:
            return "drop", f"code country {main.country} disagrees with the name ({named})"
    if k in known.nisba or (k in known.countries and len(lemma) <= 3):
        named = known.nisba.get(k) or known.countries[k]
        if main.country and main.country in known.cities.get(k, ()):
            return "merge", "a city in cities.tsv"
        if main.country and main.country != named:
            return "drop", f"the country {named} coded {main.country}"
        return "merge", "a country name or nisba (countries.tsv, nisba.tsv)"
    person_k = _person_key(lemma, known, title_heads | fillers)
    if person_k in known.people_noal:
        pids = known.people_noal[person_k]
        theirs = set().union(*(known.people.countries[pid] for pid in pids))
        if not code_countries or code_countries & theirs:
            return "merge", "the curated person " + "/".join(sorted(pids))
        if len(person_k.split()) > 1:
            return "drop", (f"code country {'/'.join(sorted(code_countries))} disagrees with "
                            f"the curated person {'/'.join(sorted(pids))}")
    if k in known.orgs and (not code_countries or code_countries & known.orgs[k]
                            or "None" in known.orgs[k]):
        return "merge", "a curated organisation (orgs.tsv)"
    if k in known.titles and (len(lemma) == 1 or main.country is None):
        return "title", "a title or generic noun, not an actor (titles.tsv)"
    if k in known.titles:  # «رئيس إقليم كردستان»: the linker resolves the holder by date
        return "title", "an office's title (titles.tsv), not an actor"
    if main.country is None and not main.transnational and len(lemma) <= 2:
        return "title", "a generic noun without a country, not an actor (titles.tsv)"
    if head in title_heads:
        skip = title_heads | org_heads | fillers
        rest = [w for w in lemma[1:] if key(w) not in known.nisba and key(w) not in known.countries
                and key(w) not in known.titles and key(w).removeprefix("ال") not in skip]
        if not rest:
            return "title", "a title, not an actor (titles.tsv)"
        return "PER/", "kept"
    if all(c.bare for c in codes):
        places = known.cities.get(k)
        if places and main.country in places:
            return "merge", "a city in cities.tsv"
        big = known.big_cities.get(k)
        if big and main.country not in big and len(lemma) == 1:
            return "drop", (f"a capital or large city of {'/'.join(sorted(big))} coded "
                            f"{main.country}")
        return "LOC/GPE", "kept"
    subtype = {"PTY": "PARTY", "REB": "ARMED_GROUP", "MED": "MEDIA", "IGO": "IGO",
               "NGO": "NGO"}.get(main.sector, "")
    undated = not any(c.start or c.end for c in codes)
    nisba_last = key(last) in known.nisba and (undated or not last.startswith("ال"))
    if head in org_heads or (len(lemma) > 1 and nisba_last):
        return f"ORG/{subtype}", "kept"
    if len(lemma) == 1 and undated:
        return f"ORG/{subtype}", "kept"
    return "PER/", "kept"


def _petrarch_entries(path: Path) -> Iterator[tuple[int, str, list[str]]]:
    entry: tuple[int, str, list[str]] | None = None
    for n, raw in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if raw[0] in " \t" and raw.strip().startswith("["):
            if entry:
                entry[2].extend(_CODE.findall(raw))
            continue
        if entry:
            yield entry
        entry = (n, _CODE.split(raw)[0].strip(), _CODE.findall(raw))
    if entry:
        yield entry


def render_petrarch(p: Petrarch) -> str:
    ids = {r[0] for r in p.kept}
    types = Counter(r[1] for r in {r[0]: r for r in p.kept}.values())
    fixes = "; ".join(f"{n} {what}" for what, n in sorted(p.fixes.items()))
    header = f"""PETRARCH actors, checked: one row per CAMEO code; rows of one id form one
entry (a person with dated codes gets one role per code, title empty). Schema: id
(petrarch:<source line>);
type; subtype; name as written in the source (lemmatised, e.g. «وزارة دفاع أميركي»); country
(alpha-3 or IGO, '-' = none); sector (CAMEO role mapped to hadath's sectors, ELI/RAD
modifiers ignored); start, end (ISO; '-' = open); the source code. Of {p.entries} source
entries: {len(ids)} kept ({', '.join(f'{t} {n}' for t, n in sorted(types.items()))}),
{len(p.merged)} merged into other tables (curated people, organisations, countries,
nisba, cities, titles) or repeated, {len(p.dropped)} dropped as wrong or malformed
(petrarch_dropped.tsv lists both with the reason).
Fixes: {fixes or 'none'}.
Built by scripts/build_kb.py. Source: openeventdata/UniversalPetrarch, branch arabic @
a0af422b, actor_dict_ar_v4.txt (MIT). Licence: MIT (derived data), see NOTICE."""
    return render("petrarch.tsv", header, p.kept)


def render_dropped(p: Petrarch) -> str:
    rows = sorted(p.dropped + p.merged, key=lambda r: int(str(r[0])))
    header = f"""Review list: PETRARCH actor entries not kept in petrarch.tsv, with the reason.
Schema: source line; entry; codes; reason. {len(p.dropped)} dropped as wrong or malformed,
{len(p.merged)} merged or repeated. Not read at run time. Built by scripts/build_kb.py.
Source: openeventdata/UniversalPetrarch @ a0af422b. Licence: MIT (derived data)."""
    return render("petrarch_dropped.tsv", header, rows)


# -- titles ---------------------------------------------------------------------------------


def _surface(phrase: str) -> str | None:
    """«وزير دفاع» → «وزير الدفاع»: the article on every word after the first (idafa)."""
    words = phrase.split()
    if len(words) < 2 or any(w.startswith(("ال", "ل")) or len(w) < 3 for w in words[1:]):
        return None
    return " ".join([words[0]] + ["ال" + w for w in words[1:]])


def build_titles(data: Path, cur: Path, candidates: dict[str, str], nisba: dict[str, str],
                 countries: dict[str, Country], blocked: set[str]) -> str:
    rows: dict[str, list[str]] = {}
    conflicts = 0

    def add(phrase: str, sector: str, kind: str, source: str) -> None:
        nonlocal conflicts
        k = key(phrase)
        if not k or k in STOP_TITLES:
            return
        if k in rows:
            conflicts += rows[k][1] != sector and source != "curated"
            return
        rows[k] = [phrase, sector, kind, source]

    for r in curated(cur, "titles.tsv", ("phrase", "sector", "kind")):
        add(str(r["phrase"]), str(r["sector"]), str(r["kind"]), "curated")
    for r in curated(cur, "ministries.tsv", ("name", "name_en", "bare")):
        m = str(r["name"])
        add("وزارة " + m, "GOV", "body", "curated")
        add("وزير " + m, "GOV", "person", "curated")
        add("وزيرة " + m, "GOV", "person", "curated")
        if r["bare"] == "yes":
            add(m, "GOV", "body", "curated")
    banned = {key(f) for f in nisba} | {key(n) for c in countries.values()
                                         for n in (c.name, *c.aliases)}

    def unwanted(phrase: str) -> bool:
        return key(phrase) in blocked or any(key(w) in banned for w in phrase.split())

    n_agents = kept_agents = 0
    for raw in (data / "petrarch/agents.all.ar_v3.txt").read_text(encoding="utf-8").split("\n"):
        m = re.match(r"^\s*([^\[#]+?)\s*\[~?([A-Z]+)~?\]", raw)
        if not m:
            continue
        n_agents += 1
        phrase, code = m.group(1).replace("_", " ").strip(), m.group(2)
        chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
        if any(ch in ("MUS", "CHR", "JEW", "BUD", "HIN", "RAD") for ch in chunks):
            continue
        c = parse_code(code, set())
        words = phrase.split()
        if c is None or c.sector == "UNK" or len(words) > 3 or unwanted(phrase):
            continue
        before = len(rows)
        add(phrase, c.sector, "person", "petrarch")
        surface = _surface(phrase)
        if surface:
            add(surface, c.sector, "person", "petrarch")
        kept_agents += len(rows) > before
    for phrase, sector in sorted(candidates.items()):
        if sector != "UNK" and not unwanted(phrase):
            add(phrase, sector, "person", "petrarch")
    out = sorted(rows.values(), key=lambda r: (r[3] != "curated", r[1], key(r[0]), r[0]))
    by = Counter(r[3] for r in out)
    header = f"""Title words and phrases → the sector they imply («وزير» GOV, «الجيش» MIL,
«الشرطة» COP, «مسلحون» REB, «متظاهرون» CVL, «رئيس الأركان» MIL, «النائب العام» JUD). Schema:
phrase; sector;
kind (person, body, group, rank); source (curated, or petrarch = agents.all.ar_v3.txt
and generic nouns of actor_dict_ar_v4.txt, CAMEO codes mapped to sectors; religion-only,
radical and country-specific ones left out; lemmatised two- and three-word phrases also
given with the article, «وزير دفاع» → «وزير الدفاع»). {len(out)} rows: {by['curated']}
curated, {by['petrarch']} from {n_agents} PETRARCH agents ({kept_agents} kept; where a
phrase was already curated the curated sector wins, {conflicts} such disagreements).
Built by scripts/build_kb.py. Sources: curated/titles.tsv, curated/ministries.tsv
(Apache-2.0); openeventdata/UniversalPetrarch @ a0af422b (MIT). Licence: Apache-2.0 for the
curated rows, MIT for the PETRARCH rows."""
    return render("titles.tsv", header, out)


# -- main -------------------------------------------------------------------------------------


def build(shared: Path, cur: Path) -> dict[str, str]:
    """Every output table, by file name."""
    data = shared / "data"
    blocked: dict[str, set[str]] = {}
    for r in curated(cur, "blocklist.tsv", ("source", "text", "reason")):
        blocked.setdefault(str(r["source"]), set()).add(key(str(r["text"])))
    countries = build_countries(data, cur, blocked.get("countries.json", set()))
    nisba_and_drops = build_nisba(countries, cur)
    nisba = nisba_and_drops[0]
    cities = build_cities(data, cur, countries, blocked.get("cities_ar.tsv", set()))
    attach_capitals(countries, cities)
    people, roles = build_people(cur)
    petrarch = build_petrarch(data, cur, countries, nisba, cities, people)
    return {
        "countries.tsv": render_countries(countries),
        "nisba.tsv": render_nisba(nisba_and_drops),
        "cities.tsv": render_cities(cities),
        "orgs.tsv": build_orgs(cur),
        "people.tsv": render_people(people, []),
        "roles.tsv": roles,
        "titles.tsv": build_titles(data, cur, petrarch.title_candidates, nisba, countries,
                                   blocked.get("agents.all.ar_v3.txt", set())),
        "petrarch.tsv": render_petrarch(petrarch),
        "petrarch_dropped.tsv": render_dropped(petrarch),
    }


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                    help="the shared folder (default: ../shared next to the repository)")
    ap.add_argument("--curated", type=Path, default=KB / "curated")
    ap.add_argument("--out", type=Path, default=KB)
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if a table on disk is out of date")
    args = ap.parse_args(list(argv) if argv is not None else None)
    if not (args.shared / "data").is_dir():
        print(f"no shared data under {args.shared}", file=sys.stderr)
        return 2
    stale = []
    for name, text in build(args.shared, args.curated).items():
        path, raw = args.out / name, text.encode("utf-8")
        if args.check:
            if not path.is_file() or path.read_bytes() != raw:
                stale.append(name)
            continue
        path.write_bytes(raw)
        rows = sum(1 for ln in text.split("\n") if ln and not ln.startswith("#"))
        print(f"{name}: {rows} rows, {len(raw):,} bytes")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
