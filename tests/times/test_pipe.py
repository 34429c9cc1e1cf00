"""The ``timex`` component: the seed, the document contract, and a floor on the dev set."""

from __future__ import annotations

import importlib.util
import json
import pickle
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import hadath
import hadath.times.pipes  # registers the component
from hadath.pipeline import registered
from hadath.times.pipes import TimeTagger

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "data" / "seed" / "seed-000.txt"
DEV = SHARED / "data" / "dev"
needs_shared = pytest.mark.skipif(not SEED.exists(), reason="../shared data not present")

COMPONENTS = ["normalizer", "sentencizer", "tokenizer", "timex"]


@pytest.fixture(scope="module")
def nlp() -> hadath.Pipeline:
    return hadath.load(COMPONENTS)


def test_component_is_registered() -> None:
    assert registered()["timex"] is TimeTagger
    assert TimeTagger.requires == ("tokens",)
    assert TimeTagger.assigns == ("times", "anchor")


def test_component_needs_tokens() -> None:
    with pytest.raises(hadath.errors.MissingRequirement, match="tokenizer"):
        hadath.load(["normalizer", "timex"])


def test_component_pickles(nlp: hadath.Pipeline) -> None:
    again = pickle.loads(pickle.dumps(nlp))
    text = "وصل الوزير صباح الخميس إلى بغداد في زيارة تستمر يومين"
    assert again(text, published="2024-06-13").to_dict() == nlp(
        text, published="2024-06-13").to_dict()


def test_document_contract(nlp: hadath.Pipeline,
                           validate: Callable[[dict[str, Any]], None]) -> None:
    text = "قال الوزير أمس إنه سيزور باريس الخميس المقبل، بعد زيارة استمرت 48 ساعة في مارس."
    doc = nlp(text, published="2024-06-13")
    assert [t.start for t in doc.times] == sorted(t.start for t in doc.times)
    for t in doc.times:
        assert doc.text[t.start:t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
    assert doc.meta.extra["anchor"] == {"date": "2024-06-13", "source": "published"}
    out = doc.to_dict()
    assert out["meta"]["anchor"]["source"] == "published"
    validate(out)


def test_no_anchor_is_recorded_as_null(nlp: hadath.Pipeline) -> None:
    doc = nlp("قال الوزير أمس إن الاتفاق وقع عام 2015")
    assert doc.meta.extra["anchor"] == {"date": None, "source": None}
    assert [(t.text, t.value) for t in doc.times] == [("عام 2015", "2015")]


@needs_shared
def test_seed(nlp: hadath.Pipeline) -> None:
    doc = nlp(SEED.read_text(encoding="utf-8"), id="seed-000", published="2024-06-13")
    got = {(t.text, t.value) for t in doc.times}
    assert ("يوم الخميس 13 حزيران/يونيو 2024", "2024-06-13") in got
    assert ("صباح الخميس", "2024-06-13") in got
    assert ("يومين", "P2D") in got


def _score_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hadath_score", SHARED / "tools" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_shared
@pytest.mark.skipif(not (DEV / "dev.jsonl").exists(), reason="dev set not present")
def test_dev_set_floor(nlp: hadath.Pipeline) -> None:
    """An evaluation gate: the dev figures may not fall below these floors."""
    score = _score_module()
    gold = score.load_gold(DEV)
    tally = score.Tally()
    for line in (DEV / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        g = gold[record["id"]]
        if "times" not in g.get("layers", ["times"]):
            continue
        doc = nlp(record["text"], id=record["id"], published=record.get("published"))
        score.score_times(g, doc.to_dict(), tally)
    precision, recall, _ = tally.prf()
    assert recall >= 0.95 and precision >= 0.93
    assert tally.right / tally.judged >= 0.95


def test_docstring_examples() -> None:
    import doctest

    import hadath.times
    import hadath.times.extract

    for module in (hadath.times, hadath.times.extract):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0
