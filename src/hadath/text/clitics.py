"""Clitic segmentation of Arabic word forms, decided by corpus frequencies.

A written form is ``[conj] [prep | fut] [det] stem [pron]``: conjunctions
و ف, prepositions ب ل ك (or the future marker س before an imperfect verb),
the article ال, and an enclitic pronoun. ``split(form)`` takes a form in the
light normal form (:func:`~hadath.text.normalize.normalize_light`, which
keeps ة ى and hamza forms) and returns its pieces as ``(text, kind)`` pairs
whose texts concatenate to the form.

A clitic is split off only when the rest is an attested word and the whole
form is not more plausible as a word of its own. The evidence is the
frequency table ``ar/vocab.tsv.gz`` (word forms of 31k news articles); the
rules and thresholds are data in ``ar/clitics.json``:

* **proclitics** (و ف, then ب ل ك س): the remainder must be attested (as
  itself or with the article, or through its own analysis) with a frequency
  of at least ``rho`` times the whole form's, and the whole form must not
  itself carry clitics that cannot precede this one ("blocking": «الوزير»
  shows that «وزير» is a word, not و + «زير»); when the remainder is rarer
  than the whole, it must also occur with at least ``min_diversity``
  different prefixes (foreign names like «بوست» fail this). A form that is
  better read as stem + pronoun («فيهم» = في + هم, not ف + يهم) is not split
  at the front. An unknown form starting with و is read as و + word.
* **لل** is ل + the article with its alef dropped: «للرئيس» gives the words
  ل (prep) and ل (det) and رئيس, unless the stem itself starts with ل
  («للجنة» = ل + لجنة, decided by comparing الرئيس-like and اللجنة-like
  frequencies).
* **the article** is split off whenever at least two letters remain, except
  for the forms in ``det_nosplit`` (form-VIII verbs like «التقى») and
  hamza-less spellings of إل- words («الغاء»).
* **pronouns** (longest first): the stem, allowing for the spelling changes
  before a suffix (ت→ة, ا→ى, ي→ى, ئ/ؤ→ء, و→وا), must be attested ``rho``
  times as often as the whole form; the whole form must not take the article
  (then the ending is part of the word: «البنك», «العربي», nisba ي); ي and
  كن only follow the closed list of hosts in the data.

Words in ``nosplit`` are never split. Decisions are cached per form (the
cache is emptied when it holds more than ``CACHE_SIZE`` forms).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import DataFileError
from ..resources import data_path, iter_tsv, load_json

__all__ = ["CliticSplitter", "Piece", "splitter"]

VOCAB = "ar/vocab.tsv.gz"
RULES = "ar/clitics.json"

Piece = tuple[str, str]  # (text, kind)

CACHE_SIZE = 1 << 19

_PARAMS = ("rho_conj_w", "rho_conj_f", "rho_prep", "rho_prep_k", "rho_fut", "beta_conj",
           "beta_prep", "beta_pron", "gamma_block", "min_unknown", "min_diversity")
_IMPERFECT = frozenset("يتنأ")
_SINGLE = {"و": "conj", "ف": "conj", "ب": "prep", "ل": "prep", "ك": "prep", "ال": "det"}


@dataclass(frozen=True, slots=True)
class _Pronoun:
    text: str
    rho: float
    hosts: frozenset[str] | None


@dataclass(frozen=True, slots=True)
class Rules:
    """The validated content of ``ar/clitics.json``."""

    nosplit: frozenset[str]
    det_nosplit: frozenset[str]
    pronouns: tuple[_Pronoun, ...]  # longest first
    short_hosts: frozenset[str]
    params: Mapping[str, float]

    @classmethod
    def from_json(cls, data: Any, where: str) -> Rules:
        def bad(message: str) -> DataFileError:
            return DataFileError(message, input=where)

        if not isinstance(data, Mapping):
            raise bad("the clitic rules must be a JSON object")
        expected = {"_comment", "nosplit", "det_nosplit", "pronouns", "short_hosts", "params"}
        if set(data) != expected:
            raise bad(f"sections must be {sorted(expected)}, not {sorted(data)}")

        def words(key: str) -> frozenset[str]:
            value = data[key]
            if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
                raise bad(f"{key!r} must be a list of non-empty strings")
            return frozenset(value)

        prons = data["pronouns"]
        if not isinstance(prons, Mapping) or not prons:
            raise bad("'pronouns' must be a non-empty object")
        pronouns = []
        for text, spec in prons.items():
            if not isinstance(spec, Mapping) or set(spec) - {"rho", "hosts"} or "rho" not in spec:
                raise bad(f"pronoun {text!r}: expected {{'rho': number, 'hosts'?: [...]}}")
            rho = spec["rho"]
            hosts = spec.get("hosts")
            if not isinstance(rho, int | float) or rho < 0:
                raise bad(f"pronoun {text!r}: rho must be a non-negative number")
            if hosts is not None and not (isinstance(hosts, list)
                                          and all(isinstance(h, str) and h for h in hosts)):
                raise bad(f"pronoun {text!r}: hosts must be a list of strings")
            pronouns.append(_Pronoun(text, float(rho),
                                     frozenset(hosts) if hosts is not None else None))
        pronouns.sort(key=lambda p: -len(p.text))

        params = data["params"]
        if not isinstance(params, Mapping) or set(params) != set(_PARAMS) or not all(
                isinstance(v, int | float) and v >= 0 for v in params.values()):
            raise bad(f"'params' must give a non-negative number for each of {list(_PARAMS)}")
        return cls(nosplit=words("nosplit"), det_nosplit=words("det_nosplit"),
                   pronouns=tuple(pronouns), short_hosts=words("short_hosts"),
                   params={k: float(v) for k, v in params.items()})


def _alternatives(stem: str) -> tuple[str, ...]:
    """The stem as written alone, for a stem written before a suffix."""
    out = [stem]
    last = stem[-1:]
    if last == "ت":
        out.append(stem[:-1] + "ة")
    elif last in ("ا", "ي"):
        out.append(stem[:-1] + "ى")
    elif last in ("ئ", "ؤ"):
        out.append(stem[:-1] + "ء")
    elif last == "و":
        out.append(stem + "ا")
    return tuple(out)


class CliticSplitter:
    """Splits light-normalised word forms into clitics and stem (see the module docstring)."""

    def __init__(self, vocab: Mapping[str, int], rules: Rules) -> None:
        self._vocab = vocab
        self._rules = rules
        self._p = rules.params
        self._cache: dict[str, tuple[Piece, ...]] = {}
        self._pron_cache: dict[str, tuple[str, str, int] | None] = {}

    # -- evidence -----------------------------------------------------------------

    def freq(self, form: str) -> int:
        """How often ``form`` occurs as a whole token in the corpus (0 if below threshold)."""
        return self._vocab.get(form, 0)

    def _host(self, x: str) -> int:
        """Evidence that ``x`` is a word: its frequency with and without the article."""
        f = self._vocab.get
        if x.startswith("ال") and len(x) > 3:
            return f(x, 0) + f(x[2:], 0)
        return f(x, 0) + f("ال" + x, 0)

    def _definite(self, w: str) -> int:
        f = self._vocab.get
        return f("ال" + w, 0) + f("وال" + w, 0) + f("بال" + w, 0) + f("لل" + w, 0)

    def _stem_evidence(self, stem: str) -> int:
        return max(self._host(a) for a in _alternatives(stem))

    def _deep(self, x: str) -> int:
        """Evidence that ``x`` is a word, possibly with clitics of its own."""
        h = self._host(x)
        for text, kind in self.split(x):
            if kind == "stem":
                if text != x:
                    h = max(h, self._stem_evidence(text))
                break
        return h

    def _diversity(self, rem: str, clitic: str) -> int:
        """With how many different prefixes (none included) ``rem`` is attested."""
        f = self._vocab.get
        if rem.startswith("ال") and len(rem) > 3:
            forms = {rem, rem[2:], "و" + rem, "ف" + rem, "ب" + rem, "ك" + rem, "ل" + rem[1:]}
        else:
            forms = {rem, *(q + rem for q in ("ال", "و", "ف", "ب", "ل", "ك"))}
        forms.discard(clitic + rem)
        if clitic == "ل":
            forms.discard("ل" + rem[1:])
        return sum(1 for x in forms if f(x, 0) > 0)

    def _accept(self, whole: str, rem: str, rho: float, block: int, beta: float,
                diverse: bool) -> bool:
        """Whether to split ``whole`` into a proclitic and ``rem``."""
        fw = self.freq(whole)
        e = self._deep(rem)
        if not e:
            return False
        if fw == 0:
            if e < self._p["min_unknown"] and whole[0] != "و":
                return False
        else:
            if e < rho * fw:
                return False
            if block > beta * fw and (whole[0] != "و" or block > self._p["gamma_block"] * e):
                # The whole form takes clitics that exclude this split («الوزير»); و is
                # so often a clitic that this only counts when it rivals the remainder.
                return False
            if (diverse and e < fw and len(self.split(rem)) == 1
                    and self._diversity(rem, whole[0]) < self._p["min_diversity"]):
                return False  # a remainder seen only here: a name, not a clitic + word
        alt = self._pronoun(whole)
        return not (alt is not None and alt[2] > e)

    # -- analysis -------------------------------------------------------------------

    def _pronoun(self, c: str) -> tuple[str, str, int] | None:
        """``(stem, pronoun, stem evidence)`` if ``c`` (no article) ends in a pronoun."""
        if c in self._pron_cache:
            return self._pron_cache[c]
        found: tuple[str, str, int] | None = None
        if c not in self._rules.nosplit:
            fw = self.freq(c)
            for pron in self._rules.pronouns:
                if not c.endswith(pron.text) or len(c) - len(pron.text) < 2:
                    continue
                stem = c[:-len(pron.text)]
                alts = _alternatives(stem)
                if pron.hosts is not None and not any(a in pron.hosts for a in alts):
                    continue
                e = self._stem_evidence(stem)
                if not e or e < pron.rho * fw:
                    continue
                if len(stem) == 2 and stem not in self._rules.short_hosts and e < fw:
                    continue
                block = self._definite(c)
                if pron.text == "نا":  # «ثمنا» is ثمن with the accusative alef
                    block += self.freq(c[:-1])
                elif pron.text == "ي":  # nisba: «عربية» attests «عربي»
                    block += self.freq(c + "ة")
                if block > self._p["beta_pron"] * fw:
                    continue
                found = (stem, pron.text, e)
                break
        self._pron_cache[c] = found
        return found

    def _det_blocked(self, c: str) -> bool:
        dn = self._rules.det_nosplit
        if c in dn:
            return True
        for pron in self._rules.pronouns:
            if c.endswith(pron.text) and any(a in dn for a in _alternatives(c[:-len(pron.text)])):
                return True
        # «الغاء» for «إلغاء»: the hamzated spelling is attested, the remainder is not
        return self.freq("إ" + c[1:]) > 0 and not self.freq(c[2:])

    def _tail(self, c: str, after_fut: bool) -> list[Piece]:
        """Article, stem and pronoun of ``c`` (what follows the proclitics)."""
        if c in self._rules.nosplit:
            return [(c, "stem")]
        if (not after_fut and c.startswith("ال") and len(c) >= 4
                and not self._det_blocked(c)):
            return [("ال", "det"), (c[2:], "stem")]
        found = self._pronoun(c)
        if found is not None:
            return [(found[0], "stem"), (found[1], "pron")]
        return [(c, "stem")]

    def split(self, form: str) -> tuple[Piece, ...]:
        """The clitic pieces of ``form`` (light normal form, Arabic letters only)."""
        cached = self._cache.get(form)
        if cached is None:
            cached = self._split(form)
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
                self._pron_cache.clear()
            self._cache[form] = cached
        return cached

    def _split(self, w: str) -> tuple[Piece, ...]:
        if w in _SINGLE:
            return ((w, _SINGLE[w]),)
        if len(w) < 2 or w in self._rules.nosplit:
            return ((w, "stem"),)
        p = self._p
        f = self.freq
        out: list[Piece] = []
        c = w
        if c[0] in "وف" and len(c) >= 3:
            rem = c[1:]
            block = (self._definite(c) + f("و" + c) + f("ف" + c) + f("ب" + c) + f("ل" + c)
                     + f("ك" + c))
            rho = p["rho_conj_w"] if c[0] == "و" else p["rho_conj_f"]
            if (self._accept(c, rem, rho, block, p["beta_conj"], diverse=False)
                    or (c[0] == "و" and not f(c) and len(rem) >= 3 and not self._deep(rem))):
                out.append((c[0], "conj"))
                c = rem
        if c in self._rules.nosplit:
            return (*out, (c, "stem"))
        if c[0] in "بلك" and len(c) >= 2:
            rem = c[1:]
            if c[0] in "بل" and any(rem == pr.text and pr.hosts is None
                                     for pr in self._rules.pronouns):
                return (*out, (c[0], "prep"), (rem, "pron"))
            if c.startswith("لل") and len(c) >= 4:
                x = c[2:]
                as_article, as_stem = self._host("ال" + x), self._host("الل" + x)
                if as_article > as_stem or (as_article == as_stem == 0 and not f(c)):
                    return (*out, ("ل", "prep"), ("ل", "det"), (x, "stem"))
            # ك never governs an attached pronoun («كني» is a name, not ك + ني).
            pronoun_only = c[0] == "ك" and any(rem == pr.text for pr in self._rules.pronouns)
            if len(rem) >= 2 and rem != "ال" and not pronoun_only:
                block = (self._definite(c) + f("ب" + c) + f("ك" + c)
                         + (f("ل" + c) if c[0] != "ل" else 0))
                rho = p["rho_prep_k"] if c[0] == "ك" else p["rho_prep"]
                if (self._accept(c, rem, rho, block, p["beta_prep"], diverse=True)
                        or (not f(c) and rem.startswith("ال") and len(rem) >= 5)):
                    out.append((c[0], "prep"))
                    c = rem
        elif c[0] == "س" and len(c) >= 4 and c[1] in _IMPERFECT:
            rem = c[1:]
            block = self._definite(c) + f("ب" + c) + f("ل" + c) + f("ك" + c)
            if self._accept(c, rem, p["rho_fut"], block, p["beta_prep"], diverse=True):
                return (*out, ("س", "fut"), *self._tail(rem, True))
        return (*out, *self._tail(c, False))


@lru_cache(maxsize=1)
def load_vocab() -> Mapping[str, int]:
    """The packaged word-form frequencies (``ar/vocab.tsv.gz``)."""
    vocab: dict[str, int] = {}
    where = str(data_path(VOCAB))
    for line, (form, count) in iter_tsv(VOCAB, ("form", "count")):
        if not count.isdigit():
            raise DataFileError(f"count of {form!r} is not a number: {count!r}",
                                input=where, line=line)
        vocab[form] = int(count)
    return vocab


@lru_cache(maxsize=1)
def splitter() -> CliticSplitter:
    """The shared splitter over the packaged vocabulary and rules (built on first use)."""
    return CliticSplitter(load_vocab(), Rules.from_json(load_json(RULES), str(data_path(RULES))))
