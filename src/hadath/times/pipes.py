"""The ``timex`` pipeline component: ``doc.times`` and ``doc.meta.extra["anchor"]``."""

from __future__ import annotations

from typing import ClassVar

from ..doc import Document
from ..pipeline import ComponentBase, component
from ..text.pipes import get_norm
from .extract import extract_times


@component
class TimeTagger(ComponentBase):
    """Dates, times, durations and sets, normalised to ISO 8601 and anchored.

    Relative expressions resolve against ``meta.published``, else the article's
    dateline, else its first full date (see :mod:`hadath.times.anchor`); the
    anchor used is stored in ``meta.extra["anchor"]``. The language data is
    loaded once per process, on first use.
    """

    name: ClassVar[str] = "timex"
    version: ClassVar[str] = "1.0"
    requires: ClassVar[tuple[str, ...]] = ("tokens",)
    assigns: ClassVar[tuple[str, ...]] = ("times", "anchor")

    def __call__(self, doc: Document) -> Document:
        found = extract_times(doc.text, doc.meta.published, norm=get_norm(doc),
                              tokens=doc.tokens,
                              sentences=[(s.start, s.end) for s in doc.sentences])
        doc.times = found.times
        doc.meta.extra["anchor"] = found.anchor.to_dict()
        return doc
