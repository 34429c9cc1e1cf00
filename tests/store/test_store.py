"""The store: migrations, idempotent adds, exact round trips, errors, de-duplication."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import hadath
from hadath.record import Failure
from hadath.store import (
    COLUMNS,
    Store,
    StoreError,
    StoreLocked,
    doc_key,
    doc_rows,
    migrations,
)
from hadath.store.dedup import groups, minhash, similarity


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "t.duckdb")
    yield s
    s.close()


def test_migrations_are_numbered_and_applied_once(tmp_path: Path) -> None:
    versions = [v for v, _, _ in migrations()]
    assert versions == list(range(1, len(versions) + 1))
    path = tmp_path / "m.duckdb"
    with Store.open(path) as s:
        assert s.schema_version == versions[-1]
    with Store.open(path) as s:  # reopening applies nothing twice
        rows = s.query("SELECT version FROM schema_migrations ORDER BY version")[1]
        assert [r[0] for r in rows] == versions


def test_columns_match_the_migrations(store: Store) -> None:
    for table, cols in COLUMNS.items():
        names = [r[0] for r in store.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position", [table])[1]]
        assert tuple(names) == cols, table


def test_add_is_idempotent_and_round_trips(store: Store, seed_doc: hadath.Document) -> None:
    assert store.add(seed_doc) is True
    counts = store.counts()
    assert store.add(seed_doc) is False
    assert store.counts() == counts
    assert store.has(doc_key(seed_doc.text))
    assert counts["documents"] == 1 and counts["events"] == len(seed_doc.events) > 0
    assert counts["mentions"] == sum(len(e.mentions) for e in seed_doc.entities)
    back = store.document("seed-000")
    assert back is not None
    want = seed_doc.to_dict()
    want["tokens"] = []
    assert back.to_dict() == want
    back.check_spans()
    assert store.document(doc_key(seed_doc.text)) == back
    assert list(store.documents()) == [back]


def test_same_text_other_id_is_the_same_document(store: Store,
                                                 seed_doc: hadath.Document) -> None:
    store.add(seed_doc)
    twin = hadath.Document.from_dict({**seed_doc.to_dict(), "id": "other"})
    assert store.add(twin) is False


def test_failures_are_recorded_once_and_cleared_by_success(store: Store,
                                                           seed_doc: hadath.Document) -> None:
    f = Failure("seed-000", "H104", "NotArabic", "text is not Arabic", "in.jsonl", 3)
    store.add_failure(f)
    store.add_failure(f)
    assert store.counts()["errors"] == 1
    rows = doc_rows(seed_doc, input="in.jsonl", line=3)
    assert store.add_batch([rows]) == 1
    assert store.counts()["errors"] == 0


def test_a_batch_is_all_or_nothing(store: Store, seed_doc: hadath.Document) -> None:
    rows = doc_rows(seed_doc)
    rows.tables["entities"].append(("broken",))  # a malformed row fails the batch
    with pytest.raises(Exception):  # noqa: B017  (whatever DuckDB or Arrow raises)
        store.add_batch([rows])
    assert store.counts()["documents"] == 0 and store.counts()["sentences"] == 0


def test_read_only_and_missing(tmp_path: Path, seed_doc: hadath.Document) -> None:
    with pytest.raises(StoreError):
        Store.open(tmp_path / "none.duckdb", read_only=True)
    Store.open(tmp_path / "r.duckdb").close()
    with Store.open(tmp_path / "r.duckdb", read_only=True) as s, pytest.raises(StoreError):
        s.add(seed_doc)


def test_a_second_writer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "l.duckdb"
    with Store.open(path):
        code = ("import sys; from hadath.store import Store, StoreLocked\n"
                f"try:\n    Store.open({str(path)!r})\nexcept StoreLocked:\n    sys.exit(7)")
        assert subprocess.run([sys.executable, "-c", code]).returncode == 7
    assert StoreLocked.code.startswith("H5")


def test_query_errors_are_hadath_errors(store: Store) -> None:
    with pytest.raises(StoreError):
        store.query("SELECT nope FROM nowhere")


# -- de-duplication ---------------------------------------------------------------

def test_minhash_is_stable_and_estimates_similarity() -> None:
    a = "استقبل رئيس الجمهورية وزير الخارجية الإيراني في قصر بغداد وبحث معه العلاقات " * 3
    assert minhash(a).tolist() == minhash(a).tolist()
    assert similarity(minhash(a), minhash("بغداد - " + a)) > 0.8
    assert similarity(minhash(a), minhash("أعلنت وزارة الصحة عن افتتاح مستشفى جديد")) < 0.2


def test_groups_join_near_duplicates_and_name_them_by_the_earliest() -> None:
    story = " ".join(f"كلمة{i}" for i in range(200))
    other = " ".join(f"لفظ{i}" for i in range(200))
    texts = {"a": story, "b": "عاجل: " + story + " المزيد", "c": other}
    keys = sorted(texts)
    g = groups(keys, [minhash(texts[k]).tolist() for k in keys],
               ["2024-01-02", "2024-01-01", "2024-01-01"])
    assert g == {"a": "b", "b": "b", "c": "c"}


def test_dedup_links_events_of_duplicate_reports(store: Store, nlp_events: hadath.Pipeline,
                                                 seed_doc: hadath.Document) -> None:
    variant = nlp_events("بغداد - " + seed_doc.text, id="copy", published="2024-06-13",
                         source="other-outlet")
    store.add(seed_doc)
    store.add(variant)
    report = store.dedup()
    assert report["duplicate_groups"] == 1 and report["documents_in_duplicate_groups"] == 2
    assert len({r[0] for r in store.query("SELECT dup_group FROM documents")[1]}) == 1
    n_events, n_happenings, most = store.query(
        "SELECT (SELECT count(*) FROM events), count(*), max(num_sources) FROM happenings")[1][0]
    assert most == 2 and n_happenings < n_events
    assert store.dedup() == report  # idempotent
