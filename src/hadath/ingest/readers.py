"""Readers for corpora: CSV, HTML pages, RSS/Atom feeds and WARC archives.

These add to the readers of :mod:`hadath.io.readers` (``.txt`` files and
directories, ``.jsonl``/``.jsonl.gz``, ``.json``, stdin), which
:func:`read_corpus` uses for everything else. As there, nothing is lost: an
input or entry that cannot become a record comes out as a
:class:`~hadath.record.Failure` naming it, and reading goes on.

    ``*.csv``, ``*.csv.gz``      a header row; columns ``text`` (or ``body``,
                                 ``content``), optional ``id``, ``published``
                                 (or ``date``), ``title``, ``url``,
                                 ``source``/``outlet``; others go to meta
    ``*.html``, ``*.htm``        one page: the main text by trafilatura, title
                                 and date from the page's metadata; id = stem
    ``*.rss``, ``*.atom``,       one record per entry: the entry's content (or
    ``*.xml`` (a feed)           summary) as text, its title, link and date
    ``*.warc``, ``*.warc.gz``    one record per HTML response, read as a page

A directory is read as before (its ``*.txt`` files), plus any of the files
above inside it. HTML, feeds and WARC need ``pip install 'hadath[ingest]'``.
"""

from __future__ import annotations

import csv
import gzip
import html
import io
import re
import time
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import HadathError, MalformedRecord, UnsupportedFormat
from ..io.readers import decode, read_inputs, record_from_json
from ..record import Failure, Record

Item = Record | Failure

HTML = (".html", ".htm")
FEEDS = (".rss", ".atom", ".xml")
WARC = (".warc", ".warc.gz")
CSV = (".csv", ".csv.gz")
EXTRA = (*HTML, *FEEDS, *WARC, *CSV)
_TEXT_COLUMNS = ("text", "body", "content")
_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(p|div|br|li|h[1-6]|tr|blockquote)\b[^>]*>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v]+")


def read_corpus(inputs: Iterable[str], *, published: str | None = None) -> Iterator[Item]:
    """Records from every input: the formats above, and those of ``hadath.io.readers``."""
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            yield from _read_dir(path, published)
        elif name.lower().endswith(EXTRA):
            yield from _fill(read_file(path), published)
        else:
            yield from read_inputs([name], published=published)


def _read_dir(path: Path, published: str | None) -> Iterator[Item]:
    others = sorted(p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(EXTRA)
                    and not any(part.startswith(".") for part in p.parts))
    if any(path.rglob("*.txt")) or not others:
        yield from read_inputs([str(path)], published=published)
    for p in others:
        yield from _fill(read_file(p), published)


def _fill(items: Iterable[Item], published: str | None) -> Iterator[Item]:
    for item in items:
        if isinstance(item, Record) and item.published is None:
            item.published = published
        yield item


def read_file(path: Path) -> Iterator[Item]:
    """Records from one CSV, HTML, feed or WARC file."""
    name = str(path)
    lower = name.lower()
    try:
        if lower.endswith(CSV):
            yield from read_csv(path)
        elif lower.endswith(HTML):
            yield read_html(path.read_bytes(), name, path.stem)
        elif lower.endswith(FEEDS):
            yield from read_feed(path.read_bytes(), name)
        elif lower.endswith(WARC):
            yield from read_warc(path)
        else:
            raise UnsupportedFormat(f"don't know how to read {path.suffix!r} files", input=name)
    except HadathError as e:
        e.input = e.input or name
        yield Failure.from_error(e)
    except OSError as e:
        yield Failure("", "H107", "InputNotFound", f"cannot read: {e}", name, None)


# -- CSV -----------------------------------------------------------------------------

def read_csv(path: Path) -> Iterator[Item]:
    """One record per row of a CSV file with a header (``.csv.gz`` is decompressed)."""
    name = str(path)
    raw = gzip.decompress(path.read_bytes()) if name.lower().endswith(".gz") else path.read_bytes()
    text = decode(raw, name)
    csv.field_size_limit(1 << 30)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    column = next((c for c in _TEXT_COLUMNS if c in fields), None)
    if column is None:
        raise MalformedRecord(f"the header has no text column (one of {_TEXT_COLUMNS}); "
                              f"it has {fields}", input=name, line=1)
    reader.fieldnames = fields
    for row in reader:
        line = reader.line_num
        if None in row:  # more cells than the header names
            yield Failure.from_error(MalformedRecord(
                f"row has {len(fields) + len(row[None])} cells, the header {len(fields)}",
                input=name, line=line))
            continue
        obj: dict[str, Any] = {k: v for k, v in row.items() if v not in (None, "")}
        obj["text"] = row.get(column) or ""
        if column != "text":
            obj.pop(column, None)
        if "published" not in obj and "date" in obj:
            obj["published"] = obj.pop("date")[:10]
        try:
            yield record_from_json(obj, name, line)
        except HadathError as e:
            yield Failure.from_error(e)


