"""Benchmark `hadath ingest` on a JSONL corpus: throughput, memory, database size, idempotence.

Usage: python scripts/bench_ingest.py CORPUS.jsonl.gz [--workers 1 2] [--limit N]

For each worker count, runs the installed `hadath ingest CORPUS --db TMP --workers N
--no-progress` in a fresh process on a fresh database, sampling the resident memory of
the parent and of every worker process (psutil) every 0.2 s, then runs the same ingest
again and checks that it added no rows. Prints one Markdown table row per run for
BENCHMARKS.md: articles, failed, seconds, articles/s, tokens/s, peak RSS of the parent
and of the largest worker, database size, and the second run's result.
"""

from __future__ import annotations

import contextlib
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import psutil
from bench_common import arguments, hadath_exe, sample

TABLES = ("documents", "sentences", "entities", "mentions", "times", "quotes", "events",
          "event_actors", "errors")


def run(cmd: list[str]) -> tuple[float, float, float, str]:
    """Run ``cmd``; its wall seconds, the parent's and the largest worker's peak RSS (MB)."""
    t0 = time.perf_counter()
    proc = psutil.Popen(cmd, stderr=subprocess.PIPE, text=True)
    parent_peak = worker_peak = 0.0
    while proc.poll() is None:
        try:
            parent_peak = max(parent_peak, proc.memory_info().rss / 2**20)
            for child in proc.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    worker_peak = max(worker_peak, child.memory_info().rss / 2**20)
        except psutil.Error:
            pass
        time.sleep(0.2)
    secs = time.perf_counter() - t0
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    return secs, parent_peak, worker_peak, err


def counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES} | {
            "tokens": con.execute("SELECT coalesce(sum(n_tokens), 0) FROM documents")
            .fetchall()[0][0]}
    finally:
        con.close()


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    exe = hadath_exe()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = sample(args.corpus, args.limit, tmp)
        print(f"# {platform.machine()}, {os.cpu_count()} cores, Python "
              f"{platform.python_version()}, corpus {args.corpus.name}"
              f"{f' (first {args.limit:,})' if args.limit else ''}, "
              f"load average before {os.getloadavg()[0]:.2f}")
        print("| workers | articles | failed | seconds | articles/s | tokens/s | "
              "parent peak RSS MB | worker peak RSS MB | DB MB | rerun adds |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for n in args.workers:
            db = Path(tmp) / f"bench-{n}.duckdb"
            cmd = [exe, "ingest", str(corpus), "--db", str(db), "--workers", str(n),
                   "--no-progress"]
            secs, parent, worker, _ = run(cmd)
            c = counts(db)
            size = sum(p.stat().st_size for p in Path(tmp).glob(f"bench-{n}.duckdb*"))
            _, _, _, err = run(cmd)
            again = counts(db)
            added = sum(again[t] - c[t] for t in TABLES)
            done = c["documents"] + c["errors"]
            print(f"| {n} | {done:,} | {c['errors']:,} | {secs:.1f} | {done / secs:,.1f} | "
                  f"{c['tokens'] / secs:,.0f} | {parent:,.0f} | "
                  f"{worker if n > 1 else parent:,.0f} | {size / 2**20:,.1f} | "
                  f"{added} rows |", flush=True)
            if added:
                sys.stderr.write(err)
            db.unlink(missing_ok=True)
        print(f"# load average after {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
