"""Pipelines: build-time checks, running, batches, workers, pickling."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import Any, ClassVar

import pytest

import hadath
from hadath.doc import Document
from hadath.errors import EmptyText, MissingRequirement, NotArabic, UnknownComponent
from hadath.pipeline import Pipeline, registered
from hadath.record import Failure, Record

ARTICLE = "استقبل رئيس الجمهورية عبد اللطيف رشيد وزير الخارجية الإيراني. وبحث الجانبان العلاقات."


def test_default_pipeline_layers(nlp: Pipeline) -> None:
    assert nlp.names == ["normalizer", "sentencizer", "tokenizer", "timex", "ner", "linker",
                         "quotes", "events"]
    assert {"sentences", "tokens", "words", "norm"} <= nlp.layers


def test_misordered_pipeline_fails_at_build_naming_the_missing_layer() -> None:
    expected = r"'tokenizer' requires 'sentences'.*'sentencizer'"
    with pytest.raises(MissingRequirement, match=expected):
        Pipeline.from_names(["tokenizer", "sentencizer"])


def test_duplicate_component_is_refused() -> None:
    with pytest.raises(MissingRequirement, match="twice"):
        Pipeline.from_names(["sentencizer", "sentencizer"])


def test_unknown_component_lists_the_known_ones() -> None:
    with pytest.raises(UnknownComponent, match=r"'parser'.*sentencizer"):
        Pipeline.from_names(["parser"])


def test_a_new_component_plugs_in_without_changing_the_core() -> None:
    @hadath.component
    class Counter:
        name: ClassVar[str] = "test_counter"
        version: ClassVar[str] = "0.1"
        requires: ClassVar[tuple[str, ...]] = ("tokens",)
        assigns: ClassVar[tuple[str, ...]] = ("counted",)

        def __init__(self, settings: hadath.Settings) -> None:
            pass

        def __call__(self, doc: Document) -> Document:
            doc.meta.extra["n_tokens"] = len(doc.tokens)
            return doc

    nlp = hadath.load(["normalizer", "sentencizer", "tokenizer", "test_counter"])
    doc = nlp(ARTICLE)
    assert doc.meta.extra["n_tokens"] == len(doc.tokens) > 0
    assert doc.components[-1] == "test_counter@0.1"
    assert "test_counter" in registered()
    with pytest.raises(MissingRequirement, match="'test_counter' requires 'tokens'"):
        hadath.load(["sentencizer", "test_counter"])


def test_call_returns_a_document_with_meta(nlp: Pipeline) -> None:
    doc = nlp(ARTICLE, id="a1", published="2024-06-13T10:00:00Z", title="t")
    assert doc.id == "a1"
    assert doc.meta.published == "2024-06-13"
    assert [s.text for s in doc.sentences] == [
        "استقبل رئيس الجمهورية عبد اللطيف رشيد وزير الخارجية الإيراني.",
        "وبحث الجانبان العلاقات.",
    ]
    assert doc.components == ["normalizer@1.0", "sentencizer@1.0", "tokenizer@1.0",
                              "timex@1.0", "ner@1.0", "linker@0.1", "quotes@0.1",
                              "events@0.1"]
    assert doc.cache == {}
    doc.check_spans()


def test_bad_input_raises_by_default(nlp: Pipeline) -> None:
    with pytest.raises(EmptyText):
        nlp("   \n ")
    with pytest.raises(NotArabic):
        list(nlp.pipe(["This article is written in English from start to end."]))


def test_pipe_collects_failures_in_order(nlp: Pipeline) -> None:
    items: list[Record | Failure | str] = [
        Record("a", ARTICLE), Record("b", ""), Failure("c", "H106", "MalformedRecord", "bad"),
        Record("d", ARTICLE, input="x.jsonl", line=4),
    ]
    out = list(nlp.pipe(items, on_error="collect"))
    assert [type(o).__name__ for o in out] == ["Document", "Failure", "Failure", "Document"]
    assert isinstance(out[1], Failure)
    assert (out[1].id, out[1].code, out[1].type) == ("b", "H101", "EmptyText")


def test_workers_give_the_same_documents(
        nlp: Pipeline, validate: Callable[[dict[str, Any]], None]) -> None:
    texts = [ARTICLE, "قال الوزير إن \"الوضع مستقر\". وأضاف أن المحادثات ستستمر.", ""] * 4
    records = [Record(f"r{i}", t) for i, t in enumerate(texts)]
    one = [x.to_dict() for x in nlp.pipe(records, on_error="collect")]
    two = [x.to_dict() for x in nlp.pipe(records, n_process=2, batch_size=2,
                                         on_error="collect")]
    assert one == two
    assert sum("error" in x for x in two) == 4
    for d in two:
        if "error" not in d:
            validate(d)


def test_components_and_pipelines_pickle(nlp: Pipeline) -> None:
    again = pickle.loads(pickle.dumps(nlp))
    assert again(ARTICLE).to_dict() == nlp(ARTICLE).to_dict()
    assert Pipeline.from_config(nlp.config()).names == nlp.names


def test_the_library_prints_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    nlp = hadath.load()
    list(nlp.pipe([ARTICLE, ""], on_error="collect"))
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""