# -- HTML ------------------------------------------------------------------------------

def read_html(data: bytes, where: str, id: str, *, url: str | None = None,
              line: int | None = None) -> Item:
    """One page: its main text, title, date and URL, by trafilatura."""
    trafilatura = _need("trafilatura", where)
    try:
        doc = trafilatura.bare_extraction(data, url=url, with_metadata=True,
                                          include_comments=False, include_tables=False,
                                          as_dict=False)
    except Exception as e:  # trafilatura raises many kinds on broken markup
        return Failure(id, "H106", "MalformedRecord", f"cannot parse HTML: {e}", where, line)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text:
        return Failure(id, "H101", "EmptyText", "no main text found in the page", where, line)
    date = getattr(doc, "date", None)
    return Record(id=id, text=text, title=getattr(doc, "title", None) or None,
                  published=date[:10] if isinstance(date, str) and date else None,
                  url=getattr(doc, "url", None) or url,
                  source=getattr(doc, "sitename", None) or None, input=where, line=line)


# -- RSS / Atom -------------------------------------------------------------------------

def read_feed(data: bytes, where: str) -> Iterator[Item]:
    """One record per entry of an RSS or Atom feed."""
    feedparser = _need("feedparser", where)
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        raise MalformedRecord(f"no feed entries{f': {reason}' if reason else ''}", input=where)
    outlet = feed.feed.get("title") or None
    for n, entry in enumerate(feed.entries, 1):
        content = entry.get("content") or []
        body = content[0].get("value", "") if content else entry.get("summary", "")
        rid = entry.get("id") or entry.get("link") or f"{Path(where).stem}-{n}"
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        text = html_to_text(body or "")
        if not text:
            yield Failure(rid, "H101", "EmptyText", "entry has no content or summary", where, n)
            continue
        yield Record(id=rid, text=text, title=entry.get("title") or None,
                     published=time.strftime("%Y-%m-%d", parsed) if parsed else None,
                     url=entry.get("link") or None, source=outlet, input=where, line=n)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry): tags dropped, entities decoded,
    block elements as line breaks."""
    text = _BLOCK.sub("\n", fragment)
    text = html.unescape(_TAG.sub("", text))
    lines = (_SPACES.sub(" ", ln).strip() for ln in text.split("\n"))
    return "\n".join(ln for ln in lines if ln)


# -- WARC ---------------------------------------------------------------------------------

def read_warc(path: Path) -> Iterator[Item]:
    """One record per HTML response in a WARC file (gzipped or not)."""
    name = str(path)
    warcio = _need("warcio", name)
    n = 0
    with path.open("rb") as f:
        try:
            for rec in warcio.archiveiterator.ArchiveIterator(f):
                if rec.rec_type != "response" or rec.http_headers is None:
                    continue
                ctype = (rec.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in ctype:
                    continue
                n += 1
                url = rec.rec_headers.get_header("WARC-Target-URI")
                rid = rec.rec_headers.get_header("WARC-Record-ID") or f"{path.stem}-{n}"
                yield read_html(rec.content_stream().read(), name, rid.strip("<>"),
                                url=url, line=n)
        except (warcio.exceptions.ArchiveLoadFailed, OSError, EOFError, zlib.error) as e:
            yield Failure(None, "H106", "MalformedRecord",
                          f"WARC stream broken after record {n}: {e}", name, n + 1)


def _need(module: str, where: str) -> Any:
    try:
        mod = __import__(module)
        if module == "warcio":
            import warcio.archiveiterator
            import warcio.exceptions  # noqa: F401
        return mod
    except ImportError as e:
        raise UnsupportedFormat(f"reading this needs {module}: pip install 'hadath[ingest]'",
                                input=where) from e
