"""Ingest: idempotent, resumable after kill -9, failures recorded, Dask = local."""

from __future__ import annotations

import gzip
import itertools
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import hadath
from hadath.ingest import ingest
from hadath.store import COLUMNS, Store

from ..conftest import CORPUS, SHARED
from ..store.conftest import WITH_EVENTS

LIGHT = ["normalizer", "sentencizer", "tokenizer", "timex"]
DEV = SHARED / "data" / "dev"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="../shared corpus not present")


def corpus_sample(path: Path, n: int, *, bad: bool = False) -> Path:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        lines = list(itertools.islice(f, n))
    if bad:
        lines[3:3] = ['{"id": "broken", "text": \n', '{"id": "english", "text": "plain English '
                      'words only, nothing else here at all"}\n']
    path.write_text("".join(lines), encoding="utf-8")
    return path


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every data table, sorted, without run-specific columns."""
    out = {}
    with Store.open(db, read_only=True) as s:
        for table in (*COLUMNS, "errors"):
            cols = s.query(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position", [table])[1]
            keep = [f'"{c[0]}"' for c in cols if c[0] not in ("ingest_id", "recorded")]
            out[table] = s.query(f"SELECT {', '.join(keep)} FROM {table} "
                                 f"ORDER BY {', '.join(keep[:4])}")[1]
    return out


@needs_corpus
@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_twice_adds_nothing(tmp_path: Path, workers: int) -> None:
    src = corpus_sample(tmp_path / "in.jsonl", 40, bad=True)
    nlp = hadath.load(LIGHT)
    db = tmp_path / "h.duckdb"
    with Store.open(db) as store:
        first = ingest([str(src)], store, nlp, workers=workers, batch_size=16)
    assert (first.added, first.failed, first.skipped) == (40, 2, 0)
    before = snapshot(db)
    assert len(before["documents"]) == 40 and len(before["errors"]) == 2
    with Store.open(db) as store:
        second = ingest([str(src)], store, nlp, workers=workers)
        runs = store.query("SELECT status, added, failed FROM ingests")[1]
    assert (second.added, second.skipped) == (0, 40)
    assert snapshot(db) == before
    assert runs == [("done", 40, 2), ("done", 0, 2)]  # failures are retried, not doubled


def test_exact_repeats_in_one_input_are_one_document(tmp_path: Path) -> None:
    text = "التقى وزير الخارجية المصري نظيره الأردني في عمان، وبحثا الأوضاع في المنطقة."
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"r{i}", "text": text}) + "\n" for i in range(3)),
                   encoding="utf-8")
    with Store.open(tmp_path / "h.duckdb") as store:
        rep = ingest([str(src)], store, hadath.load(LIGHT))
        assert (rep.added, rep.skipped) == (1, 2)
        assert store.query("SELECT id, input, line FROM documents")[1] == [("r0", str(src), 1)]


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from hadath.cli.main import main; main()", *args]


@needs_corpus
def test_killed_ingest_resumes_to_the_same_rows(tmp_path: Path) -> None:
    src = corpus_sample(tmp_path / "in.jsonl", 400, bad=True)
    args = ["ingest", str(src), "--components", ",".join(LIGHT), "--workers", "2",
            "--batch-size", "10", "--no-progress"]
    whole, cut = tmp_path / "whole.duckdb", tmp_path / "cut.duckdb"
    subprocess.run(_cli(*args, "--db", str(whole)), check=True, capture_output=True)

    proc = subprocess.Popen(_cli(*args, "--db", str(cut), "--verbose"),
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    assert proc.stderr is not None
    for line in proc.stderr:
        if "committed batch 3:" in line:
            os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, mid-run
            break
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    partial = snapshot(cut)
    assert 30 <= len(partial["documents"]) + len(partial["errors"]) < 400
    with Store.open(cut, read_only=True) as s:
        assert s.query("SELECT status FROM ingests")[1] == [("running",)]

    done = subprocess.run(_cli(*args, "--db", str(cut)), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "already stored" in done.stderr
    assert snapshot(cut) == snapshot(whole)


@pytest.mark.skipif(not DEV.exists(), reason="../shared dev data not present")
def test_dask_engine_gives_the_same_events(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    src = tmp_path / "docs"
    src.mkdir()
    for p in sorted(DEV.glob("dev-00*.txt"))[:6]:
        (src / p.name).write_bytes(p.read_bytes())
    nlp = hadath.load(WITH_EVENTS)
    local, remote = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    with Store.open(local) as store:
        ingest([str(src)], store, nlp, published="2024-06-13")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster, \
            Store.open(remote) as store:
        rep = ingest([str(src)], store, nlp, published="2024-06-13", engine="dask",
                     scheduler=cluster.scheduler_address, parquet=str(tmp_path / "pq"),
                     partition_size=2)
    assert rep.added == 6 and rep.commits == 3
    a, b = snapshot(local), snapshot(remote)
    assert len(a["events"]) > 0
    assert a == b
    # the partitions are a Parquet data set others can read
    import duckdb

    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{tmp_path}/pq/events/*.parquet')")
    assert n is not None and n.fetchall() == [(len(a["events"]),)]
