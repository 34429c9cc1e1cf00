"""Finding event triggers: the words of an article that name a PLOVER event.

``find_triggers(doc)`` walks the tokens once. Each token is read as its stem
without the conjunction, future and preposition clitics and the article, and
with an attached pronoun set aside («واستقبله» → «استقبل»; «وزيارته» →
«زيارة»). The stem is looked up in the lexicon's index of first slots
(:mod:`hadath.events.lexicon`); the rest of a multiword cue is then checked
to the right, within the sentence. Among overlapping matches the longest cue
wins, then the surest entry: «وقف إطلاق النار» is one ceasefire, not an
ASSAULT «إطلاق النار»; «دعا … لزيارة» is an invitation (AGREE), not a
REQUEST and a CONSULT.

A match is a *trigger*, not yet an event: whether «زيارة» or «هجوم» is a
political event depends on who visits or attacks, which argument assignment
decides (a tourist's visit to a museum, a striker's «هجوم», a company's
«استهداف» of a market are dropped there, for want of political actors).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..doc import Document, Token
from ..text.clitics import load_vocab
from ..text.normalize import normalize_light
from .lexicon import SHADDA, Entry, Lexicon, Slot, lexicon

__all__ = ["Trigger", "find_triggers"]

_DAMMA = "\u064f"
_FATHA = "\u064e"
_MARKS = frozenset(chr(c) for c in range(0x064B, 0x0660)) | {"\u0670", "\u0640"}
_MARKS_STR = "".join(sorted(_MARKS))
_PROCLITICS = frozenset({"prep", "fut", "det"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """A lexicon match in the text.

    ``start``/``end`` are offsets into ``doc.text`` covering the cue from its
    first to its last matched word (a leading و/ف is left out); ``token`` and
    ``last_token`` are the same range in ``doc.tokens``. ``roles`` and
    ``prep`` are the entry's hints for argument assignment: ``roles`` maps
    ``subject``/``object``/``genitive`` or a preposition to ``actor``,
    ``recipient``, ``content`` or ``place`` («استقبل»: the subject is the
    host, i.e. the recipient); ``prep`` is the preposition (or ``|``-separated
    prepositions) that introduces the other party («مع|ب» for «التقى»).
    ``passive`` is set for passive-only forms («استُشهد») and for verbs whose
    vowel marks say passive («قُتل», «اعتُقل», «يُقتَل»); argument assignment
    then reads the grammatical subject as the recipient. ``nominal`` marks a
    noun cue («زيارة», «اعتقال»). ``weight`` is the entry's confidence.
    """

    start: int
    end: int
    token: int
    last_token: int
    event: str
    mode: tuple[str, ...]
    cameo: str | None
    entry: str
    roles: Mapping[str, str]
    prep: str | None
    passive: bool
    nominal: bool
    weight: float = 1.0


class _Read:
    """A token read for matching; depends on the token's text only, so it is cached."""

    __slots__ = ("anchors", "body", "det", "glued", "keys", "light", "lighttext", "prep", "stem",
                 "text", "whole")

    def __init__(self, tok: Token) -> None:
        self.text = tok.text
        self.keys: tuple[str, ...] = ()  # the stem, its spellings before a pronoun, …
        self.det = False
        self.prep: str | None = None  # the proclitic preposition (ب ل ك), if any
        self.stem = 0  # index of the first stem word in token.words
        self.whole = tok.norm  # the token's norm without a leading conjunction
        self.body = ""  # the stem with its attached pronoun, without proclitics
        self.light: str | None = None  # the light form without a leading conjunction
        self.lighttext = tok.text  # … computed from this when first needed
        self.anchors: tuple[tuple[Entry, str], ...] = ()  # entries whose cue starts here
        self.glued: frozenset[str] = frozenset()  # keys that keep a split-off و/ف in the word
        words = tok.words
        if not words:
            return
        i = 0
        n = len(words)
        while i < n - 1 and words[i].kind == "conj":
            i += 1
        conj = words[i - 1].norm if i == 1 else ""
        if i:
            self.whole = "".join(w.norm for w in words[i:])
            self.lighttext = tok.text[words[i].start - tok.start:]
        fut = False
        while i < n - 1 and words[i].kind in _PROCLITICS:
            kind = words[i].kind
            if kind == "det":
                self.det = True
            elif kind == "fut":
                fut = True
            elif self.prep is None:
                self.prep = words[i].norm
            i += 1
        self.stem = i
        j = n
        pron = False
        if j - 1 > i and words[j - 1].kind == "pron":
            j -= 1
            pron = True
        stem = words[i].norm if j == i + 1 else "".join(w.norm for w in words[i:j])
        if not stem:
            return
        # With a pronoun split off, the whole word is read too: the splitter takes
        # a last radical ه for a pronoun («يتوجه» as «يتوج» + ه).
        keys = [*_alternatives(stem), stem + words[n - 1].norm] if pron else [stem]
        if len(stem) >= 4 and not self.det and not self.prep:
            ta = words[n - 1].text.rstrip(_MARKS_STR)[-1:] == "ة"
            light = normalize_light("".join(w.text for w in words[i:j])) \
                if stem[0] in "وف" else ""
            keys += _unsplit(stem, fut, pron or ta, light)
            if conj:
                plain = set(keys)
                glued = [k for k in (conj + stem, *_unsplit(conj + stem, fut, pron or ta))
                         if k not in plain]
                keys += glued
                self.glued = frozenset(glued)
        self.keys = tuple(keys)
        self.body = stem + words[n - 1].norm if pron else stem

    def fits(self, slot: Slot) -> str | None:
        """The form by which this token fills ``slot``, or None."""
        kind = slot.kind
        if kind == "prep":
            return self.prep if self.prep in slot.forms else None
        if kind == "digit":
            return self.whole if self.whole.translate(_NUMBER).isdigit() else None
        if kind == "light":
            if self.light is None:
                self.light = normalize_light(self.lighttext)
            return self.light if self.light in slot.forms else None
        for key in self.keys:
            if key in slot.forms:
                break
        else:
            if kind == "word" and self.whole in slot.forms:
                return self.whole
            return None
        if self.body in slot.exclude:
            return None
        if kind == "verb":
            if self.det or (self.prep is not None
                            and (self.prep != "ل" or key not in slot.present)):
                return None
            if key in slot.shadda and SHADDA not in self.text:
                return None
        return key

    def find_anchors(self, index: Mapping[str, tuple[Entry, ...]]) -> None:
        found: list[tuple[Entry, str]] = []
        seen: set[str] = set()
        for key in (*self.keys, self.whole):
            for e in index.get(key, ()):
                if e.id not in seen:
                    seen.add(e.id)
                    form = self.fits(e.slots[e.anchor])
                    if form is not None:
                        found.append((e, form))
        self.anchors = tuple(found)


