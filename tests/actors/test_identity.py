"""Which knowledge-base person a name is (the linker's checks are tested end to end in
test_link.py: common names, surnames inside longer names)."""

from __future__ import annotations

import pytest

from hadath.actors.identity import name_words


@pytest.mark.parametrize(("name", "words"), [
    ("محمد المشنوق", ["محمد", "المشنوق"]),
    ("عبد المهدي", ["عبد المهدي"]),
    ("عبد المهدي الكربلائي", ["عبد المهدي", "الكربلائي"]),
    ("أبو بكر البغدادي", ["أبو بكر", "البغدادي"]),
    ("تميم بن حمد", ["تميم", "بن حمد"]),
    ("المشنوق", ["المشنوق"]),
    ("أحمدو ولد عبد الله", ["أحمدو", "ولد عبد الله"]),  # particles head particles
])
def test_name_words(name: str, words: list[str]) -> None:
    assert name_words(name) == words
