"""The document model: exact round trips, strict loading, span checks."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from hadath.doc import (
    Actor,
    Document,
    Entity,
    Event,
    Mention,
    Meta,
    Place,
    Quote,
    Sentence,
    Span,
    Time,
    Token,
    Word,
)
from hadath.errors import DocumentFormatError, SpanMismatch

TEXT = ("استقبل رئيس الجمهورية عبد اللطيف رشيد، يوم الخميس، وزير الخارجية الإيراني. "
        'وقال رشيد: "أهلا".')


def full_document() -> Document:
    """A document with every layer and every optional field filled."""
    t = TEXT

    def sp(s: str, cls: type[Span] = Span, nth: int = 0) -> Any:
        start = -1
        for _ in range(nth + 1):
            start = t.index(s, start + 1)
        return cls(start, start + len(s), s)

    rashid = Entity(id="e1", type="PER", name="عبد اللطيف رشيد", name_en="Abdul Latif Rashid",
                    country="IRQ", sector="GOV", title="رئيس الجمهورية", kb_id="Q1",
                    mentions=[sp("عبد اللطيف رشيد", Mention), sp("رشيد", Mention, 1)])
    minister = Entity(id="e2", type="PER", name="وزير الخارجية الإيراني", country="IRN",
                      sector="GOV", mentions=[sp("وزير الخارجية الإيراني", Mention)])
    trig, day, hello = sp("استقبل"), sp("يوم الخميس"), sp("أهلا")
    return Document(
        id="t1", text=t,
        meta=Meta(published="2024-06-13", source="Ultra Iraq", url="https://x.invalid/a",
                  title="زيارة", extra={"category": "middleEast"}),
        sentences=[Sentence(0, t.index(".") + 1, t[: t.index(".") + 1])],
        tokens=[Token(trig.start, trig.end, trig.text, "استقبل", 0,
                      [Word(trig.start, trig.end, trig.text, "استقبل", "stem")])],
        entities=[rashid, minister],
        times=[Time(day.start, day.end, day.text, "DATE", "2024-06-13")],
        quotes=[Quote("q1", hello.start, hello.end, hello.text, "direct", speaker="e1",
                      cue=sp("وقال"), via="e1")],
        events=[Event(id="v1", event="CONSULT", trigger=trig, sentence=0, mode=["visit"],
                      context=["diplomatic"],
                      actor=[Actor(text="وزير الخارجية الإيراني", entity="e2", country="IRN",
                                   sector="GOV", start=minister.mentions[0].start,
                                   end=minister.mentions[0].end)],
                      recipient=[Actor(text="رئيس الجمهورية", country="IRQ", sector="GOV")],
                      date="2024-06-13",
                      event_loc=Place("قصر بغداد", "Baghdad", "IRQ", 33.34, 44.4, None),
                      status="asserted", cameo="043", confidence=0.9, same_as=["v2"])],
        components=["tokenizer@1.0"],
    )


def test_full_document_round_trips_exactly() -> None:
    doc = full_document()
    d = doc.to_dict()
    again = Document.from_dict(copy.deepcopy(d))
    assert again == doc
    assert again.to_dict() == d


def test_every_span_of_the_full_document_checks() -> None:
    full_document().check_spans()


def test_minimal_dict_loads_with_defaults() -> None:
    doc = Document.from_dict({"id": "x", "text": "نص"})
    assert doc.meta == Meta()
    assert doc.to_dict()["schema"] == "hadath.document/1"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(bogus=1), "unknown field"),
        (lambda d: d.pop("text"), "missing field 'text'"),
        (lambda d: d.update(schema="other/2"), "schema"),
        (lambda d: d["entities"][0].pop("type"), "document.entities[0]: missing field 'type'"),
        (lambda d: d["events"][0]["trigger"].update(x=1), "document.events[0].trigger"),
        (lambda d: d.update(times={}), "expected a list"),
        (lambda d: d["quotes"].append("quote"), "document.quotes[1]: expected an object"),
    ],
)
def test_bad_dicts_are_refused_with_their_path(mutate: Any, message: str) -> None:
    d = full_document().to_dict()
    mutate(d)
    with pytest.raises(DocumentFormatError, match=message.replace("[", r"\[").replace("]", r"\]")):
        Document.from_dict(d)


def test_check_spans_names_the_bad_span() -> None:
    doc = full_document()
    doc.entities[0].mentions[1].start += 1
    with pytest.raises(SpanMismatch, match=r"entities\[0\]\.mentions\[1\]"):
        doc.check_spans()


def test_doc_span_is_bounded() -> None:
    doc = full_document()
    assert doc.span(0, 6).text == "استقبل"
    with pytest.raises(SpanMismatch):
        doc.span(5, len(doc.text) + 1)


def test_cache_is_not_output() -> None:
    doc = full_document()
    doc.cache["norm"] = object()
    assert "cache" not in doc.to_dict()