_PRONOUNS = ("هما", "كما", "هم", "ها", "هن", "كم", "نا", "ه")
_NUMBER = str.maketrans("", "", ",.%")
_CACHE_SIZE = 1 << 17


def _freq(light: str) -> int:
    """How often a light-form stem occurs in the corpus, as itself or before a pronoun."""
    vocab = load_vocab()
    n = vocab.get(light, 0)
    if light.endswith("ت"):
        n += vocab.get(light[:-1] + "ة", 0)
    return n


def _alternatives(stem: str) -> tuple[str, ...]:
    """The stem as written alone, for a stem written before a pronoun («زيارت» → «زياره»)."""
    last = stem[-1:]
    if last == "ت":
        return (stem, stem[:-1] + "ه")
    if last == "ا":  # «التقاه»: التقى; «دعاه» stays دعا
        return (stem, stem[:-1] + "ي")
    if last == "و":  # «اتهموه»: اتهموا
        return (stem, stem + "ا")
    return (stem,)


def _unsplit(stem: str, fut: bool, pron: bool, light: str = "") -> list[str]:
    """Readings of a stem whose clitics the splitter left on (rare forms:
    «ويتهمها», «سيبحثان», «أهنئكم»): without و/ف, without س, without a pronoun.
    ``pron`` is also set when the word ends in ة, whose folded ه is no pronoun.
    A leading و/ف is only dropped when the rest is not much rarer in the corpus
    than the whole (``light`` is the stem in the light form): «وزارته» is the
    ministry, not و + «زارته». (The reverse mistake, a first letter taken
    for a conjunction — «وساطتها» as و + «ساطتها» — is undone by the caller,
    which reads the word whole too.)"""
    bases = [stem]
    if len(stem) >= 4 and stem[0] in "وف" and 4 * _freq(light[1:]) >= _freq(light):
        bases.append(stem[1:])
    if not fut:
        bases += [b[1:] for b in bases if len(b) >= 4 and b[0] == "س" and b[1] in "يتنا"]
    out = bases[1:]
    if not pron:
        for b in bases:
            for p in _PRONOUNS:
                if b.endswith(p) and len(b) - len(p) >= 3:
                    out += _alternatives(b[:-len(p)])
                    break
    return out


def _passive_marks(text: str, present: bool) -> bool:
    """Whether the vowel marks of a verb form say passive («قُتل», «اعتُقل», «يُقتَل»)."""
    letters: list[list[str]] = []
    for ch in text:
        if ch in _MARKS:
            if letters:
                letters[-1][1] += ch
        else:
            letters.append([ch, ""])
    if len(letters) < 3:
        return False
    if present:
        return _DAMMA in letters[0][1] and _FATHA in letters[-2][1]
    last = len(letters) - 1
    for k, (_, marks) in enumerate(letters):
        if _DAMMA not in marks or k == last:
            continue
        if k == last - 2 and letters[-2][0] == "و" and letters[-1][0] == "ا":
            continue  # قتلُوا: the active third person plural
        return True
    return False


