"""Organisation names mined from unlabeled news by pattern (training time only).

ANERcorp's remaining errors are mostly organisations no gazetteer lists:
sports clubs («الرجاء البيضاوي»), companies («موتورولا»), newspapers. News
text names them after a head noun: «نادي X», «فريق X», «شركة X», «صحيفة X»,
«حزب X», «حركة X» … This module counts, over a corpus, the one to three
tokens that follow such a head noun (indefinite, with an optional و/ف and
ب/ل/ك proclitic; up to punctuation, a digit, a function word or another
head noun), and keeps a candidate when it follows a head noun often enough
(``min_count``) and in a large enough share of all its occurrences in the
corpus (``min_ratio``), so that common words («العمل», «النفط») that merely
happen to follow «فريق» or «شركة» drop out.

The result is stored as a small derived data file,
``hadath/data/models/ner-orgs.tsv`` (``scripts/build_ner_orgs.py``), that
:mod:`hadath.ner.lexicon` reads as the ``orgs`` source: single tokens become
the word class ``org_mined``, longer names ``ORG`` phrases.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..text.normalize import normalize_str

__all__ = ["HEADS", "ORGS_FILE", "mine_org_names", "read_org_names", "write_org_names"]

ORGS_FILE = "data/models/ner-orgs.tsv"

# Head nouns, in the matching form of normalize_str (ة → ه).
HEADS = frozenset((
    "نادي", "فريق", "شركه", "مجموعه", "حزب", "حركه", "منظمه", "جمعيه", "مؤسسه", "جامعه",
    "وكاله", "صحيفه", "قناه", "بنك", "مصرف", "هيئه", "مجله", "اذاعه", "تلفزيون", "مصنع",
    "لاعب", "مدرب", "مهاجم", "مدافع", "حارس", "اتحاد",
))

_STOP_WORDS = """
في من الي الى علي على عن مع ان او ثم حتي حتى منذ خلال بعد قبل بين عند لدي لدى ضد نحو
الذي التي الذين اللذين اللتين اللواتي ما ماذا لا لم لن قد هو هي هم هذا هذه ذلك تلك كان كانت
يكون تكون وقال قال وقالت قالت امس اليوم غدا ايضا كما كل بعض غير عبر حول دون لكن بل اذا
اي انه انها بان لان كي اما وفي ومن والي وعلي وعن ومع وان او
"""
_STOP = frozenset(_STOP_WORDS.split())

_TOKEN = re.compile(r"[\u0621-\u064A\u0671-\u06D3]+|[A-Za-z]+|\d+|[^\s]")
_WORD = re.compile(r"^[\u0621-\u064A\u0671-\u06D3]{2,}$")
_PROCLITIC = re.compile(r"^(?:[وف])?(?:[بلك])?")


def _head(token: str) -> bool:
    if token in HEADS:
        return True
    m = _PROCLITIC.match(token)
    return bool(m and m.end() and token[m.end():] in HEADS)


def _texts(corpus: Path) -> Iterator[str]:
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text") or ""
            if text:
                yield text


def _sentences(texts: Iterable[str]) -> Iterator[list[str]]:
    for text in texts:
        yield _TOKEN.findall(normalize_str(text))


def _candidates(tokens: list[str], i: int, max_len: int) -> list[tuple[str, ...]]:
    """The 1 … max_len token names after a head noun at ``i``."""
    j = i + 1
    if j < len(tokens) and tokens[j] == '"':
        j += 1
    out: list[tuple[str, ...]] = []
    name: list[str] = []
    while j < len(tokens) and len(name) < max_len:
        t = tokens[j]
        if not _WORD.match(t) or t in _STOP or _head(t):
            break
        name.append(t)
        out.append(tuple(name))
        j += 1
    return out


def mine_org_names(corpus: str | Path, *, min_count: int = 3, min_ratio: float = 0.3,
                   max_len: int = 3, min_extension: float = 0.1) -> list[tuple[str, int, float]]:
    """(name, count after a head noun, share of the name's occurrences) for kept names."""
    after: Counter[tuple[str, ...]] = Counter()
    for toks in _sentences(_texts(Path(corpus))):
        for i, t in enumerate(toks):
            if _head(t):
                after.update(_candidates(toks, i, max_len))
    # a longer name must be a usual continuation of its first tokens («الزمالك المصري»),
    # not one sentence's words («الزمالك بشطب عضويه»)
    keep: set[tuple[str, ...]] = set()
    for k, n in sorted(after.items(), key=lambda kv: len(kv[0])):
        if n >= min_count and (len(k) == 1 or (k[:-1] in keep
                                               and n >= min_extension * after[k[:-1]])):
            keep.add(k)
    total: Counter[tuple[str, ...]] = Counter()
    for toks in _sentences(_texts(Path(corpus))):
        n = len(toks)
        for i in range(n):
            for size in range(1, max_len + 1):
                if i + size > n:
                    break
                key = tuple(toks[i:i + size])
                if key in keep:
                    total[key] += 1
    out = []
    for key in sorted(keep):
        ratio = after[key] / max(total[key], after[key])
        if ratio >= min_ratio:
            out.append((" ".join(key), after[key], round(ratio, 3)))
    return out


def write_org_names(rows: Iterable[tuple[str, int, float]], path: str | Path) -> None:
    with Path(path).open("w", encoding="utf-8") as f:
        f.write("# name\tcount\tratio  (scripts/build_ner_orgs.py; from the ANT corpus v2.1)\n")
        for name, count, ratio in rows:
            f.write(f"{name}\t{count}\t{ratio}\n")


def read_org_names(path: str | Path | None = None) -> list[tuple[str, int, float]]:
    """(name, count, ratio) of the packaged list (or of ``path``)."""
    if path is None:
        path = Path(__file__).resolve().parents[1] / ORGS_FILE
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, count, ratio = line.split("\t")
            rows.append((name, int(count), float(ratio)))
    return rows
