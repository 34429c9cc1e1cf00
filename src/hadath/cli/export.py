"""``hadath export``: the store out as JSONL, CSV, Parquet, PLOVER JSON or POLECAT-style TSV."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Annotated

import typer

from ..export import FORMATS, write_csv, write_jsonl, write_parquet, write_plover, write_polecat
from ..store import DEFAULT_DB, Store
from .main import app
from .output import open_output
from .query import DB_OPTION

EPILOG = """Examples:

  hadath export --format plover --output events.plover.jsonl

  hadath export --format polecat-tsv --output events.tsv

  hadath export --format parquet --output out/      # one file per table

  hadath export --format jsonl --where "source = 'Alarabia'" | head -1

Formats: jsonl (whole documents, hadath.document/1, without tokens), csv (one
row per event), parquet (a folder, one file per table and view), plover (one
PLOVER JSON record per event), polecat-tsv (one row per event, POLECAT's
column names). --where is a SQL condition on documents (jsonl) or on the
event_rows view (csv, plover, polecat-tsv).
"""


@app.command(epilog=EPILOG)
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help=", ".join(FORMATS))] = "plover",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File (.gz compresses) or, for parquet, a folder. "
        "Default: stdout.")] = None,
    where: Annotated[str, typer.Option("--where", help="A SQL condition to filter by.")] = "",
    db: Annotated[Path, DB_OPTION] = Path(DEFAULT_DB),
) -> None:
    """Export the event store in a standard format."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}",
                                 param_hint="--format")
    with Store.open(db, read_only=True) as store:
        if fmt == "parquet":
            if output is None:
                raise typer.BadParameter("parquet needs --output FOLDER", param_hint="--output")
            counts = write_parquet(store, output)
            typer.echo(f"hadath: wrote {len(counts)} Parquet files to {output}", err=True)
            return
        with ExitStack() as stack:
            out = open_output(output, stack, newline="")
            write = {"jsonl": write_jsonl, "csv": write_csv, "plover": write_plover,
                     "polecat-tsv": write_polecat}[fmt]
            n = write(store, out, where)
            out.flush()
    if output is not None:
        typer.echo(f"hadath: wrote {n:,} {'documents' if fmt == 'jsonl' else 'events'} "
                   f"to {output}", err=True)
