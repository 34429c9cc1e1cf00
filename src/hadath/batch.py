"""Run a pipeline over many inputs: the one code path under the CLI and later the store.

Documents and failures stream to callbacks in input order; a failed record is
reported with its reason and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from .doc import Document
from .pipeline import Pipeline
from .record import Failure, Record

T = TypeVar("T")


@dataclass(slots=True)
class BatchReport:
    processed: int = 0
    failed: int = 0
    codes: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.processed + self.failed


def run_batch(nlp: Pipeline, items: Iterable[Record | Failure], *,
              render: Callable[[Document], T],
              on_result: Callable[[T], None],
              on_failure: Callable[[Failure], None],
              n_process: int = 1, batch_size: int = 16) -> BatchReport:
    """Process ``items``; ``render(doc)`` runs in the worker, ``on_result`` here, in order."""
    report = BatchReport()
    for result in nlp.map(items, render, n_process=n_process, batch_size=batch_size):
        if isinstance(result, Failure):
            report.failed += 1
            report.codes[result.code] = report.codes.get(result.code, 0) + 1
            on_failure(result)
        else:
            report.processed += 1
            on_result(result)
    return report
