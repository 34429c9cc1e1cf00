"""Writers: documents out as JSON, JSONL, or a readable table for people.

Each writer takes documents one at a time (``write``) and is closed once
(``close``), so a batch of any size streams through in constant memory.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any, Generic, TextIO, TypeVar

from ..doc import Document

FORMATS = ("json", "jsonl", "table")
R = TypeVar("R")


def dumps(doc: Document, *, indent: int | None = None) -> str:
    return json.dumps(doc.to_dict(), ensure_ascii=False, indent=indent)


def json_line(doc: Document) -> str:
    """One document as a compact JSON line (module-level, so workers can run it)."""
    return dumps(doc) + "\n"


def json_pretty(doc: Document) -> str:
    return dumps(doc, indent=2)


def as_is(doc: Document) -> Document:
    return doc


class Writer(Generic[R]):
    """Writes rendered documents. ``render`` turns a document into what ``emit`` takes;
    batch runs call it in the worker process that made the document."""

    render: Callable[[Document], R]

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.count = 0

    def write(self, doc: Document) -> None:
        self.emit(self.render(doc))

    def emit(self, rendered: R) -> None:
        self.count += 1
        self._emit(rendered)

    def _emit(self, rendered: R) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.out.flush()


class JsonlWriter(Writer[str]):
    """One compact JSON document a line."""

    render = staticmethod(json_line)

    def _emit(self, rendered: str) -> None:
        self.out.write(rendered)


class JsonWriter(Writer[str]):
    """One document as an indented JSON object; several as a JSON array."""

    render = staticmethod(json_pretty)

    def __init__(self, out: TextIO) -> None:
        super().__init__(out)
        self._first: str | None = None

    def _emit(self, rendered: str) -> None:
        if self.count == 1:
            self._first = rendered
            return
        if self._first is not None:
            self.out.write("[\n" + self._first)
            self._first = None
        self.out.write(",\n" + rendered)

    def close(self) -> None:
        if self._first is not None:
            self.out.write(self._first + "\n")
        elif self.count > 1:
            self.out.write("\n]\n")
        elif self.count == 0:
            self.out.write("[]\n")
        super().close()


class TableWriter(Writer[Document]):
    """A readable summary of each document: counts, then what was found."""

    render = staticmethod(as_is)

    def __init__(self, out: TextIO, *, max_rows: int = 12) -> None:
        super().__init__(out)
        self.max_rows = max_rows
        self.totals: Counter[str] = Counter()

    def _emit(self, doc: Document) -> None:
        words = sum(len(t.words) for t in doc.tokens)
        counts = {"sentences": len(doc.sentences), "tokens": len(doc.tokens), "words": words,
                  "entities": len(doc.entities), "times": len(doc.times),
                  "quotes": len(doc.quotes), "events": len(doc.events)}
        self.totals.update(counts)
        w = self.out.write
        meta = " · ".join(x for x in (doc.meta.published, doc.meta.source, doc.meta.title) if x)
        w(f"══ {doc.id}" + (f"  ({meta})" if meta else "") + "\n")
        w(f"   {len(doc.text):,} characters · " +
          " · ".join(f"{n:,} {k}" for k, n in counts.items()) + "\n")
        for ent in doc.entities[: self.max_rows]:
            extra = "/".join(x for x in (ent.country, ent.sector) if x)
            w(f"   entity  {ent.type:<4} {ent.name}  {extra}  ×{len(ent.mentions)}\n")
        for tm in doc.times[: self.max_rows]:
            w(f"   time    {tm.text}  →  {tm.value}\n")
        names = {e.id: e.name for e in doc.entities}
        for q in doc.quotes[: self.max_rows]:
            who = names.get(q.speaker, "?") if q.speaker else "?"
            w(f"   quote   [{q.kind}] {_clip(q.text, 60)}  — {who}\n")
        for ev in doc.events[: self.max_rows]:
            actors = ",".join(a.text for a in ev.actor) or "?"
            recips = ",".join(a.text for a in ev.recipient) or "?"
            w(f"   event   {ev.event} {'/'.join(ev.mode)}  {actors} → {recips}  "
              f"{ev.date or ''} [{ev.status}]\n")
        for i, sent in enumerate(doc.sentences[: self.max_rows]):
            w(f"   s{i:<3} {_clip(sent.text, 90)}\n")
        if len(doc.sentences) > self.max_rows:
            w(f"   … {len(doc.sentences) - self.max_rows} more sentences\n")
        split = [t for t in doc.tokens if len(t.words) > 1][: self.max_rows]
        if split:
            w("   clitics " + "  ".join("+".join(x.text for x in t.words) for t in split) + "\n")
        w("\n")

    def close(self) -> None:
        if self.count > 1:
            self.out.write(f"{self.count} documents · " +
                           " · ".join(f"{n:,} {k}" for k, n in self.totals.items()) + "\n")
        super().close()


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def make_writer(fmt: str, out: TextIO) -> Writer[Any]:
    writers: dict[str, type[Writer[Any]]] = {"json": JsonWriter, "jsonl": JsonlWriter,
                                             "table": TableWriter}
    return writers[fmt](out)
