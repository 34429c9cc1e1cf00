"""Readers: turn inputs (files, directories, stdin) into a stream of records.

Nothing is lost: every piece of input that can't become a record — a missing
file, undecodable bytes, a malformed JSONL line — comes out as a
:class:`~hadath.record.Failure` naming the input and line, in its place in
the stream, and reading goes on.

Formats, chosen by name:
    ``*.txt`` (or no extension)   one article; id = file stem
    ``*.jsonl``, ``*.jsonl.gz``   one JSON record a line: ``id``, ``text``, and
                                  optional ``published``, ``title``, ``url``,
                                  ``outlet``/``source``; other keys go to meta
    ``*.json``                    one such record, or a list of them
    a directory                   its ``*.txt`` files, recursively, sorted; a
                                  ``meta.json`` beside them (``{stem: {published,
                                  title, url, outlet}}``) supplies their metadata
    ``-``                         standard input: JSONL if it starts with ``{``,
                                  else one article with id ``stdin``
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import (
    BinaryInput,
    HadathError,
    InputNotFound,
    MalformedRecord,
    NotUtf8,
    UnsupportedFormat,
)
from ..record import Failure, Record

Item = Record | Failure

_RECORD_KEYS = {"id", "text", "published", "title", "url", "source", "outlet"}
_TEXT_SUFFIXES = {".txt", ".text", ""}


def read_inputs(inputs: Iterable[str], *, published: str | None = None,
                stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Records from every input in turn. ``published`` fills records that lack a date."""
    for name in inputs:
        items = _read_stdin(stdin) if name == "-" else read_path(Path(name))
        for item in items:
            if isinstance(item, Record) and item.published is None:
                item.published = published
            yield item


def read_path(path: Path) -> Iterator[Item]:
    name = str(path)
    if not path.exists():
        yield _fail(InputNotFound(f"no such file or directory: {name}", input=name))
    elif path.is_dir():
        files = sorted(p for p in path.rglob("*.txt")
                       if p.is_file() and not any(part.startswith(".") for part in p.parts))
        if not files:
            yield _fail(InputNotFound(f"directory {name} holds no .txt files", input=name))
        sidecars: dict[Path, dict[str, Any] | Failure] = {}
        for p in files:
            if p.parent not in sidecars:
                sidecars[p.parent] = _read_sidecar(p.parent / "meta.json")
                if isinstance(sidecars[p.parent], Failure):
                    yield sidecars[p.parent]  # type: ignore[misc]
            item = _read_text_file(p)
            meta = sidecars[p.parent]
            if isinstance(item, Record) and isinstance(meta, dict):
                _apply_meta(item, meta.get(p.stem))
            yield item
    elif name.endswith((".jsonl.gz", ".ndjson.gz")):
        yield from _read_jsonl_gz(path)
    elif path.suffix in (".jsonl", ".ndjson"):
        with path.open("rb") as f:
            yield from read_jsonl_lines(f, name)
    elif path.suffix == ".json":
        yield from _read_json(path)
    elif path.suffix in _TEXT_SUFFIXES:
        yield _read_text_file(path)
    else:
        yield _fail(UnsupportedFormat(
            f"don't know how to read {path.suffix!r} files; give .txt, .jsonl, .jsonl.gz, "
            ".json or a directory", input=name))


def _read_sidecar(path: Path) -> dict[str, Any] | Failure:
    if not path.is_file():
        return {}
    try:
        obj = json.loads(decode(path.read_bytes(), str(path)))
    except HadathError as e:
        return _fail(e)
    except json.JSONDecodeError as e:
        return _fail(MalformedRecord(f"not JSON: {e.msg}", input=str(path), line=e.lineno))
    if not isinstance(obj, dict):
        return _fail(MalformedRecord("expected an object mapping file stems to metadata",
                                     input=str(path)))
    return obj


def _apply_meta(rec: Record, meta: Any) -> None:
    if not isinstance(meta, dict):
        return
    for key in ("published", "title", "url"):
        if isinstance(meta.get(key), str):
            setattr(rec, key, meta[key])
    source = meta.get("source") or meta.get("outlet")
    if isinstance(source, str):
        rec.source = source


def _fail(err: HadathError) -> Failure:
    return Failure.from_error(err)


