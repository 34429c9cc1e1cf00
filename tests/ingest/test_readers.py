"""Corpus readers: CSV, HTML, RSS/Atom and WARC, each bad entry reported in its place."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from hadath.ingest.readers import html_to_text, read_corpus
from hadath.record import Failure, Record

AR = "التقى وزير الخارجية المصري نظيره الأردني في عمان، وبحثا الأوضاع في المنطقة."
AR2 = "أعلنت وزارة الصحة العراقية افتتاح مستشفى جديد في البصرة يوم الأحد الماضي."

PAGE = f"""<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8">
<title>عنوان الخبر | الموقع</title>
<meta property="og:title" content="عنوان الخبر">
<meta property="og:site_name" content="الموقع">
<meta property="article:published_time" content="2024-06-13T09:30:00Z">
<link rel="canonical" href="https://example.com/news/1">
</head><body><nav><a href="/">الرئيسية</a> | <a href="/world">العالم</a></nav>
<article><h1>عنوان الخبر</h1><p>{AR} {AR2}</p><p>{AR2} {AR}</p><p>{AR}</p></article>
<footer>جميع الحقوق محفوظة</footer></body></html>"""

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>وكالة الأنباء</title><link>https://example.com</link>
<item><title>خبر أول</title><link>https://example.com/1</link><guid>n-1</guid>
<pubDate>Thu, 13 Jun 2024 09:00:00 GMT</pubDate>
<description>&lt;p&gt;{AR}&lt;/p&gt;</description></item>
<item><title>خبر فارغ</title><link>https://example.com/2</link><guid>n-2</guid></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>موقع</title>
<entry><title>خبر</title><id>urn:a:1</id><link href="https://example.com/a1"/>
<updated>2024-06-12T08:00:00Z</updated>
<content type="html">&lt;p&gt;{AR2}&lt;/p&gt;</content></entry>
</feed>"""


def read(path: Path) -> list[Record | Failure]:
    return list(read_corpus([str(path)]))


CSV_CASES = [
    # (csv text, expected: list of ("ok", id, published) or ("fail", code))
    (f'id,text,published,outlet\na1,"{AR}",2024-06-13,X\n', [("ok", "a1", "2024-06-13")]),
    (f'body,date\n"{AR}",2024-06-13T10:00:00\n', [("ok", "in-2", "2024-06-13")]),
    (f'id,text\na1,"{AR}"\na2,"{AR2}",extra\n', [("ok", "a1", None), ("fail", "H106")]),
    ("id,headline\na1,nothing\n", [("fail", "H106")]),
]


@pytest.mark.parametrize(("content", "expected"), CSV_CASES)
def test_csv(tmp_path: Path, content: str, expected: list[tuple[str, ...]]) -> None:
    path = tmp_path / "in.csv"
    path.write_text(content, encoding="utf-8")
    got = read(path)
    assert len(got) == len(expected)
    for item, want in zip(got, expected, strict=True):
        if want[0] == "ok":
            assert isinstance(item, Record), item
            assert (item.id, item.published) == want[1:]
            assert item.text in (AR, AR2) and item.input == str(path)
        else:
            assert isinstance(item, Failure) and item.code == want[1]


def test_csv_gz_and_outlet(tmp_path: Path) -> None:
    path = tmp_path / "in.csv.gz"
    path.write_bytes(gzip.compress(f'id,text,outlet\nz,"{AR}",Wire\n'.encode()))
    (rec,) = read(path)
    assert isinstance(rec, Record) and rec.source == "Wire" and rec.line == 2


def test_html_page_gives_main_text_and_metadata(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    path = tmp_path / "story.html"
    path.write_text(PAGE, encoding="utf-8")
    (rec,) = read(path)
    assert isinstance(rec, Record), rec
    assert rec.id == "story" and rec.published == "2024-06-13"
    assert rec.title == "عنوان الخبر" and rec.url == "https://example.com/news/1"
    assert AR in rec.text and "الرئيسية" not in rec.text and "محفوظة" not in rec.text


def test_html_without_text_fails(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    path = tmp_path / "empty.html"
    path.write_text("<html><body></body></html>", encoding="utf-8")
    (item,) = read(path)
    assert isinstance(item, Failure) and item.code in ("H101", "H106")


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("feed.rss", RSS, [("n-1", AR, "2024-06-13", "وكالة الأنباء"), ("n-2", None)]),
    ("feed.atom", ATOM, [("urn:a:1", AR2, "2024-06-12", "موقع")]),
])
def test_feeds(tmp_path: Path, name: str, content: str, expected: list[tuple[str | None, ...]]
               ) -> None:
    pytest.importorskip("feedparser")
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    got = read(path)
    assert len(got) == len(expected)
    for item, want in zip(got, expected, strict=True):
        if want[1] is None:
            assert isinstance(item, Failure) and item.code == "H101" and item.id == want[0]
        else:
            assert isinstance(item, Record)
            assert (item.id, item.text, item.published, item.source) == want


def test_broken_feed_is_one_failure(tmp_path: Path) -> None:
    pytest.importorskip("feedparser")
    path = tmp_path / "bad.xml"
    path.write_text("<rss><channel>", encoding="utf-8")
    (item,) = read(path)
    assert isinstance(item, Failure) and item.input == str(path)


def _warc(path: Path, pages: list[tuple[str, str, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=path.name.endswith(".gz"))
        for url, ctype, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)],
                                       protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body.encode("utf-8")),
                http_headers=headers))


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses(tmp_path: Path, name: str) -> None:
    pytest.importorskip("warcio")
    pytest.importorskip("trafilatura")
    path = tmp_path / name
    _warc(path, [("https://example.com/news/1", "text/html; charset=utf-8", PAGE),
                 ("https://example.com/logo.png", "image/png", "PNG"),
                 ("https://example.com/blank", "text/html", "<html></html>")])
    got = read(path)
    assert len(got) == 2
    assert isinstance(got[0], Record) and AR in got[0].text
    assert got[0].url == "https://example.com/news/1" and got[0].published == "2024-06-13"
    assert isinstance(got[1], Failure)


def test_garbage_in_a_warc_reports_the_break(tmp_path: Path) -> None:
    pytest.importorskip("warcio")
    pytest.importorskip("trafilatura")
    path = tmp_path / "cut.warc.gz"
    _warc(path, [("https://example.com/news/1", "text/html", PAGE)] * 2)
    path.write_bytes(path.read_bytes() + b"this is not a WARC record\r\n" * 3)
    got = read(path)
    assert [type(g).__name__ for g in got] == ["Record", "Record", "Failure"]
    assert isinstance(got[-1], Failure) and got[-1].code == "H106" and got[-1].line == 3


def test_directory_mixes_forms(tmp_path: Path) -> None:
    pytest.importorskip("feedparser")
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "f.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "n.csv").write_text(f'id,text\nc1,"{AR2}"\n', encoding="utf-8")
    ids = [item.id for item in read_corpus([str(tmp_path)])]
    assert ids == ["a", "c1", "n-1", "n-2"]


def test_other_inputs_use_the_base_readers(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(f'{{"id": "j", "text": "{AR}"}}\nnot json\n', encoding="utf-8")
    got = list(read_corpus([str(path)], published="2024-01-01"))
    assert isinstance(got[0], Record) and got[0].published == "2024-01-01"
    assert isinstance(got[1], Failure) and got[1].line == 2


def test_html_to_text() -> None:
    assert html_to_text("<p>أ &amp; ب</p><p>ج<br>د</p>") == "أ & ب\nج\nد"
