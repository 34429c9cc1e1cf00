"""``hadath extract`` end to end, in process (CliRunner) and as the installed command."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hadath import __version__
from hadath.cli.main import _register, app

from ..conftest import SEED, needs_shared

_register()
runner = CliRunner()
AR = "التقى وزير الخارجية المصري نظيره الأردني في عمان، وبحثا الأوضاع في المنطقة."


def invoke(*args: str, stdin: bytes | None = None) -> Any:
    return runner.invoke(app, list(args), input=stdin)


@needs_shared
def test_seed_gives_a_valid_document(validate: Callable[[dict[str, Any]], None]) -> None:
    res = invoke("extract", str(SEED), "--published", "2024-06-13")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    validate(doc)
    text = SEED.read_text(encoding="utf-8")
    assert doc["id"] == "seed-000" and doc["text"] == text
    assert doc["meta"]["published"] == "2024-06-13"
    assert len(doc["sentences"]) == 11
    for span in doc["sentences"] + doc["tokens"]:
        assert text[span["start"]:span["end"]] == span["text"]


def test_version_and_help() -> None:
    res = invoke("--version")
    assert res.exit_code == 0 and res.stdout.strip() == f"hadath {__version__}"
    res = invoke("--help")
    assert res.exit_code == 0 and "Examples" in res.stdout and "extract" in res.stdout
    res = invoke("extract", "--help")
    assert res.exit_code == 0 and "--published" in res.stdout and "Examples" in res.stdout


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def rec(i: str, text: str) -> str:
    return json.dumps({"id": i, "text": text}, ensure_ascii=False)


def test_batch_keeps_good_records_and_reports_bad_ones(
        tmp_path: Path, validate: Callable[[dict[str, Any]], None]) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [
        rec("a", AR), "{broken", rec("c", ""), rec("d", "An English article about football."),
        rec("e", AR)])
    errors = tmp_path / "errors.jsonl"
    res = invoke("extract", str(src), "--format", "jsonl", "--errors", str(errors))
    assert res.exit_code == 0
    docs = [json.loads(x) for x in res.stdout.splitlines()]
    assert [d["id"] for d in docs] == ["a", "e"]
    for d in docs:
        validate(d)
    assert f"{src}:2" in res.stderr and "MalformedRecord" in res.stderr
    assert f"{src}:3 [c]" in res.stderr and "EmptyText" in res.stderr
    assert f"{src}:4 [d]" in res.stderr and "NotArabic" in res.stderr
    assert "2 processed, 3 failed" in res.stderr
    reported = [json.loads(x)["error"] for x in errors.read_text(encoding="utf-8").splitlines()]
    assert [(e["line"], e["code"]) for e in reported] == [(2, "H106"), (3, "H101"),
                                                          (4, "H104")]


def test_exit_status_is_1_only_when_nothing_was_processed(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "bad.jsonl", ["{", rec("x", "")])
    assert invoke("extract", str(src)).exit_code == 1
    assert invoke("extract", str(tmp_path / "missing.txt")).exit_code == 1


def test_huge_article_is_refused_clearly(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(AR * 40_000, encoding="utf-8")  # about 5 MB of UTF-8
    assert big.stat().st_size > 5_000_000
    res = invoke("extract", str(big))
    assert res.exit_code == 1
    assert "TooLarge" in res.stderr and str(big) in res.stderr


def test_bad_options_are_usage_errors() -> None:
    assert invoke("extract", "-", "--published", "13/6/2024", stdin=b"x").exit_code == 2
    assert invoke("extract", "-", "--format", "xml", stdin=b"x").exit_code == 2


def test_stdin_table_and_gz_output(tmp_path: Path) -> None:
    res = invoke("extract", "-", "--format", "table", stdin=AR.encode("utf-8"))
    assert res.exit_code == 0
    assert "stdin" in res.stdout and "1 sentences" in res.stdout
    out = tmp_path / "out.jsonl.gz"
    res = invoke("extract", "-", "--format", "jsonl", "--output", str(out),
                 stdin=AR.encode("utf-8"))
    assert res.exit_code == 0 and res.stdout == ""
    with gzip.open(out, "rt", encoding="utf-8") as f:
        assert json.loads(f.readline())["text"] == AR


def test_json_format_gives_an_array_for_several(
        tmp_path: Path, validate: Callable[[dict[str, Any]], None]) -> None:
    src = write_jsonl(tmp_path / "two.jsonl", [rec("a", AR), rec("b", AR), rec("c", "")])
    res = invoke("extract", str(src), "--workers", "2")
    assert res.exit_code == 0
    docs = json.loads(res.stdout)
    assert [d["id"] for d in docs] == ["a", "b"]
    for d in docs:
        validate(d)


def test_progress_bar_can_be_forced(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "p.jsonl", [rec(str(i), AR) for i in range(20)])
    res = invoke("extract", str(src), "--format", "jsonl", "--progress")
    assert res.exit_code == 0
    assert "20/20" in res.stderr and "articles/s" in res.stderr
    assert "20 processed, 0 failed" in res.stderr
    assert len(res.stdout.splitlines()) == 20


@pytest.mark.parametrize("args", [["--version"], ["extract", "-", "--format", "jsonl"]])
def test_installed_command_runs(args: list[str]) -> None:
    exe = Path(sys.executable).parent / "hadath"
    res = subprocess.run([str(exe), *args], input=AR.encode("utf-8"), capture_output=True,
                         timeout=60, check=False)
    assert res.returncode == 0, res.stderr.decode()
    assert res.stdout.strip()


def test_examples_directory_summary() -> None:
    examples = Path(__file__).resolve().parents[2] / "examples"
    res = invoke("extract", str(examples), "--format", "table")
    assert res.exit_code == 0, res.output
    for name in ("seed-000", "sample-call", "sample-protest"):
        assert f"══ {name}  (" in res.stdout
    assert "2024-06-13" in res.stdout and "3 documents" in res.stdout


def test_readme_documents_every_extract_option() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    help_text = invoke("extract", "--help").stdout
    import re

    options = set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help", "--no-progress"}
    missing = sorted(o for o in options if o not in readme)
    assert not missing, f"README does not mention {missing}"
