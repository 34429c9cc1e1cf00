"""A small demo database for the API and browser tests: the three examples, the 50 dev
articles of ../shared when present, and one hostile article whose text and title hold
markup (which every page must show as text)."""

from __future__ import annotations

import json
from pathlib import Path

import hadath
from hadath.api.app import pipeline_names
from hadath.io.readers import read_inputs
from hadath.record import Record
from hadath.store import Store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
DEV = ROOT.parent / "shared" / "data" / "dev" / "dev.jsonl"

HOSTILE_ID = "hostile-001"
HOSTILE = Record(
    id=HOSTILE_ID,
    title='<script>window.__pwned = 1</script> عنوان <img src=x onerror="window.__pwned=2">',
    published="2024-03-10", source="<b>outlet</b>",
    url="javascript:window.__pwned=3",
    text=("استقبل رئيس الجمهورية العراقي وزير الخارجية الإيراني في بغداد يوم الأحد. "
          "<script>window.__pwned = 4</script> وقال الوزير إن «العلاقات بين البلدين "
          "<img src=x onerror=\"window.__pwned=5\"> متينة». وأكد الرئيس دعم العراق "
          "للحوار."))


def build(path: Path, *, dev: bool = True) -> int:
    """Write the demo database at ``path``; the number of documents in it."""
    nlp = hadath.load(pipeline_names())
    records = [r for r in read_inputs([str(EXAMPLES)]) if isinstance(r, Record)]
    if dev and DEV.exists():
        for line in DEV.read_text(encoding="utf-8").splitlines():
            obj = json.loads(line)
            records.append(Record(id=obj["id"], text=obj["text"], published=obj.get("published"),
                                  title=obj.get("title"), source=obj.get("outlet")))
    records.append(HOSTILE)
    with Store.open(path) as store:
        for rec in records:
            store.add(nlp.process(rec))
        return store.counts()["documents"]


_BUILT: dict[str, Path] = {}


def shared(tmp_root: Path) -> Path:
    """The demo database, built once per test session (the API and browser tests share it)."""
    if "db" not in _BUILT:
        path = tmp_root / "demo.duckdb"
        build(path)
        _BUILT["db"] = path
    return _BUILT["db"]