class _Matcher:
    __slots__ = ("blockers", "cache", "index", "n", "reads", "tokens")

    def __init__(self, doc: Document, lex: Lexicon) -> None:
        self.tokens = doc.tokens
        self.n = len(self.tokens)
        self.index = lex.index
        self.blockers = lex.verb_blockers
        self.cache = lex.cache
        self.reads: list[_Read | None] = [None] * self.n

    def read(self, i: int) -> _Read:
        r = self.reads[i]
        if r is None:
            r = self.reads[i] = self._read(self.tokens[i])
        return r

    def _read(self, tok: Token) -> _Read:
        key = (tok.text, len(tok.words))
        r = self.cache.get(key)
        if r is None:
            if len(self.cache) >= _CACHE_SIZE:
                self.cache.clear()
            r = _Read(tok)
            r.find_anchors(self.index)
            self.cache[key] = r
        return r

    def fits(self, slot: Slot, i: int) -> bool:
        return self.read(i).fits(slot) is not None

    def rest(self, slots: tuple[Slot, ...], k: int, pos: int, sent: int) -> list[int] | None:
        """Token indices of the positive slots ``slots[k:]`` matched from ``pos`` on."""
        if k == len(slots):
            return []
        s = slots[k]
        ok = pos < self.n and self.tokens[pos].sentence == sent
        if s.negative:
            if ok and self.fits(s, pos):
                return None
            return self.rest(slots, k + 1, pos, sent)
        if s.kind == "gap":
            nxt = slots[k + 1]
            if nxt.negative:  # none of the next tokens may match (the pattern ends here)
                for p in range(pos, min(pos + s.gap + 1, self.n)):
                    if self.tokens[p].sentence != sent:
                        break
                    if self.fits(nxt, p):
                        return None
                return []
            for p in range(pos, min(pos + s.gap + 1, self.n)):
                if self.tokens[p].sentence != sent:
                    break
                if self.fits(nxt, p):  # the first fit decides: no backtracking
                    more = self.rest(slots, k + 2, p + 1, sent)
                    return None if more is None else [p, *more]
            return None
        if ok and self.fits(s, pos):
            more = self.rest(slots, k + 1, pos + 1, sent)
            if more is not None:
                return [pos, *more]
        return None

    def candidates(self) -> list[tuple[Entry, list[int], str]]:
        found: list[tuple[Entry, list[int], str]] = []
        tokens = self.tokens
        reads = self.reads
        cache = self.cache
        for i, tok in enumerate(tokens):
            r = reads[i]
            if r is None:
                r = cache.get((tok.text, len(tok.words))) or self._read(tok)
                reads[i] = r
            anchors = r.anchors
            if not anchors:
                continue
            sent = tokens[i].sentence
            for e, form in anchors:
                a = e.anchor
                if a and i > 0 and tokens[i - 1].sentence == sent and self.fits(e.slots[0], i - 1):
                    continue  # the negative slot before the cue
                if (e.slots[a].kind == "verb" and i > 0 and tokens[i - 1].sentence == sent
                        and tokens[i - 1].norm in self.blockers):
                    continue  # «بعد إدانته»: a noun after a preposition, not «أدانته»
                more = self.rest(e.slots, a + 1, i + 1, sent) if len(e.slots) > a + 1 else []
                if more is not None:
                    found.append((e, [i, *more], form))
        return found

    def trigger(self, e: Entry, idxs: list[int], form: str) -> Trigger:
        first, last = self.tokens[idxs[0]], self.tokens[idxs[-1]]
        r = self.read(idxs[0])
        start = first.start
        if form not in r.glued:
            start = next((w.start for w in first.words if w.kind != "conj"), first.start)
        slot = e.slots[e.anchor]
        passive = form in slot.passive
        if not passive and slot.kind == "verb":
            passive = _passive_marks(first.words[r.stem].text,
                                     form in slot.present and form not in slot.past)
        return Trigger(start=start, end=last.end, token=idxs[0], last_token=idxs[-1],
                       event=e.event, mode=e.mode, cameo=e.cameo, entry=e.id, roles=e.roles,
                       prep=e.prep, passive=passive, nominal=e.nominal, weight=e.weight)


def find_triggers(doc: Document, lex: Lexicon | None = None) -> list[Trigger]:
    """Every trigger in ``doc`` (which needs its tokens), sorted by start.

    Overlapping matches are resolved: a cue that shares a matched word with a
    longer cue (more matched words), or with an equally long but surer one,
    is dropped; words inside a multiword cue's gap stay free, and so does the
    word a ``P:`` slot checks («تهديد … بفرض عقوبات»: the threat's content is a
    cue of its own).
    """
    m = _Matcher(doc, lex if lex is not None else lexicon())
    found = m.candidates()
    found.sort(key=lambda c: (-c[0].size, -c[0].weight, c[1][0]))
    taken: set[int] = set()
    out: list[Trigger] = []
    for e, idxs, form in found:
        claim = [i for i, mine in zip(idxs, e.claims, strict=True) if mine]
        if taken.isdisjoint(claim):
            taken.update(claim)
            out.append(m.trigger(e, idxs, form))
    out.sort(key=lambda t: (t.start, t.end))
    return out
