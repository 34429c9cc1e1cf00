"""``hadath report``: ready-made tables over the store (actors, dyads, timelines…)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..store import DEFAULT_DB, Store
from ..store.reports import REPORTS
from ..store.reports import report as run_report
from .main import app
from .query import DB_OPTION, check_format, print_rows

EPILOG = """Examples:

  hadath report actors

  hadath report dyads --format csv > dyads.csv

  hadath report timeline --actor IRN

Each report counts events per report (one per article) and per happening
(the same event in near-duplicate articles counted once).
"""


@app.command(epilog=EPILOG)
def report(
    name: Annotated[str, typer.Argument(metavar="REPORT",
                                        help=f"One of: {', '.join(REPORTS)}.")],
    actor: Annotated[str | None, typer.Option(
        "--actor", "-a", help="Keep events with this country/IGO code on either side.")] = None,
    db: Annotated[Path, DB_OPTION] = Path(DEFAULT_DB),
    fmt: Annotated[str, typer.Option("--format", "-f",
                                     help="table, csv, tsv or jsonl.")] = "table",
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Most rows.")] = 50,
) -> None:
    """Print a ready-made report from the event store."""
    check_format(fmt)
    if name not in REPORTS:
        raise typer.BadParameter(f"{name!r} is not one of {', '.join(REPORTS)}",
                                 param_hint="REPORT")
    if name == "timeline" and not actor:
        raise typer.BadParameter("the timeline needs --actor (e.g. --actor IRN)",
                                 param_hint="--actor")
    with Store.open(db, read_only=True) as store:
        cols, rows = run_report(store, name, actor=actor, limit=limit)
    print_rows(cols, rows, fmt)
