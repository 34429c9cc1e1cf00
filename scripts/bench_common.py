"""What the benchmark scripts share: their arguments and the corpus sample they run on."""

from __future__ import annotations

import argparse
import gzip
import shutil
import sys
from pathlib import Path


def arguments(description: str) -> argparse.Namespace:
    """``CORPUS [--workers N …] [--limit N]``."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--limit", type=int, default=0, help="use only the first N records")
    return ap.parse_args()


def hadath_exe() -> str:
    """The `hadath` command installed beside this interpreter."""
    return shutil.which("hadath", path=str(Path(sys.executable).parent)) or "hadath"


def sample(corpus: Path, limit: int, tmp: str) -> Path:
    """``corpus`` itself, or its first ``limit`` records written to a file in ``tmp``."""
    if not limit:
        return corpus
    out = Path(tmp) / "sample.jsonl"
    with gzip.open(corpus, "rt", encoding="utf-8") as f, out.open("w") as g:
        for i, line in enumerate(f):
            if i >= limit:
                break
            g.write(line)
    return out
