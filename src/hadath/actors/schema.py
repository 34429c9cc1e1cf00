"""The records of the actor knowledge base and the tables they are read from.

The knowledge base is shipped as UTF-8 TSV files under ``hadath/data/kb/``
(see its ``README.md``). Each file opens with ``#`` comment lines stating its
schema, source and licence and a ``# columns:`` line that must name exactly
the columns below, so a table and its reader cannot drift apart. In every
table ``-`` stands for "no value" (the TSV convention of hadath forbids empty
fields) and ``|`` separates the items of a list field.

This module is also imported by ``scripts/build_kb.py``, which writes the
tables: the column lists here are the one definition of their shape.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataFileError

__all__ = [
    "COLUMNS",
    "NONE",
    "SECTORS",
    "SEP",
    "TYPES",
    "KBEntry",
    "Role",
    "check_date",
    "read_table",
]

NONE = "-"
"""The placeholder for an absent value in a KB table."""

SEP = "|"
"""The separator of list items (aliases, flags) inside one field."""

SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "PTY", "OPP", "REB", "CVL",
                     "BUS", "MED", "REL", "NGO", "IGO", "UNK"})
"""The actor sectors of the output contract (spec/OUTPUT.md)."""

TYPES = frozenset({"PER", "ORG", "LOC"})

IGO_CODES = frozenset({"IGO", "UNO", "EUR", "ARL", "NAT", "AFU"})
"""Country codes that stand for international organisations (spec/OUTPUT.md)."""

COLUMNS: dict[str, tuple[str, ...]] = {
    "countries.tsv": ("alpha3", "alpha2", "name", "name_en", "aliases", "qid", "lat", "lon",
                      "capital", "people"),
    "nisba.tsv": ("form", "country"),
    "cities.tsv": ("id", "name", "name_en", "aliases", "country", "lat", "lon", "population",
                   "qid", "capital"),
    "orgs.tsv": ("id", "type", "subtype", "name", "name_en", "aliases", "country", "sector",
                 "qid"),
    "people.tsv": ("id", "name", "name_en", "aliases", "country", "sector", "qid"),
    "roles.tsv": ("person", "title", "title_en", "country", "sector", "start", "end", "flags"),
    "titles.tsv": ("phrase", "sector", "kind", "source"),
    "petrarch.tsv": ("id", "type", "subtype", "name", "country", "sector", "start", "end",
                     "code"),
}
"""The columns of every table the loader reads, by file name."""

_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")


@dataclass(frozen=True, slots=True)
class Role:
    """One office held between two dates.

    ``start`` and ``end`` are ISO dates at the precision known (``YYYY``,
    ``YYYY-MM`` or ``YYYY-MM-DD``); ``None`` is an open end (still in office,
    or start unknown). ``acting`` marks an acting or interim holder, ``approx``
    dates that are known only roughly. ``title`` may be empty when the source
    gives only a sector (PETRARCH).
    """

    title: str
    title_en: str | None
    country: str | None
    sector: str
    start: str | None
    end: str | None
    acting: bool = False
    approx: bool = False
    concurrent: bool = False


@dataclass(frozen=True, slots=True)
class KBEntry:
    """A person, organisation or place that the knowledge base knows.

    ``id`` is stable across builds (``country:IRQ``, ``city:Q1530``,
    ``org:hezbollah``, ``person:ali_bagheri_kani``, ``people:PSE``,
    ``petrarch:00042``). ``country`` is an ISO 3166-1 alpha-3 code or one of
    the IGO codes of the output contract; for a person it is the nationality,
    while each role carries the country the office belongs to. ``sector`` is
    the sector the entry is coded with when no role applies.
    """

    id: str
    type: str
    subtype: str | None
    name: str
    name_en: str | None
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    qid: str | None
    lat: float | None
    lon: float | None
    roles: tuple[Role, ...]
    population: int | None = None
    """Inhabitants, for cities (a small place's name is often a common word too)."""
    capital: bool = False


def check_date(value: str) -> bool:
    """Whether ``value`` is an ISO date of year, month or day precision."""
    return _DATE.fullmatch(value) is not None


def read_table(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, tuple[str, ...]]]:
    """The records of KB table ``path`` with their line numbers.

    Same conventions as :func:`hadath.resources.load_tsv` (``#`` comments,
    a ``# columns:`` line that must match ``columns``, blank lines skipped,
    no empty field, ``.gz`` read through gzip), but it yields each record's
    line so that the loader can point at a bad value, and it reads any path
    (the tests load small tables from a temporary folder).
    """
    where = str(path)
    try:
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
    except (OSError, EOFError) as e:
        raise DataFileError(f"cannot read: {e}", input=where) from e
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        bad_line = raw.count(b"\n", 0, e.start) + 1
        raise DataFileError(f"not UTF-8: {e.reason}", input=where, line=bad_line) from e
    n = len(columns)
    seen_columns = False
    for lineno, rawline in enumerate(text.split("\n"), 1):
        line = rawline[:-1] if rawline.endswith("\r") else rawline
        if line.startswith("#"):
            if line.startswith("# columns:"):
                declared = tuple(line[len("# columns:"):].split())
                if declared != columns:
                    raise DataFileError(f"declared columns {declared} are not the expected "
                                        f"{columns}", input=where, line=lineno)
                seen_columns = True
            continue
        if not line.strip():
            continue
        if not seen_columns:
            raise DataFileError("record before the '# columns:' line", input=where,
                                line=lineno)
        fields = tuple(line.split("\t"))
        if len(fields) != n:
            raise DataFileError(f"expected {n} tab-separated fields {columns}, "
                                f"got {len(fields)}", input=where, line=lineno)
        if any(not f for f in fields):
            raise DataFileError("empty field (write '-' for no value)", input=where,
                                line=lineno)
        yield lineno, fields
