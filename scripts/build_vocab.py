"""Build ``src/hadath/data/ar/vocab.tsv.gz``: word-form frequencies for clitic splitting.

Reads the ANT corpus (one JSON record a line, ``text`` field), tokenises each
article with hadath's own token pattern, keeps the tokens made only of Arabic
letters, counts them in the light normal form (``normalize_light``: marks,
tatweel and invisible characters removed, hamza forms, ى and ة kept) and
writes the forms seen at least ``--min-count`` times, most frequent first.
The output is byte-for-byte reproducible (sorted, gzip without a timestamp).

    .venv/bin/python scripts/build_vocab.py ../shared/data/corpus/ant-v2.1.jsonl.gz
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from pathlib import Path

from hadath.text._patterns import patterns
from hadath.text.normalize import normalize_light

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "hadath" / "data" / "ar" / "vocab.tsv.gz"
ARABIC_WORD = re.compile(r"[\u0620-\u063F\u0641-\u064A\u066E-\u066F\u0671-\u06D3\u06D5]+")

HEADER = """\
# Word-form frequencies of Arabic news, for hadath's clitic splitter (hadath.text.clitics).
# Schema: form<TAB>count; form = a token of Arabic letters only, in the light normal form
# (hadath.text.normalize.normalize_light); count = occurrences in the corpus; forms seen
# fewer than {min_count} times are left out; most frequent first, ties in code-point order.
# Source: ANT Corpus v2.1 (antcorpus/antcorpus.multisource.data @ f117ce44), {articles} articles
# of Al Arabiya, BBC Arabic, CNN Arabic, France 24 Arabic and Sky News Arabia, Feb-Oct 2018
# (Chouigui, Ben Khiroun & Elayeb, AICCSA 2017; research use, articles (c) the outlets).
# Only counts of single word forms are kept, no running text. Built by scripts/build_vocab.py.
# Licence of this table: Apache-2.0, as hadath, with the corpus credited in NOTICE.
# columns: form count
"""


def count_forms(corpus: Path) -> tuple[Counter[str], int]:
    token = patterns().token
    counts: Counter[str] = Counter()
    articles = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["text"]
            articles += 1
            for m in token.finditer(text):
                form = normalize_light(m.group())
                if ARABIC_WORD.fullmatch(form):
                    counts[form] += 1
    return counts, articles


def render(counts: Counter[str], articles: int, min_count: int) -> bytes:
    rows = sorted(((n, w) for w, n in counts.items() if n >= min_count),
                  key=lambda r: (-r[0], r[1]))
    body = "".join(f"{w}\t{n}\n" for n, w in rows)
    text = HEADER.format(min_count=min_count, articles=articles) + body
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, help="ant-v2.1.jsonl.gz")
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    counts, articles = count_forms(args.corpus)
    data = render(counts, articles, args.min_count)
    args.out.write_bytes(data)
    kept = sum(1 for n in counts.values() if n >= args.min_count)
    print(f"{args.out}: {kept} forms of {len(counts)} from {articles} articles, "
          f"{len(data)} bytes")


if __name__ == "__main__":
    main()
