"""Readers for the NER corpora: CoNLL ``token TAG`` files and Wojood's nested layers.

Every reader yields sentences as ``(tokens, tags)`` with BIO tags over the
types ``PER``, ``ORG``, ``LOC`` and ``MISC``, whatever the corpus calls them:

* **ANERcorp** (CAMeL Lab split): ``B-PERS`` → ``B-PER``; ``MISC`` kept.
* **AQMAR**: ``PER``/``ORG``/``LOC`` kept; its ``MIS0``…``MIS3`` and stray
  spellings (``B-MIS-1``, ``B-MIS1```, ``I--ORG``, ``IO``, ``OO``) become
  ``MISC`` or ``O``.
* **Wojood** (nested): each token carries the tags of every span covering
  it. Spans are rebuilt layer by layer, ``PERS`` → PER, ``ORG`` → ORG,
  ``GPE``/``LOC``/``FAC`` → LOC, everything else (dates, occupations, NORP …)
  is dropped, and where two kept spans overlap the outermost wins. The
  ``$#$`` document separators are dropped.

A blank line ends a sentence. A line that is not ``token TAG…`` raises
:class:`~hadath.errors.DataFileError` with its line number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..errors import DataFileError

__all__ = ["TYPES", "Sentence", "normalize_tag", "read_conll", "read_wojood", "spans_to_tags"]

Sentence = tuple[list[str], list[str]]

TYPES = ("PER", "ORG", "LOC", "MISC")

_TYPE_MAP = {
    "PER": "PER", "PERS": "PER", "PERSON": "PER",
    "ORG": "ORG", "ORGANIZATION": "ORG",
    "LOC": "LOC", "LOCATION": "LOC", "GPE": "LOC", "FAC": "LOC",
    "MISC": "MISC", "MIS": "MISC",
}
_TAG = re.compile(r"^([BI])-+([A-Za-z]+)")
_WOJOOD_SEPARATOR = "$#$"


def normalize_tag(tag: str) -> str:
    """A corpus tag as ``O`` or ``B-TYPE``/``I-TYPE`` over :data:`TYPES`.

    Unknown types (and AQMAR's ``IO``/``OO`` typos) become ``O``;
    ``MIS``, ``MIS0``…``MIS3`` become ``MISC``.
    """
    m = _TAG.match(tag)
    if m is None:
        return "O"
    prefix, kind = m.groups()
    kind = kind.upper()
    mapped = _TYPE_MAP.get(kind) or ("MISC" if kind.startswith("MIS") else None)
    return f"{prefix}-{mapped}" if mapped else "O"


def repair_bio(tags: Sequence[str]) -> list[str]:
    """``tags`` with each ``I-X`` that does not continue an ``X`` turned into ``B-X``."""
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def _lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise DataFileError(f"cannot read: {e}", input=str(path)) from e
    for lineno, line in enumerate(text.split("\n"), 1):
        yield lineno, line.split()


def read_conll(path: str | Path) -> list[Sentence]:
    """The sentences of a CoNLL file of ``token TAG`` lines (ANERcorp, AQMAR)."""
    path = Path(path)
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for lineno, fields in _lines(path):
        if not fields:
            if tokens:
                sentences.append((tokens, repair_bio(tags)))
                tokens, tags = [], []
            continue
        if len(fields) < 2:
            raise DataFileError(f"expected 'token TAG', got {' '.join(fields)!r}",
                                input=str(path), line=lineno)
        tokens.append(fields[0])
        tags.append(normalize_tag(fields[-1]))
    if tokens:
        sentences.append((tokens, repair_bio(tags)))
    return sentences


def spans_to_tags(n: int, spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """BIO tags for ``n`` tokens from non-overlapping ``(start, end, type)`` spans."""
    tags = ["O"] * n
    for start, end, kind in spans:
        tags[start] = f"B-{kind}"
        for i in range(start + 1, end):
            tags[i] = f"I-{kind}"
    return tags


def read_wojood(path: str | Path) -> list[Sentence]:
    """The sentences of a Wojood nested-NER file, flattened to PER/ORG/LOC."""
    path = Path(path)
    sentences: list[Sentence] = []
    tokens: list[str] = []
    layers: list[list[str]] = []
    for lineno, fields in _lines(path):
        if not fields:
            if tokens:
                sentences.append((tokens, _flatten(layers)))
                tokens, layers = [], []
            continue
        if fields[0] == _WOJOOD_SEPARATOR:
            continue
        if len(fields) < 2:
            raise DataFileError(f"expected 'token TAG…', got {' '.join(fields)!r}",
                                input=str(path), line=lineno)
        tokens.append(fields[0])
        layers.append([t for t in fields[1:] if t != "O"])
    if tokens:
        sentences.append((tokens, _flatten(layers)))
    return sentences


def _flatten(layers: list[list[str]]) -> list[str]:
    """Rebuild nested spans from per-token tag lists; keep the outermost kept ones."""
    spans: list[tuple[int, int, str]] = []
    open_spans: dict[str, list[int]] = {}  # raw type → starts of the spans still open
    for i, token_tags in enumerate(layers):
        continuing: dict[str, int] = {}
        beginning: dict[str, int] = {}
        for tag in token_tags:
            m = _TAG.match(tag)
            if m is None:
                continue
            prefix, kind = m.groups()
            target = continuing if prefix == "I" else beginning
            target[kind] = target.get(kind, 0) + 1
        for kind in list(open_spans):
            starts = open_spans[kind]
            keep = min(continuing.get(kind, 0), len(starts))
            for start in starts[keep:]:  # the innermost spans end first
                spans.append((start, i, kind))
            open_spans[kind] = starts[:keep]
        for kind, count in beginning.items():
            open_spans.setdefault(kind, []).extend([i] * count)
    for kind, starts in open_spans.items():
        spans.extend((start, len(layers), kind) for start in starts)
    kept: list[tuple[int, int, str]] = []
    taken = [False] * len(layers)
    for start, end, kind in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        mapped = _TYPE_MAP.get(kind.upper())
        if mapped is None or mapped == "MISC" or any(taken[start:end]):
            continue
        kept.append((start, end, mapped))
        for j in range(start, end):
            taken[j] = True
    return spans_to_tags(len(layers), kept)
