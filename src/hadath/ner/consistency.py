"""One reading per name in a document: label propagation after tagging.

A news article names the same person, organisation or place several times,
and a tagger sees each sentence alone: «نوكيا» may be found as ORG in one
sentence and missed in the next. After the sentences of a document are
tagged, every name the tagger found with one type only (its first token
without proclitics, the rest as written, in the matching form) is also
tagged wherever it occurs untagged in the same document, longest names
first; the last word of a person's name of two or more words counts as a
name too («سعد الحريري» … «وقال الحريري»). Names found with two different
types, and one-token names of two letters or fewer, are left alone.

On ANERcorp's dev split (no document boundaries there: blocks of
consecutive sentences stand for documents) this adds about one point of F1.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..errors import DataFileError
from ..resources import load_json
from ..text.tokens import tokenize
from .evaluate import spans

__all__ = ["PlaceHeads", "adjectives", "fill", "first_words", "organisations", "place_heads",
           "places", "propagate", "teams"]

Forms = Callable[[str], tuple[str, str]]  # token → (norm, core)


def propagate(sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]],
              forms: Forms, max_len: int = 6, surnames: bool = True) -> list[list[str]]:
    """``tags`` with the document's names tagged wherever they recur untagged.

    With ``surnames``, the last word of a person's name of two or more words
    is a name of its own («سعد الحريري» … «وقال الحريري»).
    """
    seen: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    keyed: list[tuple[list[str], list[str]]] = []
    for toks, tg in zip(sentences, tags, strict=True):
        pairs = [forms(t) for t in toks]
        norms = [p[0] for p in pairs]
        cores = [p[1] for p in pairs]
        keyed.append((norms, cores))
        for s, e, kind in spans(tg):
            if e - s <= max_len:
                seen[(cores[s], *norms[s + 1:e])][kind] += 1
                if surnames and kind == "PER" and e - s >= 2:
                    seen[(norms[e - 1],)][kind] += 1
    names = {k: c.most_common(1)[0][0] for k, c in seen.items()
             if len(c) == 1 and (len(k) > 1 or len(k[0]) > 2)}
    if not names:
        return [list(t) for t in tags]
    longest = max(len(k) for k in names)
    out: list[list[str]] = []
    for (norms, cores), tg in zip(keyed, tags, strict=True):
        new = list(tg)
        n = len(new)
        i = 0
        while i < n:
            step = 1
            if new[i] == "O":
                for size in range(min(longest, n - i), 0, -1):
                    found = names.get((cores[i], *norms[i + 1:i + size]))
                    if found is None or any(t != "O" for t in new[i:i + size]):
                        continue
                    if i + size < n and new[i + size].startswith("I-"):
                        continue
                    new[i] = "B-" + found
                    for j in range(i + 1, i + size):
                        new[j] = "I-" + found
                    step = size
                    break
            i += step
        out.append(new)
    return out


def fill(sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]], forms: Forms,
         names: Mapping[str, str], bodies: Collection[str], nisba: Collection[str],
         max_len: int = 8, starts: Collection[str] | None = None) -> list[list[str]]:
    """``tags`` with known names the tagger left untagged, and ORG names widened.

    ``names`` maps known names (matching forms, words joined by one space)
    to ORG or LOC; ``bodies`` are words naming a state body («الجيش»,
    «الشرطة»), ORG when a nisba adjective follows («الجيش الباكستاني»);
    an ORG span followed by a nisba adjective takes it in («وزارة الداخلية
    اللبنانية»). Only untagged tokens are ever tagged, longest names first.
    ``starts``, the first words of ``names`` (:func:`first_words`), may be
    passed to save computing them for every call.
    """
    out: list[list[str]] = []
    if starts is None:
        starts = first_words(names)
    for toks, tg in zip(sentences, tags, strict=True):
        pairs = [forms(t) for t in toks]
        norms = [p[0] for p in pairs]
        cores = [p[1] for p in pairs]
        new = list(tg)
        n = len(new)
        i = 0
        while i < n:
            step = 1
            if new[i] == "O" and (cores[i] in starts or cores[i] in bodies):
                for size in range(min(max_len, n - i), 0, -1):
                    if any(t != "O" for t in new[i:i + size]):
                        continue
                    if i + size < n and new[i + size].startswith("I-"):
                        continue
                    key = " ".join([cores[i], *norms[i + 1:i + size]])
                    kind = names.get(key)
                    if kind is None and size == 2 and key.split(" ")[0] in bodies \
                            and norms[i + 1] in nisba:
                        kind = "ORG"
                    if kind is None:
                        continue
                    new[i] = "B-" + kind
                    for j in range(i + 1, i + size):
                        new[j] = "I-" + kind
                    step = size
                    break
            i += step
        for _start, end, kind in spans(new):  # «وزارة الداخلية» + «اللبنانية»
            if kind == "ORG" and end < n and new[end] == "O" and norms[end] in nisba:
                new[end] = "I-ORG"
        out.append(new)
    return out



def first_words(names: Mapping[str, str]) -> frozenset[str]:
    """The first words of the keys of ``names``."""
    return frozenset(k.split(" ", 1)[0] for k in names)


# «فريق/فريقي/نادي X»: the head nouns of a sports club's name (matching forms, no clitics).
TEAM_HEADS = frozenset(("فريق", "فريقي", "نادي"))
# Words after «فريق» that make it a team of people, not a club («فريق التحقيق»), and
# words a club's name does not run on into (relative pronouns).
NOT_CLUBS = frozenset(("العمل", "التحقيق", "العاصمه", "المدينه", "البلد", "الخبراء",
                       "المحققين", "المفتشين", "الانقاذ", "الاطباء", "الامم", "الدوله",
                       "الذي", "التي", "الذين", "اللذين", "اللتين"))
_SEPARATORS = frozenset(("-", "–", ":", ")", "،", ",", "("))
_CLUB_WORDS = 2  # words of an untagged club name after its head noun


def teams(sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]],
          forms: Forms) -> list[list[str]]:
    """``tags`` with sports clubs read as organisations, as ANERcorp and news do.

    A place right after «فريق», «فريقي» or «نادي» is the club named after it
    («فريق المغرب التطواني», «نادي قطر»); a definite name of one or two words the
    tagger left untagged there is one too («فريقي الرجاء البيضاوي»); a place
    between separators and followed by its country in brackets is a club in a
    results list («- برشلونة ( إسبانيا )»)."""
    out: list[list[str]] = []
    for toks, tg in zip(sentences, tags, strict=True):
        new = list(tg)
        n = len(new)
        pairs = [forms(t) for t in toks]
        for s, e, kind in spans(tg):
            after_head = s > 0 and pairs[s - 1][1] in TEAM_HEADS
            listed = (e + 2 < n and toks[e] == "(" and tg[e + 1] == "B-LOC" and toks[e + 2] == ")"
                      and (s == 0 or toks[s - 1] in _SEPARATORS))
            if kind == "LOC" and (after_head or listed):
                new[s:e] = ["B-ORG"] + ["I-ORG"] * (e - s - 1)
        for i in range(n - 1):
            j = i + 1
            if pairs[i][1] not in TEAM_HEADS or new[j] != "O":
                continue
            k = j
            while (k < n and k - j < _CLUB_WORDS and new[k] == "O" and toks[k].isalpha()
                   and pairs[k][0].startswith("ال") and pairs[k][0] not in NOT_CLUBS):
                k += 1
            if k > j and (k == n or not new[k].startswith("I-")):
                new[j:k] = ["B-ORG"] + ["I-ORG"] * (k - j - 1)
        out.append(new)
    return out



# lexicon classes of a word that may stand before a person's name in apposition
_BEFORE_NAMES = frozenset(("title", "given", "surname", "kb_first", "kb_last", "kb_per"))


def adjectives(sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]],
               forms: Forms, words: Mapping[str, str]) -> list[list[str]]:
    """``tags`` without one-word persons that are adjectives: a definite nisba right
    after a definite noun agrees with it («الهجوم الحوثي», the Houthi attack).

    Arabic puts a name after a definite noun only in apposition, and the noun
    is then a title or a name itself («الرئيس الحريري», «الشيخ الحريري»); a noun in
    construct with a name has no article («اغتيال الحريري»). ``words`` is the
    lexicon's word classes (matching form → classes)."""
    out: list[list[str]] = []
    for toks, tg in zip(sentences, tags, strict=True):
        new = list(tg)
        for s, e, kind in spans(tg):
            if kind != "PER" or e - s != 1 or s == 0 or tg[s - 1] != "O":
                continue
            norm, _ = forms(toks[s])
            prev, prev_core = forms(toks[s - 1])
            if not (norm.startswith("ال") and norm.endswith("ي") and prev.startswith("ال")
                    and len(prev) > 3 and prev.isalpha()):
                continue
            classes = {c for f in (prev, prev_core) for c in words.get(f, "").split()}
            if not classes & _BEFORE_NAMES and not any(c.startswith("title") for c in classes):
                new[s] = "O"
        out.append(new)
    return out


