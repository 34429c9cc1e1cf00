"""Building the tagger's lexicon from gazetteers, name lists and word clusters.

Training time only: the result is stored inside the model file, so a model
never changes when these sources do. Sources, each optional:

* the actor knowledge base (:mod:`hadath.actors`): countries, cities,
  organisations (by subtype), people, nisba adjectives and title words;
* the ``arabic-name-romanizer`` package's ``names.sqlite3`` (CC0/MIT):
  given names and surnames (by role), and full names as phrases;
* ``../shared/data/gazetteers/``: ``arabic-names/`` (MIT) given and family
  names, ``cities/cities_ar.tsv`` (ODbL) city names with population tiers;
* ``orgs``: organisation names mined from the news corpus by pattern
  (:mod:`hadath.ner.orgs`, the packaged ``data/models/ner-orgs.tsv``);
* a cluster table from :mod:`hadath.ner.clusters`.

Single tokens become word classes (``given``, ``surname``, ``country``,
``city``, ``city_big``, ``org``, ``org_MEDIA``, ``nisba``, ``title``, …);
names of two or more tokens become phrases typed ``PER``/``ORG``/``LOC``.
Keys are the matching forms of :func:`hadath.text.normalize.normalize_str`,
phrase keys joined by single spaces after hadath's tokenisation.
"""

from __future__ import annotations

import csv
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from ..resources import load_tsv
from ..text.tokens import tokenize
from .features import Lexicon

__all__ = ["LexiconBuilder", "build_lexicon", "names_db_path"]

_ARABIC_ONLY = re.compile(r"^[\u0621-\u064A\u0671-\u06D3 ]+$")

CITIES = "data/gazetteers/cities/cities_ar.tsv"
ARABIC_NAMES = {
    "given": ("data/gazetteers/arabic-names/male-first--names-in-arabic.txt",
              "data/gazetteers/arabic-names/female-first-names-in-arabic.txt"),
    "surname": ("data/gazetteers/arabic-names/last-names-in-arabic.txt",),
}


def _tokens(name: str) -> list[str]:
    return [t.norm for t in tokenize(name) if t.norm]


