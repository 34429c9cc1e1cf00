"""Linker rules behind speaker attribution (issue #5): a title with a country or body as
its complement, the name in apposition after a title, bodies taken up by their head
noun («المنظمة», «الخارجية»), names whose article merged into ل, outlets in quotes."""

from __future__ import annotations

import pytest

import hadath
from hadath.doc import Document, Entity


@pytest.fixture(scope="module")
def linked() -> hadath.Pipeline:
    return hadath.load(["normalizer", "sentencizer", "tokenizer", "linker"])


def holder(doc: Document, mention: str) -> Entity:
    hits = [e for e in doc.entities if any(m.text == mention for m in e.mentions)]
    assert len(hits) == 1, f"{mention!r} is in {len(hits)} entities: {doc.entities}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        # a title whose complement is a country: one mention of the person
        ("وقال وزير خارجية مصر سامح شكري إن الحوار ضروري.", "وزير خارجية مصر", "سامح شكري"),
        # the name in apposition after the title
        ("وأكد وزير الخارجية المصري، سامح شكري، أن الحوار ضروري.", "وزير الخارجية المصري",
         "سامح شكري"),
        # a body taken up by its head noun, with the article
        ("انتقدت منظمة العفو الدولية الأحكام. وقالت المنظمة إن المحاكمات جائرة.", "المنظمة",
         "منظمة العفو الدولية"),
        # after «وزارة»: its portfolio alone
        ("أدانت وزارة الخارجية العراقية الهجوم. وذكرت الخارجية في بيان أنها ترفضه.",
         "الخارجية", "وزارة الخارجية العراقية"),
        # an outlet in quotation marks after «وكالة»
        ('وأفادت وكالة "مهر" للأنباء بوقوع انفجار.', "مهر", "مهر"),
    ],
)
def test_mention_joins(linked: hadath.Pipeline, text: str, mention: str, name: str) -> None:
    assert holder(linked(text, published="2018-06-01"), mention).name == name


def test_anaphor_needs_a_bare_noun(linked: hadath.Pipeline) -> None:
    doc = linked("انتقدت منظمة العفو الدولية الأحكام. ورحبت المنظمة الدولية للهجرة بالقرار.",
                 published="2018-06-01")
    amnesty = holder(doc, "منظمة العفو الدولية")
    assert not any(m.text == "المنظمة" for m in amnesty.mentions)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("وجاء في بيان للديوان الملكي السعودي أن الملك استقبل الوفد.", "الديوان الملكي السعودي"),
        ("وأعلنت الرئاسة أن الوفد وصل للبيت الأبيض صباحا.", "البيت الأبيض"),
    ],
)
def test_article_merged_into_lam_is_restored_in_the_name(linked: hadath.Pipeline, text: str,
                                                         name: str) -> None:
    doc = linked(text, published="2018-06-01")
    assert [e.name for e in doc.entities] == [name]
    assert doc.entities[0].mentions[0].text == name[1:]  # the span stays what the text has