# lexicon classes of a word that names an organisation, and of one that names a place or a person
ORG_CLASSES = frozenset(("org_IGO", "org_MEDIA", "org_ARMED_GROUP", "org_PARTY", "org_NGO"))
_PLACE_OR_PERSON = frozenset(("country", "city", "city_big", "city_small", "kb_loc", "given",
                              "surname", "kb_first", "kb_per"))


def organisations(sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]],
                  forms: Forms, words: Mapping[str, str]) -> list[list[str]]:
    """``tags`` with one-word places and persons that can only be organisations made ORG.

    A word the lexicon (``words``: matching form → classes) knows as the name of
    an international organisation, a medium, an armed group, a party or an NGO
    and not as a place, a given name or a surname («الناتو», «إيساف», «الليكود»)
    is an organisation wherever the tagger read it as a place or a person."""
    out: list[list[str]] = []
    for toks, tg in zip(sentences, tags, strict=True):
        new = list(tg)
        for s, e, kind in spans(tg):
            if e - s != 1 or kind not in ("LOC", "PER"):
                continue
            norm, core = forms(toks[s])
            classes = {c for f in (norm, core) for c in words.get(f, "").split()}
            if classes & ORG_CLASSES and not classes & _PLACE_OR_PERSON:
                new[s] = "B-ORG"
        out.append(new)
    return out


