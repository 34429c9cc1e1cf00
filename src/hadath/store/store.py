"""The embedded event store: one DuckDB file, one writer, numbered migrations.

``Store.open(path)`` creates the database or brings it to the newest schema
by applying the numbered SQL files in ``hadath/store/migrations/`` that it
has not yet recorded in ``schema_migrations``. Documents are keyed by the
hash of their text (:func:`~hadath.store.rows.doc_key`): adding a document
that is already there adds nothing. A batch of documents is written in one
transaction, columnar (Arrow tables appended with ``INSERT … SELECT``), so a
crash or ``kill -9`` leaves every document either wholly there or absent.

DuckDB lets one process open a file for writing; others must wait (or open
it read-only once the writer has closed it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import duckdb
import pyarrow as pa

from .. import __version__
from ..doc import Document
from ..errors import HadathError
from ..record import Failure
from .dedup import THRESHOLD, groups
from .rows import COLUMNS, LAYER_TABLES, DocRows, doc_key, doc_rows, document_from_rows

DEFAULT_DB = "hadath.duckdb"
_ID, _INPUT, _LINE = (COLUMNS["documents"].index(c) for c in ("id", "input", "line"))


class StoreError(HadathError):
    """The store cannot do what was asked (H5xx: the store)."""

    code = "H501"


class StoreLocked(StoreError):
    """Another process has the database open for writing."""

    code = "H502"


class SchemaTooNew(StoreError):
    """The database was written by a newer hadath than this one."""

    code = "H503"


_ARROW: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(), "JSON": pa.string(), "INTEGER": pa.int32(),
    "BIGINT": pa.int64(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
    "TIMESTAMP": pa.timestamp("us"), "VARCHAR[]": pa.list_(pa.string()),
    "UINTEGER[]": pa.list_(pa.uint32()),
}


def migrations() -> list[tuple[int, str, str]]:
    """The numbered migrations shipped with hadath: ``(version, name, sql)``, in order."""
    out = []
    for f in files("hadath.store").joinpath("migrations").iterdir():
        if f.name.endswith(".sql") and f.name[:4].isdigit():
            out.append((int(f.name[:4]), f.name[5:-4], f.read_text(encoding="utf-8")))
    return sorted(out)


def error_key(failure: Failure) -> str:
    """The key of a failure: its place in the input (input, line, id), hashed."""
    raw = f"{failure.input}\x1f{failure.line}\x1f{failure.id}"
    return hashlib.blake2b(raw.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class Store:
    """An open hadath database. Use as a context manager, or ``close()`` it."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, read_only: bool) -> None:
        self._con: duckdb.DuckDBPyConnection | None = con
        self.path = path
        self.read_only = read_only
        self._types: dict[str, pa.Schema] = {}

    # -- opening ----------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> Store:
        """Open (creating and migrating when needed) the database at ``path``.

        ``":memory:"`` gives a private in-memory store.
        """
        name = str(path)
        if read_only and name != ":memory:" and not Path(name).exists():
            raise StoreError(f"no hadath database at {name}", input=name)
        try:
            con = duckdb.connect(name, read_only=read_only and name != ":memory:")
        except duckdb.IOException as e:
            if "lock" in str(e).lower():
                raise StoreLocked(f"the database is in use by another process: {e}",
                                  input=name) from e
            raise StoreError(f"cannot open the database: {e}", input=name) from e
        except duckdb.Error as e:
            raise StoreError(f"cannot open the database: {e}", input=name) from e
        store = cls(con, name, read_only)
        try:
            store._migrate()
        except BaseException:
            con.close()
            raise
        return store

    def _migrate(self) -> None:
        have = self.schema_version
        pending = [m for m in migrations() if m[0] > have]
        newest = migrations()[-1][0]
        if have > newest:
            raise SchemaTooNew(f"schema version {have} is newer than this hadath's "
                               f"({newest}); upgrade hadath", input=self.path)
        if not pending:
            return
        if self.read_only:
            raise StoreError(f"the database needs migrations {[m[0] for m in pending]}; "
                             "open it once for writing", input=self.path)
        con = self.con
        con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
                    " name VARCHAR NOT NULL, applied TIMESTAMP NOT NULL)")
        for version, name, sql in pending:
            con.execute("BEGIN TRANSACTION")
            try:
                con.execute(sql)
                con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                            [version, name, _now()])
                con.execute("COMMIT")
            except duckdb.Error as e:
                con.execute("ROLLBACK")
                raise StoreError(f"migration {version:04d}_{name} failed: {e}",
                                 input=self.path) from e

    @property
    def schema_version(self) -> int:
        """The newest migration applied (0 for an empty database)."""
        found = self.con.execute(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_name = 'schema_migrations'").fetchone()
        if not found or not found[0]:
            return 0
        row = self.con.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection (for queries; write through the methods)."""
        if self._con is None:
            raise StoreError("the store is closed", input=self.path)
        return self._con

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------

    def has(self, key: str) -> bool:
        """Whether a document with this content hash is stored."""
        row = self.con.execute("SELECT 1 FROM documents WHERE doc_key = ?", [key]).fetchone()
        return row is not None

    def keys(self) -> set[str]:
        """The content hashes of every stored document."""
        return {r[0] for r in self.con.execute("SELECT doc_key FROM documents").fetchall()}

    def counts(self) -> dict[str, int]:
        """Rows in each table."""
        out = {}
        for table in ("documents", *LAYER_TABLES, "errors"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    def query(self, sql: str, params: Sequence[Any] | None = None
              ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run SQL; ``(column names, rows)``. Errors become :class:`StoreError`."""
        try:
            cur = self.con.execute(sql, params or [])
            rows = cur.fetchall()
        except duckdb.Error as e:
            raise StoreError(f"query failed: {e}") from e
        cols = [d[0] for d in cur.description] if cur.description else []
        return cols, rows

    def document(self, key_or_id: str) -> Document | None:
        """The stored document with this content hash (or, failing that, this id)."""
        row = self._dicts("SELECT * FROM documents WHERE doc_key = ?", [key_or_id])
        if not row:
            row = self._dicts("SELECT * FROM documents WHERE id = ? ORDER BY doc_key LIMIT 1",
                              [key_or_id])
        if not row:
            return None
        key = row[0]["doc_key"]
        layers = {t: self._dicts(f"SELECT * FROM {t} WHERE doc_key = ?", [key])
                  for t in LAYER_TABLES}
        return document_from_rows(row[0], layers)

    def documents(self, where: str = "", params: Sequence[Any] | None = None, *,
                  batch: int = 500) -> Iterator[Document]:
        """Every stored document (optionally filtered by a SQL condition on
        ``documents``), in key order, rebuilt a batch at a time."""
        keys = [r[0] for r in self.con.execute(
            f"SELECT doc_key FROM documents {'WHERE ' + where if where else ''} "
            "ORDER BY doc_key", params or []).fetchall()]
        for i in range(0, len(keys), batch):
            part = keys[i:i + batch]
            docs = {r["doc_key"]: r for r in self._dicts(
                "SELECT * FROM documents WHERE list_contains(?, doc_key)", [part])}
            layers: dict[str, dict[str, list[dict[str, Any]]]] = {k: {} for k in part}
            for t in LAYER_TABLES:
                for r in self._dicts(f"SELECT * FROM {t} WHERE list_contains(?, doc_key)",
                                     [part]):
                    layers[r["doc_key"]].setdefault(t, []).append(r)
            for k in part:
                yield document_from_rows(docs[k], layers[k])

    def _dicts(self, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, params)
        cols = [d[0] for d in cur.description or ()]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    # -- writing -------------------------------------------------------------------

    def add(self, doc: Document, *, source: str | None = None) -> bool:
        """Store one document; False (and nothing written) when its text is already stored."""
        rows = doc_rows(doc, source=source)
        if self.has(rows.key):
            return False
        self.add_batch([rows])
        return True

    def add_failure(self, failure: Failure, *, ingest_id: int | None = None) -> None:
        """Record a document that could not be processed (replacing an older record of it)."""
        self.add_batch([], [failure], ingest_id=ingest_id)

    def add_batch(self, docs: Sequence[DocRows], failures: Sequence[Failure] = (), *,
                  ingest_id: int | None = None) -> int:
        """Write documents and failures in one transaction; returns documents added.

        Documents whose key is already stored, or repeated in ``docs``, are skipped.
        A document that now succeeds clears its earlier error record.
        """
        self._writable()
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            fresh = self._fresh(docs)
            if fresh:
                for table in COLUMNS:
                    rows = [r for d in fresh for r in d.tables[table]]
                    if rows:
                        self._append(table, rows, {"ingest_id": ingest_id}
                                     if table == "documents" else {})
                cleared = [error_key(Failure(r[_ID], "", "", "", r[_INPUT], r[_LINE]))
                           for d in fresh for r in d.tables["documents"]]
                con.execute("DELETE FROM errors WHERE list_contains(?, err_key)", [cleared])
            if failures:
                self._append_failures(failures, ingest_id)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return len(fresh)

    def _fresh(self, docs: Sequence[DocRows]) -> list[DocRows]:
        if not docs:
            return []
        keys = list({d.key for d in docs})
        have = {r[0] for r in self.con.execute(
            "SELECT doc_key FROM documents WHERE list_contains(?, doc_key)", [keys]).fetchall()}
        out = []
        for d in docs:
            if d.key not in have:
                have.add(d.key)
                out.append(d)
        return out

    def _schema(self, table: str) -> pa.Schema:
        if table not in self._types:
            cols = self.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall()
            self._types[table] = pa.schema([(c, _ARROW[t]) for c, t in cols])
        return self._types[table]

    def _append(self, table: str, rows: Sequence[Sequence[Any]],
                constant: dict[str, Any] | None = None) -> None:
        names = COLUMNS.get(table) or tuple(self._schema(table).names)
        schema = self._schema(table)
        columns = list(zip(*rows, strict=True))
        arrays = []
        for i, name in enumerate(names):
            typ = schema.field(name).type
            if constant and name in constant:
                arrays.append(pa.array([constant[name]] * len(rows), typ))
            else:
                arrays.append(pa.array(columns[i], typ))
        cols = ", ".join(f'"{n}"' for n in names)
        verb = "INSERT OR REPLACE" if table == "errors" else "INSERT"
        with self._registered(pa.Table.from_arrays(arrays, names=list(names))) as view:
            self.con.execute(f"{verb} INTO {table} ({cols}) SELECT {cols} FROM {view}")

    @contextmanager
    def _registered(self, table: pa.Table) -> Iterator[str]:
        name = "_hadath_batch"
        self.con.register(name, table)
        try:
            yield name
        finally:
            self.con.unregister(name)

    def _append_failures(self, failures: Sequence[Failure], ingest_id: int | None) -> None:
        now = _now()
        seen: dict[str, tuple[Any, ...]] = {}
        for f in failures:
            k = error_key(f)
            seen[k] = (k, f.code, f.type, f.message, f.input, f.line, f.id, ingest_id, now)
        self._append("errors", list(seen.values()))

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError("the store is open read-only", input=self.path)

    def import_parquet(self, root: str | Path, part: str = "*", *,
                       ingest_id: int | None = None) -> int:
        """Load a partitioned Parquet data set (``root/<table>/part-<part>.parquet``, as
        written by the Dask engine) in one transaction; returns documents added.

        Documents already stored are skipped, with all their rows; a document
        found in several partitions is taken from one of them.
        """
        self._writable()
        base = Path(root)

        def src(table: str) -> str:
            path = str(base / table / f"part-{part}.parquet").replace("'", "''")
            return f"read_parquet('{path}', filename = true)"

        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(
                "CREATE OR REPLACE TEMP TABLE _hadath_new AS "
                "SELECT doc_key, min(parse_filename(filename)) AS part "
                f"FROM {src('documents')} "
                "WHERE doc_key NOT IN (SELECT doc_key FROM documents) GROUP BY doc_key")
            for table, names in COLUMNS.items():
                cols = ", ".join(f'p."{n}"' for n in names)
                if table == "documents":
                    cols = cols.replace('p."ingest_id"', "?::INTEGER")
                con.execute(
                    f"INSERT INTO {table} ({', '.join(chr(34) + n + chr(34) for n in names)}) "
                    f"SELECT {cols} FROM {src(table)} p JOIN _hadath_new n "
                    "ON p.doc_key = n.doc_key AND parse_filename(p.filename) = n.part",
                    [ingest_id] if table == "documents" else [])
            con.execute(
                "INSERT OR REPLACE INTO errors SELECT * EXCLUDE (filename) "
                f"REPLACE (?::INTEGER AS ingest_id) FROM {src('errors')}", [ingest_id])
            row = con.execute("SELECT count(*) FROM _hadath_new").fetchone()
            con.execute("DROP TABLE _hadath_new")
            con.execute("COMMIT")
        except duckdb.Error as e:
            con.execute("ROLLBACK")
            raise StoreError(f"cannot import Parquet from {base}: {e}", input=str(base)) from e
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return int(row[0]) if row else 0

    # -- ingest runs -----------------------------------------------------------------

    def begin_ingest(self, inputs: Iterable[str], pipeline: dict[str, Any],
                     engine: str = "local") -> int:
        """Record the start of an ingest run; returns its id."""
        self._writable()
        row = self.con.execute("SELECT coalesce(max(ingest_id), 0) + 1 FROM ingests").fetchone()
        ingest_id = int(row[0]) if row else 1
        self.con.execute(
            "INSERT INTO ingests (ingest_id, started, status, engine, inputs, pipeline, "
            "hadath_version) VALUES (?, ?, 'running', ?, ?, ?, ?)",
            [ingest_id, _now(), engine, list(inputs), json.dumps(pipeline), __version__])
        return ingest_id

    def end_ingest(self, ingest_id: int, *, status: str, added: int, skipped: int,
                   failed: int) -> None:
        """Record how a run ended. A finished run that found nothing new leaves no
        trace, so repeating an ingest changes no table at all."""
        self._writable()
        if status == "done" and added == 0 and failed == 0:
            self.con.execute("DELETE FROM ingests WHERE ingest_id = ?", [ingest_id])
            return
        self.con.execute(
            "UPDATE ingests SET finished = ?, status = ?, added = ?, skipped = ?, failed = ? "
            "WHERE ingest_id = ?", [_now(), status, added, skipped, failed, ingest_id])

    # -- de-duplication ------------------------------------------------------------------

    def dedup(self, *, threshold: float = THRESHOLD) -> dict[str, int]:
        """Group near-duplicate reports and link their events.

        Sets ``documents.dup_group`` (the key of the group's earliest report) and
        ``events.happening`` (the group plus the event's type, date and actor and
        recipient countries), so ``happenings`` counts each happening once, with
        ``num_sources`` reports. Recomputed over the whole store; idempotent.
        """
        self._writable()
        rows = self.con.execute(
            "SELECT doc_key, minhash, published FROM documents ORDER BY doc_key").fetchall()
        keys = [r[0] for r in rows]
        mapping = groups(keys, [r[1] for r in rows], [r[2] for r in rows],
                         threshold=threshold)
        table = pa.table({"doc_key": pa.array(keys, pa.string()),
                          "grp": pa.array([mapping[k] for k in keys], pa.string())})
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            with self._registered(table) as view:
                con.execute(f"UPDATE documents SET dup_group = t.grp FROM {view} AS t "
                            "WHERE documents.doc_key = t.doc_key "
                            "AND documents.dup_group IS DISTINCT FROM t.grp")
            con.execute(_HAPPENING_SQL)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        sizes: dict[str, int] = {}
        for g in mapping.values():
            sizes[g] = sizes.get(g, 0) + 1
        return {"documents": len(keys), "groups": len(sizes),
                "duplicate_groups": sum(1 for n in sizes.values() if n > 1),
                "documents_in_duplicate_groups": sum(n for n in sizes.values() if n > 1)}


# An event's happening: its report group, type, day and the countries on each side.
_HAPPENING_SQL = """
UPDATE events SET happening = h.happening FROM (
    SELECT e.doc_key, e.event_id,
           md5(concat_ws('|', d.dup_group, e.type, coalesce(e.date, d.published, ''),
                         coalesce(s.actors, ''), coalesce(s.recipients, ''))) AS happening
    FROM events e
    JOIN documents d USING (doc_key)
    LEFT JOIN (
        SELECT doc_key, event_id,
               array_to_string(list_sort(list_distinct(
                   list(coalesce(country, '-')) FILTER (WHERE role = 'actor'))), ',') AS actors,
               array_to_string(list_sort(list_distinct(
                   list(coalesce(country, '-')) FILTER (WHERE role = 'recipient'))), ',')
                   AS recipients
        FROM event_actors GROUP BY doc_key, event_id
    ) s USING (doc_key, event_id)
) AS h
WHERE events.doc_key = h.doc_key AND events.event_id = h.event_id
  AND events.happening IS DISTINCT FROM h.happening
"""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def open_store(path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> Store:
    """``Store.open`` as a function."""
    return Store.open(path, read_only=read_only)


__all__ = ["DEFAULT_DB", "SchemaTooNew", "Store", "StoreError", "StoreLocked", "doc_key",
           "error_key", "migrations", "open_store"]
