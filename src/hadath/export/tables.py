"""Store contents out as JSON lines (whole documents), CSV (one row per event) or
Parquet (one file per table).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, TextIO

from ..store import COLUMNS, Store

CSV_SQL = """
SELECT doc_key, event_id, doc_id, published, source, url, type, mode, context, status, date,
       actor_countries, actor_sectors, actor_names, recipient_countries, recipient_sectors,
       recipient_names, place, place_resolved, place_country, lat, lon, cameo, confidence,
       trigger_start, trigger_end, trigger_text, sentence, dup_group, happening_key
FROM event_rows {where}
ORDER BY published NULLS LAST, doc_key, position
"""


def write_jsonl(store: Store, out: TextIO, where: str = "") -> int:
    """Every stored document as a ``hadath.document/1`` JSON line (without tokens);
    ``where`` filters ``documents``. Returns how many."""
    n = 0
    for doc in store.documents(where):
        out.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join("" if v is None else str(v) for v in value)
    return "" if value is None else value


def write_csv(store: Store, out: TextIO, where: str = "") -> int:
    """One row per event (``event_rows`` flattened; lists joined with ``;``)."""
    cur = store.con.execute(CSV_SQL.format(where=f"WHERE {where}" if where else ""))
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([d[0] for d in cur.description or ()])
    n = 0
    while rows := cur.fetchmany(5000):
        writer.writerows([_cell(v) for v in row] for row in rows)
        n += len(rows)
    return n


def write_parquet(store: Store, folder: Path) -> dict[str, int]:
    """Each table (and the ``event_rows`` and ``happenings`` views) as
    ``folder/<name>.parquet``; returns the rows written per file."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name in (*COLUMNS, "errors", "ingests", "event_rows", "happenings"):
        path = str(folder / f"{name}.parquet").replace("'", "''")
        store.con.execute(f"COPY (SELECT * FROM {name}) TO '{path}' (FORMAT parquet)")
        row = store.con.execute(f"SELECT count(*) FROM {name}").fetchone()
        out[name] = int(row[0]) if row else 0
    return out
