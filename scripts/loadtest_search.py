"""Load test of ``GET /v1/search``: N concurrent requests against a live ``hadath serve``.

    python scripts/loadtest_search.py                  # demo database, 200 concurrent requests
    python scripts/loadtest_search.py --db my.duckdb --concurrency 500

Without ``--db`` it builds the demo database of the tests (examples/ plus the dev
articles of ../shared) in a temporary folder. The server is started as a
subprocess (``hadath serve``, uvicorn, one process) on a free port; all requests are
sent at once from one asyncio client, each with a different query from a list of
Arabic words and phrases, and the script reports successes, p50/p95/max latency and
throughput. It exits 1 unless every request succeeded.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx2 as httpx

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["الحكومة", "وزير الخارجية", "بغداد", "الإيراني", "اسرائيل*", '"مجلس الأمن"',
           "الرئيس", "غزة", "العراق", "الأمم المتحدة", "احتجاج", "حكومته", "الانتخابات",
           "السعودية", "وبالحكومة", "القوات", "تظاهرة", "اتفاق", "الفلسطينيين", "لبنان"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def run(base: str, n: int) -> tuple[list[float], list[str], float]:
    limits = httpx.Limits(max_connections=n, max_keepalive_connections=n)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        async def one(i: int) -> tuple[float, str | None]:
            q = QUERIES[i % len(QUERIES)]
            t = time.perf_counter()
            try:
                r = await client.get("/v1/search", params={"q": q, "limit": 20})
                ok = r.status_code == 200 and "items" in r.json()
                err = None if ok else f"{r.status_code} {r.text[:100]}"
            except httpx.HTTPError as e:
                err = f"{type(e).__name__}: {e}"
            return time.perf_counter() - t, err

        start = time.perf_counter()
        results = await asyncio.gather(*(one(i) for i in range(n)))
        wall = time.perf_counter() - start
    return [t for t, _ in results], [e for _, e in results if e], wall


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, help="database to serve (default: build the demo one)")
    ap.add_argument("--concurrency", "-n", type=int, default=200)
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    db = args.db
    if db is None:
        sys.path.insert(0, str(ROOT))
        from tests.api.demo_db import build

        db = Path(tmp.name) / "demo.duckdb"
        print(f"building the demo database: {build(db)} documents")
    port = free_port()
    hadath = Path(sys.executable).with_name("hadath")
    server = subprocess.Popen([str(hadath), "serve", "--db", str(db), "--port", str(port)],
                              stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/v1/", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                print("the server did not start", file=sys.stderr)
                return 1
            time.sleep(0.2)
        asyncio.run(run(base, 10))  # warm up
        times, errors, wall = asyncio.run(run(base, args.concurrency))
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        tmp.cleanup()
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    print(f"{len(ms) - len(errors)}/{len(ms)} succeeded in {wall:.2f} s "
          f"({len(ms) / wall:.0f} requests/s); latency p50 {statistics.median(ms):.0f} ms, "
          f"p95 {p95:.0f} ms, max {ms[-1]:.0f} ms; {os.cpu_count()} CPU(s)")
    for e in errors[:5]:
        print("  error:", e)
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
