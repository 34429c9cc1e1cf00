"""The progress bar of the batch commands (`extract`, `ingest`): articles done, the rate,
elapsed time and an ETA when the number of records is cheap to know."""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

_LINE_FILES = (".jsonl", ".ndjson")
_ONE_RECORD = (".txt", ".html", ".htm")


def count_records(inputs: list[str], *, strict: bool = False) -> int | None:
    """How many records the inputs hold, when that is cheap to know (for the ETA).

    By default a folder counts its ``.txt`` files and any other file one record.
    ``strict`` (for readers of CSV, feeds and archives, which hold many records) knows
    only line-per-record files and one-article pages, and gives ``None`` for the rest.
    """
    total = 0
    for name in inputs:
        path = Path(name)
        if name == "-" or not path.exists() or (strict and not path.is_file()):
            return None
        if path.is_dir():
            total += sum(1 for _ in path.rglob("*.txt"))
        elif name.endswith(tuple(s + ".gz" for s in _LINE_FILES) if strict else ".gz"):
            with gzip.open(path, "rb") as f:
                total += sum(1 for line in f if line.strip())
        elif path.suffix in _LINE_FILES:
            with path.open("rb") as f:
                total += sum(1 for line in f if line.strip())
        elif not strict or path.suffix in _ONE_RECORD:
            total += 1
        else:
            return None
    return total


@contextmanager
def progress_bar(label: str, total: int | None) -> Iterator[Callable[[int, int], None]]:
    """A bar on stderr; yields ``update(completed, done)``: records seen so far, and
    articles processed (for the rate)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]} articles/s"), TimeElapsedColumn(),
               TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), redirect_stdout=False,
                  redirect_stderr=False) as bar:
        task = bar.add_task(label, total=total, rate="–")

        def update(completed: int, done: int) -> None:
            bar.update(task, completed=completed)
            elapsed = bar.tasks[0].elapsed
            if elapsed:
                bar.update(task, rate=f"{done / elapsed:,.0f}")

        yield update
