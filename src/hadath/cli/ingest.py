"""``hadath ingest``: a corpus into the event store, in parallel, resumable."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from ..errors import BadValue
from ..ingest import IngestReport
from ..ingest import ingest as run_ingest
from ..pipeline import load
from ..record import Failure, parse_published
from ..settings import DEFAULT_MAX_CHARS, Settings
from ..store import DEFAULT_DB, Store
from .main import app
from .progress import count_records, progress_bar

EPILOG = """Examples:

  hadath ingest ../shared/data/corpus/ant-v2.1.jsonl.gz --workers 2

  hadath ingest pages/ feed.rss crawl.warc.gz --db news.duckdb

  hadath ingest corpus.jsonl.gz --engine dask --scheduler tcp://10.0.0.5:8786 \\
      --parquet /shared/hadath-parquet

INPUT is a .txt file or a directory, .jsonl/.jsonl.gz or .json records,
.csv (a header with a text column), .html pages, RSS/Atom feeds (.rss, .atom,
.xml) or WARC archives (.warc, .warc.gz). Documents are keyed by a hash of
their text: running the same ingest again adds nothing, and an interrupted
ingest (Ctrl-C, kill -9) resumes where it stopped. Failed records go to the
errors table (and stderr) and the rest go on. Near-duplicate articles are
grouped when the ingest ends (documents.dup_group, the happenings view).
"""


@app.command(epilog=EPILOG)
def ingest(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT...",
                                                help="Files or directories.")],
    db: Annotated[Path, typer.Option("--db", help="The hadath database (created if absent).",
                                     envvar="HADATH_DB")] = Path(DEFAULT_DB),
    workers: Annotated[int, typer.Option("--workers", "-w", min=1,
                                         help="Worker processes.")] = 1,
    engine: Annotated[str, typer.Option("--engine", help="local or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", metavar="ADDRESS",
        help="Dask scheduler address (default: a local cluster of --workers processes).")
    ] = None,
    parquet: Annotated[str | None, typer.Option(
        "--parquet", metavar="DIR", help="Dask engine: where partitions are written "
        "(default: DB with .parquet; on a cluster, a path every worker can reach).")] = None,
    partition_size: Annotated[int, typer.Option("--partition-size", min=1,
                                                help="Dask engine: records a task.")] = 500,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1,
                                            help="Documents a transaction.")] = 256,
    published: Annotated[str | None, typer.Option(
        "--published", metavar="YYYY-MM-DD",
        help="Publication date for inputs without one.")] = None,
    components: Annotated[str | None, typer.Option(
        "--components", metavar="A,B,…", help="Pipeline components (default: the default "
        "pipeline).")] = None,
    max_chars: Annotated[int, typer.Option(
        "--max-chars", min=1,
        help="Reject articles longer than this many characters.")] = DEFAULT_MAX_CHARS,
    dedup: Annotated[bool, typer.Option(
        "--dedup/--no-dedup", help="Group near-duplicate articles at the end.")] = True,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress",
        help="Progress bar on stderr (default: when stderr is a terminal).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v",
                                          help="Report every committed batch.")] = False,
) -> None:
    """Ingest articles into the event store (DuckDB)."""
    if engine not in ("local", "dask"):
        raise typer.BadParameter(f"{engine!r} is not local or dask", param_hint="--engine")
    try:
        published = parse_published(published)
        settings = Settings(max_chars=max_chars)
    except BadValue as e:
        raise typer.BadParameter(e.message) from e
    nlp = load(settings=settings) if components is None else \
        load([c.strip() for c in components.split(",") if c.strip()], settings)
    show = sys.stderr.isatty() if progress is None else progress
    if engine == "dask":  # the cluster's INFO chatter would drown the progress bar
        logging.getLogger("distributed").setLevel(logging.WARNING)

    def on_failure(f: Failure) -> None:
        typer.echo(f"hadath: {f.code} {f.type}: {f.where()}"
                   f"{f' [{f.id}]' if f.id else ''}: {f.message}", err=True)

    def on_commit(r: IngestReport) -> None:
        if verbose:
            typer.echo(f"hadath: committed batch {r.commits}: {r.added:,} added, "
                       f"{r.failed:,} failed, {r.skipped:,} skipped", err=True)

    with Store.open(db) as store, _progress(show, inputs) as on_progress:
        try:
            report = run_ingest(
                inputs, store, nlp, workers=workers, batch_size=batch_size,
                published=published, dedup=dedup, engine=engine, scheduler=scheduler,
                parquet=parquet, partition_size=partition_size, on_progress=on_progress,
                on_commit=on_commit, on_failure=on_failure)
        except KeyboardInterrupt:
            typer.echo(f"\nhadath: interrupted; what was committed stays in {db}; "
                       "run the same command again to resume", err=True)
            raise typer.Exit(130) from None
    size = sum(p.stat().st_size for p in (db, Path(f"{db}.wal")) if p.exists())
    typer.echo(f"hadath: {report.added:,} added, {report.skipped:,} already stored, "
               f"{report.failed:,} failed in {report.seconds:,.1f} s "
               f"({report.rate:,.1f} articles/s); {db} is {size / 2**20:,.1f} MB", err=True)
    if report.dedup:
        typer.echo(f"hadath: {report.dedup['duplicate_groups']:,} groups of near-duplicate "
                   f"articles ({report.dedup['documents_in_duplicate_groups']:,} articles)",
                   err=True)
    if report.added == 0 and report.failed and not report.skipped:
        raise typer.Exit(1)


@contextmanager
def _progress(show: bool, inputs: list[str]
              ) -> Iterator[Callable[[IngestReport], None] | None]:
    if not show:
        yield None
        return
    with progress_bar("ingest", count_records(inputs, strict=True)) as update:

        def on_report(r: IngestReport) -> None:
            update(r.seen, r.processed)

        yield on_report