class LexiconBuilder:
    """Collects word classes and typed phrases, then makes a :class:`Lexicon`."""

    def __init__(self) -> None:
        self.words: dict[str, set[str]] = defaultdict(set)
        self.phrases: dict[str, Counter[str]] = defaultdict(Counter)

    def add_word(self, word: str, cls: str) -> None:
        toks = _tokens(word)
        if len(toks) == 1:
            self.words[toks[0]].add(cls)

    def add_name(self, name: str, kind: str, word_cls: str | None = None,
                 weight: int = 1) -> None:
        """A name of type ``kind`` (PER/ORG/LOC): a phrase, or a word of ``word_cls``."""
        toks = _tokens(name)
        if len(toks) >= 2:
            if len(toks) <= 6:
                self.phrases[" ".join(toks)][kind] += weight
        elif toks and word_cls:
            self.words[toks[0]].add(word_cls)

    def build(self, clusters: dict[str, str] | None = None) -> Lexicon:
        words = {w: " ".join(sorted(c)) for w, c in sorted(self.words.items()) if w}
        phrases = {p: c.most_common(1)[0][0] for p, c in sorted(self.phrases.items())}
        return Lexicon(words=words, phrases=phrases, clusters=dict(clusters or {}))

    # -- sources -----------------------------------------------------------------

    def add_kb(self) -> None:
        from ..actors.kb import KnowledgeBase

        kb = KnowledgeBase.default()
        for e in kb:
            source = e.id.split(":", 1)[0]
            if source == "people":
                continue  # «الشعب العراقي»: a collective, not a name
            names = [e.name, *e.aliases]
            if e.type == "PER":
                cls = "kb_per"
                for n in names:
                    toks = _tokens(n)
                    if len(toks) >= 2:
                        self.words[toks[0]].add("kb_first")
                        self.words[toks[-1]].add("kb_last")
            elif e.type == "LOC":
                cls = {"country": "country", "city": "city"}.get(source, "kb_loc")
            else:
                cls = "org_" + (e.subtype or "ORG")
            weight = 1 if source == "petrarch" else 3
            for n in names:
                self.add_name(n, e.type, cls, weight)
        for form, _country in load_tsv("kb/nisba.tsv", ("form", "country")):
            self.add_word(form, "nisba")
        for phrase, sector, _kind, _source in load_tsv("kb/titles.tsv",
                                                       ("phrase", "sector", "kind", "source")):
            toks = _tokens(phrase)
            if len(toks) == 1:
                self.words[toks[0]].add("title")
                self.words[toks[0]].add("title_" + sector)

    def add_names_db(self, path: str | Path, min_count: int = 2) -> None:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            counts: dict[tuple[str, str], int] = Counter()
            for key, role, count in con.execute("SELECT arabic_key, role, count FROM units"):
                if _ARABIC_ONLY.match(key):
                    counts[(key, role)] += count
            for (key, role), count in counts.items():
                if count >= min_count and role in ("given", "surname"):
                    toks = _tokens(key)
                    if len(toks) == 1:
                        self.words[toks[0]].add(role)
            for (key,) in con.execute("SELECT DISTINCT arabic_key FROM full_names"):
                if _ARABIC_ONLY.match(key):
                    self.add_name(key, "PER")
        finally:
            con.close()

    def add_arabic_names(self, shared: Path) -> None:
        for cls, files in ARABIC_NAMES.items():
            for rel in files:
                for line in (shared / rel).read_text(encoding="utf-8").splitlines():
                    if line.strip():
                        self.add_word(line.strip(), cls)

    def add_cities(self, shared: Path, min_population: int = 1000) -> None:
        with (shared / CITIES).open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                try:
                    pop = int(row.get("population") or 0)
                except ValueError:
                    pop = 0
                name = row.get("name_ar") or ""
                if not name or pop < min_population:
                    continue
                toks = _tokens(name)
                if len(toks) == 1:
                    self.words[toks[0]].add("city_big" if pop >= 100_000 else "city_small")
                elif pop >= 10_000:
                    self.add_name(name, "LOC")


    def add_orgs(self, path: str | Path | None = None, strong: float = 0.5,
                 weak: float = 0.2, phrase: float = 0.25) -> None:
        """The mined organisation names of :mod:`hadath.ner.orgs`.

        One token: the class ``org_mined`` (at least ``strong`` of its
        occurrences follow a head noun) or ``org_mined_weak`` (at least
        ``weak``); longer names: ``ORG`` phrases (at least ``phrase``).
        """
        from .orgs import read_org_names

        for name, _count, ratio in read_org_names(path):
            toks = name.split()
            if len(toks) == 1:
                if ratio >= strong:
                    self.words[toks[0]].add("org_mined")
                elif ratio >= weak:
                    self.words[toks[0]].add("org_mined_weak")
            elif ratio >= phrase and len(toks) <= 6:
                self.phrases[name]["ORG"] += 1


def names_db_path() -> Path | None:
    """The ``names.sqlite3`` of the installed ``arabic-name-romanizer``, if there is one."""
    try:
        import arabic_name_romanizer
    except ImportError:
        return None
    path = Path(arabic_name_romanizer.__file__).parent / "resources" / "names.sqlite3"
    return path if path.is_file() else None


def build_lexicon(shared: str | Path, *, sources: Iterable[str] = ("kb", "names_db",
                                                                  "arabic_names", "cities"),
                  clusters: dict[str, str] | None = None) -> Lexicon:
    """The lexicon from the chosen ``sources`` (and a cluster table)."""
    shared = Path(shared)
    b = LexiconBuilder()
    for source in sources:
        if source == "kb":
            b.add_kb()
        elif source == "names_db":
            path = names_db_path()
            if path is None:
                raise ImportError("the names database needs `pip install arabic-name-romanizer`")
            b.add_names_db(path)
        elif source == "arabic_names":
            b.add_arabic_names(shared)
        elif source == "cities":
            b.add_cities(shared)
        elif source == "orgs":
            b.add_orgs()
        else:
            raise ValueError(f"unknown lexicon source {source!r}")
    return b.build(clusters)
