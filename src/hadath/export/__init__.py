"""Exports from the store: JSON lines, CSV, Parquet, PLOVER JSON and a POLECAT-style TSV."""

from __future__ import annotations

from .plover import POLECAT_COLUMNS, plover_records, schema, write_plover, write_polecat
from .tables import write_csv, write_jsonl, write_parquet

FORMATS = ("jsonl", "csv", "parquet", "plover", "polecat-tsv")

__all__ = ["FORMATS", "POLECAT_COLUMNS", "plover_records", "schema", "write_csv",
           "write_jsonl", "write_parquet", "write_plover", "write_polecat"]