@dataclass(frozen=True)
class PlaceHeads:
    """Head nouns of places, heads of two, and common nouns after a head (matching forms)."""

    heads: frozenset[str]
    duals: frozenset[str]
    not_names: frozenset[str]


@lru_cache(maxsize=1)
def place_heads() -> PlaceHeads:
    """The packaged ``data/ar/place_heads.json`` (validated; cached)."""
    rel = "ar/place_heads.json"
    raw = load_json(rel)

    def forms(key: str) -> frozenset[str]:
        out = set()
        for word in raw[key]:
            toks = [t.norm for t in tokenize(str(word)) if t.norm]
            if len(toks) != 1:
                raise DataFileError(f"{rel}: {key} holds one word each, not {word!r}")
            out.add(toks[0])
        return frozenset(out)

    try:
        return PlaceHeads(forms("heads"), forms("duals"), forms("not_names"))
    except (KeyError, TypeError) as e:
        raise DataFileError(f"{rel}: expected the lists heads, duals and not_names ({e})") from e


def _bare_name(tags: Sequence[str], toks: Sequence[str], norm: str, j: int) -> bool:
    """Whether token ``j`` is an untagged word of letters that no name runs on past."""
    return (tags[j] == "O" and toks[j].isalpha() and len(norm) > 4
            and not (j + 1 < len(tags) and tags[j + 1].startswith("I-")))


def places(sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]], forms: Forms,
           heads: PlaceHeads | None = None) -> list[list[str]]:
    """``tags`` with the untagged place an indefinite head noun names made LOC.

    «حي الدورة», «بشارع السعدون», «نهر الليطاني»: a head of ``heads`` (default:
    the packaged list) followed by an untagged definite word that is not a
    common noun after such heads (``not_names``); after a head of two
    («بلدتي الفارعة وطلوزة») the word after «و» too. One word each: longer names
    are the tagger's."""
    h = heads or place_heads()
    out: list[list[str]] = []
    for toks, tg in zip(sentences, tags, strict=True):
        new = list(tg)
        n = len(new)
        pairs = [forms(t) for t in toks]
        for i in range(n - 1):
            head = pairs[i][1]
            if new[i] != "O" or (head not in h.heads and head not in h.duals):
                continue
            if head == "بلده" and not toks[i].endswith("ة"):
                continue  # «بلده», his country
            norm = pairs[i + 1][0]
            if not (norm.startswith("ال") and norm not in h.not_names
                    and _bare_name(new, toks, norm, i + 1)):
                continue
            if i + 2 < n and pairs[i + 2][0].startswith("ال"):
                continue  # «منطقة الغوطة الشرقية»: a longer name, the tagger's
            new[i + 1] = "B-LOC"
            k = i + 2
            if head in h.duals and k < n and pairs[k][0].startswith("و") \
                    and pairs[k][1] not in h.not_names \
                    and _bare_name(new, toks, pairs[k][0], k):
                new[k] = "B-LOC"
        out.append(new)
    return out
