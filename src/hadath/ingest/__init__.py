"""Ingest corpora into the store: readers for every input form, a local engine with
worker processes, and a distributed one on Dask.

>>> from hadath.ingest import ingest, read_corpus  # doctest: +SKIP
>>> with Store.open("hadath.duckdb") as store:      # doctest: +SKIP
...     report = ingest(["news.jsonl.gz"], store, hadath.load(), workers=2)
"""

from __future__ import annotations

from .readers import read_corpus
from .run import IngestReport, ingest

__all__ = ["IngestReport", "ingest", "read_corpus"]
