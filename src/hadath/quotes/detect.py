"""Finding reported speech: direct quotes in quotation marks, and indirect speech.

A **direct quote** is the text between a pair of quotation marks on one line
(«…», “…”, "…"), unless it is a name: a quoted stretch right after a naming
word («حزب "القوات اللبنانية"», «اطلع عليه "ألترا عراق"»), one that is an
entity's name, a line that is only the quotation (a heading), or a short one
(three words or fewer) with no speech cue before it.

**Indirect speech** follows a speech verb or participle and a complementizer
(«قال إن …», «مشيرًا إلى أن …») or a verb's preposition («شدد على …»,
«حذر من …»); it runs to the end of the sentence, or to the comma before the
next cue or source («، مضيفًا», «، بحسب …»). Speech that is itself in
quotation marks is left to the direct quote.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from ..doc import Document, Token
from .lexicon import Lexicon, bare, is_statement, lexicon

_CLOSE_SEARCH = 1500  # a quotation closes within this many characters on its line


@dataclass(slots=True)
class Found:
    start: int
    end: int
    kind: str  # direct | indirect
    cue: int | None  # token index of the speech cue, if any
    after: bool = False  # the cue follows the quote («"…"، قال الوزير»)
    chained: bool = False  # «قال: "…" و"…"»: the second takes the first's speaker


def find_quotes(doc: Document) -> list[Found]:
    lex = lexicon()
    toks = doc.tokens
    starts = [t.start for t in toks]
    direct = _direct(doc, toks, starts, lex)
    indirect = _indirect(doc, toks, lex, direct)
    return sorted(direct + indirect, key=lambda f: f.start)


def _pairs(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """(open, close) offsets of quotation-mark pairs that close on the same line."""
    out = []
    i, n = 0, len(text)
    opens = lex.quote_pairs
    while i < n:
        c = text[i]
        if c in opens:
            close = opens[c]
            limit = min(n, i + _CLOSE_SEARCH)
            nl = text.find("\n", i, limit)
            end = text.find(close, i + 1, nl if nl != -1 else limit)
            if end != -1 and end > i + 1:
                out.append((i, end))
                i = end + 1
                continue
        i += 1
    return out


def _tok_at(starts: Sequence[int], offset: int) -> int:
    return bisect_left(starts, offset)


def _direct(doc: Document, toks: Sequence[Token], starts: Sequence[int],
            lex: Lexicon) -> list[Found]:
    text = doc.text
    names = {(m.start, m.end) for e in doc.entities for m in e.mentions}
    out: list[Found] = []
    prev_end = -10
    for o, c in _pairs(text, lex):
        s, e = o + 1, c
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s:
            continue
        first, last = _tok_at(starts, s), _tok_at(starts, e)  # the quoted tokens
        n_words = sum(1 for t in toks[first:last] if t.text[:1].isalnum())
        opening, closing = _tok_at(starts, o), _tok_at(starts, c)
        line_start = text.rfind("\n", 0, o) + 1
        line_end = text.find("\n", c)
        line_end = len(text) if line_end == -1 else line_end
        only_line = not text[line_start:o].strip() and not text[c + 1:line_end].strip(" .،,")
        prev = toks[opening - 1] if opening > 0 else None
        if prev is not None and prev.start >= line_start and bare(prev) in lex.naming_words:
            continue
        if (s, e) in names or only_line:
            continue
        chained = _chained(text, prev_end, o)
        cue, after = _cue_before(toks, opening - 1, lex, line_start), False
        if cue is None and not chained:
            cue = _cue_after(toks, closing + 1, lex, line_end)
            after = cue is not None
        if cue is None and not chained and n_words <= 3:
            continue
        out.append(Found(s, e, "direct", cue, after=after, chained=chained))
        prev_end = c
    return out


def _chained(text: str, prev_end: int, o: int) -> bool:
    """«"…" و"…"» or «"…"، و"…"»: only a conjunction between two quotations."""
    return prev_end >= 0 and re.fullmatch(r"[\s،,]*و?\s*", text[prev_end + 1:o]) is not None


def _cue_before(toks: Sequence[Token], k: int, lex: Lexicon, line_start: int) -> int | None:
    """The speech cue governing a quotation that starts after token ``k``; after a
    colon («وقال غني في كلمته أمام مؤتمر … : "…"») it may lie further back."""
    steps = 0
    reach = 40 if k >= 0 and toks[k].text == ":" else 20
    while k >= 0 and toks[k].start >= line_start and steps < reach:
        t = toks[k]
        if t.text in (".", "؟", "!"):
            return None
        if lex.is_cue(bare(t)) or is_statement(toks, k, lex):
            return k
        k -= 1
        steps += 1
    return None


def _cue_after(toks: Sequence[Token], k: int, lex: Lexicon, line_end: int) -> int | None:
    """«"…"، قال الوزير» / «"…"، بحسب الوكالة»: a cue right after the closing mark."""
    limit = k + 2
    for j in range(k, min(len(toks), k + 4)):
        t = toks[j]
        if t.start >= line_end or j >= limit:
            return None
        form = bare(t)
        if lex.is_cue(form) or form in lex.source_preps:
            return j
        if form in lex.after_quote:
            limit = j + 2  # «"…"، كما قال الوزير»
    return None


def _indirect(doc: Document, toks: Sequence[Token], lex: Lexicon,
              direct: list[Found]) -> list[Found]:
    out: list[Found] = []
    quoted = [(f.start - 1, f.end + 1) for f in direct]
    named = frozenset(m.start for e in doc.entities for m in e.mentions)
    n = len(toks)
    k = 0
    while k < n:
        form = bare(toks[k])
        if not lex.is_cue(form) and not is_statement(toks, k, lex):
            k += 1
            continue
        start = _content_start(toks, k, form, lex)
        if start is None or start >= n:
            k += 1
            continue
        end = _content_end(toks, start, lex, named)
        s, e = toks[start].start, toks[end - 1].end
        # Content inside quotation marks, or opening with one, is the direct layer's.
        if (e > s and not any(qs <= s < qe for qs, qe in quoted)
                and _words(toks, start, end) >= 2 and doc.text[s] not in lex.quote_pairs):
            out.append(Found(s, e, "indirect", k))
        k = max(k + 1, end)
    return out


def _content_start(toks: Sequence[Token], k: int, form: str, lex: Lexicon) -> int | None:
    """The first token of what the cue at ``k`` reports, or None."""
    sent = toks[k].sentence
    prep = lex.prepositions.get(form)
    if (form in lex.impersonal and k + 1 < len(toks)
            and (bare(toks[k + 1]) in lex.complementizers or bare(toks[k + 1]) == prep)):
        return None  # «يذكر أن …»: "it is worth noting", no one speaks
    for j in range(k + 1, min(len(toks), k + 9)):
        t = toks[j]
        if t.sentence != sent or t.text in (".", "؟", "!", ":"):
            return None
        f = bare(t)
        if f in lex.complementizers:
            if bare(toks[j - 1]) in lex.not_reporting:
                return None  # «… إلا أن اللجنة رفضت»: a conjunction, nothing reported
            return j + 1
        if lex.is_cue(f) and f not in lex.participles:
            return None  # «أبدت بغداد استياءها، وقال العبادي إنه …»: the nearer verb's
        if prep and (f == prep or (prep == "ب" and f.startswith("ب") and j == k + 1)):
            if j + 1 < len(toks) and bare(toks[j + 1]) in lex.complementizers:
                return j + 2
            if prep in ("علي", "من") or (prep == "الي" and form not in _CALLS):
                return j + 1
            return None
        if prep == "الي" and f.startswith("الي") and j == k + 1:
            return None  # «أشار إليه»: a pronoun, nothing reported
    return None


# Calls («دعا إلى …») are REQUEST events, not reported speech (normalised forms).
_CALLS = frozenset(("دعا", "دعت", "داعيا", "يدعو", "تدعو"))


def _content_end(toks: Sequence[Token], start: int, lex: Lexicon,
                 named: frozenset[int] = frozenset()) -> int:
    """Where indirect speech starting at token ``start`` ends: at the end of its sentence,
    at the comma before a participle or a source, or before «و» + a speech verb with a
    named subject of its own («قالت إيران إنها … ووصفت فرنسا التصويت …»)."""
    sent = toks[start].sentence
    j = start
    while j < len(toks) and toks[j].sentence == sent:
        t = toks[j]
        if (j > start and j + 1 < len(toks) and t.words[0].kind == "conj"
                and bare(t) in lex.verbs and _names_at(toks[j + 1], named)):
            break
        if t.text in ("،", ",", "؛") and j + 1 < len(toks):
            nxt = bare(toks[j + 1])
            if nxt in lex.participles or nxt in lex.sources or nxt in lex.source_preps:
                break
            if toks[j + 1].text[:1] in lex.quote_pairs:
                break
        j += 1
    while j > start and not toks[j - 1].text[:1].isalnum() and toks[j - 1].text not in ('"', "»",
                                                                                        "”", ")"):
        j -= 1
    return j


def _names_at(tok: Token, named: frozenset[int]) -> bool:
    """Whether an entity mention starts in token ``tok`` (after its clitics)."""
    return any(w.start in named for w in tok.words) or tok.start in named


def _words(toks: Sequence[Token], i: int, j: int) -> int:
    return sum(1 for t in toks[i:j] if t.text[:1].isalnum())
