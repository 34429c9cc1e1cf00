"""Ingest a corpus into the store: read, skip what is there, process, write in batches.

The pipeline and the conversion of each document to table rows run in the
worker processes (:meth:`~hadath.pipeline.Pipeline.map`); this process only
reads the input, drops records whose text is already stored (or already
seen in this run), and appends finished rows to the store in batches, one
transaction each. So an ingest can be stopped at any moment — Ctrl-C, or
``kill -9`` — and run again: documents committed before the stop are
skipped, the others are processed, and the store ends with exactly the rows
of an uninterrupted run. A record that fails is written to ``errors`` with
its reason, and the batch goes on.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ..pipeline import Pipeline, gc_tuned
from ..record import Failure, Record
from ..store import Store
from ..store.rows import COLUMNS, DocRows, doc_key, doc_rows
from .readers import read_corpus

_INPUT = COLUMNS["documents"].index("input")
_LINE = COLUMNS["documents"].index("line")


@dataclass(slots=True)
class IngestReport:
    """What an ingest did: documents added, skipped (already stored or repeated),
    failed, and the tokens and seconds it took."""

    ingest_id: int = 0
    processed: int = 0
    added: int = 0
    skipped: int = 0
    failed: int = 0
    tokens: int = 0
    seconds: float = 0.0
    commits: int = 0
    codes: dict[str, int] = field(default_factory=dict)
    dedup: dict[str, int] = field(default_factory=dict)

    @property
    def seen(self) -> int:
        """Records read: processed (into a document or a failure) or skipped."""
        return self.processed + self.skipped

    @property
    def rate(self) -> float:
        """Articles processed per second."""
        return self.processed / self.seconds if self.seconds else 0.0


Progress = Callable[[IngestReport], None]


def _rows(doc: object) -> DocRows:
    # Module level, so worker processes can run it.
    from ..doc import Document

    assert isinstance(doc, Document)
    return doc_rows(doc)


class _Skipper:
    """Drops records already stored or repeated, remembering where the rest came from
    (results arrive in input order, so the origins pair up with them)."""

    def __init__(self, known: set[str], report: IngestReport, on_skip: Progress | None) -> None:
        self.known = known
        self.report = report
        self.on_skip = on_skip
        self.origins: deque[tuple[str | None, int | None]] = deque()

    def __call__(self, items: Iterable[Record | Failure]) -> Iterator[Record | Failure]:
        for item in items:
            if isinstance(item, Record) and isinstance(item.text, str):
                key = doc_key(item.text)
                if key in self.known:
                    self.report.skipped += 1
                    if self.on_skip:
                        self.on_skip(self.report)
                    continue
                self.known.add(key)
            self.origins.append((item.input, item.line))
            yield item


def ingest(inputs: Sequence[str], store: Store, nlp: Pipeline, *, workers: int = 1,
           batch_size: int = 256, flush_seconds: float = 10.0, published: str | None = None,
           dedup: bool = True, engine: str = "local", scheduler: str | None = None,
           parquet: str | None = None, partition_size: int = 500,
           on_progress: Progress | None = None, on_commit: Progress | None = None,
           on_failure: Callable[[Failure], None] | None = None) -> IngestReport:
    """Ingest ``inputs`` into ``store`` with ``nlp``; see the module docstring.

    ``engine="dask"`` runs the pipeline on a Dask cluster (``scheduler`` is its
    address; none starts a local one with ``workers`` processes) and writes
    partitioned Parquet under ``parquet`` before loading it into the store.
    ``on_progress`` is called after every record, ``on_commit`` after every
    committed batch. A ``KeyboardInterrupt`` commits what is finished, marks the
    run ``interrupted`` and is raised again.
    """
    report = IngestReport()
    report.ingest_id = store.begin_ingest(inputs, nlp.config(), engine)
    start = time.perf_counter()
    skipper = _Skipper(store.keys(), report, on_progress)
    items = skipper(read_corpus(inputs, published=published))
    status = "interrupted"
    try:
        if engine == "dask":
            from .dask import run_dask

            run_dask(items, store, nlp, report, scheduler=scheduler, workers=workers,
                     parquet=parquet, partition_size=partition_size,
                     on_progress=on_progress, on_failure=on_failure)
        else:
            with gc_tuned():  # in this process too: it runs the pipeline when workers == 1
                _run_local(items, skipper, store, nlp, report, workers=workers,
                           batch_size=batch_size, flush_seconds=flush_seconds,
                           on_progress=on_progress, on_commit=on_commit,
                           on_failure=on_failure, start=start)
        if dedup:
            report.dedup = store.dedup()
        status = "done"
    finally:
        report.seconds = time.perf_counter() - start
        store.end_ingest(report.ingest_id, status=status, added=report.added,
                         skipped=report.skipped, failed=report.failed)
    return report


def _run_local(items: Iterator[Record | Failure], skipper: _Skipper, store: Store,
               nlp: Pipeline, report: IngestReport, *, workers: int, batch_size: int,
               flush_seconds: float, on_progress: Progress | None, on_commit: Progress | None,
               on_failure: Callable[[Failure], None] | None, start: float) -> None:
    docs: list[DocRows] = []
    failures: list[Failure] = []
    last = time.monotonic()

    def flush() -> None:
        nonlocal last
        if docs or failures:
            report.added += store.add_batch(docs, failures, ingest_id=report.ingest_id)
            report.commits += 1
            docs.clear()
            failures.clear()
            report.seconds = time.perf_counter() - start
            if on_commit:
                on_commit(report)
        last = time.monotonic()

    try:
        for result in nlp.map(items, _rows, n_process=workers, batch_size=16):
            where = skipper.origins.popleft()
            report.processed += 1
            if isinstance(result, Failure):
                report.failed += 1
                report.codes[result.code] = report.codes.get(result.code, 0) + 1
                failures.append(result)
                if on_failure:
                    on_failure(result)
            else:
                row = result.tables["documents"][0]
                result.tables["documents"][0] = (*row[:_INPUT], *where, *row[_LINE + 1:])
                report.tokens += result.n_tokens
                docs.append(result)
            if on_progress:
                on_progress(report)
            if len(docs) + len(failures) >= batch_size or time.monotonic() - last > flush_seconds:
                flush()
    finally:
        # Also on Ctrl-C: what is finished is committed, so a rerun resumes after it.
        flush()
