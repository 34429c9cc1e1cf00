"""The embedded event store (DuckDB): documents and every layer as tables.

>>> from hadath.store import Store
>>> with Store.open(":memory:") as store:
...     store.counts()["documents"]
0

See ``SCHEMA.md`` beside this module for the tables and what their columns mean.
"""

from __future__ import annotations

from .rows import COLUMNS, DocRows, doc_key, doc_rows, document_from_rows
from .store import (
    DEFAULT_DB,
    SchemaTooNew,
    Store,
    StoreError,
    StoreLocked,
    error_key,
    migrations,
    open_store,
)

__all__ = [
    "COLUMNS",
    "DEFAULT_DB",
    "DocRows",
    "SchemaTooNew",
    "Store",
    "StoreError",
    "StoreLocked",
    "doc_key",
    "doc_rows",
    "document_from_rows",
    "error_key",
    "migrations",
    "open_store",
]
