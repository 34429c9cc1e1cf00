"""Real expressions from the ANT corpus, table-driven: each with its expected ISO value.

``corpus_cases.tsv`` holds the cases that pass; ``known_failures.tsv`` the ones that
do not yet (strict expected failures, so that a fix is noticed).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from hadath.times import extract_times

HERE = Path(__file__).resolve().parent


class Case(NamedTuple):
    article: str
    published: str
    text: str
    type: str
    value: str
    context: str


def _load(name: str, columns: int) -> list[tuple[str, ...]]:
    rows = []
    for n, line in enumerate((HERE / name).read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        fields = tuple(line.split("\t"))
        assert len(fields) == columns, f"{name}:{n}: {len(fields)} fields, expected {columns}"
        rows.append(fields)
    return rows


CASES = [Case(*row) for row in _load("corpus_cases.tsv", 6)]
KNOWN = [(Case(*row[:6]), row[6]) for row in _load("known_failures.tsv", 7)]


def _found(case: Case) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in extract_times(case.context, case.published).times]


def test_the_table_is_large_and_varied() -> None:
    assert len(CASES) >= 200
    assert len({c.text for c in CASES}) >= 200
    assert len({c.article for c in CASES}) >= 150
    assert {c.type for c in CASES} == {"DATE", "TIME", "DURATION", "SET"}
    for c in CASES:
        assert c.text in c.context, c


@pytest.mark.parametrize("case", CASES, ids=[f"{i}:{c.text}" for i, c in enumerate(CASES, 1)])
def test_corpus_expression(case: Case) -> None:
    assert (case.text, case.type, case.value) in _found(case)


@pytest.mark.parametrize(("case", "why"), [
    pytest.param(c, why, marks=pytest.mark.xfail(reason=why, strict=True)) for c, why in KNOWN],
    ids=[c.text for c, _ in KNOWN])
def test_known_failure(case: Case, why: str) -> None:
    found = _found(case)
    if case.value == "-":
        assert not any(case.text in text for text, _, _ in found)
    else:
        assert (case.text, case.type, case.value) in found


def test_start_gate_passes_every_match() -> None:
    """:func:`~hadath.times.grammar.may_start` only skips tokens where no rule (and no
    ``block`` phrase) matches: the speed-up must not change what is found."""
    from hadath.text.normalize import normalize_str
    from hadath.times.grammar import RULES, may_start
    from hadath.times.reader import Parser

    texts = [c.context for c in CASES] + [c.context for c, _ in KNOWN]
    checked = 0
    for text in texts:
        p = Parser(normalize_str(text))
        for i in range(p.n):
            if may_start(p, i):
                continue
            assert p.get(i, "block", clitics=True) is None, (text, p.words[i])
            assert all(rule(p, i) is None for rule in RULES), (text, p.words[i])
            checked += 1
    assert checked > 1000
