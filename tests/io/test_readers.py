"""Readers: every input format, and bad input that becomes a Failure, not a crash."""

from __future__ import annotations

import gzip
import io
import json
import random
from pathlib import Path

import pytest

from hadath.io.readers import read_inputs
from hadath.record import Failure, Record

AR = "وصل وزير الخارجية الإيراني إلى بغداد صباح الخميس."


def read(*names: str, stdin: bytes | None = None, published: str | None = None
         ) -> list[Record | Failure]:
    return list(read_inputs(names, published=published,
                            stdin=io.BytesIO(stdin) if stdin is not None else None))


def test_txt_file_keeps_text_exactly(tmp_path: Path) -> None:
    raw = "\ufeff" + AR + "\r\nسطر ثان\u200f.\n"
    p = tmp_path / "art-1.txt"
    p.write_bytes(raw.encode("utf-8"))
    (rec,) = read(str(p), published="2024-06-13")
    assert isinstance(rec, Record)
    assert (rec.id, rec.text, rec.published, rec.input) == ("art-1", raw[1:], "2024-06-13", str(p))


def test_directory_reads_txt_files_sorted(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "notes.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text(AR, encoding="utf-8")
    assert [r.id for r in read(str(tmp_path))] == ["b", "a"]


def test_empty_directory_is_reported(tmp_path: Path) -> None:
    (f,) = read(str(tmp_path))
    assert isinstance(f, Failure) and f.type == "InputNotFound"


def jsonl(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


GOOD = json.dumps({"id": "n1", "text": AR, "published": "2018-02-18", "outlet": "BBC",
                   "category": "middleEast", "title": "عنوان", "url": "http://x.invalid"},
                  ensure_ascii=False)


@pytest.mark.parametrize("gz", [False, True])
def test_jsonl_records_and_malformed_lines(tmp_path: Path, gz: bool) -> None:
    data = jsonl([GOOD, "", "{not json", "[1, 2]", '{"id": "n4"}', '{"id": "n5", "text": 5}',
                  json.dumps({"text": AR}, ensure_ascii=False)])
    data += b'{"id": "n8", "text": "\xff\xfe"}\n'
    p = tmp_path / ("in.jsonl.gz" if gz else "in.jsonl")
    p.write_bytes(gzip.compress(data) if gz else data)
    out = read(str(p))
    good = out[0]
    assert isinstance(good, Record)
    assert (good.id, good.published, good.source, good.title, good.line) == (
        "n1", "2018-02-18", "BBC", "عنوان", 1)
    assert good.extra == {"category": "middleEast"}
    fails = [(o.line, o.type) for o in out if isinstance(o, Failure)]
    assert fails == [(3, "MalformedRecord"), (4, "MalformedRecord"), (5, "MalformedRecord"),
                     (6, "MalformedRecord"), (8, "NotUtf8")]
    last = out[-2]
    assert isinstance(last, Record) and last.id == "in-7"


def test_truncated_gzip_keeps_what_was_read(tmp_path: Path) -> None:
    rng = random.Random(7)
    noise = [" ".join(str(rng.random()) for _ in range(30)) for _ in range(2000)]
    lines = [json.dumps({"id": f"n{i}", "text": AR + n}) for i, n in enumerate(noise)]
    data = gzip.compress(jsonl(lines))
    p = tmp_path / "cut.jsonl.gz"
    p.write_bytes(data[: len(data) // 2])
    out = read(str(p))
    assert isinstance(out[0], Record)
    assert isinstance(out[-1], Failure) and "gzip stream broken" in out[-1].message


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "BinaryInput", "binary"),
        ("وزير الخارجية".encode("cp1256"), "NotUtf8", "not UTF-8: byte 0x"),
    ],
)
def test_undecodable_files(tmp_path: Path, content: bytes, error: str, message: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    (f,) = read(str(p))
    assert isinstance(f, Failure)
    assert (f.type, f.input, f.id) == (error, str(p), "bad")
    assert message in f.message


def test_utf16_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    p = tmp_path / "u16.txt"
    p.write_bytes(AR.encode("utf-16"))
    (rec,) = read(str(p))
    assert isinstance(rec, Record) and rec.text == AR


def test_missing_and_unsupported(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    out = read(str(tmp_path / "nope.txt"), str(tmp_path / "x.pdf"))
    assert [o.type for o in out if isinstance(o, Failure)] == ["InputNotFound",
                                                               "UnsupportedFormat"]


def test_json_file_one_or_many(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(GOOD, encoding="utf-8")
    (tmp_path / "many.json").write_text(f"[{GOOD}, 3]", encoding="utf-8")
    out = read(str(tmp_path / "one.json"), str(tmp_path / "many.json"))
    assert [type(o).__name__ for o in out] == ["Record", "Record", "Failure"]


def test_stdin_text_and_jsonl() -> None:
    (rec,) = read("-", stdin=AR.encode("utf-8"))
    assert isinstance(rec, Record) and (rec.id, rec.text) == ("stdin", AR)
    out = read("-", stdin=jsonl([GOOD, "oops"]))
    assert [type(o).__name__ for o in out] == ["Record", "Failure"]
    assert out[1].line == 2
