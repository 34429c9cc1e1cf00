"""Where a command writes: standard output (as UTF-8) or a file, gzipped for ``.gz``."""

from __future__ import annotations

import gzip
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import TextIO

__all__ = ["open_output"]


def open_output(output: Path | None, stack: ExitStack, newline: str | None = None) -> TextIO:
    """``output`` opened for text in ``stack`` (standard output when ``None``).

    ``newline`` is passed to the file's ``open``: ``""`` for CSV, whose writer
    ends its own lines."""
    if output is None:
        reconfigure = getattr(sys.stdout, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
        return sys.stdout
    if output.name.endswith(".gz"):
        return stack.enter_context(gzip.open(output, "wt", encoding="utf-8", newline=newline))
    return stack.enter_context(output.open("w", encoding="utf-8", newline=newline))
