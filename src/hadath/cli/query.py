"""``hadath query``: SQL over the store, printed as a table, CSV or JSON lines."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from ..store import DEFAULT_DB, Store
from .main import app

OUTPUT_FORMATS = ("table", "csv", "tsv", "jsonl")
DB_OPTION = typer.Option("--db", help="The hadath database.", envvar="HADATH_DB")

EPILOG = """Examples:

  hadath query "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC"

  hadath query "SELECT * FROM happenings WHERE num_sources > 2" --format csv > h.csv

Tables: documents, sentences, entities, mentions, times, quotes, events,
event_actors, errors, ingests; views: event_rows, happenings (see
src/hadath/store/SCHEMA.md). The database is opened read-only.
"""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ";".join(_text(v) for v in value)
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value).replace("\n", " ").replace("\t", " ")


def _json(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value if isinstance(value, str | int | float | bool | list | dict) or value is None \
        else str(value)


def print_rows(cols: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str) -> None:
    """Print query results in ``fmt`` (one of :data:`OUTPUT_FORMATS`) on stdout."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(encoding="utf-8")
    if fmt in ("csv", "tsv"):
        writer = csv.writer(sys.stdout, delimiter="," if fmt == "csv" else "\t",
                            lineterminator="\n")
        writer.writerow(cols)
        writer.writerows([_text(v) for v in r] for r in rows)
    elif fmt == "jsonl":
        for r in rows:
            print(json.dumps({c: _json(v) for c, v in zip(cols, r, strict=True)},
                             ensure_ascii=False, default=str))
    else:
        cells = [[_text(v)[:60] for v in r] for r in rows]
        widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(cols)]
        print("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip())
        print("  ".join("-" * w for w in widths))
        for r in cells:
            print("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
        print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})", file=sys.stderr)


def check_format(fmt: str) -> None:
    if fmt not in OUTPUT_FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(OUTPUT_FORMATS)}",
                                 param_hint="--format")


@app.command(epilog=EPILOG)
def query(
    sql: Annotated[str, typer.Argument(metavar="SQL", help="A SQL query (DuckDB dialect).")],
    db: Annotated[Path, DB_OPTION] = Path(DEFAULT_DB),
    fmt: Annotated[str, typer.Option("--format", "-f",
                                     help="table, csv, tsv or jsonl.")] = "table",
) -> None:
    """Run SQL over the event store and print the result."""
    check_format(fmt)
    with Store.open(db, read_only=True) as store:
        cols, rows = store.query(sql)
    print_rows(cols, rows, fmt)
