"""Shared fixtures: the loaded pipeline, the output schema, the shared data."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import hadath

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "data" / "seed" / "seed-000.txt"
CORPUS = SHARED / "data" / "corpus" / "ant-v2.1.jsonl.gz"

needs_shared = pytest.mark.skipif(not SEED.exists(), reason="../shared data not present")


@pytest.fixture(scope="session")
def nlp() -> hadath.Pipeline:
    return hadath.load()


@pytest.fixture(scope="session")
def schema() -> dict[str, Any]:
    text = files("hadath").joinpath("schema/document.schema.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def validate(schema: dict[str, Any]) -> Any:
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    def check(doc: dict[str, Any]) -> None:
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
        hadath.Document.from_dict(doc).check_spans()

    return check
