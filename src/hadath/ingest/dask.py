"""The distributed engine: the same pipeline on a Dask cluster, partitions to Parquet.

The client reads the input and skips what the store holds, as the local
engine does, then cuts the records into partitions and submits each to the
cluster. A task rebuilds the pipeline from its config (once per worker
process), processes its partition, and writes one Parquet file per table —
``PARQUET/<table>/part-<name>.parquet``, where ``name`` hashes the
partition's records, so a rerun rewrites the same files rather than adding
new ones. That directory is a partitioned data set that DuckDB, pandas,
Spark or Arrow read directly; the client loads each finished partition into
the store in one transaction (:meth:`~hadath.store.Store.import_parquet`).

On a real cluster, ``PARQUET`` must be a directory every worker and the
client can reach under the same path (a shared or network file system).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import HadathError
from ..pipeline import Pipeline
from ..record import Failure, Record
from ..store import COLUMNS, Store
from ..store.rows import DocRows

if TYPE_CHECKING:
    from .run import IngestReport

TABLES = (*COLUMNS, "errors")
_PIPELINES: dict[str, Pipeline] = {}


class DaskUnavailable(HadathError):
    code = "H504"


def run_dask(items: Iterator[Record | Failure], store: Store, nlp: Pipeline,
             report: IngestReport, *, scheduler: str | None, workers: int,
             parquet: str | None, partition_size: int,
             on_progress: Callable[[IngestReport], None] | None,
             on_failure: Callable[[Failure], None] | None) -> None:
    """Process ``items`` on a Dask cluster; load each finished partition into ``store``."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as e:
        raise DaskUnavailable("the Dask engine needs dask[distributed]: "
                              "pip install 'hadath[dask]'") from e
    out = Path(parquet) if parquet else _default_parquet(store)
    config = nlp.config()
    cluster = None if scheduler else LocalCluster(
        n_workers=max(1, workers), threads_per_worker=1, processes=True,
        dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        parts = _partitions(items, partition_size)
        limit = 2 * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        pending = as_completed()
        for _ in range(limit):
            part = next(parts, None)
            if part is None:
                break
            pending.add(client.submit(process_partition, config, part, str(out), pure=False))
        for fut in pending:
            summary = fut.result()
            report.added += store.import_parquet(out, summary["part"],
                                                 ingest_id=report.ingest_id)
            report.commits += 1
            report.processed += summary["processed"]
            report.failed += summary["failed"]
            report.tokens += summary["tokens"]
            for code, n in summary["codes"].items():
                report.codes[code] = report.codes.get(code, 0) + n
            if on_failure:
                for f in summary["failures"]:
                    on_failure(Failure(**f))
            if on_progress:
                on_progress(report)
            part = next(parts, None)
            if part is not None:
                pending.add(client.submit(process_partition, config, part, str(out),
                                          pure=False))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _default_parquet(store: Store) -> Path:
    if store.path == ":memory:":
        return Path(tempfile.mkdtemp(prefix="hadath-parquet-"))
    return Path(store.path).with_suffix(".parquet")


def _partitions(items: Iterator[Record | Failure], size: int) -> Iterator[list[Record | Failure]]:
    part: list[Record | Failure] = []
    for item in items:
        part.append(item)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part


def partition_name(items: list[Record | Failure]) -> str:
    """A stable name for a partition: a hash of its records' origins and texts."""
    h = hashlib.blake2b(digest_size=12)
    for item in items:
        h.update(f"{item.input}\x1f{item.line}\x1f{item.id}\x1e".encode("utf-8", "replace"))
        if isinstance(item, Record) and isinstance(item.text, str):
            h.update(item.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def process_partition(config: dict[str, Any], items: list[Record | Failure],
                      out: str) -> dict[str, Any]:
    """Run on a worker: process ``items`` and write their rows as Parquet under ``out``."""
    from .run import _INPUT, _LINE, _rows

    key = json.dumps(config, sort_keys=True)
    nlp = _PIPELINES.get(key)
    if nlp is None:
        nlp = _PIPELINES[key] = Pipeline.from_config(config)
    docs: list[DocRows] = []
    failures: list[Failure] = []
    tokens = 0
    for item, result in zip(items, nlp.map(items, _rows), strict=True):
        if isinstance(result, Failure):
            failures.append(result)
            continue
        row = result.tables["documents"][0]
        result.tables["documents"][0] = (*row[:_INPUT], item.input, item.line, *row[_LINE + 1:])
        tokens += result.n_tokens
        docs.append(result)
    name = partition_name(items)
    with Store.open(":memory:") as mem:
        mem.add_batch(docs, failures)
        for table in TABLES:
            folder = Path(out) / table
            folder.mkdir(parents=True, exist_ok=True)
            final = folder / f"part-{name}.parquet"
            tmp = folder / f".part-{name}.{os.getpid()}.tmp"
            mem.con.execute(f"COPY (SELECT * FROM {table}) TO '{_sql_path(tmp)}' "
                            "(FORMAT parquet)")
            os.replace(tmp, final)
    codes: dict[str, int] = {}
    for f in failures:
        codes[f.code] = codes.get(f.code, 0) + 1
    return {"part": name, "processed": len(items), "failed": len(failures), "tokens": tokens,
            "codes": codes,
            "failures": [{"id": f.id, "code": f.code, "type": f.type, "message": f.message,
                          "input": f.input, "line": f.line} for f in failures]}


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
