"""``hadath ingest`` in process, and the README covering every option of the store commands."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hadath.cli.main import _register, app

_register()
runner = CliRunner()
AR = "التقى وزير الخارجية المصري نظيره الأردني في عمان، وبحثا الأوضاع في المنطقة."


def test_ingest_reports_failures_and_counts(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": AR}) + "\n" + '{"id": "b", "text": ""}\n',
                   encoding="utf-8")
    db = tmp_path / "h.duckdb"
    args = ["ingest", str(src), "--db", str(db), "--components",
            "normalizer,sentencizer,tokenizer", "--no-progress"]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    assert "H101 EmptyText" in res.stderr and "1 added, 0 already stored, 1 failed" in res.stderr
    res = runner.invoke(app, args)
    assert "0 added, 1 already stored, 1 failed" in res.stderr
    res = runner.invoke(app, ["query", "SELECT code, id FROM errors", "--db", str(db),
                              "--format", "csv"])
    assert res.stdout == "code,id\nH101,b\n"


@pytest.mark.parametrize(("args", "hint"), [
    (["--engine", "spark"], "--engine"),
    (["--published", "13/06/2024"], "YYYY-MM-DD"),
])
def test_bad_options_are_usage_errors(tmp_path: Path, args: list[str], hint: str) -> None:
    res = runner.invoke(app, ["ingest", "x.jsonl", "--db", str(tmp_path / "h.duckdb"), *args])
    assert res.exit_code == 2 and hint in res.output


@pytest.mark.parametrize("command", ["ingest", "query", "report", "export"])
def test_readme_documents_every_option(command: str) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    help_text = runner.invoke(app, [command, "--help"]).stdout
    options = set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help"}
    missing = sorted(o for o in options if o not in readme)
    assert not missing, f"README does not mention {missing}"
    assert f"hadath {command}" in readme
