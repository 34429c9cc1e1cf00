"""Benchmark `hadath extract` on a JSONL corpus: throughput and peak memory.

Usage: python scripts/bench_extract.py CORPUS.jsonl.gz [--workers 1 2] [--limit N]

Runs the installed `hadath extract CORPUS --format jsonl` as a separate process
for each worker count (output to a temporary file), and prints one Markdown
table row per run for BENCHMARKS.md: articles, seconds, articles/s, tokens/s,
output size and the peak resident memory of the largest process.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_common import arguments, hadath_exe, sample


def run_one(cmd: list[str]) -> None:
    """Run ``cmd``; print its wall seconds and the peak RSS (MB) of its largest process."""
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stderr=subprocess.PIPE, text=True, check=False)
    secs = time.perf_counter() - t0
    sys.stderr.write(proc.stderr)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{secs:.3f} {peak:.1f}")


def main() -> None:
    if sys.argv[1:2] == ["--run"]:
        run_one(sys.argv[2:])
        return
    args = arguments(__doc__.splitlines()[0])
    exe = hadath_exe()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = sample(args.corpus, args.limit, tmp)
        print(f"# {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
              f"Python {platform.python_version()}, corpus {args.corpus.name}")
        print("| workers | articles | failed | seconds | articles/s | tokens/s | output MB | "
              "peak RSS MB (largest process) |")
        print("|---|---|---|---|---|---|---|---|")
        for workers in args.workers:
            out = Path(tmp) / f"out-{workers}.jsonl"
            cmd = [exe, "extract", str(corpus), "--format", "jsonl", "--output", str(out),
                   "--workers", str(workers), "--no-progress"]
            # A fresh interpreter per run, so the peak memory is this run's alone.
            proc = subprocess.run([sys.executable, __file__, "--run", *cmd],
                                  capture_output=True, text=True, check=False)
            secs_s, peak_s = proc.stdout.split()
            secs, peak_mb = float(secs_s), float(peak_s)
            failed = sum(1 for line in proc.stderr.splitlines() if line.startswith("hadath: H"))
            articles = tokens = 0
            with out.open(encoding="utf-8") as f:
                for line in f:
                    articles += 1
                    tokens += len(json.loads(line)["tokens"])
            size = out.stat().st_size / 1e6
            print(f"| {workers} | {articles:,} | {failed} | {secs:.1f} | {articles / secs:,.0f} "
                  f"| {tokens / secs:,.0f} | {size:,.0f} | {peak_mb:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
