"""Packaged language data: paths, JSON and TSV loading, validation errors, provenance."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from hadath import resources
from hadath.errors import DataFileError
from hadath.resources import data_path, iter_tsv, load_json, load_tsv, read_text


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A throw-away data folder in place of the packaged one, with empty caches."""
    monkeypatch.setattr(resources, "DATA_DIR", tmp_path)
    load_json.cache_clear()
    resources._load_tsv.cache_clear()
    yield tmp_path
    load_json.cache_clear()
    resources._load_tsv.cache_clear()


def test_packaged_files_exist() -> None:
    for rel in ("ar/charmap.json", "ar/clitics.json", "ar/sentences.json", "ar/vocab.tsv.gz"):
        assert data_path(rel).is_file()


@pytest.mark.parametrize("rel", ["ar/charmap.json", "ar/clitics.json", "ar/sentences.json"])
def test_json_files_say_what_they_are(rel: str) -> None:
    comment = " ".join(load_json(rel)["_comment"])
    assert "Source" in comment and "Licence" in comment


def test_vocab_header_and_rows() -> None:
    header = [ln for ln in read_text("ar/vocab.tsv.gz").splitlines()[:12] if ln.startswith("#")]
    text = "\n".join(header)
    assert "Schema" in text and "Source" in text and "Licence" in text
    rows = list(iter_tsv("ar/vocab.tsv.gz", ("form", "count")))
    assert len(rows) > 50_000
    assert rows[0][1][0] == "في"
    counts = [int(c) for _, (_, c) in rows]
    assert counts == sorted(counts, reverse=True)


def test_shipped_data_is_small() -> None:
    total = sum(p.stat().st_size for p in data_path("ar/charmap.json").parent.rglob("*")
                if p.is_file())
    assert total < 2_000_000


@pytest.mark.parametrize("rel", ["../pyproject.toml", "/etc/passwd", "", "ar\\x.json"])
def test_paths_stay_inside(rel: str) -> None:
    with pytest.raises(DataFileError):
        data_path(rel)


def test_missing_file(data_dir: Path) -> None:
    with pytest.raises(DataFileError) as err:
        load_json("ar/none.json")
    assert err.value.input and err.value.input.endswith("none.json")
    assert err.value.code == "H300"


def test_load_json_and_cache(data_dir: Path) -> None:
    (data_dir / "x.json").write_text('{"_comment": "c", "a": [1]}', encoding="utf-8")
    first = load_json("x.json")
    assert first == {"_comment": "c", "a": [1]}
    assert load_json("x.json") is first


def test_bad_json_names_line(data_dir: Path) -> None:
    (data_dir / "x.json").write_text('{\n "a": 1,\n "b": ,\n}', encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_json("x.json")
    assert err.value.line == 3
    assert str(err.value).startswith(str(data_dir / "x.json") + ":3:")


def test_not_utf8_names_line(data_dir: Path) -> None:
    (data_dir / "x.tsv").write_bytes(b"# columns: a b\nx\ty\n\xff\tz\n")
    with pytest.raises(DataFileError) as err:
        load_tsv("x.tsv", ("a", "b"))
    assert err.value.line == 3


TSV = "# Schema: form<TAB>count\n# columns: form count\n\nقال\t12\r\nرئيس\t3\n"


def test_load_tsv(data_dir: Path) -> None:
    (data_dir / "x.tsv").write_text(TSV, encoding="utf-8")
    rows = load_tsv("x.tsv", ("form", "count"))
    assert rows == [("قال", "12"), ("رئيس", "3")]
    rows.append(("x", "y"))  # a fresh list each time: the cache stays intact
    assert load_tsv("x.tsv", ("form", "count")) == [("قال", "12"), ("رئيس", "3")]
    assert list(iter_tsv("x.tsv", ("form", "count"))) == [(4, ("قال", "12")), (5, ("رئيس", "3"))]


def test_gzip_tsv(data_dir: Path) -> None:
    (data_dir / "x.tsv.gz").write_bytes(gzip.compress(TSV.encode("utf-8")))
    assert load_tsv("x.tsv.gz", ("form", "count")) == [("قال", "12"), ("رئيس", "3")]


def test_broken_gzip(data_dir: Path) -> None:
    (data_dir / "x.tsv.gz").write_bytes(b"not gzip")
    with pytest.raises(DataFileError):
        load_tsv("x.tsv.gz", ("form", "count"))


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ("# columns: form count\nقال\t12\nرئيس\n", 3),
        ("# columns: form count\nقال\t12\t7\n", 2),
        ("# columns: form count\nقال\t\n", 2),
        ("# columns: form freq\nقال\t12\n", 1),
    ],
)
def test_bad_tsv_names_line(data_dir: Path, content: str, line: int) -> None:
    (data_dir / "x.tsv").write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_tsv("x.tsv", ("form", "count"))
    assert err.value.line == line
    assert err.value.input == str(data_dir / "x.tsv")


def test_error_round_trips_as_json(data_dir: Path) -> None:
    (data_dir / "x.json").write_text("[1,", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_json("x.json")
    shape = json.loads(json.dumps(err.value.to_dict()))
    assert shape["error"]["type"] == "DataFileError" and shape["error"]["line"] == 1


def test_nothing_loaded_at_import() -> None:
    import subprocess
    import sys

    code = ("import hadath.text.tokens, hadath.text.sentences, hadath.resources as r, sys;"
            "print(r.load_json.cache_info().currsize, r._load_tsv.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["0", "0"]
