"""Loading of the language data packaged under ``hadath/data/``.

Every file is read lazily, on first use, and cached: nothing is loaded at
import time. Paths are relative to the data folder (``"ar/charmap.json"``)
and always use ``/``. A malformed file raises
:class:`~hadath.errors.DataFileError` naming the file and, where it makes
sense, the line.

Formats:

* **JSON** (``load_json``): one UTF-8 document. By convention an object's
  ``"_comment"`` key says what the file holds, where it comes from and under
  which licence; loaders ignore it.
* **TSV** (``load_tsv``): UTF-8, one record a line, fields separated by tabs.
  Lines starting with ``#`` are comments (schema, source, licence) and blank
  lines are skipped. A comment ``# columns: a<TAB>b`` (or ``a b``), if
  present, must name exactly the columns the caller expects, so a file and
  its reader cannot drift apart silently. A name ending in ``.gz`` is read
  through gzip.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import DataFileError

__all__ = ["DATA_DIR", "data_path", "iter_tsv", "load_json", "load_tsv", "read_text"]

DATA_DIR = Path(__file__).resolve().parent / "data"

_COLUMNS_PREFIX = "# columns:"


def data_path(rel: str) -> Path:
    """The absolute path of packaged data file ``rel`` (e.g. ``"ar/charmap.json"``).

    Raises :class:`DataFileError` if ``rel`` leaves the data folder or the
    file does not exist.
    """
    parts = PurePosixPath(rel).parts
    if not parts or PurePosixPath(rel).is_absolute() or ".." in parts or "\\" in rel:
        raise DataFileError(f"not a path inside hadath's data folder: {rel!r}", input=rel)
    path = DATA_DIR.joinpath(*parts)
    if not path.is_file():
        raise DataFileError("language data file is missing", input=str(path))
    return path


def read_text(rel: str) -> str:
    """The whole text of data file ``rel`` (gunzipped if it ends in ``.gz``).

    Not cached: callers cache what they build from it.
    """
    path = data_path(rel)
    try:
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
    except (OSError, EOFError) as e:  # gzip.BadGzipFile is an OSError
        raise DataFileError(f"cannot read: {e}", input=str(path)) from e
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise DataFileError(f"not UTF-8: {e.reason}", input=str(path), line=line) from e


@lru_cache(maxsize=64)
def load_json(rel: str) -> Any:
    """The parsed content of JSON data file ``rel`` (cached; do not mutate it)."""
    path = data_path(rel)
    text = read_text(rel)
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise DataFileError(f"invalid JSON: {e.msg}", input=str(path), line=e.lineno) from e


def iter_tsv(rel: str, columns: tuple[str, ...]) -> Iterator[tuple[int, tuple[str, ...]]]:
    """``(line number, record)`` for each record of TSV data file ``rel``; uncached.

    For large tables that the caller turns into its own structure (and can
    then report bad values with their line). Validates as :func:`load_tsv`.
    """
    path = data_path(rel)
    columns = tuple(columns)
    if not columns:
        raise DataFileError("a TSV reader needs at least one column name", input=str(path))
    n = len(columns)
    for lineno, raw in enumerate(read_text(rel).split("\n"), 1):
        line = raw[:-1] if raw.endswith("\r") else raw
        if line.startswith("#"):
            if line.startswith(_COLUMNS_PREFIX):
                declared = tuple(line[len(_COLUMNS_PREFIX):].split())
                if declared != columns:
                    raise DataFileError(
                        f"declared columns {declared} are not the expected {columns}",
                        input=str(path), line=lineno)
            continue
        if not line.strip():
            continue
        fields = tuple(line.split("\t"))
        if len(fields) != n:
            raise DataFileError(f"expected {n} tab-separated fields {columns}, got {len(fields)}",
                                input=str(path), line=lineno)
        if not all(fields):
            raise DataFileError("empty field", input=str(path), line=lineno)
        yield lineno, fields


def load_tsv(rel: str, columns: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The records of TSV data file ``rel``, each a tuple of ``len(columns)`` strings.

    The file is parsed once and cached; each call returns a new list. Raises
    :class:`DataFileError` with the line number for a record with the wrong
    number of fields, an empty field, or a ``# columns:`` comment that does
    not match ``columns``.
    """
    return list(_load_tsv(rel, tuple(columns)))


@lru_cache(maxsize=64)
def _load_tsv(rel: str, columns: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(fields for _, fields in iter_tsv(rel, columns))
