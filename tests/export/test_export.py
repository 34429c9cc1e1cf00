"""Exports round-trip: PLOVER JSONL against its schema, the TSV back with every row."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

import hadath
from hadath.cli.main import _register, app
from hadath.export import (
    POLECAT_COLUMNS,
    schema,
    write_csv,
    write_jsonl,
    write_parquet,
    write_plover,
    write_polecat,
)
from hadath.store import Store

from ..conftest import SHARED

DEV = SHARED / "data" / "dev"
_register()
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not DEV.exists():
        pytest.skip("../shared dev data not present")
    from ..store.conftest import WITH_EVENTS

    nlp = hadath.load(WITH_EVENTS)
    path = tmp_path_factory.mktemp("export") / "h.duckdb"
    with Store.open(path) as store:
        for p in sorted(DEV.glob("dev-0*.txt"))[:8]:
            text = p.read_text(encoding="utf-8")
            store.add(nlp(text, id=p.stem, published="2024-06-13", source="dev"))
            # the same story again from another outlet, lightly edited
            store.add(nlp("عاجل - " + text, id=p.stem + "-copy", published="2024-06-14",
                          source="copy"))
        store.dedup()
    return path


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    s = Store.open(db, read_only=True)
    yield s
    s.close()


def n_events(store: Store) -> int:
    return int(store.query("SELECT count(*) FROM events")[1][0][0])


def test_plover_records_validate(store: Store) -> None:
    out = io.StringIO()
    n = write_plover(store, out)
    assert n == n_events(store) > 0
    validator = jsonschema.Draft202012Validator(schema())
    jsonschema.Draft202012Validator.check_schema(schema())
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    for rec in records:
        errors = list(validator.iter_errors(rec))
        assert not errors, errors[0].message
    assert len({r["id"] for r in records}) == n
    # events of the two copies of a story share their link and count two sources
    linked = [r for r in records if r["num_sources"] == 2]
    assert linked and all(sum(1 for x in records if x["link"] == r["link"]) >= 2
                          for r in linked)


def test_polecat_tsv_reloads_with_every_row(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "e.tsv"
    with path.open("w", encoding="utf-8", newline="") as f:
        n = write_polecat(store, f)
    assert n == n_events(store)
    lines = path.read_text(encoding="utf-8").split("\n")
    assert len(lines) == n + 2 and lines[-1] == ""  # one line a row: no stray line breaks
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    assert tuple(rows[0]) == POLECAT_COLUMNS
    assert all(len(r) == len(POLECAT_COLUMNS) for r in rows)
    import duckdb

    rel = duckdb.sql(f"SELECT count(*) FROM read_csv('{path}', delim='\\t', header=true, "
                     "quote='\"', escape='\"')")
    assert rel is not None
    got = rel.fetchall()
    assert got == [(n,)]
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    assert frame.shape == (n, len(POLECAT_COLUMNS))
    assert set(frame["Event Type"]) <= {r[2] for r in rows[1:]}


def test_csv_and_jsonl(store: Store) -> None:
    out = io.StringIO()
    assert write_csv(store, out) == n_events(store)
    assert len(list(csv.reader(io.StringIO(out.getvalue())))) == n_events(store) + 1
    out = io.StringIO()
    n_docs = write_jsonl(store, out, "source = 'dev'")
    docs = [json.loads(x) for x in out.getvalue().splitlines()]
    assert n_docs == len(docs) == 8
    for d in docs:
        hadath.Document.from_dict(d).check_spans()


def test_parquet(store: Store, tmp_path: Path) -> None:
    counts = write_parquet(store, tmp_path / "pq")
    assert counts["events"] == n_events(store)
    import duckdb

    rel = duckdb.sql(f"SELECT count(*) FROM '{tmp_path}/pq/event_rows.parquet'")
    assert rel is not None
    got = rel.fetchall()
    assert got == [(counts["events"],)]


def invoke(*args: str) -> Any:
    return runner.invoke(app, list(args))


@pytest.mark.parametrize("fmt", ["plover", "polecat-tsv", "csv", "jsonl"])
def test_cli_export(db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    res = invoke("export", "--format", fmt, "--db", str(db), "--output", str(out))
    assert res.exit_code == 0, res.output
    assert out.stat().st_size > 0


@pytest.mark.parametrize(("args", "needle"), [
    (["report", "actors"], "as_actor"),
    (["report", "dyads", "--format", "csv"], "actor,recipient,type,reports,happenings"),
    (["report", "types"], "happenings"),
    (["report", "sources", "--format", "jsonl"], '"source": "dev"'),
    (["query", "SELECT count(*) AS n FROM documents", "--format", "csv"], "n\n16"),
])
def test_cli_reports_and_query(db: Path, args: list[str], needle: str) -> None:
    res = invoke(*args, "--db", str(db))
    assert res.exit_code == 0, res.output
    assert needle in res.stdout


def test_cli_timeline_needs_an_actor(db: Path) -> None:
    assert invoke("report", "timeline", "--db", str(db)).exit_code == 2
    res = invoke("report", "timeline", "--actor", "irq", "--db", str(db), "--format", "csv")
    assert res.exit_code == 0 and res.stdout.startswith("day,type,reports")


def test_cli_query_error_is_one_line(db: Path) -> None:
    res = invoke("query", "SELECT nope", "--db", str(db))
    assert res.exit_code != 0
