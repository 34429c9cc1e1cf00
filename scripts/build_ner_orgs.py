"""Build ``src/hadath/data/models/ner-orgs.tsv``: organisation names mined from the news corpus.

usage: python scripts/build_ner_orgs.py [SHARED]   (default ../shared beside the repository)

Deterministic: the same corpus gives the same file (see :mod:`hadath.ner.orgs`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from hadath.ner.clusters import CORPUS
from hadath.ner.orgs import ORGS_FILE, mine_org_names, write_org_names


def main() -> None:
    root = Path(__file__).resolve().parents[1]
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared"
    rows = mine_org_names(shared / CORPUS, min_count=3, min_ratio=0.2)
    out = root / "src" / "hadath" / ORGS_FILE
    write_org_names(rows, out)
    print(f"{len(rows):,} names written to {out}")


if __name__ == "__main__":
    main()