def decode(data: bytes, where: str, line: int | None = None) -> str:
    """The text of UTF-8 ``data`` (or of UTF-16 with a byte order mark; a leading BOM is
    dropped), or raise a clear input error."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise NotUtf8(f"starts with a UTF-16 byte order mark but is not UTF-16: {e.reason}",
                          input=where, line=line) from e
    if b"\x00" in data[:8192]:
        raise BinaryInput("binary data, not text", input=where, line=line)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise NotUtf8(f"not UTF-8: byte 0x{data[e.start]:02x} at offset {e.start} "
                      "cannot be decoded", input=where, line=line) from e


def _read_text_file(path: Path) -> Item:
    name = str(path)
    try:
        text = decode(path.read_bytes(), name)
    except HadathError as e:
        e.id = path.stem
        return _fail(e)
    except OSError as e:
        return _fail(InputNotFound(f"cannot read: {e.strerror}", input=name, id=path.stem))
    return Record(id=path.stem, text=text, input=name)


def _read_stdin(stdin: BinaryIO | None) -> Iterator[Item]:
    if stdin is None:
        yield _fail(InputNotFound("no standard input to read", input="-"))
        return
    data = stdin.read()
    if data.lstrip()[:1] == b"{":
        yield from read_jsonl_lines(iter(data.splitlines(keepends=True)), "<stdin>")
        return
    try:
        yield Record(id="stdin", text=decode(data, "<stdin>"), input="<stdin>")
    except HadathError as e:
        e.id = "stdin"
        yield _fail(e)


def _read_jsonl_gz(path: Path) -> Iterator[Item]:
    name = str(path)
    line = 0
    try:
        with gzip.open(path, "rb") as f:
            for item in read_jsonl_lines(f, name):
                line = item.line or line
                yield item
    except (OSError, EOFError, zlib.error) as e:
        yield _fail(MalformedRecord(f"gzip stream broken after line {line}: {e}",
                                    input=name, line=line + 1))


def read_jsonl_lines(lines: Iterable[bytes], where: str) -> Iterator[Item]:
    """Records from JSONL byte lines; each bad line becomes a Failure naming it."""
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            yield record_from_json(json.loads(decode(raw, where, n)), where, n)
        except HadathError as e:
            yield _fail(e)
        except json.JSONDecodeError as e:
            yield _fail(MalformedRecord(f"not JSON: {e.msg} at column {e.colno}",
                                        input=where, line=n))


def record_from_json(obj: Any, where: str, line: int | None = None) -> Record:
    """A record from a decoded JSON object, checked for shape."""
    if not isinstance(obj, dict):
        raise MalformedRecord(f"expected a JSON object, got {type(obj).__name__}",
                              input=where, line=line)
    rid = obj.get("id")
    if rid is None or rid == "":
        rid = f"{Path(where).name.split('.')[0]}-{line}" if line else Path(where).stem
    elif not isinstance(rid, str | int):
        raise MalformedRecord(f"'id' must be a string, not {type(rid).__name__}",
                              input=where, line=line)
    rid = str(rid)
    if "text" not in obj:
        raise MalformedRecord("record has no 'text' field", input=where, line=line, id=rid)
    fields: dict[str, str | None] = {}
    for key in ("text", "published", "title", "url", "source", "outlet"):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise MalformedRecord(f"{key!r} must be a string, not {type(value).__name__}",
                                  input=where, line=line, id=rid)
        fields[key] = value
    extra = {k: v for k, v in obj.items() if k not in _RECORD_KEYS}
    return Record(id=rid, text=fields["text"] or "", published=fields["published"] or None,
                  title=fields["title"], url=fields["url"],
                  source=fields["source"] or fields["outlet"], extra=extra,
                  input=where, line=line)


def _read_json(path: Path) -> Iterator[Item]:
    name = str(path)
    try:
        obj = json.loads(decode(path.read_bytes(), name))
    except HadathError as e:
        yield _fail(e)
        return
    except json.JSONDecodeError as e:
        yield _fail(MalformedRecord(f"not JSON: {e.msg}", input=name, line=e.lineno))
        return
    for i, item in enumerate(obj if isinstance(obj, list) else [obj], 1):
        try:
            rec = record_from_json(item, name, i if isinstance(obj, list) else None)
        except HadathError as e:
            yield _fail(e)
            continue
        yield rec
