"""``hadath extract``: articles in, output documents out."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, Any

import typer

from ..batch import BatchReport, run_batch
from ..errors import BadValue
from ..io.readers import read_inputs
from ..io.writers import FORMATS, Writer, make_writer
from ..pipeline import Pipeline, load
from ..record import Failure, Record, parse_published
from ..settings import DEFAULT_MAX_CHARS, Settings
from .main import app
from .output import open_output
from .progress import count_records, progress_bar

EPILOG = """Examples:

  hadath extract ../shared/data/seed/seed-000.txt --published 2024-06-13

  hadath extract corpus.jsonl.gz --format jsonl --output out.jsonl --workers 2

  hadath extract articles/ --format table

INPUT is a .txt file (id = file stem), a directory (its .txt files), - for
stdin, or .jsonl/.jsonl.gz records with id, text and optional published,
title, url. Bad records are reported on stderr (and with --errors as JSONL)
and the rest are processed; the exit status is 1 only when nothing could be.
"""


@app.command(epilog=EPILOG)
def extract(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT...",
                                                help="Files, directories, or - for stdin.")],
    fmt: Annotated[str, typer.Option("--format", "-f",
                                     help="Output format: json, jsonl or table.")] = "json",
    published: Annotated[str | None, typer.Option(
        "--published", metavar="YYYY-MM-DD",
        help="Publication date for inputs without one.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write here instead of stdout (.gz compresses).")] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1,
                                         help="Worker processes.")] = 1,
    errors: Annotated[Path | None, typer.Option(
        "--errors", metavar="PATH", help="Also write failed records as JSONL here.")] = None,
    max_chars: Annotated[int, typer.Option(
        "--max-chars", min=1,
        help="Reject articles longer than this many characters.")] = DEFAULT_MAX_CHARS,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress",
        help="Progress bar on stderr (default: when stderr is a terminal).")] = None,
) -> None:
    """Extract entities, times, quotes and events from Arabic articles."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}",
                                 param_hint="--format")
    try:
        published = parse_published(published)
        settings = Settings(max_chars=max_chars)
    except BadValue as e:
        raise typer.BadParameter(e.message) from e
    nlp = load(settings=settings)
    show_progress = sys.stderr.isatty() if progress is None else progress
    with ExitStack() as stack:
        out = open_output(output, stack)
        err_out = stack.enter_context(errors.open("w", encoding="utf-8")) if errors else None
        writer = make_writer(fmt, out)

        def on_failure(f: Failure) -> None:
            typer.echo(f"hadath: {f.code} {f.type}: {f.where()}"
                       f"{f' [{f.id}]' if f.id else ''}: {f.message}", err=True)
            if err_out:
                err_out.write(json.dumps(f.to_dict(), ensure_ascii=False) + "\n")

        items = read_inputs(inputs, published=published, stdin=sys.stdin.buffer)
        if show_progress:
            report = _with_progress(nlp, items, inputs, writer, on_failure, workers)
        else:
            report = run_batch(nlp, items, render=writer.render, on_result=writer.emit,
                               on_failure=on_failure, n_process=workers)
        writer.close()
    if report.failed or show_progress:
        typer.echo(f"hadath: {report.processed:,} processed, {report.failed:,} failed",
                   err=True)
    if report.processed == 0 and report.failed:
        raise typer.Exit(1)


def _with_progress(nlp: Pipeline, items: Iterator[Record | Failure], inputs: list[str],
                   writer: Writer[Any], on_failure: Callable[[Failure], None],
                   workers: int) -> BatchReport:
    done = 0
    with progress_bar("extract", count_records(inputs)) as update:

        def advance() -> None:
            nonlocal done
            done += 1
            update(done, done)

        def result(rendered: Any) -> None:
            writer.emit(rendered)
            advance()

        def failure(f: Failure) -> None:
            on_failure(f)
            advance()

        return run_batch(nlp, items, render=writer.render, on_result=result,
                         on_failure=failure, n_process=workers)
